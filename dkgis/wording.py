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

import datetime
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from dkgis.i18n import (
    N_,
    _,
    format_date,
    format_month,
    format_number,
    format_percent,
    in_language,
    ngettext,
    pgettext,
)
from dkgis.model.display import SIZE_JOBS
from dkgis.model.frame import EMISSION_LAYER
from dkgis.model.scenario import scenario_title
from dkgis.model.yearly import NO_DATA, PROJECTED, REPORTED, VERIFIED

if TYPE_CHECKING:
    from dkgis.model.facility import Source
    from dkgis.model.frame import FacilityValue, MapFrame
    from dkgis.model.layer import Layer
    from dkgis.model.measures import Target
    from dkgis.model.project import Project
    from dkgis.model.site_figures import SiteFigures

#: The separator between the parts of a caption ("2030 · projected · scenario X").
SEPARATOR = " · "


def list_separator() -> str:
    """The separator of a list of sources: ``"; "`` (« ; » with a no-break space before
    it in French)."""
    # Translators: between the sources of a source line; French puts a no-break space first.
    return _("; ")


#: Source id of the EU ETS verified emissions (the values of the emission circles).
VERIFIED_SOURCE = "eutl_verified"

#: Layer drawing the facilities by sector.
FACILITY_LAYER = "facilities"

#: Kind of the layers added from the user's own files (their titles are data).
USER_LAYER = "user"


# -- units and numbers ------------------------------------------------------------------


def unit() -> str:
    """The unit of every emission value: ``t CO₂e``."""
    return _("t CO₂e")


def tonnes(value: float) -> str:
    """``6,410,303 t CO₂e`` (« 6 410 303 t CO₂e » in French)."""
    return _("{value} t CO₂e").format(value=format_number(round(value)))


def rounded_tonnes(value: float, *, signed: bool = False) -> str:
    """A tonnage to read at a glance, three significant digits in the unit of its size:
    ``6.41 Mt CO₂e``, ``459 kt CO₂e``, ``612 t CO₂e`` (« 6,41 Mt CO₂e » in French)."""
    size = abs(value)
    if size >= 999_500:  # what would round to 1,000 kt reads 1 Mt
        text = _("{value} Mt CO₂e").format(value=significant(size / 1e6))
    elif size >= 999.5:
        text = _("{value} kt CO₂e").format(value=significant(size / 1e3))
    else:
        text = _("{value} t CO₂e").format(value=format_number(round(size)))
    if value < 0 and round(size) > 0:
        return "\u2212" + text
    return "+" + text if signed and value > 0 else text


def tonnes_number(value: float) -> str:
    """The number of tonnes alone, for a column whose header names the unit."""
    return format_number(round(value))


def significant(value: float, digits: int = 3) -> str:
    """``value`` with at most ``digits`` significant digits and no trailing zeros, in the
    numbers of the language (``0.25``, « 0,25 »)."""
    if value == 0:
        return format_number(0)
    rounded = float(f"{value:.{digits}g}")
    for decimals in range(digits + 1):
        if abs(round(rounded, decimals) - rounded) < 1e-9 * max(abs(rounded), 1.0):
            return format_number(rounded, decimals)
    return format_number(rounded, digits)


def megatonnes(tonnes_value: float) -> str:
    """``10 Mt``, ``0.5 Mt`` (« 0,5 Mt »): the values of the circle-size legend."""
    return _("{value} Mt").format(value=significant(tonnes_value / 1e6))


def short_tonnes(tonnes_value: float) -> str:
    """``12.3 Mt``, ``480 kt``, ``950 t`` (« 12,3 Mt »): a scale label of a small chart."""
    if tonnes_value >= 1e6:
        return megatonnes(tonnes_value)
    if tonnes_value >= 1e3:
        return _("{value} kt").format(value=significant(tonnes_value / 1e3))
    return _("{value} t").format(value=significant(tonnes_value))


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


