"""Scenarios: named sets of decarbonization measures, and the three preset scenarios.

A :class:`Scenario` holds :class:`ScenarioMeasure` objects: a measure at a site with a
start year, a linear ramp to full effect and an abatement (t CO2/yr, or a % of the site's
baseline, or the whole baseline when the measure closes or replaces the process). The
trajectory engine (:mod:`dkgis.model.trajectory`) subtracts them from the sites' baselines.

Presets (:func:`preset_scenarios`)
----------------------------------
``"Announced plans"``
    Every measure of the dataset that is attached to a facility of the cluster, whose
    status is not cancelled, superseded or suspended, and that is not a source variant of
    another row (``variant_of``: the same project told by another source is never counted
    twice), with its stated start year. Measures whose sources state no t CO2/yr figure are
    in the scenario but not quantified (``basis == "none"``); a measure without a stated
    start year cannot be placed in time and stays listed, unquantified in time.

    Only reductions of a listed site's own emissions are quantified. Figures that the
    sources state as CO2 *avoided elsewhere* are kept in ``basis_note`` but not subtracted:
    Ecocem's slag cement avoids CO2 where cement is used instead of Portland cement, not at
    a listed site, and the district heating's avoided CO2 is avoided in the heated
    buildings' boilers, not at a listed site. Measures without a facility (territory or
    network measures) are listed but never subtracted either.

    Cancelled, superseded and suspended measures (not variants) are in the scenario with
    ``enabled=False``, so the scenario editor can switch them on for a "what if".

    One figure is **estimated** by dkgis rather than stated: the ArcelorMittal Dunkerque
    electric-arc-furnace plan (``am_eaf_2026``) states capacity and intensities but no
    t CO2/yr; its abatement is ``capacity x (blast-furnace intensity - EAF intensity)``,
    see :data:`EAF_ESTIMATE`. No other figure is estimated. That intensity is of the whole
    blast-furnace route, whose CO2 is reported partly at the steel plant (FR_956) and partly
    at DK6 (FR_988, which burns the steel-works gases) since 2013: the estimate is shared
    between the sites of that accounting break in proportion to their baselines
    (:attr:`ScenarioMeasure.shared_with`).
``"Announced plans, 3 years late"``
    The same with the start year of every measure not yet in service 3 years later
    (measures whose dataset status says commissioned, inaugurated, operating... keep
    theirs: Aluminium Dunkerque's Furnace 8, commissioned on 2025-05-15, is not delayed).
``"No new measures"``
    No measures: the baseline alone.

No ramp is stated by any source: every preset measure has ``ramp_years = 0`` (full effect
from its start year).
"""

from __future__ import annotations

import dataclasses
import math
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from dkgis.i18n import N_, _
from dkgis.model.text import xml_safe_text

if TYPE_CHECKING:
    from dkgis.model.measures import Measure
    from dkgis.model.project import Project

#: Earliest and latest start year a measure may have (inclusive).
MIN_START_YEAR = 2005
MAX_START_YEAR = 2100

#: Where an abatement figure comes from.
BASES: tuple[str, ...] = ("stated", "estimated", "user", "none")

#: Names of the presets, in the order :func:`preset_scenarios` returns them. They are
#: English source strings, stored as such in project files: :func:`scenario_title`
#: translates them for display when a scenario bears one.
ANNOUNCED = N_("Announced plans")
ANNOUNCED_LATE = N_("Announced plans, 3 years late")
NO_NEW_MEASURES = N_("No new measures")
PRESET_NAMES: tuple[str, ...] = (ANNOUNCED, ANNOUNCED_LATE, NO_NEW_MEASURES)


def scenario_title(name: str) -> str:
    """The name of a scenario as shown: a preset's in the user's language (« Plans
    annoncés »), the user's own as typed (a scenario name is data, never translated)."""
    return _(name) if name in PRESET_NAMES else name


