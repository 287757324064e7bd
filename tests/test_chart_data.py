"""What the charts show, computed without Qt: site data, steel complex, cluster stack, gaps,
and the projections the project's scenario set computes and caches for them."""

from __future__ import annotations

import numpy as np
import pytest

from dkgis.model import trajectory
from dkgis.model.cluster_data import build_cluster_data, cluster_targets, sector_matrix
from dkgis.model.measures import Target
from dkgis.model.project import Project
from dkgis.model.scenario_set import ScenarioSet
from dkgis.model.site_data import (
    build_compare_entries,
    build_pathway,
    build_site_data,
    combined_verified,
    pathway_targets,
    reference_for,
)
from dkgis.model.trajectory import STEEL_COMPLEX

AM = "FR_956"


@pytest.fixture(scope="module")
def project():
    return Project.load()


@pytest.fixture
def scenarios(project):
    # The scenarios live in the (module-wide) project: start each test from the presets.
    project.scenarios.set_scenarios(trajectory.preset_scenarios(project), trajectory.ANNOUNCED)
    return project.scenarios


def site(project, scenarios, ids, **kw):
    """The site data under the active scenario (as the dock draws it)."""
    return build_site_data(project, scenarios, ids, scenario=scenarios.active, **kw)


def _target(**kw) -> Target:
    base = dict(
        id="t",
        scope="site",
        actor="Someone",
        target_year=2030,
        reduction_pct=40.0,
        status="target",
        source_url="https://example.org/t",
        source_id="announcements",
    )
    base.update(kw)
    return Target(**base)


def test_site_history_is_the_verified_series_and_reported_values_stay_apart(project, scenarios):
    data = site(project, scenarios, [AM])
    verified = project.emissions[AM].verified()
    assert data.years.tolist() == list(verified) == list(range(2005, 2023))
    assert data.values.tolist() == list(verified.values())
    # IREP and the 2024 report are points of their own, never in the line.
    assert [(r.year, r.source_id) for r in data.irep] == [(2015, "irep_emissions")]
    assert [(r.year, r.source_id) for r in data.reported] == [(2024, "emissions_2024")]
    assert 2024 not in data.years


def test_site_annotations_come_from_the_caveats(project, scenarios):
    data = site(project, scenarios, [AM])
    by_id = {a.caveat_id: a for a in data.annotations}
    assert by_id["steel_gas_2013"].kind == "accounting_break"
    assert by_id["steel_gas_2013"].year_from == 2013
    assert not by_id["steel_gas_2013"].cancels_out
    assert (by_id["missing_2023_2024"].year_from, by_id["missing_2023_2024"].year_to) == (
        2023,
        2024,
    )
    entry = site(project, scenarios, ["FR_205769"])
    assert "ets_scope_2013" in {a.caveat_id for a in entry.annotations}


def test_milestones_follow_the_active_scenario(project, scenarios):
    eaf = next(
        m for m in site(project, scenarios, [AM]).milestones if m.measure_id == "am_eaf_2026"
    )
    assert eaf.year == 2029 and eaf.in_scenario and eaf.quantified and eaf.basis == "estimated"
    scenarios.set_active(trajectory.ANNOUNCED_LATE)
    late = next(
        m for m in site(project, scenarios, [AM]).milestones if m.measure_id == "am_eaf_2026"
    )
    assert late.year == 2032
    reuze = next(
        m for m in site(project, scenarios, [AM]).milestones if m.measure_id == "am_reuze_efuels"
    )
    assert not reuze.quantified  # no figure stated: drawn as "not quantified"


def test_milestones_without_a_scenario_come_from_the_dataset(project):
    # A project always has a scenario; a chart asked for none lists the dataset's measures.
    scenarios = ScenarioSet(project)
    assert scenarios.site(AM, None) is None
    stones = {m.measure_id: m for m in scenarios.milestones([AM], None)}
    assert stones["am_eaf_2026"].year == 2029 and not stones["am_eaf_2026"].quantified
    # Source variants are not listed twice; their stated figure counts for the parent.
    assert "am_dri_eaf_2024_abatement" not in stones
    assert stones["am_dri_eaf_2022"].abatement_t == 4_400_000