def span_caption(project: Project, frame: MapFrame, first: int, last: int) -> str:
    """What an animation over ``first``–``last`` shows, the same on every frame:
    ``CO₂ emissions 2005–2050 · EU ETS verified to 2022, then projected · scenario X``."""
    if frame.circle_size == SIZE_JOBS:
        return jobs_caption()
    years = _("CO₂ emissions {first}–{last}").format(first=first, last=last)
    verified_last = project.verified_matrix().last_year
    if verified_last is None:
        return SEPARATOR.join((years, _("no verified emissions in this dataset")))
    scenario = scenario_phrase(frame.scenario.name)
    if last <= verified_last:
        kind = _("EU ETS verified")
    elif first > verified_last:
        kind = SEPARATOR.join((kind_word(PROJECTED), scenario))
    else:
        kind = SEPARATOR.join(
            (_("EU ETS verified to {year}, then projected").format(year=verified_last), scenario)
        )
    return SEPARATOR.join((years, kind))


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


def target_text(target: Target) -> str:
    """A target in words: ``−55% by 2030 compared with 2018 (DKarbonation)``, ``net zero
    by 2050 (ArcelorMittal)``; the actor is data text."""
    year = target.target_year
    if target.reduction_pct >= 100:
        what = _("net zero by {year}").format(year=year)
    else:
        reduction = format_percent(-target.reduction_pct / 100)
        if target.baseline_year:
            what = _("{reduction} by {year} compared with {baseline}").format(
                reduction=reduction, year=year, baseline=target.baseline_year
            )
        else:
            what = _("{reduction} by {year}").format(reduction=reduction, year=year)
    return f"{what} ({target.actor_text})"


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


def legend_heading_of_year() -> str:
    """Heading of the emission legend of an animation (the year is shown beside it)."""
    return _("CO₂ emissions of the year shown")


def no_data_that_year() -> str:
    """Key of the "no data" marker in an animation's legend."""
    return _("No data that year")


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
        name=scenario_title(scenario), year=last_verified
    )


_STATUS_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def status_as_of(value: str) -> str:
    """When a facility's status was last checked, from the dataset's ISO date, month or year:
    ``as of 15 May 2025`` (« au 15 mai 2025 »), ``as of May 2025`` (« en mai 2025 »),
    ``as of 2024`` (« en 2024 »); any other text is shown as it is."""
    match = _STATUS_DATE.fullmatch(value.strip())
    if match is not None:
        year, month, day = (int(part) if part else None for part in match.groups())
        try:
            if day is not None:
                return _("as of {date}").format(date=format_date(datetime.date(year, month, day)))
            if month is not None:
                return _("as of {period}").format(period=format_month(year, month))
        except ValueError:  # not a real date (2025-13): shown as written
            return _("as of {date}").format(date=value)
        return _("as of {period}").format(period=str(year))
    return _("as of {date}").format(date=value)


def emission_source_note(projected: bool) -> str:
    """Where the circles' values come from."""
    if projected:
        return _("Source: EU ETS verified data, projected by dkgis")
    return _("Source: EU ETS verified emissions")


# -- statuses and the symbol key -------------------------------------------------------

#: The facility statuses of the datasets, in words (translated where shown).
STATUS_NAMES = {
    "operating": N_("Operating"),
    "under_construction": N_("Under construction"),
    "announced": N_("Announced"),
    "suspended": N_("Suspended"),
    "cancelled": N_("Cancelled"),
    "closed": N_("Closed"),
}

#: What each symbol class of :mod:`dkgis.symbology.facility_style` stands for, in the
#: legends of the map and of every export.
STATUS_CLASS_NAMES = {
    "operating": N_("Operating"),
    "planned": N_("Announced or under construction"),
    "ended": N_("Closed"),
}


def status_name(status: str) -> str:
    """A facility status in words (the dataset's value itself when unknown)."""
    name = STATUS_NAMES.get(status)
    return _(name) if name else status


def status_class_name(status_class: str) -> str:
    """What a symbol class (``operating``, ``planned``, ``ended``) stands for."""
    return _(STATUS_CLASS_NAMES[status_class])