#: Delay of the "3 years late" preset, in years.
PRESET_DELAY_YEARS = 3

#: Dataset measure statuses (lower case, searched as words) that keep a measure out of the
#: counted presets.
EXCLUDED_STATUS_WORDS: tuple[str, ...] = ("cancelled", "canceled", "superseded", "suspended")

#: Dataset measure statuses (lower case, searched as words) of measures already in service:
#: the "3 years late" preset does not delay them.
IN_SERVICE_STATUS_WORDS: tuple[str, ...] = (
    "commissioned",
    "inaugurated",
    "operating",
    "operation",
    "service",
    "started",
    "start",
    "launched",
)

#: Reasons why a measure does not change a projection (:attr:`ScenarioMeasure.unquantified_reason`).
UNQUANTIFIED_REASONS: tuple[str, ...] = ("disabled", "no_site", "no_figure", "no_start_year")


@dataclass(frozen=True)
class AbatementEstimate:
    """An abatement derived by dkgis from stated figures (never presented as stated).

    Attributes
    ----------
    measure_id
        The dataset measure it quantifies.
    capacity_t
        Stated production capacity, t of product per year.
    intensity_before, intensity_after
        Stated t CO2 per t of product of the replaced and of the new route.
    sources
        URLs of the rows stating the figures.
    """

    measure_id: str
    capacity_t: float
    intensity_before: float
    intensity_after: float
    sources: tuple[str, ...]

    @property
    def abatement_t(self) -> float:
        """``capacity x (intensity_before - intensity_after)``, t CO2/yr."""
        # Two products rather than a difference of intensities: 1.8 - 0.6 is not exact in
        # binary floating point, 2e6 * 1.8 - 2e6 * 0.6 is.
        return self.capacity_t * self.intensity_before - self.capacity_t * self.intensity_after

    @property
    def note(self) -> str:
        """The formula with its figures and sources, for ``basis_note``."""
        return (
            "Estimated by dkgis, not stated by a source: "
            f"{self.capacity_t / 1e6:g} Mt steel/yr x ({self.intensity_before:g} - "
            f"{self.intensity_after:g}) t CO2/t steel = {self.abatement_t / 1e6:g} Mt CO2/yr. "
            "2 Mt EAF capacity, start 2029, 0.6 t CO2/t steel, '3 times less than the blast "
            "furnace' (announcements row 'EAF (revised plan)'); blast-furnace route 1.8 t CO2/t "
            "steel (facts_2 row 'CO2 intensity before/after DRI-EAF project', and 3 x 0.6). "
            "Assumes the 2 Mt of EAF steel replace 2 Mt of blast-furnace steel at the site; the "
            "result is net of the furnace's own emissions, which stay counted at the site. "
            "Sources: " + "; ".join(self.sources)
        )


#: The one estimated abatement: ArcelorMittal Dunkerque's electric arc furnace (2 Mt steel/yr,
#: 0.6 t CO2/t steel instead of about 1.8 t for the blast-furnace route).
EAF_ESTIMATE = AbatementEstimate(
    measure_id="am_eaf_2026",
    capacity_t=2_000_000.0,
    intensity_before=1.8,
    intensity_after=0.6,
    sources=(
        "https://esg-investing.com/2026/02/12/arcelormittal-to-invest-1-5-billion-in-low-carbon"
        "-steelmaking-in-france-citing-improved-policy-environment",
        "https://ndf.fr/nos-breves/24-01-2024/a-lui-tout-seul-arcelormittal-va-reduire-les"
        "-emissions-de-co2-de-toute-lindustrie-francaise-de-6",
    ),
)

#: How the EAF estimate is allocated (English; the sites are filled in).
EAF_SHARED_NOTE = (
    "The estimate uses the CO2 intensity of the whole blast-furnace route, whose emissions "
    "the EU ETS has reported since 2013 partly at the steel plant and partly at DK6, which "
    "burns the steel-works gases: it is allocated to {sites} in proportion to their "
    "baselines."
)

