"""Column widths that fit a table's width, so that its key column shows without scrolling.

A table whose columns each take their natural width (their longest text) can be wider
than its dock: on a 1366 x 768 laptop the facility table's emission values, its reason
to be, were past the right edge. :class:`ColumnFitter` keeps the columns up to the key
column inside the view: the text columns before it give up width (down to a readable
minimum, their texts elided, the full text in their tooltip) before the key column does;
the columns after it keep their natural width and are reached by scrolling. A column the
user resized keeps the width the user gave it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView

#: Narrowest a text column gets to make room for the key column, in pixels.
MIN_TEXT_COLUMN_PX = 100


def shared_widths(natural: Sequence[int], minimum: Sequence[int], available: int) -> list[int]:
    """Widths of columns shown side by side in ``available`` pixels.

    Each column starts at its ``natural`` width; when they do not fit, every column but
    the last gives up width in proportion to what it can spare (``natural - minimum``),
    then the last one does, down to its own minimum. When even the minimums do not
    fit, the minimums are returned (the view scrolls).

    Parameters
    ----------
    natural, minimum
        Widths in pixels, in the order shown; the last column is the one to keep.
    available
        Width of the view, in pixels.
    """
    widths = list(natural)
    excess = sum(widths) - available
    if excess <= 0 or not widths:
        return widths
    spare = [max(0, n - m) for n, m in zip(natural[:-1], minimum[:-1], strict=True)]
    total = sum(spare)
    if total:
        taken = min(excess, total)
        cuts = [taken * s // total for s in spare]
        # Integer shares may leave a few pixels: take them from the widest spares.
        for i in sorted(range(len(spare)), key=lambda i: spare[i], reverse=True):
            if sum(cuts) >= taken:
                break
            if cuts[i] < spare[i]:
                cuts[i] += 1
        widths[:-1] = [w - c for w, c in zip(widths[:-1], cuts, strict=True)]
        excess -= sum(cuts)
    if excess > 0:
        widths[-1] = max(minimum[-1], widths[-1] - excess)
    return widths


class ColumnFitter(QObject):
    """Keeps the columns of ``table`` up to ``key_column`` inside its view.

    ``natural`` gives each column's natural width (by logical index) and ``key_minimum``
    the narrowest the key column may get (its values must not be cut). ``minimums``, if
    given, says how narrow some other columns may get (by logical index: numbers that
    must stay whole); the rest go down to :data:`MIN_TEXT_COLUMN_PX`. The columns are
    fitted again whenever the view's width changes.
    """

    def __init__(
        self,
        table: QTableView,
        key_column: int,
        natural: Callable[[], list[int]],
        key_minimum: Callable[[], int],
        minimums: Callable[[], dict[int, int]] | None = None,
    ) -> None:
        super().__init__(table)
        self.table = table
        self.key_column = key_column
        self._natural_of = natural
        self._key_minimum_of = key_minimum
        self._minimums_of = minimums
        self._natural: list[int] = []
        self._key_minimum = 0
        self._minimums: dict[int, int] = {}
        self._fitting = False
        #: Logical indexes of the columns the user resized (they keep their width).
        self.user_sized: set[int] = set()
        table.horizontalHeader().sectionResized.connect(self._on_section_resized)
        table.viewport().installEventFilter(self)

    def measure(self) -> None:
        """Measure the natural widths again (texts changed) and fit the columns."""
        self._natural = self._natural_of()
        self._key_minimum = self._key_minimum_of()
        self._minimums = self._minimums_of() if self._minimums_of is not None else {}
        self.fit()

    def fit(self) -> None:
        """Set the widths of the columns for the view's present width."""
        if not self._natural:
            return
        header = self.table.horizontalHeader()
        widths = {c: self._natural[c] for c in range(header.count()) if c not in self.user_sized}
        available = self.table.viewport().width()
        lead = self._lead_columns()
        if lead and available > 0:
            natural = [header.sectionSize(c) if c in self.user_sized else widths[c] for c in lead]
            minimum = [
                natural[i]
                if c in self.user_sized
                else min(natural[i], self._minimums.get(c, MIN_TEXT_COLUMN_PX))
                for i, c in enumerate(lead[:-1])
            ]
            minimum.append(min(natural[-1], self._key_minimum))
            # The header widens a section narrower than its own minimum.
            minimum = [max(m, header.minimumSectionSize()) for m in minimum]
            for c, width in zip(lead, shared_widths(natural, minimum, available), strict=True):
                if c not in self.user_sized:
                    widths[c] = width
        self._fitting = True
        try:
            for column, width in widths.items():
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        finally:
            self._fitting = False

    def _lead_columns(self) -> list[int]:
        """The columns shown before the key column, and the key column, in view order."""
        header = self.table.horizontalHeader()
        if header.isSectionHidden(self.key_column):
            return []
        last = header.visualIndex(self.key_column)
        logical = (header.logicalIndex(v) for v in range(last + 1))
        return [c for c in logical if not header.isSectionHidden(c)]

    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if not self._fitting:
            self.user_sized.add(column)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