def sectors_heading() -> str:
    """Heading of the sector key."""
    return _("Facilities by sector")


def sectors_hidden(count: int) -> str:
    """``2 sectors hidden``."""
    return ngettext("{n} sector hidden", "{n} sectors hidden", count).format(n=count)


def status_heading() -> str:
    """Heading of the status and location key."""
    return _("Status and location")


def approximate_location() -> str:
    """Key of the dashed halo of an approximate point."""
    return _("Approximate location (commune, postcode)")


def shared_point() -> str:
    """Key of symbols spread around the point they share."""
    return _("Sites sharing one point, spread around it")


def networks_heading() -> str:
    """Heading of the network key."""
    return _("Networks")


#: Network kinds in words.
NETWORK_NAMES = {
    "gas_pipeline": N_("Gas pipeline"),
    "hydrogen_pipeline": N_("Hydrogen pipeline (proposed)"),
}


def network_name(kind: str) -> str:
    """A network kind in words (the dataset's value itself when unknown)."""
    name = NETWORK_NAMES.get(kind)
    return _(name) if name else kind


def no_location(count: int) -> str:
    """``3 facilities without a location, not on the map``."""
    return ngettext(
        "{n} facility without a location, not on the map",
        "{n} facilities without a location, not on the map",
        count,
    ).format(n=count)


# -- a site's key figures ---------------------------------------------------------------


def reduction(reduction_pct: float) -> str:
    """A target's reduction: ``−55%`` (« −55 % »), or ``net zero``."""
    if reduction_pct >= 100:
        return _("net zero")
    decimals = 0 if float(reduction_pct).is_integer() else 1
    return format_percent(-abs(reduction_pct) / 100, decimals)


def verified_figure(figures: SiteFigures, exact: bool = False) -> tuple[str | None, str]:
    """The last verified value: ``("459 kt CO₂e", "verified in 2022 (EU ETS)")``
    (``exact``: ``459,440 t CO₂e``), or ``(None, "No verified emissions (EU ETS)")``."""
    if figures.verified_t is None:
        return None, _("No verified emissions (EU ETS)")
    shown = tonnes if exact else rounded_tonnes
    return shown(figures.verified_t), _("verified in {year} (EU ETS)").format(
        year=figures.verified_year
    )


def projected_figure(figures: SiteFigures, exact: bool = False) -> tuple[str | None, str]:
    """The projection: ``("412 kt CO₂e", "projected for 2030, scenario Announced plans")``
    (``exact``: in tonnes), or ``(None, "No projection for 2030: …")``."""
    shown = tonnes if exact else rounded_tonnes
    if figures.projected_t is None:
        return None, _("No projection for {year}: no recent verified emissions to project").format(
            year=figures.projection_year
        )
    if figures.projected_kind == VERIFIED:
        return shown(figures.projected_t), _("verified in {year} (EU ETS)").format(
            year=figures.projection_year
        )
    return shown(figures.projected_t), _("projected for {year}, {scenario}").format(
        year=figures.projection_year, scenario=scenario_phrase(figures.scenario)
    )


def gap_figure(figures: SiteFigures, exact: bool = False) -> tuple[str | None, str]:
    """The gap to a target: ``("+147 kt CO₂e", "above the site's 2030 target (−30%)")``
    (``exact``: in tonnes), or ``(None, "No target to measure the site against")``."""
    from dkgis.model.site_figures import SITE_TARGET

    gap = figures.gap
    if gap is None:
        return None, _("No target to measure the site against")
    if exact:
        value = _("{value} t CO₂e").format(value=format_number(round(gap.gap_t), signed=True))
    else:
        value = rounded_tonnes(gap.gap_t, signed=True)
    cut = reduction(gap.target.reduction_pct)
    if gap.whose == SITE_TARGET:
        if gap.gap_t > 0:
            label = _("above the site's {year} target ({reduction})")
        else:
            label = _("below or on the site's {year} target ({reduction})")
    elif gap.gap_t > 0:
        label = _("above the territory's {year} target ({reduction}) applied to the site")
    else:
        label = _("below or on the territory's {year} target ({reduction}) applied to the site")
    return value, label.format(year=gap.year, reduction=cut)