def test_projections_run_to_2050_under_every_scenario(project, scenarios):
    data = site(project, scenarios, [AM])
    names = [p.scenario for p in data.projections]
    assert names[0] == data.scenario == trajectory.ANNOUNCED
    assert set(names) == set(scenarios.names)
    for p in data.projections:
        assert p.years[0] == 2023 and p.years[-1] == 2050
        assert (p.values >= 0).all()
    engine = trajectory.project_site(project, AM, scenarios.active)
    np.testing.assert_allclose(data.projection.values, engine.values)


def test_steel_complex_sums_the_three_sites_and_the_2013_break_cancels(project, scenarios):
    years, values = combined_verified(project, STEEL_COMPLEX)
    series = [project.emissions[i].verified() for i in STEEL_COMPLEX]
    assert values.tolist() == [sum(s[y] for s in series) for y in years]
    alone = project.emissions[AM].verified()
    drop_alone = alone[2013] / alone[2012] - 1
    complex_ = dict(zip(years.tolist(), values.tolist(), strict=True))
    drop_complex = complex_[2013] / complex_[2012] - 1
    assert drop_alone < -0.25 and abs(drop_complex) < 0.05
    data = site(project, scenarios, STEEL_COMPLEX, combined=True)
    assert data.irep == () and data.reported == () and data.reported_left_out
    assert next(a for a in data.annotations if a.caveat_id == "steel_gas_2013").cancels_out


def test_reference_uses_the_stated_baseline_or_a_documented_choice(project, scenarios):
    years = np.array([2018, 2019, 2020])
    values = np.array([100.0, 90.0, 80.0])
    stated = reference_for(_target(baseline_year=2019), years, values)
    assert (stated.year, stated.value_t, stated.stated) == (2019, 90.0, True)
    assert reference_for(_target(baseline_year=1990), years, values) is None
    chosen = reference_for(_target(), years, values)
    assert (chosen.year, chosen.value_t, chosen.stated) == (2020, 80.0, False)


def test_pathway_is_minus_55_by_2030_then_net_zero(project, scenarios):
    targets = pathway_targets(project)
    assert [(t.target_year, t.reduction_pct) for t in targets] == [(2030, 55.0), (2050, 100.0)]
    years = np.array([2021, 2022])
    path = build_pathway(targets, years, np.array([10.0, 8.0]))
    assert path.years.tolist() == [2022, 2030, 2050]
    np.testing.assert_allclose(path.values, [8.0, 8.0 * 0.45, 0.0])
    np.testing.assert_allclose(path.at(np.array([2026, 2040])), [(8.0 + 3.6) / 2, 1.8])


def test_gap_series_is_emissions_against_the_pathway(project, scenarios):
    data = site(project, scenarios, [AM])
    years, values, path = data.gap_series()
    assert years[0] == data.pathway.years[0] and years[-1] == 2050
    proj = data.projection
    assert values[-1] == proj.values[-1]
    assert path[-1] == 0.0


def test_cluster_stack_adds_up_to_the_verified_totals(project, scenarios):
    years, sectors, matrix, reporting = sector_matrix(project)
    for i, year in enumerate(years):
        assert matrix[:, i].sum() == pytest.approx(project.cluster_total(int(year)))
    steel = sum(
        project.emissions[fid].value(2010) or 0.0
        for fid, f in project.facilities.items()
        if f.sector == "steel"
    )
    assert matrix[sectors.index("steel"), years.tolist().index(2010)] == pytest.approx(steel)
    assert sectors[0] == "steel"  # the largest at the bottom of the stack
    assert reporting.max() <= len(project.facilities)


