"""Every sentence that says what a map shows, written once.

The screen (legend, year slider, table, tooltip, details panel), the exports (snapshot
subtitle and footer, PowerPoint, animation, HTML map) and the command line's summaries
all take their words from here: "CO₂ emissions 2030 · projected · scenario Announced
plans", "EU ETS verified", "no data", "t CO₂e", the map's source line. They are
translated once, through the gettext catalog of :mod:`dkgis.i18n` (English source texts);
numbers and dates take the conventions of the same language.

Qt-free: the model, the HTML export and the command line use it as the widgets do.
Data text (facility, scenario and source names) is only ever a value put into a
sentence, never a message to translate.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from dkgis.i18n import _, format_number
from dkgis.model.display import SIZE_JOBS
from dkgis.model.frame import EMISSION_LAYER
from dkgis.model.scenario import scenario_title
from dkgis.model.yearly import NO_DATA, PROJECTED, REPORTED, VERIFIED

if TYPE_CHECKING:
    from dkgis.model.frame import FacilityValue, MapFrame
    from dkgis.model.project import Project

#: The separator between the parts of a caption ("2030 · projected · scenario X").
SEPARATOR = " · "

#: Source id of the EU ETS verified emissions (the values of the emission circles).
VERIFIED_SOURCE = "eutl_verified"

#: Layer drawing the facilities by sector.
FACILITY_LAYER = "facilities"


# -- units and numbers ------------------------------------------------------------------


def unit() -> str:
    """The unit of every emission value: ``t CO₂e``."""
    return _("t CO₂e")


def tonnes(value: float) -> str:
    """``6,410,303 t CO₂e`` (« 6 410 303 t CO₂e » in French)."""
    return _("{value} t CO₂e").format(value=format_number(round(value)))


def tonnes_number(value: float) -> str:
    """The number of tonnes alone, for a column whose header names the unit."""
    return format_number(round(value))


def _significant(value: float, digits: int = 3) -> str:
    """``value`` with at most ``digits`` significant digits and no trailing zeros."""
    if value == 0:
        return format_number(0)
    rounded = float(f"{value:.{digits}g}")
    for decimals in range(digits + 1):
        if abs(round(rounded, decimals) - rounded) < 1e-9 * max(abs(rounded), 1.0):
            return format_number(rounded, decimals)
    return format_number(rounded, digits)


def megatonnes(tonnes_value: float) -> str:
    """``10 Mt``, ``0.5 Mt`` (« 0,5 Mt »): the values of the circle-size legend."""
    return _("{value} Mt").format(value=_significant(tonnes_value / 1e6))


# -- kinds of value ---------------------------------------------------------------------


def kind_word(kind: str) -> str:
    """What a value is, in one word or two: ``verified``, ``projected``, ``reported`` or
    ``no data`` (see :data:`dkgis.model.yearly.VALUE_KINDS`)."""
    words = {
        VERIFIED: _("verified"),
        PROJECTED: _("projected"),
        REPORTED: _("reported"),
        NO_DATA: _("no data"),
    }
    return words.get(kind, kind)


def no_data() -> str:
    """``no data``: a facility without a value (never shown as 0)."""
    return kind_word(NO_DATA)


def scenario_phrase(name: str) -> str:
    """``scenario Announced plans`` (« scénario Plans annoncés »: a preset's name in the
    user's language, the user's own scenario names as typed)."""
    return _("scenario {name}").format(name=scenario_title(name))


def _is_projected(project: Project, year: int) -> bool:
    last = project.verified_matrix().last_year
    return last is not None and year > last


def frame_kind(project: Project, frame: MapFrame) -> str:
    """What the values of ``frame`` are: ``EU ETS verified``, or
    ``projected · scenario Announced plans`` after the last verified year."""
    if project.verified_matrix().last_year is None:
        return _("no verified emissions in this dataset")
    if _is_projected(project, frame.year):
        return SEPARATOR.join((kind_word(PROJECTED), scenario_phrase(frame.scenario.name)))
    return _("EU ETS verified")


def frame_caption(project: Project, frame: MapFrame) -> str:
    """``CO₂ emissions 2030 · projected · scenario Announced plans``, or
    ``CO₂ emissions 2022 · EU ETS verified``: what the emission circles of ``frame`` show
    (when they are sized by jobs, :func:`jobs_caption`)."""
    if frame.circle_size == SIZE_JOBS:
        return jobs_caption()
    year = _("CO₂ emissions {year}").format(year=frame.year)
    return year + SEPARATOR + frame_kind(project, frame)


def value_text(value: FacilityValue) -> str:
    """One facility's value in a frame with its kind: ``459,440 t CO₂e · verified``,
    ``412,000 t CO₂e · projected · scenario Announced plans`` or ``no data``."""
    if value.value_t is None:
        return no_data()
    parts = [tonnes(value.value_t), kind_word(value.kind)]
    if value.kind == PROJECTED and value.scenario:
        parts.append(scenario_phrase(value.scenario))
    return SEPARATOR.join(parts)


def value_label(year: int) -> str:
    """The label of a facility's value in a frame: ``CO₂ emissions 2030``."""
    return _("CO₂ emissions {year}").format(year=year)