#: Dataset measures whose stated t CO2/yr is CO2 avoided outside the listed sites:
#: measure id -> why it is not subtracted.
AVOIDED_ELSEWHERE: dict[str, str] = {
    "ecocem_ggbs_plant": (
        "The stated figure is CO2 avoided where slag cement replaces Portland cement, i.e. "
        "in cement use elsewhere, not a reduction of a listed site's emissions: listed, not "
        "subtracted."
    ),
    "dunkerque_heat_network": (
        "The stated figure is CO2 avoided in the heated buildings (boilers replaced by "
        "recovered ArcelorMittal heat), not a reduction of a listed site's emissions: "
        "listed, not subtracted."
    ),
}


class MeasureValueError(ValueError):
    """An impossible value for a measure, refused at entry.

    Attributes
    ----------
    field : str
        The :class:`ScenarioMeasure` field concerned (e.g. ``"start_year"``).
    value : object
        The value refused.
    reason : str
        A short code (``"negative"``, ``"too_early"``, ``"too_late"``, ``"out_of_range"``,
        ``"not_a_number"``, ``"not_an_integer"``, ``"unknown"``, ``"inconsistent"``,
        ``"empty"``) so the UI can word its own translated message.

    Notes
    -----
    ``str(err)`` is a complete English sentence naming the measure, field and value.
    """

    def __init__(self, message: str, field: str, value: Any, reason: str) -> None:
        super().__init__(message)
        self.field = field
        self.value = value
        self.reason = reason


def _fail(m_id: str, field_name: str, value: Any, reason: str, problem: str) -> None:
    raise MeasureValueError(f"measure {m_id!r}: {field_name} {problem}", field_name, value, reason)