def figure_sentence(value: str | None, label: str) -> str:
    """A key figure as one sentence: ``459,440 t CO₂e: verified in 2022 (EU ETS)``."""
    return label if value is None else _("{value}: {label}").format(value=value, label=label)


def target_note(figures: SiteFigures) -> str:
    """Who set the target of the gap, and on what baseline (for the speaker notes)."""
    gap = figures.gap
    if gap is None:
        return ""
    target = gap.target
    if target.baseline_year is not None:
        base = _("baseline {year} as stated").format(year=target.baseline_year)
    else:
        base = _("the source states no baseline year: dkgis measures it from a verified year")
    return _("Target: {actor}, {reduction} by {year} ({base}).").format(
        actor=target.actor_text, reduction=reduction(target.reduction_pct), year=gap.year, base=base
    )


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


def layer_title(layer: Layer) -> str:
    """The title of a layer as shown: a dataset layer's in the user's language (« Sites par
    secteur »), a layer added from the user's file as it is named (data, never translated)."""
    return layer.title if layer.kind == USER_LAYER else _(layer.title)


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


# -- data text in the language, and the sources line ----------------------------------

#: Layers drawn as the background of the map: their sources come after the others'.
BASEMAP_KINDS = frozenset({"land", "communes", "coastline"})


def source_parts(source: Source) -> tuple[str, str, str] | None:
    """Publisher, dataset and licence of a source, in the current language; ``None``
    for a source without them (a dataset older than these fields, an imported file)."""
    publisher = in_language(source.publisher, source.publisher_fr)
    dataset = in_language(source.dataset, source.dataset_fr)
    licence = in_language(source.licence_short, source.licence_short_fr)
    if not (publisher and dataset and licence):
        return None
    return publisher, dataset, licence


def _short(text: str) -> str:
    """The head of a source title or vintage: up to its first bracket, comma or colon."""
    cut = len(text)
    for mark in (" (", ", ", ": ", " via "):
        i = text.find(mark)
        if 0 < i < cut:
            cut = i
    return text[:cut].strip()


def _fallback_entry(source: Source) -> str:
    """The entry of a source without publisher, dataset and licence fields: its credit
    line, else the head of its title and vintage."""
    if source.attribution:
        return source.attribution
    head, when = _short(source.title), _short(source.vintage or "")
    if not when or when.casefold() in head.casefold():
        return head
    return f"{head} ({when})"


def drawn_sources(project: Project, layers: Iterable[str] | None = None) -> list[Source]:
    """The sources of the drawn ``layers`` (``None``: the visible ones), each once: the
    emission values first, then the thematic layers (top layer first), then the basemap."""
    wanted = None if layers is None else set(layers)
    chosen = [
        layer
        for layer in reversed(list(project.layers))
        if (layer.visible if wanted is None else layer.name in wanted)
    ]
    chosen.sort(key=lambda layer: layer.kind in BASEMAP_KINDS)  # stable: keeps the order
    ids: dict[str, None] = {}
    if any(layer.name == EMISSION_LAYER for layer in chosen):
        ids[VERIFIED_SOURCE] = None
    for layer in chosen:
        ids.update(dict.fromkeys(layer.source_ids))
    return [project.sources[sid] for sid in ids if sid in project.sources]


def source_entries(project: Project, layers: Iterable[str] | None = None) -> tuple[str, ...]:
    """The entries of the sources line of the drawn ``layers``: ``"publisher, dataset
    (licence)"``, one per publisher and licence (``"Global Energy Monitor, Europe Gas
    Tracker 2024, Global Steel Plant Tracker 2024 (CC BY 4.0)"``), in the order of
    :func:`drawn_sources`."""
    return entries_of(drawn_sources(project, layers))


def source_entries_of(project: Project, source_ids: Iterable[str]) -> tuple[str, ...]:
    """The entries (as :func:`source_entries`) of the sources called ``source_ids``."""
    return entries_of(project.sources[i] for i in source_ids if i in project.sources)


