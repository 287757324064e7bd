"""The set of selected facilities."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from psygnal import Signal


class Selection:
    """The facilities selected by the user (map click, table, search).

    Events
    ------
    changed : Signal(frozenset)
        Emitted with the new set of ids after every change, never when an
        operation leaves the selection as it was.
    """

    changed = Signal(object)

    def __init__(self, ids: Iterable[str] = ()) -> None:
        self._ids: frozenset[str] = _as_ids(ids)

    def __repr__(self) -> str:
        return f"Selection({sorted(self._ids)!r})"

    @property
    def ids(self) -> frozenset[str]:
        """The selected facility ids."""
        return self._ids

    def __contains__(self, facility_id: object) -> bool:
        return facility_id in self._ids

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._ids))

    def set(self, ids: Iterable[str] | str) -> None:
        """Replace the selection (a single id may be passed as a string)."""
        self._update(_as_ids(ids))

    def clear(self) -> None:
        """Select nothing."""
        self._update(frozenset())

    def toggle(self, facility_id: str) -> None:
        """Select the facility if it is not selected, unselect it otherwise."""
        self._update(self._ids ^ {facility_id})

    def add(self, ids: Iterable[str] | str) -> None:
        """Add facilities to the selection."""
        self._update(self._ids | _as_ids(ids))

    def discard(self, ids: Iterable[str] | str) -> None:
        """Remove facilities from the selection (ids not selected are ignored)."""
        self._update(self._ids - _as_ids(ids))

    def _update(self, ids: frozenset[str]) -> None:
        if ids != self._ids:
            self._ids = ids
            self.changed.emit(ids)


def _as_ids(ids: Iterable[str] | str) -> frozenset[str]:
    if isinstance(ids, str):
        return frozenset((ids,))
    return frozenset(ids)
