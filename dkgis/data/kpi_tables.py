"""Build the ``kpis`` (jobs stated by sources) and ``clusters`` (WEF Transitioning Industrial
Clusters) tables from their curation files.

A curated row names the source row that states a figure (``source_id`` + ``source_match``)
and gives the figure's words as the source writes them (``stated``, checked verbatim in
that row). The numbers are read by ``text:`` references that must lie inside those words
(or, for the cluster file, the row's ``value`` column), so each number is the one the
source states, with the line of the file it is on (``source_line``). A figure that no
source states has no row: it is never written as zero.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dkgis.data.ids import natural_key
from dkgis.data.references import (
    BuildError,
    Sources,
    as_int,
    blank,
    check_in_row,
    eval_number,
    read_csv,
    source_url,
)
from dkgis.io import schema

#: The source of the clusters table; every one of its rows is cited at least once.
WEF_SOURCE = "wef_tic"


def _figure(
    row: dict[str, str], cur: dict[str, str], what: str, *, single_fills_both: bool
) -> tuple[float | None, float | None]:
    """The low and high bounds of a curated figure, checked against its qualifier.

    ``single_fills_both``: a single figure (exact, about) is written to both bounds (the
    ``kpis`` rule) rather than to the low bound alone (the ``clusters`` rule).
    """
    qualifier = blank(cur["qualifier"])
    stated = blank(cur["stated"])
    refs = {"low": blank(cur["low_ref"]), "high": blank(cur["high_ref"])}
    values: dict[str, float | None] = {}
    for bound, ref in refs.items():
        if ref is None:
            values[bound] = None
            continue
        if ref.startswith("text:"):
            verbatim = ref[len("text:") :].rsplit("*", 1)[0]
            if stated is None or verbatim not in stated:
                raise BuildError(f"{what}: {ref!r} does not read the stated words {stated!r}")
        elif row.get(ref) != stated:
            raise BuildError(f"{what}: column {ref!r} does not hold the stated words {stated!r}")
        value = eval_number(row, ref, what)
        if value <= 0:
            raise BuildError(f"{what}: a stated figure is positive, got {value:g}")
        values[bound] = value
    low, high = values["low"], values["high"]
    if qualifier is None:
        if low is not None or high is not None:
            raise BuildError(f"{what}: a figure needs a qualifier")
        return None, None
    if qualifier not in schema.QUALIFIERS:
        raise BuildError(f"{what}: unknown qualifier {qualifier!r}")
    shape = {
        "range": low is not None and high is not None and low < high,
        "more_than": low is not None and high is None,
        "up_to": (high if single_fills_both else low) is not None
        and (low if single_fills_both else high) is None,
    }.get(qualifier, low is not None and high is None)
    if not shape:
        raise BuildError(f"{what}: the references do not fit the qualifier {qualifier!r}")
    if single_fills_both and qualifier in ("exact", "about"):
        high = low
    return low, high


def _checked_year(row: dict[str, str], value: str, what: str) -> int | None:
    check_in_row(row, blank(value), what)
    return as_int(value, what)


def _check_enum(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise BuildError(f"{what}: {value!r} is not one of {allowed}")


def build_kpis(
    sources: Sources, curation: Path, facility_ids: set[str], measures: pd.DataFrame
) -> pd.DataFrame:
    """The ``kpis`` table: jobs stated for a site, an announced project or the cluster.

    Parameters
    ----------
    sources
        The source files.
    curation
        Folder of ``kpis.csv``.
    facility_ids
        Ids of the facilities table.
    measures
        The measures table (a project figure's site must be its measure's).
    """
    curated = read_csv(curation / "kpis.csv")
    if len({r["id"] for r in curated}) != len(curated):
        raise BuildError("duplicate ids in kpis.csv")
    measure_site = {
        m: (None if pd.isna(f) else f)
        for m, f in zip(measures["id"], measures["facility_id"], strict=True)
    }
    rows = []
    for cur in curated:
        what = f"kpi {cur['id']}"
        row = sources.select_one(cur["source_id"], cur["source_match"])
        fid, mid, scope = blank(cur["facility_id"]), blank(cur["measure_id"]), cur["scope"]
        _check_enum(scope, schema.KPI_SCOPES, what)
        _check_enum(cur["kind"], schema.JOB_KINDS, what)
        if fid is not None and fid not in facility_ids:
            raise BuildError(f"{what}: unknown facility {fid}")
        if mid is not None and mid not in measure_site:
            raise BuildError(f"{what}: unknown measure {mid}")
        expected = {
            "site": fid is not None and mid is None,
            "project": mid is not None and measure_site[mid] in (None, fid),
            "cluster": fid is None and mid is None,
        }[scope]
        if not expected:
            raise BuildError(f"{what}: facility and measure do not fit the scope {scope!r}")
        check_in_row(row, cur["stated"], what)
        low, high = _figure(row, cur, what, single_fills_both=True)
        if low is None and high is None:
            raise BuildError(f"{what}: no figure")
        rows.append(
            {
                "id": cur["id"],
                "facility_id": fid,
                "measure_id": mid,
                "scope": scope,
                "metric": "jobs",
                "kind": cur["kind"],
                "value_low": low,
                "value_high": high,
                "qualifier": cur["qualifier"],
                "value_text": cur["stated"],
                "year": _checked_year(row, cur["year"], what),
                "source_url": source_url(cur["source_id"], row, what),
                "source_id": cur["source_id"],
                "source_line": sources.line(row),
                "note": blank(cur["note"]),
            }
        )
    df = pd.DataFrame(rows, columns=list(schema.KPIS.column_names))
    return df.sort_values("id", key=lambda s: s.map(natural_key)).reset_index(drop=True)


def build_clusters(sources: Sources, curation: Path) -> pd.DataFrame:
    """The ``clusters`` table: members of the WEF Transitioning Industrial Clusters, the
    initiative's totals and the figures of single clusters, every row of the source cited.

    ``joined`` and a missing ``country`` come from the cluster's membership row.
    """
    curated = read_csv(curation / "clusters.csv")
    if len({r["id"] for r in curated}) != len(curated):
        raise BuildError("duplicate ids in clusters.csv")
    members = {r["cluster"]: r for r in sources.rows(WEF_SOURCE) if r["metric"] == "member"}
    cited: set[int] = set()
    rows = []
    for cur in curated:
        what = f"cluster figure {cur['id']}"
        row = sources.select_one(cur["source_id"], cur["source_match"])
        _check_enum(cur["comparable"], schema.CLUSTER_METRICS, what)
        cluster = cur["cluster"]
        check_in_row(row, blank(cur["named"]) or cluster, what)
        member = members.get(cluster)
        if member is None and cur["comparable"] != "initiative":
            raise BuildError(f"{what}: {cluster!r} is not a member named by {WEF_SOURCE}")
        if blank(cur["stated"]) is not None:
            check_in_row(row, cur["stated"], what)
        check_in_row(row, blank(cur["unit"]), what)
        low, high = _figure(
            row, {**cur, "low_ref": cur["value_ref"]}, what, single_fills_both=False
        )
        if cur["source_id"] == WEF_SOURCE:
            cited.add(sources.line(row))
        rows.append(
            {
                "id": cur["id"],
                "cluster": cluster,
                "country": blank(row.get("country")) or (member or {}).get("country") or None,
                "joined": blank(member["event"]) if member is not None else None,
                "metric": cur["metric"],
                "comparable": cur["comparable"],
                "value": low,
                "value_high": high,
                "qualifier": blank(cur["qualifier"]),
                "value_text": blank(cur["stated"]),
                "unit": blank(cur["unit"]),
                "year": _checked_year(row, cur["year"], what),
                "source_url": source_url(cur["source_id"], row, what),
                "source_id": cur["source_id"],
                "source_line": sources.line(row),
                "note": blank(cur["note"]),
            }
        )
    lines = {sources.line(r) for r in sources.rows(WEF_SOURCE)}
    uncited = sorted(lines - cited)
    if uncited:
        raise BuildError(f"clusters.csv cites no figure of {WEF_SOURCE} lines {uncited}")
    df = pd.DataFrame(rows, columns=list(schema.CLUSTERS.column_names))
    return df.sort_values("id", key=lambda s: s.map(natural_key)).reset_index(drop=True)