@dataclass(frozen=True, kw_only=True)
class ScenarioMeasure:
    """One measure of a scenario.

    Parameters
    ----------
    measure_id
        Id (the dataset measure id, or an id chosen for a measure the user added).
    facility_id
        The site whose emissions it reduces; ``None`` for a territory measure (listed,
        never subtracted).
    name
        Display name.
    enabled
        Whether it counts in the projection.
    start_year
        First year with an effect; ``None`` when no source states one (then it cannot be
        placed in time and does not count).
    ramp_years
        Years to full effect: the measure has ``1/(ramp_years+1)`` of its effect in
        ``start_year``, rising linearly to full effect in ``start_year + ramp_years``
        (0: full effect from the start year).
    abatement_t
        t CO2/yr at full effect.
    abatement_pct
        Or the % (0-100) of the site's baseline removed at full effect.
    replaces_process
        The measure closes or replaces the site's process: at full effect it removes the
        whole baseline (the abatement fields are then ignored).
    basis
        ``"stated"`` (a source states the figure), ``"estimated"`` (derived by dkgis from
        stated figures, ``basis_note`` gives the formula and sources), ``"user"`` (typed by
        the user) or ``"none"`` (no figure: not quantified).
    basis_note
        Where the figure comes from, or why there is none.
    shared_with
        Other sites whose emissions the measure also reduces: its effect is spread over
        ``facility_id`` and these sites in proportion to their baselines (an abatement in
        t/yr is split; a % or a replaced process applies to each site's own baseline). Used
        where the sources' figure covers a process whose CO2 is reported at several sites
        (the steel complex: see :data:`EAF_ESTIMATE`).

    Raises
    ------
    MeasureValueError
        (a ``ValueError``) on construction, for an impossible value (see :meth:`validate`).
    """

    measure_id: str
    facility_id: str | None
    name: str
    enabled: bool = True
    start_year: int | None = None
    ramp_years: int = 0
    abatement_t: float | None = None
    abatement_pct: float | None = None
    replaces_process: bool = False
    basis: str = "none"
    basis_note: str = ""
    shared_with: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Check the values; raise :class:`MeasureValueError` naming the field if impossible.

        Refused: a negative abatement, a start year before :data:`MIN_START_YEAR` or after
        :data:`MAX_START_YEAR`, a negative ramp, a percentage outside 0-100, both a t/yr and a
        % figure, a basis that is not one of :data:`BASES`, a figure with basis ``"none"``
        or a basis other than ``"none"`` without a figure.
        """
        mid = self.measure_id
        if not isinstance(mid, str) or not mid.strip():
            _fail(str(mid), "measure_id", mid, "empty", "must be a non-empty text")
        if not isinstance(self.name, str):
            _fail(mid, "name", self.name, "empty", "must be a text")
        if self.facility_id is not None and not isinstance(self.facility_id, str):
            _fail(mid, "facility_id", self.facility_id, "unknown", "must be a facility id")
        for flag in ("enabled", "replaces_process"):
            if not isinstance(getattr(self, flag), bool):
                _fail(mid, flag, getattr(self, flag), "not_a_boolean", "must be true or false")
        if self.start_year is not None:
            year = _integer(mid, "start_year", self.start_year)
            object.__setattr__(self, "start_year", year)
            if year < MIN_START_YEAR:
                _fail(mid, "start_year", year, "too_early", f"{year} is before {MIN_START_YEAR}")
            if year > MAX_START_YEAR:
                _fail(mid, "start_year", year, "too_late", f"{year} is after {MAX_START_YEAR}")
        ramp = _integer(mid, "ramp_years", self.ramp_years)
        object.__setattr__(self, "ramp_years", ramp)
        if ramp < 0:
            _fail(mid, "ramp_years", ramp, "negative", f"{ramp} is negative")
        if self.abatement_t is not None:
            value = _number(mid, "abatement_t", self.abatement_t)
            object.__setattr__(self, "abatement_t", value)
            if value < 0:
                _fail(mid, "abatement_t", value, "negative", f"{value:g} t/yr is negative")
        if self.abatement_pct is not None:
            pct = _number(mid, "abatement_pct", self.abatement_pct)
            object.__setattr__(self, "abatement_pct", pct)
            if not 0.0 <= pct <= 100.0:
                _fail(mid, "abatement_pct", pct, "out_of_range", f"{pct:g} % is not in 0-100")
        if self.abatement_t is not None and self.abatement_pct is not None:
            _fail(
                mid, "abatement_pct", self.abatement_pct, "inconsistent",
                "cannot be given together with abatement_t (give t/yr or %, not both)",
            )  # fmt: skip
        if self.basis not in BASES:
            _fail(mid, "basis", self.basis, "unknown", f"{self.basis!r} is not one of {BASES}")
        if self.has_figure and self.basis == "none":
            _fail(mid, "basis", self.basis, "inconsistent", "'none' given with a figure")
        if not self.has_figure and self.basis != "none":
            _fail(
                mid, "basis", self.basis, "inconsistent", f"{self.basis!r} given without a figure"
            )
        if not isinstance(self.basis_note, str):
            _fail(mid, "basis_note", self.basis_note, "unknown", "must be a text")
        shared = self.shared_with
        if isinstance(shared, str) or not all(isinstance(f, str) for f in shared or ()):
            _fail(mid, "shared_with", shared, "unknown", "must be a list of facility ids")
        shared = tuple(shared or ())
        object.__setattr__(self, "shared_with", shared)
        if shared and (self.facility_id is None or self.facility_id in shared):
            _fail(
                mid, "shared_with", shared, "inconsistent",
                "needs a site of its own, not repeated among the sites it is shared with",
            )  # fmt: skip

    # -- state ----------------------------------------------------------------------

    @property
    def has_figure(self) -> bool:
        """Whether the measure has an abatement amount (t/yr, % or the whole process)."""
        return (
            self.replaces_process or self.abatement_t is not None or self.abatement_pct is not None
        )

    @property
    def quantified(self) -> bool:
        """Whether the measure can change a projection: a site, a figure and a start year.

        Independent of :attr:`enabled` (see :attr:`counts`).
        """
        return self.facility_id is not None and self.has_figure and self.start_year is not None

    @property
    def counts(self) -> bool:
        """Whether the measure changes the projection: enabled and quantified."""
        return self.enabled and self.quantified

    @property
    def unquantified_reason(self) -> str | None:
        """Why the measure does not change the projection, or ``None`` when it does.

        One of :data:`UNQUANTIFIED_REASONS`: ``"disabled"``, ``"no_site"`` (a territory
        measure), ``"no_figure"`` (no abatement stated: "not quantified"),
        ``"no_start_year"`` (cannot be placed in time).
        """
        if not self.enabled:
            return "disabled"
        if self.facility_id is None:
            return "no_site"
        if not self.has_figure:
            return "no_figure"
        if self.start_year is None:
            return "no_start_year"
        return None

    def replace(self, **changes: Any) -> ScenarioMeasure:
        """Return a copy with some fields changed (validated: may raise MeasureValueError)."""
        return dataclasses.replace(self, **changes)

    def effect_fraction(self, years: Any) -> np.ndarray:
        """Fraction (0-1) of the full effect in each year (numpy array in, array out).

        0 before ``start_year``; ``(y - start + 1) / (ramp + 1)`` during the ramp; 1 from
        ``start_year + ramp_years``. All zeros when there is no start year.
        """
        years = np.asarray(years, dtype=float)
        if self.start_year is None:
            return np.zeros_like(years)
        return np.clip((years - self.start_year + 1.0) / (self.ramp_years + 1.0), 0.0, 1.0)

    # -- serialisation ---------------------------------------------------------------

    @property
    def sites(self) -> tuple[str, ...]:
        """The sites whose emissions the measure reduces (its own, then the shared ones)."""
        if self.facility_id is None:
            return ()
        return (self.facility_id, *self.shared_with)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict of every field (``shared_with`` only when set)."""
        data = dataclasses.asdict(self)
        if not self.shared_with:
            del data["shared_with"]
        else:
            data["shared_with"] = list(self.shared_with)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScenarioMeasure:
        """Build a measure from :meth:`to_dict` output.

        Raises
        ------
        MeasureValueError
            For a missing or unknown key, or an impossible value (naming the field).
        """
        if not isinstance(data, Mapping):
            raise MeasureValueError("a measure must be an object", "", data, "unknown")
        names = [f.name for f in dataclasses.fields(cls)]
        mid = data.get("measure_id", "?")
        unknown = sorted(set(data) - set(names))
        if unknown:
            _fail(str(mid), unknown[0], data[unknown[0]], "unknown", "is not a measure field")
        for required in ("measure_id", "facility_id", "name"):
            if required not in data:
                _fail(str(mid), required, None, "empty", "is missing")
        return cls(**{k: data[k] for k in names if k in data})


