"""Key figures beside CO2: jobs stated by the sources and the figures of other clusters.

Rows of the ``kpis`` table become :class:`JobsFigure` objects, rows of ``clusters``
:class:`ClusterFigure` objects (``project.jobs`` and ``project.cluster_figures``). A site
or a project without a row has no stated figure: it is reported as "not stated", never as
zero. :func:`site_kpi_lines` gives the lines that the HTML map's popups and the
PowerPoint site slides show for one facility (jobs and investment, each with its source).

Texts are English source strings translated with :func:`dkgis.i18n._`; numbers are
formatted by :func:`dkgis.i18n.format_number`. Data text (names, the source's own
wording) is never translated.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from dkgis.i18n import _, format_number

if TYPE_CHECKING:
    from dkgis.model.measures import Measure
    from dkgis.model.project import Project


def _opt(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


@dataclass(frozen=True, kw_only=True)
class JobsFigure:
    """Jobs a source states for a site, an announced project or the cluster (``kpis`` row).

    ``low`` and ``high`` are the bounds: both equal for a single figure, only ``low`` for
    "more than", only ``high`` for "up to". ``kind`` says whether the jobs are ``direct``,
    ``direct_and_indirect`` or ``not_stated``; ``text`` is the source's wording.
    """

    id: str
    scope: str
    kind: str
    qualifier: str
    text: str
    source_url: str
    source_id: str
    source_line: int | None = None
    facility_id: str | None = None
    measure_id: str | None = None
    low: float | None = None
    high: float | None = None
    year: int | None = None
    note: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> JobsFigure:
        """Build a figure from a ``kpis`` row."""
        return cls(
            id=row["id"],
            scope=row["scope"],
            kind=row["kind"],
            qualifier=row["qualifier"],
            text=row["value_text"],
            source_url=row["source_url"],
            source_id=row["source_id"],
            source_line=_opt(row.get("source_line")),
            facility_id=_opt(row.get("facility_id")),
            measure_id=_opt(row.get("measure_id")),
            low=_number(row.get("value_low")),
            high=_number(row.get("value_high")),
            year=_opt(row.get("year")),
            note=_opt(row.get("note")),
        )

    @property
    def central(self) -> float:
        """One number standing for the figure (circle sizes): the middle of a range, else
        the bound that is stated."""
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else float(self.high or 0.0)


@dataclass(frozen=True, kw_only=True)
class ClusterFigure:
    """A figure of the WEF Transitioning Industrial Clusters (``clusters`` row).

    ``comparable`` groups figures that could be set side by side (``annual_emissions``,
    ``jobs``, ``gdp``...), ``member`` rows say who belongs, ``initiative`` rows are totals
    of the whole initiative. ``value`` is ``None`` when the source states no single number;
    ``value_high`` is the upper bound of a range.
    """

    id: str
    cluster: str
    metric: str
    comparable: str
    source_url: str
    source_id: str
    source_line: int | None = None
    country: str | None = None
    joined: str | None = None
    value: float | None = None
    value_high: float | None = None
    qualifier: str | None = None
    text: str | None = None
    unit: str | None = None
    year: int | None = None
    note: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> ClusterFigure:
        """Build a figure from a ``clusters`` row."""
        return cls(
            id=row["id"],
            cluster=row["cluster"],
            metric=row["metric"],
            comparable=row["comparable"],
            source_url=row["source_url"],
            source_id=row["source_id"],
            source_line=_opt(row.get("source_line")),
            country=_opt(row.get("country")),
            joined=_opt(row.get("joined")),
            value=_number(row.get("value")),
            value_high=_number(row.get("value_high")),
            qualifier=_opt(row.get("qualifier")),
            text=_opt(row.get("value_text")),
            unit=_opt(row.get("unit")),
            year=_opt(row.get("year")),
            note=_opt(row.get("note")),
        )


# -- words -------------------------------------------------------------------------------


def short_number(value: float) -> str:
    """A number with at most two decimals, none when it is whole (« 1,3 », "16")."""
    for decimals in (0, 1, 2):
        if abs(round(value, decimals) - value) < 1e-9 * max(1.0, abs(value)):
            return format_number(value, decimals)
    return format_number(value, 2)


def amount_text(qualifier: str | None, low: float | None, high: float | None, fmt=None) -> str:
    """How a stated amount reads: « environ 1 200 », "more than 3,000", "1,300–1,700"."""
    fmt = fmt or (lambda v: format_number(v))
    if qualifier == "range" and low is not None and high is not None:
        return _("{low}–{high}").format(low=fmt(low), high=fmt(high))
    if qualifier == "more_than" and low is not None:
        return _("more than {n}").format(n=fmt(low))
    if qualifier == "up_to":
        value = high if high is not None else low
        return _("up to {n}").format(n=fmt(value if value is not None else 0.0))
    value = low if low is not None else high
    text = fmt(value if value is not None else 0.0)
    return _("about {n}").format(n=text) if qualifier == "about" else text


def jobs_text(figure: JobsFigure) -> str:
    """A jobs figure in words: "about 1,200 direct jobs", "up to 9,000 jobs, direct and
    indirect", "60 jobs (direct or not: not stated)"."""
    amount = amount_text(figure.qualifier, figure.low, figure.high)
    if figure.kind == "direct":
        return _("{amount} direct jobs").format(amount=amount)
    if figure.kind == "direct_and_indirect":
        return _("{amount} jobs, direct and indirect").format(amount=amount)
    return _("{amount} jobs (direct or not: not stated)").format(amount=amount)