def test_cluster_targets_and_gaps_match_the_engine(project, scenarios):
    data = build_cluster_data(project, scenarios, scenarios.active)
    assert {ct.target.id for ct in data.targets} == {t.id for t in cluster_targets(project)}
    sc = scenarios.active
    for ct in data.targets:
        ref = trajectory.target_reference(project, ct.target)
        assert (ct.reference.year, ct.reference.stated) == (ref.year, ref.stated)
        assert ct.value_t == pytest.approx(ref.allowed_t)
        assert ct.gap_t == pytest.approx(trajectory.gap_to_target(project, sc, ct.target))
    zibac = next(ct for ct in data.targets if ct.target.id == "zibac_2030")
    assert zibac.reference.year == 2020 and zibac.reference.stated
    assert data.proj_years[0] == data.years[-1] + 1 and data.proj_years[-1] == 2050
    np.testing.assert_allclose(data.projected.sum(axis=0), scenarios.cluster(sc).total, rtol=1e-12)


def test_waterfall_starts_and_ends_on_the_totals(project, scenarios):
    data = build_cluster_data(project, scenarios, scenarios.active, waterfall_from=2020)
    steps = data.waterfall
    assert steps[0].kind == "start" and steps[0].year == 2020
    assert steps[0].value_t == pytest.approx(project.cluster_total(2020))
    assert steps[-1].kind == "end" and steps[-1].year == 2030
    total = steps[0].value_t + sum(s.value_t for s in steps[1:-1])
    assert total == pytest.approx(steps[-1].value_t)
    assert any(s.kind == "measure" for s in steps)


def test_compare_entries_one_per_site(project, scenarios):
    entries = build_compare_entries(
        project, scenarios, [("A", (AM,)), ("Complex", STEEL_COMPLEX)], scenarios.active
    )
    assert [e.label for e in entries] == ["A", "Complex"]
    assert entries[0].values.tolist() == list(project.emissions[AM].verified().values())
    assert entries[1].projection.years[-1] == 2050


def test_active_scenario_change_is_announced(project, scenarios):
    seen = []
    scenarios.changed.connect(lambda: seen.append(scenarios.active_name))
    scenarios.set_active(trajectory.NO_NEW_MEASURES)
    scenarios.set_active(trajectory.NO_NEW_MEASURES)  # no change, no event
    assert seen == [trajectory.NO_NEW_MEASURES]
    with pytest.raises(KeyError):
        scenarios.set_active("no such scenario")


def test_a_chart_drawn_for_a_named_scenario_leaves_the_active_one_alone(project, scenarios):
    seen = []
    scenarios.changed.connect(lambda: seen.append(True))
    late = scenarios.get(trajectory.ANNOUNCED_LATE)
    data = build_site_data(project, scenarios, [AM], scenario=late, other_scenarios=False)
    assert data.scenario == trajectory.ANNOUNCED_LATE
    assert [p.scenario for p in data.projections] == [trajectory.ANNOUNCED_LATE]
    eaf = next(m for m in data.milestones if m.measure_id == "am_eaf_2026")
    assert eaf.year == 2032  # the late scenario's date, not the active one's
    assert scenarios.active_name == trajectory.ANNOUNCED and seen == []
    cluster = build_cluster_data(project, scenarios, late)
    assert cluster.scenario == trajectory.ANNOUNCED_LATE and seen == []


def test_no_scenario_means_nothing_projected(project, scenarios):
    data = build_site_data(project, scenarios, [AM], scenario=None)
    assert data.scenario is None and data.projections == ()
    assert all(not m.in_scenario for m in data.milestones)
    cluster = build_cluster_data(project, scenarios, None)
    assert cluster.scenario is None and cluster.waterfall is None and len(cluster.proj_years) == 0


def test_projections_are_cached_until_the_scenarios_change(project, scenarios):
    sc = scenarios.active
    first = scenarios.site(AM, sc)
    assert scenarios.site(AM, sc.name) is first  # by name or by value: the same
    assert scenarios.cluster(sc) is scenarios.cluster(sc.name)
    # A scenario that is not in the set (a project file's, on the command line) projects too.
    outside = sc.renamed("Elsewhere")
    assert scenarios.get("Elsewhere") is None
    np.testing.assert_allclose(scenarios.site(AM, outside).values, first.values)
    scenarios.set_scenarios(scenarios.scenarios, sc.name)
    assert scenarios.site(AM, sc) is not first
