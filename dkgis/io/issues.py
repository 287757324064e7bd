"""One problem found in a dataset, named by its table, row, record and field."""

from __future__ import annotations

from dataclasses import dataclass

from dkgis.i18n import _


@dataclass(frozen=True)
class Issue:
    """One problem found in a dataset.

    Parameters
    ----------
    table
        Table concerned.
    row
        1-based row number in the table, or ``None`` when the whole table is concerned.
    field
        Column concerned (``"geometry"`` for the geometry), or ``None``.
    message
        What is wrong, in plain words.
    record_id
        Key of the row (e.g. the facility or measure id), when it has one.
    facility_id
        Facility the row belongs to, when it is not the row's own key.

    Notes
    -----
    ``str(issue)`` reads ``"facilities row 12 (id FR_956), field name: ..."``.
    """

    table: str
    row: int | None
    field: str | None
    message: str
    record_id: str | None = None
    facility_id: str | None = None

    def __str__(self) -> str:
        text = self.table
        if self.row is not None:
            text = _("{table} row {row}").format(table=self.table, row=self.row)
        ids = []
        if self.record_id:
            ids.append(_("id {id}").format(id=self.record_id))
        if self.facility_id and self.facility_id != self.record_id:
            ids.append(_("facility {id}").format(id=self.facility_id))
        if ids:
            text += f" ({', '.join(ids)})"
        if self.field:
            text = _("{where}, field {field}").format(where=text, field=self.field)
        return f"{text}: {self.message}"