def _integer(mid: str, name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Number):
        _fail(mid, name, value, "not_an_integer", f"{value!r} is not a whole number")
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real) and math.isfinite(value) and float(value).is_integer():
        return int(value)
    _fail(mid, name, value, "not_an_integer", f"{value!r} is not a whole number")
    raise AssertionError  # unreachable


def _number(mid: str, name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        _fail(mid, name, value, "not_a_number", f"{value!r} is not a number")
    number = float(value)
    if not math.isfinite(number):
        _fail(mid, name, value, "not_a_number", f"{value!r} is not a finite number")
    return number


@dataclass(frozen=True)
class Scenario:
    """A named set of measures (immutable: editing returns a new scenario).

    Parameters
    ----------
    name
        Unique name in a project (a preset name or the user's).
    measures
        The measures, in display order; ids are unique.
    baseline_years
        The verified years averaged into the sites' baselines; ``None`` for the default
        rule, the last :data:`~dkgis.model.trajectory.BASELINE_YEARS` years of the verified
        record (see :data:`~dkgis.model.trajectory.BASELINE_RULE`).

    Raises
    ------
    ValueError
        For an empty name, a measure that is not a :class:`ScenarioMeasure`, a repeated
        measure id, or baseline years that are not whole years in
        :data:`MIN_START_YEAR`-:data:`MAX_START_YEAR`.
    """

    name: str
    measures: tuple[ScenarioMeasure, ...] = field(default=())
    baseline_years: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if isinstance(self.name, str):
            # A name is shown on maps, charts and slides: no control characters.
            object.__setattr__(self, "name", xml_safe_text(self.name))
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError(f"a scenario needs a non-empty name, not {self.name!r}")
        measures = tuple(self.measures)
        object.__setattr__(self, "measures", measures)
        seen: set[str] = set()
        for m in measures:
            if not isinstance(m, ScenarioMeasure):
                raise ValueError(f"scenario {self.name!r}: {m!r} is not a ScenarioMeasure")
            if m.measure_id in seen:
                raise ValueError(f"scenario {self.name!r}: measure {m.measure_id!r} twice")
            seen.add(m.measure_id)
        object.__setattr__(self, "baseline_years", check_baseline_years(self.baseline_years))

    def measure(self, measure_id: str) -> ScenarioMeasure:
        """Return the measure with this id (KeyError if absent)."""
        for m in self.measures:
            if m.measure_id == measure_id:
                return m
        raise KeyError(measure_id)

    @property
    def measure_ids(self) -> tuple[str, ...]:
        """Ids of the measures, in order."""
        return tuple(m.measure_id for m in self.measures)

    def with_measure(self, measure: ScenarioMeasure) -> Scenario:
        """Return a copy where ``measure`` replaces the one with its id (or is appended)."""
        ids = self.measure_ids
        if measure.measure_id in ids:
            i = ids.index(measure.measure_id)
            measures = (*self.measures[:i], measure, *self.measures[i + 1 :])
        else:
            measures = (*self.measures, measure)
        return dataclasses.replace(self, measures=measures)

    def edited(self, measure_id: str, **changes: Any) -> Scenario:
        """Return a copy with some fields of one measure changed.

        Raises
        ------
        KeyError
            For an unknown measure id.
        MeasureValueError
            For an impossible value (nothing is changed).
        """
        return self.with_measure(self.measure(measure_id).replace(**changes))

    def without_measure(self, measure_id: str) -> Scenario:
        """Return a copy without the measure with this id (KeyError if absent)."""
        self.measure(measure_id)
        kept = tuple(m for m in self.measures if m.measure_id != measure_id)
        return dataclasses.replace(self, measures=kept)

    def renamed(self, name: str) -> Scenario:
        """Return a copy with another name."""
        return dataclasses.replace(self, name=name)

    def with_baseline_years(self, years: tuple[int, ...] | None) -> Scenario:
        """Return a copy averaging ``years`` into the baselines (``None``: the default rule).

        Raises
        ------
        ValueError
            For years that are not whole years in the allowed range.
        """
        return dataclasses.replace(self, baseline_years=years)

    def delayed(
        self,
        years: int,
        name: str | None = None,
        keep: frozenset[str] = frozenset(),
        *,
        latest: int | None = None,
    ) -> Scenario:
        """Return a copy where every measure with a start year starts ``years`` later,
        except the measures of ``keep`` (those already in service).

        ``latest``: start years stop there instead of going beyond (a preset built from
        any dataset must not fail on a measure stated for the last years of the range).

        Raises
        ------
        MeasureValueError
            When a shifted start year leaves the allowed range.
        """

        def shifted(year: int) -> int:
            return year + years if latest is None else min(year + years, max(year, latest))

        measures = tuple(
            m
            if m.start_year is None or m.measure_id in keep
            else m.replace(start_year=shifted(m.start_year))
            for m in self.measures
        )
        return dataclasses.replace(
            self, name=self.name if name is None else name, measures=measures
        )

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (``name``, ``measures``, and ``baseline_years`` when set)."""
        data: dict[str, Any] = {
            "name": self.name,
            "measures": [m.to_dict() for m in self.measures],
        }
        if self.baseline_years is not None:
            data["baseline_years"] = list(self.baseline_years)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scenario:
        """Build a scenario from :meth:`to_dict` output.

        Raises
        ------
        ValueError
            (:class:`MeasureValueError` for a measure) naming what is wrong.
        """
        if not isinstance(data, Mapping):
            raise ValueError("a scenario must be an object with 'name' and 'measures'")
        unknown = sorted(set(data) - {"name", "measures", "baseline_years"})
        if unknown:
            raise ValueError(f"{unknown[0]!r} is not a scenario field")
        measures = data.get("measures", [])
        if not isinstance(measures, list):
            raise ValueError("'measures' must be a list")
        years = data.get("baseline_years")
        if years is not None and not isinstance(years, list):
            raise ValueError("'baseline_years' must be a list of years")
        return cls(
            data.get("name", ""),
            tuple(ScenarioMeasure.from_dict(m) for m in measures),
            None if years is None else tuple(years),
        )


def check_baseline_years(years: Any) -> tuple[int, ...] | None:
    """Baseline years as a sorted tuple of distinct whole years (``None`` stays ``None``).

    Raises
    ------
    ValueError
        For an empty list, or a value that is not a whole year between
        :data:`MIN_START_YEAR` and :data:`MAX_START_YEAR`.
    """
    if years is None:
        return None
    if isinstance(years, (str, bytes)) or not isinstance(years, Iterable):
        raise ValueError(f"baseline years must be a list of years, not {years!r}")
    out = set()
    for year in years:
        if isinstance(year, bool) or not isinstance(year, numbers.Integral):
            raise ValueError(f"baseline year {year!r} is not a whole year")
        if not MIN_START_YEAR <= int(year) <= MAX_START_YEAR:
            raise ValueError(
                f"baseline year {year} is not between {MIN_START_YEAR} and {MAX_START_YEAR}"
            )
        out.add(int(year))
    if not out:
        raise ValueError("baseline years: at least one year is needed")
    return tuple(sorted(out))


# -- presets ----------------------------------------------------------------------------


def _status_words(status: str | None) -> list[str]:
    text = (status or "").lower().replace("(", " ").replace(")", " ").replace(";", " ")
    return [word.strip(",.") for word in text.split()]


def _is_excluded_status(status: str | None) -> bool:
    return any(word in EXCLUDED_STATUS_WORDS for word in _status_words(status))


def is_in_service(measure: Measure) -> bool:
    """Whether the dataset's status says the measure is already in service (commissioned,
    inaugurated, operating...): a delayed scenario leaves its start year as it is."""
    return any(word in IN_SERVICE_STATUS_WORDS for word in _status_words(measure.status))


def announced_measure(
    measure: Measure,
    facility_ids: Iterable[str] = (),
    partners: Mapping[str, tuple[str, ...]] | None = None,
) -> ScenarioMeasure:
    """Turn a dataset measure into a scenario measure following the preset rules.

    Parameters
    ----------
    measure
        A row of the ``measures`` table.
    facility_ids
        The ids of the project's facilities (a measure at an unknown facility is listed as
        a territory measure).
    partners
        Facility id -> the other facilities whose emissions an accounting break splits with
        it (:func:`accounting_partners`); the :data:`EAF_ESTIMATE` is shared with them.

    Returns
    -------
    ScenarioMeasure
        Enabled unless its status is cancelled, superseded or suspended; quantified with the
        stated ``abatement_t`` (basis ``"stated"``), the :data:`EAF_ESTIMATE` (basis
        ``"estimated"``), or not quantified (basis ``"none"``, ``basis_note`` says why).
    """
    known = set(facility_ids)
    facility = measure.facility_id if measure.facility_id in known else None
    notes: list[str] = []
    enabled = not _is_excluded_status(measure.status)
    if not enabled:
        notes.append(f"Status '{measure.status}': not counted unless enabled.")
    start = measure.start_year
    if start is not None and not MIN_START_YEAR <= start <= MAX_START_YEAR:
        notes.append(f"Stated start year {start} is outside {MIN_START_YEAR}-{MAX_START_YEAR}.")
        start = None
    if start is None:
        notes.append("No start year stated: cannot be placed in time.")
    abatement, basis = None, "none"
    shared: tuple[str, ...] = ()
    if (
        measure.id == EAF_ESTIMATE.measure_id
        and facility is not None
        and measure.abatement_t is None
    ):
        abatement, basis = EAF_ESTIMATE.abatement_t, "estimated"
        shared = tuple(f for f in (partners or {}).get(facility, ()) if f in known)
        notes.insert(0, EAF_ESTIMATE.note)
        if shared:
            notes.insert(1, EAF_SHARED_NOTE.format(sites=", ".join((facility, *shared))))
    elif measure.id in AVOIDED_ELSEWHERE:
        if measure.abatement_t is not None:
            notes.insert(0, f"Source states {measure.abatement_t:,.0f} t CO2/yr avoided.")
        notes.insert(1 if measure.abatement_t is not None else 0, AVOIDED_ELSEWHERE[measure.id])
    elif measure.abatement_t is not None and facility is not None:
        abatement, basis = float(measure.abatement_t), "stated"
        notes.insert(0, f"Stated by the source: {measure.source_url}")
    elif measure.abatement_t is not None:
        notes.insert(0, f"Source states {measure.abatement_t:,.0f} t CO2/yr; no listed site.")
    else:
        if facility is None:
            notes.insert(0, "Territory or network measure: no listed site's emissions reduced.")
        notes.insert(0, "No t CO2/yr figure stated by the sources: not quantified.")
    return ScenarioMeasure(
        measure_id=measure.id,
        facility_id=facility,
        name=measure.name,
        enabled=enabled,
        start_year=start,
        ramp_years=0,
        abatement_t=abatement,
        basis=basis,
        basis_note=" ".join(notes),
        shared_with=shared,
    )


def accounting_partners(project: Project) -> dict[str, tuple[str, ...]]:
    """Facility id -> the other facilities of the same ``accounting_break`` caveat(s)."""
    out: dict[str, tuple[str, ...]] = {}
    for caveat in project.caveats:
        if caveat.kind != "accounting_break":
            continue
        for fid in caveat.facility_ids:
            others = tuple(f for f in caveat.facility_ids if f != fid)
            out[fid] = tuple(dict.fromkeys((*out.get(fid, ()), *others)))
    return out


def announced_plans(project: Project) -> Scenario:
    """The "Announced plans" preset (see the module docstring for the rules)."""
    ids = set(project.facilities)
    partners = accounting_partners(project)
    return Scenario(
        ANNOUNCED,
        tuple(
            announced_measure(m, ids, partners) for m in project.measures if m.variant_of is None
        ),
    )


def preset_scenarios(project: Project) -> list[Scenario]:
    """Return the presets: "Announced plans", "..., 3 years late", "No new measures".

    The late preset delays the measures not yet in service (:func:`is_in_service`).
    """
    announced = announced_plans(project)
    in_service = frozenset(m.id for m in project.measures if is_in_service(m))
    late = announced.delayed(
        PRESET_DELAY_YEARS, name=ANNOUNCED_LATE, keep=in_service, latest=MAX_START_YEAR
    )
    return [announced, late, Scenario(NO_NEW_MEASURES, ())]
