"""What the legend of a map frame says, decided once for every legend (pure, no Qt).

The map's legend (screen and exports, :mod:`dkgis.map.legend`) and the HTML map's
legend (:mod:`dkgis.export.html.legend`) draw their symbols their own way, but show the
same rows, in the same order, with the same words (:mod:`dkgis.wording`):

* :func:`status_key`: the status and location rows of the facilities drawn;
* :func:`emission_key`: the size legend of the emission circles (the same nested round
  values), and the rows and notes that go with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dkgis import wording
from dkgis.model.frame import frame_emissions
from dkgis.symbology.facility_style import STATUS_CLASSES, FacilityStyle
from dkgis.symbology.proportional import legend_values

if TYPE_CHECKING:
    from dkgis.model.frame import MapFrame
    from dkgis.model.project import Project

#: Rows of the status key besides the status classes.
APPROXIMATE = "approximate"
SPREAD = "spread"


def status_key(style: FacilityStyle, hidden: frozenset[str]) -> tuple[str, ...]:
    """The rows of the status and location key, top to bottom: ``operating`` always, then
    ``planned``, ``ended``, :data:`APPROXIMATE` and :data:`SPREAD` when facilities of
    the sectors not ``hidden`` show them."""
    classes = style.classes_shown(hidden)
    rows = [c for c in reversed(STATUS_CLASSES) if c == "operating" or c in classes]
    if style.approximate_shown(hidden):
        rows.append(APPROXIMATE)
    if style.spread_shown(hidden):
        rows.append(SPREAD)
    return tuple(rows)


@dataclass(frozen=True)
class EmissionKey:
    """The size legend of the emission circles of a frame.

    Attributes
    ----------
    heading : str
    sizes : tuple of float
        Tonnes of the nested circles, largest first (empty without verified values).
    size_labels : tuple of str
        Their labels (``10 Mt``).
    area_note : str
    zero : str or None
        Label of the verified-zero marker, when a facility drawn shows one.
    no_data : str or None
        Label of the no-data marker, when a facility drawn shows one.
    notes : tuple of str
        How projected values are made (when some are), and the source of the values.
    """

    heading: str
    sizes: tuple[float, ...]
    size_labels: tuple[str, ...]
    area_note: str
    zero: str | None
    no_data: str | None
    notes: tuple[str, ...]


def emission_key(
    project: Project, frame: MapFrame, years: tuple[int, int] | None = None
) -> EmissionKey:
    """The size legend of the emission circles of ``frame`` (of its year; with ``years``,
    of every year from ``years[0]`` to ``years[1]``: the same legend for every frame of
    an animation)."""
    first, last = years or (frame.year, frame.year)
    style = FacilityStyle.of(project)
    visible = style.sector_mask(frame.hidden_sectors) & style.has_point
    all_values = [frame_emissions(project, frame.replace(year=y)) for y in range(first, last + 1)]
    top = project.verified_matrix().max_value
    sizes = legend_values(top, 3) if top > 0 else ()
    zero = any(((v.values == 0) & v.has_data & visible).any() for v in all_values)
    no_data = any((~v.has_data & visible).any() for v in all_values)
    projected = [v for v in all_values if v.is_projected and v.last_verified is not None]
    notes = []
    if projected:
        notes.append(wording.projection_note(frame.scenario.name, projected[0].last_verified))
    notes.append(wording.emission_source_note(bool(projected)))
    return EmissionKey(
        heading=wording.legend_heading_of_year() if years else wording.legend_heading(frame.year),
        sizes=tuple(sizes),
        size_labels=tuple(wording.megatonnes(v) for v in sizes),
        area_note=wording.circle_area_note(),
        zero=wording.zero_label() if zero else None,
        no_data=(wording.no_data_that_year() if years else wording.no_data_for(frame.year))
        if no_data
        else None,
        notes=tuple(notes),
    )
