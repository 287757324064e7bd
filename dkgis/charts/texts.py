"""Texts of the charts: percentages, measure labels, target labels (no plotting).

Every word drawn in a chart goes through the message catalog of :mod:`dkgis.i18n`
(English source texts), and every number through its formatting functions, so that a
chart reads the same in the dock, in a chart file and on a slide. Data text (facility,
measure, actor and user scenario names) is only ever put into a sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from dkgis.i18n import _, format_percent
from dkgis.wording import scenario_phrase

if TYPE_CHECKING:
    from dkgis.model.cluster_data import ClusterTarget
    from dkgis.model.project import Project
    from dkgis.model.scenario_set import Milestone

#: Words of a measure's status saying it will not happen as announced, and what each means.
STOPPED_STATUS = ("cancel", "supersed", "suspend", "on hold")


def pct(value: float) -> str:
    """A reduction in percent (``55``) as a change: « −55 % », "−55%"."""
    decimals = 0 if float(value).is_integer() else 1
    return format_percent(-abs(float(value)) / 100, decimals)


def is_stopped(status: str) -> bool:
    """Whether a measure's status says it will not happen as announced."""
    low = status.lower()
    return any(word in low for word in STOPPED_STATUS)


def stopped_word(status: str) -> str:
    """What a stopped measure's status means, in the user's language (``cancelled``)."""
    low = status.lower()
    if "cancel" in low:
        return _("cancelled")
    if "supersed" in low:
        return _("superseded")
    return _("suspended")


def milestone_text(m: Milestone, prefixes: Sequence[str] = ()) -> str:
    """The label of a milestone: its name, and whether it is quantified or stopped."""
    text = short_name(m.name, prefixes)
    if is_stopped(m.status):
        text += " — " + stopped_word(m.status)
    elif not m.quantified:
        text += " — " + _("not quantified")
    elif m.basis == "estimated":
        text += " — " + _("estimated by dkgis")
    if m.in_scenario and not m.enabled:
        text += " — " + _("off in this scenario")
    return text


def short_name(name: str, prefixes: Sequence[str]) -> str:
    """A measure name without the site's name or operator in front of it.

    ``ArcelorMittal Dunkerque electric arc furnace`` becomes ``Electric arc furnace``
    on the chart of ArcelorMittal Dunkerque, and « ArcelorMittal Dunkerque : four
    électrique » (a no-break space before the colon) « Four électrique ».
    """
    for prefix in sorted(prefixes, key=len, reverse=True):
        after = name[len(prefix) : len(prefix) + 1]
        if prefix and name.startswith(prefix) and after.isspace() and len(name) > len(prefix) + 3:
            rest = name[len(prefix) :].lstrip(" \u00a0\u202f:-")
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


def reduction_by(reduction_pct: float, year: int) -> str:
    """A target in short: « −55 % d'ici 2030 », or « neutralité carbone en 2050 »."""
    if reduction_pct >= 100:
        return _("net zero by {year}").format(year=year)
    return _("{pct} by {year}").format(pct=pct(reduction_pct), year=year)


def projected_label(scenario: str | None) -> str:
    """Legend entry of a projection: « projection (scénario Plans annoncés) »."""
    return _("projection ({scenario})").format(scenario=scenario_phrase(scenario or ""))


def target_name(ct: ClusterTarget) -> str:
    """``DKarbonation (ZIBaC): −30% by 2030``, or ``…: net zero by 2050``."""
    t = ct.target
    return _("{actor}: {target}").format(
        actor=t.actor_text, target=reduction_by(t.reduction_pct, t.target_year)
    )


def short_target_label(ct: ClusterTarget) -> str:
    """``−30% vs 2020``, ``net zero by 2050`` or, without a stated baseline,
    ``−55% (vs 2022*)``."""
    t = ct.target
    if t.reduction_pct >= 100:
        return reduction_by(t.reduction_pct, t.target_year)
    if ct.reference.stated:
        return _("{pct} vs {year}").format(pct=pct(t.reduction_pct), year=ct.reference.year)
    return _("{pct} (vs {year}*)").format(pct=pct(t.reduction_pct), year=ct.reference.year)


def short_legend(ct: ClusterTarget) -> str:
    """Short legend entry: the actor's first word and the target (``ZIBaC −30% vs 2020``)."""
    actor = ct.target.actor_text
    if "(" in actor and ")" in actor:
        actor = actor[actor.index("(") + 1 : actor.index(")")]
    else:
        actor = actor.split(" / ")[0]
    return f"{actor} {short_target_label(ct)}"


def target_legend(ct: ClusterTarget) -> str:
    """Legend entry: the target, its baseline and the site stating it.

    ``ZIBaC −30% vs 2020 · dunkerquelenergiecreative.fr``; ``*`` marks a baseline year
    chosen by dkgis (the notes say so in words).
    """
    return f"{short_legend(ct)} · {source_site(ct.target.source_url)}"