def euros_text(value: float) -> str:
    """An investment in euros: "1.3 bn EUR", "300 M EUR" (« 1,3 Md EUR » in French)."""
    if abs(value) >= 1e9:
        return _("{value} bn EUR").format(value=short_number(value / 1e9))
    if abs(value) >= 1e6:
        return _("{value} M EUR").format(value=short_number(value / 1e6))
    return _("{value} EUR").format(value=format_number(value))


def source_site(url: str) -> str:
    """The web site a source page is on (``lagazettefrance.fr``)."""
    host = urlparse(url).netloc
    return host.removeprefix("www.") or url


# -- one facility --------------------------------------------------------------------------


def jobs_of(project: Project, facility_id: str) -> tuple[JobsFigure, ...]:
    """The jobs figures stated for a facility: its workforce and its projects'."""
    return tuple(f for f in project.jobs if f.facility_id == facility_id)


def investments_of(project: Project, facility_id: str) -> tuple[Measure, ...]:
    """The facility's measures that state an investment (source variants left out)."""
    return tuple(
        m
        for m in project.measures
        if m.facility_id == facility_id and m.capex_eur is not None and m.variant_of is None
    )


def direct_jobs_by_facility(project: Project) -> dict[str, float]:
    """Facility id -> the direct jobs stated for it (workforce and projects), each figure by
    its :attr:`JobsFigure.central` value. Facilities without such a figure are absent: their
    jobs are not stated, not zero."""
    out: dict[str, float] = {}
    for figure in project.jobs:
        fid = figure.facility_id
        if figure.kind == "direct" and fid in project.facilities:
            out[fid] = out.get(fid, 0.0) + figure.central
    return out


@dataclass(frozen=True)
class KpiLine:
    """One line of key figures: a label, a text and the page stating it (``None``: none).

    Attributes
    ----------
    label
        "Jobs" or "Investment", translated.
    text
        The figure in words, translated; data text (a measure's name) is kept as it is.
    source_url
        The page that states it, or ``None`` when nothing is stated.
    """

    label: str
    text: str
    source_url: str | None = None

    @property
    def source_site(self) -> str | None:
        """The web site of the source page, for a short link text."""
        return source_site(self.source_url) if self.source_url else None

    @property
    def sentence(self) -> str:
        """The line as one sentence: "Jobs: about 1,200 direct jobs (stated 2025) —
        battery-tech.net"."""
        if self.source_url is None:
            return _("{label}: {text}").format(label=self.label, text=self.text)
        return _("{label}: {text} — {source}").format(
            label=self.label, text=self.text, source=self.source_site
        )


def site_kpi_lines(project: Project, facility_id: str) -> tuple[KpiLine, ...]:
    """The jobs and investment lines of a facility, each with its source.

    A facility without a stated figure gets a "not stated" line (never a zero).

    Parameters
    ----------
    project
        The project.
    facility_id
        The facility.
    """
    lines: list[KpiLine] = []
    jobs_label = _("Jobs")
    figures = jobs_of(project, facility_id)
    for figure in figures:
        text = jobs_text(figure)
        if figure.year is not None:
            text = _("{figure} (stated {year})").format(figure=text, year=figure.year)
        lines.append(KpiLine(jobs_label, text, figure.source_url))
    if not figures:
        lines.append(KpiLine(jobs_label, _("not stated by the sources")))
    money_label = _("Investment")
    measures = investments_of(project, facility_id)
    for m in measures:
        amount, status = euros_text(m.capex_eur or 0.0), m.status_text
        if status:
            text = _("{amount}: {measure}, {status}").format(
                amount=amount, measure=m.display_name, status=status
            )
        else:
            text = _("{amount}: {measure}").format(amount=amount, measure=m.display_name)
        lines.append(KpiLine(money_label, text, m.source_url))
    if not measures:
        lines.append(KpiLine(money_label, _("not stated by the sources")))
    return tuple(lines)


def load_jobs(rows: Iterable[Mapping[str, Any]]) -> tuple[JobsFigure, ...]:
    """The ``kpis`` rows that are jobs figures, as :class:`JobsFigure` objects."""
    return tuple(JobsFigure.from_row(r) for r in rows if r.get("metric") == "jobs")


def load_cluster_figures(rows: Iterable[Mapping[str, Any]]) -> tuple[ClusterFigure, ...]:
    """The ``clusters`` rows as :class:`ClusterFigure` objects."""
    return tuple(ClusterFigure.from_row(r) for r in rows)