def entries_of(sources: Iterable[Source]) -> tuple[str, ...]:
    """``"publisher, dataset (licence)"`` entries of ``sources``, one per publisher and
    licence, in order; a source without these fields gives its credit line."""
    grouped: dict[tuple[str, str], list[str]] = {}
    entries: dict[object, None] = {}
    for source in sources:
        parts = source_parts(source)
        if parts is None:
            entries.setdefault(_fallback_entry(source), None)
            continue
        publisher, dataset, licence = parts
        datasets = grouped.setdefault((publisher, licence), [])
        if dataset not in datasets:
            datasets.append(dataset)
        entries.setdefault((publisher, licence), None)
    out = []
    for key in entries:
        if isinstance(key, str):
            out.append(key)
        else:
            publisher, licence = key
            out.append(f"{publisher}, {', '.join(grouped[key])} ({licence})")
    return tuple(dict.fromkeys(out))


def short_source_line(project: Project, scenario: str | None) -> str:
    """One line of source for a chart on a slide: ``Source: EU ETS verified emissions
    2005–2022 (EU Transaction Log via …); projections: dkgis, scenario X; every source
    in the speaker notes``."""
    parts = []
    verified = project.sources.get(VERIFIED_SOURCE)
    if verified is not None:
        parts.append(
            _("{role} ({credit})").format(
                role=verified_role(project), credit=verified.attribution or verified.title
            )
        )
    if scenario:
        parts.append(_("projections: dkgis, {scenario}").format(scenario=scenario_phrase(scenario)))
    parts.append(_("every source in the speaker notes"))
    return _("Source: {parts}").format(parts=list_separator().join(parts))


def sources_footer(entries: Sequence[str]) -> str:
    """``Sources: European Commission, EU ETS 2005–2022 (CC BY 4.0); IGN, Admin Express
    2018 (Licence Ouverte)`` ("" without entries)."""
    if not entries:
        return ""
    separator = pgettext("between two entries of the sources line", "; ")
    return _("Sources: {sources}").format(sources=separator.join(entries))


#: An entry of :func:`entries_of`: ``"publisher, datasets (licence)"``.
_ENTRY = re.compile(r"^(?P<publisher>[^,]+), .+ \((?P<licence>[^()]+)\)$")


def compact_sources_footer(entries: Sequence[str]) -> str:
    """The sources line of a small page: each publisher and its licence, without the
    datasets, publishers of one licence together (``Sources: European Commission,
    Global Energy Monitor (CC BY 4.0); IGN, Géorisques (Licence Ouverte)``); an entry
    not made by :func:`entries_of` (a credit line) is kept whole ("" without entries).
    """
    if not entries:
        return ""
    # Each part is a licence and its publishers, or a credit line kept whole.
    parts: dict[str, list[str] | None] = {}
    for entry in entries:
        match = _ENTRY.match(entry)
        if match is None:
            parts.setdefault(entry, None)
            continue
        publishers = parts.setdefault(f"({match['licence']})", [])
        if publishers is not None and match["publisher"] not in publishers:
            publishers.append(match["publisher"])
    between = pgettext("between two publishers of one licence in the sources line", ", ")
    texts = [
        key if names is None else f"{between.join(names)} {key}" for key, names in parts.items()
    ]
    separator = pgettext("between two entries of the sources line", "; ")
    return _("Sources: {sources}").format(sources=separator.join(texts))


def map_source_line(project: Project, layers: Iterable[str] | None = None) -> str:
    """The short sources line of a map of the drawn ``layers`` (``None``: the visible
    ones): :func:`sources_footer` of :func:`source_entries`."""
    return sources_footer(source_entries(project, layers))


def credits_footer(credits: Sequence[str]) -> str:
    """``Credits: © OpenStreetMap contributors · …`` ("" without credits)."""
    if not credits:
        return ""
    return _("Credits: {credits}").format(credits=SEPARATOR.join(credits))
