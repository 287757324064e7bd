"""Texts of the charts: translation, percentages, measure labels (no plotting)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from dkgis.model.cluster_data import ClusterTarget
    from dkgis.model.project import Project
    from dkgis.model.scenario_set import Milestone

STOPPED_STATUS = ("cancel", "supersed", "suspend", "on hold")


def tr(text: str) -> str:
    """Translate a chart string (context ``Charts``)."""
    return QCoreApplication.translate("Charts", text)


def pct(value: float) -> str:
    """``−55 %`` with a true minus sign and the locale's decimal mark."""
    from dkgis.labels import format_number

    decimals = 0 if float(value).is_integer() else 1
    return "\u2212" + format_number(value, decimals) + "\u00a0%"


def is_stopped(status: str) -> bool:
    """Whether a measure's status says it will not happen as announced."""
    low = status.lower()
    return any(word in low for word in STOPPED_STATUS)


def milestone_text(m: Milestone, prefixes: Sequence[str] = ()) -> str:
    """The label of a milestone: its name, and whether it is quantified or stopped."""
    text = short_name(m.name, prefixes)
    if is_stopped(m.status):
        text += " — " + m.status
    elif not m.quantified:
        text += " — " + tr("not quantified")
    elif m.basis == "estimated":
        text += " — " + tr("estimated by dkgis")
    if m.in_scenario and not m.enabled:
        text += " — " + tr("off in this scenario")
    return text


def short_name(name: str, prefixes: Sequence[str]) -> str:
    """A measure name without the site's name or operator in front of it.

    ``ArcelorMittal Dunkerque electric arc furnace`` becomes ``Electric arc furnace``
    on the chart of ArcelorMittal Dunkerque.
    """
    for prefix in sorted(prefixes, key=len, reverse=True):
        if prefix and name.startswith(prefix + " ") and len(name) > len(prefix) + 3:
            rest = name[len(prefix) :].lstrip(" :-")
            return rest[:1].upper() + rest[1:] if rest[:1].islower() else rest
    return name


def short_credit(project: Project, source_id: str) -> str:
    """The credit line of a source (its attribution, else its title)."""
    source = project.sources.get(source_id)
    if source is None:
        return source_id
    return source.attribution or source.title


def source_site(url: str) -> str:
    """The web site a source page is on (``dunkerquelenergiecreative.fr``)."""
    host = urlparse(url).netloc
    return host.removeprefix("www.") or url


def target_name(ct: ClusterTarget) -> str:
    """``DKarbonation (ZIBaC) −30 % by 2030``, or ``… net zero by 2050``."""
    t = ct.target
    if t.reduction_pct >= 100:
        return tr("{actor}: net zero by {year}").format(actor=t.actor, year=t.target_year)
    return tr("{actor}: {pct} by {year}").format(
        actor=t.actor, pct=pct(t.reduction_pct), year=t.target_year
    )


def short_target_label(ct: ClusterTarget) -> str:
    """``−30 % vs 2020`` or, without a stated baseline, ``−55 % (vs 2022*)``."""
    t = ct.target
    if t.reduction_pct >= 100:
        return tr("net zero {year}").format(year=t.target_year)
    if ct.reference.stated:
        return tr("{pct} vs {year}").format(pct=pct(t.reduction_pct), year=ct.reference.year)
    return tr("{pct} (vs {year}*)").format(pct=pct(t.reduction_pct), year=ct.reference.year)


def short_legend(ct: ClusterTarget) -> str:
    """Short legend entry: the actor's first word and the target (``ZIBaC −30 % vs 2020``)."""
    actor = ct.target.actor
    if "(" in actor and ")" in actor:
        actor = actor[actor.index("(") + 1 : actor.index(")")]
    else:
        actor = actor.split(" / ")[0]
    return f"{actor} {short_target_label(ct)}"


def target_legend(ct: ClusterTarget) -> str:
    """Legend entry: the target, its baseline and the site stating it.

    ``ZIBaC −30 % vs 2020 · dunkerquelenergiecreative.fr``; ``*`` marks a baseline year
    chosen by dkgis (the notes say so in words).
    """
    return tr("{target} · {site}").format(
        target=short_legend(ct), site=source_site(ct.target.source_url)
    )