def value_line(value: FacilityValue) -> str:
    """``CO₂ emissions 2030: 412,000 t CO₂e · projected · scenario Announced plans``."""
    return _("{label}: {value}").format(label=value_label(value.year), value=value_text(value))


# -- the facility table -----------------------------------------------------------------


def table_value_header(year: int) -> str:
    """Header of the table's value column: ``CO₂ emissions 2030 (t CO₂e)``."""
    return _("CO₂ emissions {year} ({unit})").format(year=year, unit=unit())


def table_kind_header() -> str:
    """Header of the table's column saying what each value is."""
    return _("Kind of value")


def table_value_tooltip(project: Project, frame: MapFrame) -> str:
    """Tooltip of the value column's header: the values of the map, in words."""
    return _("The values of the map: {caption}").format(caption=frame_caption(project, frame))


# -- the map's legend -------------------------------------------------------------------


def legend_heading(year: int) -> str:
    """Heading of the emission legend: ``CO₂ emissions 2030``."""
    return _("CO₂ emissions {year}").format(year=year)


def circle_area_note() -> str:
    """``Circle area ∝ t CO₂e per year``."""
    return _("Circle area ∝ {unit} per year").format(unit=unit())


def zero_label() -> str:
    """A verified value of zero (a diamond, not a circle)."""
    return _("Verified zero")


def no_data_for(year: int) -> str:
    """``No data for 2030``."""
    return _("No data for {year}").format(year=year)


def projection_note(scenario: str, last_verified: int) -> str:
    """How projected values are made: ``Projected under scenario X from the verified values
    to 2022``."""
    return _("Projected under scenario {name} from the verified values to {year}").format(
        name=scenario, year=last_verified
    )


def emission_source_note(projected: bool) -> str:
    """Where the circles' values come from."""
    if projected:
        return _("Source: EU ETS verified data, projected by dkgis")
    return _("Source: EU ETS verified emissions")


# -- circles sized by jobs --------------------------------------------------------------


def jobs(value: float) -> str:
    """``3,000 jobs`` (« 3 000 emplois »)."""
    return _("{value} jobs").format(value=format_number(value))


def jobs_caption() -> str:
    """What circles sized by jobs show, for a map's subtitle."""
    return _("Direct jobs stated by the sources (circle area), not by year")


def jobs_heading() -> str:
    """Heading of the size legend of circles sized by the stated direct jobs."""
    return _("Direct jobs stated by the sources")


def jobs_area_note() -> str:
    """What the area of a circle sized by jobs shows."""
    return _("Circle area ∝ direct jobs (site or project), any year")


def jobs_not_stated() -> str:
    """A site whose sources state no direct jobs (never shown as 0)."""
    return _("Direct jobs not stated")


def jobs_source_note() -> str:
    """Where the jobs come from."""
    return _("Source: press and company pages (see each site)")


# -- titles, subtitles and source lines -------------------------------------------------


def default_title() -> str:
    """The title of a map when the user gives none."""
    return _("Dunkerque industrial-port cluster")


def map_subtitle(project: Project, frame: MapFrame) -> str:
    """What the map of ``frame`` shows: ``CO₂ emissions 2030 · projected · scenario X ·
    facilities by sector`` (each part only when its layer is drawn)."""
    parts = []
    if frame.shows(EMISSION_LAYER):
        parts.append(frame_caption(project, frame))
    if frame.shows(FACILITY_LAYER):
        parts.append(_("facilities by sector") if parts else _("Facilities by sector"))
    return SEPARATOR.join(parts)


def verified_role(project: Project) -> str:
    """``EU ETS verified emissions 2005–2022`` (the years of the dataset)."""
    years = project.emission_years("verified")
    if not years:
        return _("EU ETS verified emissions")
    return _("EU ETS verified emissions {first}–{last}").format(first=years[0], last=years[-1])


def map_source_line(project: Project, layers: Iterable[str] | None = None) -> str:
    """``Source: EU ETS verified emissions 2005–2022: EU Transaction Log via …; …``

    Names the emission values with their years and credit first, then the credit of
    every other source of the drawn ``layers`` (``None``: the visible ones).
    """
    parts: list[str] = []
    seen: set[str] = set()
    verified = project.sources.get(VERIFIED_SOURCE)
    if verified is not None:
        credit = verified.attribution or verified.title
        parts.append(f"{verified_role(project)}: {credit}")
        seen.add(credit)
    for line in project.attributions(layers):
        if line not in seen:
            seen.add(line)
            parts.append(line)
    return _("Source: {parts}").format(parts="; ".join(parts))


def sources_footer(entries: Sequence[str]) -> str:
    """``Sources: EU ETS (2024) · IGN Admin Express (2024)`` ("" without entries)."""
    if not entries:
        return ""
    return _("Sources: {sources}").format(sources=SEPARATOR.join(entries))


def credits_footer(credits: Sequence[str]) -> str:
    """``Credits: © OpenStreetMap contributors · …`` ("" without credits)."""
    if not credits:
        return ""
    return _("Credits: {credits}").format(credits=SEPARATOR.join(credits))
