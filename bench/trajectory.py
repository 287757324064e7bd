"""Trajectory engine benchmark; prints figures (run: ``python bench/trajectory.py``).

* edit + re-project: one measure of "Announced plans" is edited (start year), then the
  whole cluster is re-projected to 2050 (``project_cluster``), the waterfall to 2030 and the
  gaps to the two 2030 cluster targets are recomputed, and the 2030 map values
  (``emissions_for_year``) too: the engine's share of the <= 100 ms "edit a measure,
  redraw" goal (the charts' redraw comes on top);
* per site: ``project_site`` for every facility, and the slowest one;
* the cluster 2030 total under each preset, and the gaps to the -55 % and ZIBaC targets
  with the references used.

``--smoke``: a few runs (see ``bench/common.py``).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import runs

from dkgis.model.project import Project
from dkgis.model.scenario import preset_scenarios
from dkgis.model.trajectory import (
    gap_to_target,
    last_verified_year,
    project_cluster,
    project_site,
    target_reference,
    waterfall_steps,
)
from dkgis.model.yearly import emissions_for_year

RUNS = runs(200, smoke=3)


def _ms(samples: list[float]) -> str:
    return (
        f"median {statistics.median(samples) * 1e3:6.2f} ms, "
        f"max {max(samples) * 1e3:6.2f} ms ({len(samples)} runs)"
    )


def main() -> None:
    project = Project.load()
    presets = preset_scenarios(project)
    announced = presets[0]
    targets = {t.id: t for t in project.targets}
    cluster_targets = [targets["dkarbonation_2030"], targets["zibac_2030"]]

    edit, cluster_only = [], []
    for i in range(RUNS):
        t0 = time.perf_counter()
        scenario = announced.edited("am_eaf_2026", start_year=2029 + i % 5)
        cluster = project_cluster(project, scenario)
        t1 = time.perf_counter()
        waterfall_steps(project, scenario, 2020)
        for target in cluster_targets:
            gap_to_target(project, scenario, target)
        emissions_for_year(project, 2030, scenario)
        t2 = time.perf_counter()
        assert len(cluster.facility_ids) > 0
        cluster_only.append(t1 - t0)
        edit.append(t2 - t0)
    print(f"edit one measure + project_cluster to 2050:       {_ms(cluster_only)}")
    print(f"  + waterfall + 2 target gaps + 2030 map values:  {_ms(edit)}  (goal: part of 100 ms)")

    per_site: dict[str, float] = {}
    for fid in project.facilities:
        samples = []
        for _ in range(max(RUNS // 10, 5)):
            t0 = time.perf_counter()
            project_site(project, fid, announced)
            samples.append(time.perf_counter() - t0)
        per_site[fid] = statistics.median(samples)
    slowest = max(per_site, key=per_site.__getitem__)
    print(
        f"project_site, {len(per_site)} facilities: median "
        f"{statistics.median(per_site.values()) * 1e3:.3f} ms, slowest {slowest} "
        f"{per_site[slowest] * 1e3:.3f} ms, all sites {sum(per_site.values()) * 1e3:.2f} ms"
    )

    print(f"\nlatest verified year: {last_verified_year(project)}")
    for target in cluster_targets:
        ref = target_reference(project, target)
        print(
            f"{target.id}: -{target.reduction_pct:g} % by {target.target_year}; reference "
            f"{ref.year} verified cluster total {ref.value_t / 1e6:.3f} Mt "
            f"({'stated' if ref.stated else 'chosen by dkgis'}), "
            f"allowed {ref.allowed_t / 1e6:.3f} Mt"
        )
    for scenario in presets:
        total = project_cluster(project, scenario).value(2030)
        gaps = ", ".join(
            f"{t.id} {gap_to_target(project, scenario, t) / 1e6:+.3f} Mt" for t in cluster_targets
        )
        print(f"{scenario.name:32s} 2030 cluster total {total / 1e6:.3f} Mt; gap {gaps}")


if __name__ == "__main__":
    main()
