"""The trajectory engine, on small projects with hand-computed values and on the real dataset."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dkgis.model import Caveat, EmissionSeries, EmissionValue, Facility, Measure, Project, Target
from dkgis.model.scenario import (
    ANNOUNCED,
    ANNOUNCED_LATE,
    EAF_ESTIMATE,
    NO_NEW_MEASURES,
    MeasureValueError,
    Scenario,
    ScenarioMeasure,
    announced_measure,
    preset_scenarios,
)
from dkgis.model.trajectory import (
    STEEL_COMPLEX,
    combined_projection,
    combined_series,
    gap_to_target,
    last_verified_year,
    project_cluster,
    project_site,
    site_baseline,
    target_reference,
    waterfall,
    waterfall_steps,
)
from dkgis.model.yearly import emissions_for_year

# -- a small synthetic project ---------------------------------------------------------


def fac(fid: str, sector: str = "steel", status: str = "operating") -> Facility:
    return Facility(
        id=fid,
        name=f"Site {fid}",
        sector=sector,
        commune="Dunkerque",
        insee="59183",
        status=status,
        status_as_of="2021",
        location_precision="site",
        location_source="test",
        lon=2.3,
        lat=51.03,
    )


def ev(fid: str, year: int, value: float, kind: str = "verified") -> EmissionValue:
    return EmissionValue(fid, year, value, kind, "CO2e", "eutl" if kind == "verified" else "irep")


def make_project(
    series: dict[str, dict[int, float]],
    sectors: dict[str, str] | None = None,
    statuses: dict[str, str] | None = None,
    reported: dict[str, dict[int, float]] | None = None,
    caveats=(),
    measures=(),
    targets=(),
) -> Project:
    sectors = sectors or {}
    statuses = statuses or {}
    reported = reported or {}
    ids = list(dict.fromkeys([*series, *reported, *sectors]))
    facilities = {
        fid: fac(fid, sectors.get(fid, "steel"), statuses.get(fid, "operating")) for fid in ids
    }
    emissions = {
        fid: EmissionSeries(
            fid,
            tuple(ev(fid, y, v) for y, v in series.get(fid, {}).items())
            + tuple(ev(fid, y, v, "reported") for y, v in reported.get(fid, {}).items()),
        )
        for fid in ids
    }
    return Project(
        facilities=facilities,
        emissions=emissions,
        caveats=caveats,
        measures=measures,
        targets=targets,
    )


#: Site A: baseline = mean(200, 300, 400) = 300 over 2019-2021 (2018 is not used).
A = {2018: 100.0, 2019: 200.0, 2020: 300.0, 2021: 400.0}
#: Site B: baseline = mean(50, 70) = 60 (no 2019 value).
B = {2020: 50.0, 2021: 70.0}


@pytest.fixture
def small() -> Project:
    return make_project({"A": A, "B": B}, sectors={"A": "steel", "B": "power"})


def sm(mid: str = "m", fid: str | None = "A", **kw) -> ScenarioMeasure:
    kw.setdefault("start_year", 2024)
    if "abatement_t" in kw or "abatement_pct" in kw or kw.get("replaces_process"):
        kw.setdefault("basis", "user")
    return ScenarioMeasure(measure_id=mid, facility_id=fid, name=f"Measure {mid}", **kw)


def values_by_year(projection) -> dict[int, float]:
    return {int(y): float(v) for y, v in zip(projection.years, projection.values, strict=True)}


# -- baseline ---------------------------------------------------------------------------


def test_baseline_is_the_mean_of_the_last_three_verified_years(small):
    assert last_verified_year(small) == 2021
    base = site_baseline(small, "A")
    assert base.value_t == 300.0
    assert base.years == (2019, 2020, 2021)
    base_b = site_baseline(small, "B")
    assert base_b.value_t == 60.0
    assert base_b.years == (2020, 2021)


def test_projection_without_measures_holds_the_baseline_flat_to_2050(small):
    proj = project_site(small, "A", Scenario("none"))
    assert proj.years[0] == 2022 and proj.years[-1] == 2050
    assert len(proj.years) == 29
    assert np.all(proj.values == 300.0)
    assert proj.kind == "projected"
    assert proj.scenario == "none"
    assert proj.abatement_by_measure == {}


def test_sites_without_recent_verified_values_or_closed_are_not_projected():
    project = make_project(
        {"A": A, "OLD": {2015: 1000.0, 2016: 900.0}, "SHUT": {2020: 10.0, 2021: 0.0}},
        statuses={"SHUT": "closed"},
        reported={"IREP": {2021: 5000.0}},
    )
    assert site_baseline(project, "OLD") is None
    assert site_baseline(project, "SHUT") is None
    assert site_baseline(project, "IREP") is None  # reported values never make a baseline
    assert project_site(project, "OLD", Scenario("x")) is None
    cluster = project_cluster(project, Scenario("x"))
    assert cluster.facility_ids == ("A",)
    assert np.all(cluster.total == 300.0)


def test_zero_values_count_in_the_baseline():
    project = make_project({"A": {2019: 0.0, 2020: 30.0, 2021: 0.0}})
    assert site_baseline(project, "A").value_t == 10.0


def test_baseline_does_not_use_years_before_an_accounting_break():
    brk = Caveat(
        id="brk",
        kind="accounting_break",
        description="gases counted elsewhere from 2020",
        source_id="eutl",
        facility_ids=("A",),
        year_from=2020,
    )
    project = make_project({"A": A, "B": B}, caveats=[brk])
    assert site_baseline(project, "A").value_t == 350.0  # mean(300, 400)
    assert site_baseline(project, "B").value_t == 60.0  # caveat of another site


# -- measures ---------------------------------------------------------------------------


def test_linear_ramp(small):
    # 90 t/yr at full effect, ramp 2: 1/3 in 2024, 2/3 in 2025, full from 2026.
    scenario = Scenario("s", (sm(abatement_t=90.0, ramp_years=2),))
    got = values_by_year(project_site(small, "A", scenario))
    assert got[2023] == 300.0
    assert got[2024] == pytest.approx(270.0)
    assert got[2025] == pytest.approx(240.0)
    assert got[2026] == pytest.approx(210.0)
    assert got[2050] == pytest.approx(210.0)


def test_ramp_zero_means_full_effect_from_the_start_year(small):
    got = values_by_year(project_site(small, "A", Scenario("s", (sm(abatement_t=90.0),))))
    assert (got[2023], got[2024]) == (300.0, 210.0)


def test_abatement_as_a_percentage_of_the_baseline(small):
    scenario = Scenario("s", (sm(abatement_pct=25.0),))
    got = values_by_year(project_site(small, "A", scenario))
    assert (got[2023], got[2024], got[2040]) == (300.0, 225.0, 225.0)


def test_replaces_process_removes_the_whole_baseline(small):
    scenario = Scenario("s", (sm(replaces_process=True, start_year=2025, ramp_years=1),))
    proj = project_site(small, "A", scenario)
    got = values_by_year(proj)
    assert (got[2024], got[2025], got[2026], got[2050]) == (300.0, 150.0, 0.0, 0.0)
    assert proj.abatement_by_measure["m"][proj.years == 2026][0] == 300.0


def test_projection_never_goes_below_zero_and_shares_the_clamp(small):
    # 200 + 200 = 400 t/yr on a 300 t/yr baseline: 0 t, each measure credited 150 t.
    scenario = Scenario(
        "s", (sm("m1", abatement_t=200.0), sm("m2", abatement_t=200.0, start_year=2026))
    )
    proj = project_site(small, "A", scenario)
    got = values_by_year(proj)
    assert got[2025] == 100.0
    assert got[2026] == 0.0
    assert np.all(proj.values >= 0.0)
    i2025, i2026 = (
        int(np.flatnonzero(proj.years == 2025)[0]),
        int(np.flatnonzero(proj.years == 2026)[0]),
    )
    assert proj.abatement_by_measure["m1"][i2025] == 200.0
    assert proj.abatement_by_measure["m1"][i2026] == 150.0
    assert proj.abatement_by_measure["m2"][i2026] == 150.0
    summed = proj.abatement_by_measure["m1"] + proj.abatement_by_measure["m2"]
    assert np.allclose(proj.baseline - proj.values, summed)


def test_a_measure_already_in_effect_in_the_baseline_years_is_not_subtracted_twice(small):
    # Full effect from 2020: in effect in 2 of the 3 baseline years (2019-2021), so the
    # baseline already holds 2/3 of it; only the last third is subtracted.
    scenario = Scenario("s", (sm(abatement_t=60.0, start_year=2020),))
    got = values_by_year(project_site(small, "A", scenario))
    assert got[2022] == pytest.approx(280.0)


def test_disabled_unquantified_and_other_site_measures_do_not_count(small):
    scenario = Scenario(
        "s",
        (
            sm("off", abatement_t=100.0, enabled=False),
            sm("nofig"),
            sm("nostart", abatement_t=100.0, start_year=None),
            sm("territory", fid=None, abatement_t=100.0),
            sm("onB", fid="B", abatement_t=10.0),
        ),
    )
    proj = project_site(small, "A", scenario)
    assert np.all(proj.values == 300.0)
    reasons = {m.measure_id: m.unquantified_reason for m in scenario.measures}
    assert reasons == {
        "off": "disabled",
        "nofig": "no_figure",
        "nostart": "no_start_year",
        "territory": "no_site",
        "onB": None,
    }
    assert values_by_year(project_site(small, "B", scenario))[2024] == 50.0


def test_delay_shifts_every_start_year(small):
    scenario = Scenario("s", (sm(abatement_t=90.0), sm("later", abatement_t=10.0, start_year=2030)))
    late = scenario.delayed(3, name="late")
    assert late.name == "late"
    assert [m.start_year for m in late.measures] == [2027, 2033]
    got = values_by_year(project_site(small, "A", late))
    assert (got[2026], got[2027], got[2032], got[2033]) == (300.0, 210.0, 210.0, 200.0)
    with pytest.raises(MeasureValueError, match="after 2100"):
        scenario.delayed(80)


# -- cluster ----------------------------------------------------------------------------


def test_cluster_is_the_sum_of_its_sites_by_sector(small):
    scenario = Scenario("s", (sm(abatement_t=90.0), sm("b", fid="B", abatement_pct=50.0)))
    cluster = project_cluster(small, scenario)
    assert cluster.facility_ids == ("A", "B")
    assert cluster.values.shape == (2, 29)
    assert cluster.value(2023) == 360.0
    assert cluster.value(2024) == 240.0  # 210 + 30
    assert np.allclose(cluster.by_sector["steel"][2:], 210.0)
    assert np.allclose(cluster.by_sector["power"][2:], 30.0)
    assert np.allclose(cluster.total, cluster.values.sum(axis=0))
    assert cluster.baselines == {"A": 300.0, "B": 60.0}
    assert cluster.scenario == "s" and cluster.kind == "projected"


def test_reported_values_never_enter_the_totals():
    project = make_project({"A": A}, reported={"A": {2021: 9999.0, 2030: 1.0}})
    assert site_baseline(project, "A").value_t == 300.0
    assert project_cluster(project, Scenario("x")).value(2030) == 300.0


def test_emissions_for_year_verified_then_projected(small):
    scenario = Scenario("s", (sm(abatement_t=90.0),))
    year = emissions_for_year(small, 2019, scenario)
    values, kinds = year.values, year.kinds
    assert values[0] == 200.0 and kinds[0] == "verified"
    assert math.isnan(values[1]) and kinds[1] == "no_data"
    assert year.scenario is None
    year = emissions_for_year(small, 2030, scenario)
    assert list(year.values) == [210.0, 60.0]
    assert list(year.kinds) == ["projected", "projected"]
    assert year.scenario == "s" and year.is_projected and year.last_verified == 2021
    # "No new measures": the flat baseline.
    assert list(emissions_for_year(small, 2030, Scenario("none")).values) == [300.0, 60.0]
    # No scenario: a projected year is never shown as an older value carried forward.
    with pytest.raises(ValueError, match="after the last verified year"):
        emissions_for_year(small, 2030)


def test_combined_projection_sums_the_projected_sites():
    project = make_project({"A": A, "B": B, "OLD": {2010: 5.0}})
    scenario = Scenario("s", (sm(abatement_t=90.0),))
    combined = combined_projection(project, ["A", "B", "OLD"], scenario)
    assert combined.facility_id == "A+B"  # OLD has no projection
    assert combined.baseline == 360.0
    assert values_by_year(combined)[2024] == 270.0
    assert combined.baseline_years == (2019, 2020, 2021)
    assert combined_projection(project, ["OLD"], scenario) is None


def test_combined_series_keeps_years_every_site_has():
    project = make_project({"A": A, "B": B})
    assert combined_series(project, ("A", "B")) == {2020: 350.0, 2021: 470.0}
    assert combined_series(project, ("A", "unknown")) == A
    assert combined_series(project, ("unknown",)) == {}


# -- waterfall and targets --------------------------------------------------------------


def test_waterfall_from_a_verified_year_to_2030(small):
    scenario = Scenario("s", (sm("eaf", abatement_t=90.0), sm("b", fid="B", abatement_t=6.0)))
    steps = waterfall_steps(small, scenario, 2020, 2030)
    # 2020 verified: 300 + 50 = 350. 2030: (300 - 90) + (60 - 6) = 264.
    # Other change = 264 - 350 - (-96) = 10 (the baselines are above the 2020 values).
    assert [(s.kind, s.value_t) for s in steps] == [
        ("start", 350.0),
        ("measure", -90.0),
        ("measure", -6.0),
        ("other", 10.0),
        ("end", 264.0),
    ]
    assert steps[0].total_kind == "verified" and steps[-1].total_kind == "projected"
    assert steps[1].label == "Measure eaf" and steps[1].measure_id == "eaf"
    pairs = waterfall(small, scenario, 2020)
    assert pairs[0] == ("Verified total 2020", 350.0)
    assert pairs[-1] == ("Projected total 2030", 264.0)
    assert sum(v for _, v in pairs[:-1]) == pytest.approx(pairs[-1][1])


def test_waterfall_between_projected_years_counts_only_the_change(small):
    scenario = Scenario(
        "s", (sm(abatement_t=90.0, start_year=2024), sm("n", abatement_t=30.0, start_year=2028))
    )
    steps = waterfall_steps(small, scenario, 2025, 2030)
    assert [(s.kind, s.value_t) for s in steps] == [
        ("start", 270.0),  # 300 - 90 + 60
        ("measure", -30.0),  # only "n" changes between 2025 and 2030
        ("other", 0.0),
        ("end", 240.0),
    ]


def target(**kw) -> Target:
    base = dict(
        id="t",
        scope="cluster",
        actor="CUD",
        target_year=2030,
        reduction_pct=50.0,
        status="target",
        source_url="https://example.org",
        source_id="press",
    )
    base.update(kw)
    return Target(**base)


def test_gap_to_a_target_with_a_stated_baseline_year(small):
    scenario = Scenario("s", (sm(abatement_t=90.0),))
    t = target(baseline_year=2020)
    ref = target_reference(small, t)
    assert (ref.year, ref.value_t, ref.stated, ref.allowed_t) == (2020, 350.0, True, 175.0)
    # 2030: 210 + 60 = 270 t, allowed 175 t: 95 t above.
    assert gap_to_target(small, scenario, t) == 95.0
    assert gap_to_target(small, scenario, target(baseline_year=2020, reduction_pct=10.0)) == -45.0


def test_target_without_baseline_year_uses_the_latest_verified_year_before_announcement(small):
    t = target(announced="2024-01")
    ref = target_reference(small, t)
    assert (ref.year, ref.value_t, ref.stated) == (2021, 470.0, False)
    assert "chosen by dkgis" in ref.note
    assert target_reference(small, target(announced="2020")).year == 2020
    assert target_reference(small, target()).year == 2021
    # No measures: 360 t in 2030, 235 t allowed.
    assert gap_to_target(small, Scenario("x"), t) == 125.0


def test_site_target_and_unmeasurable_targets(small):
    t = target(scope="site", facility_id="A", baseline_year=2019, reduction_pct=25.0)
    assert target_reference(small, t).allowed_t == 150.0
    scenario = Scenario("s", (sm(abatement_t=90.0),))
    assert gap_to_target(small, scenario, t) == 60.0  # 210 - 150
    with pytest.raises(ValueError, match="not a target of the cluster"):
        target_reference(small, target(scope="national"))
    with pytest.raises(ValueError, match="baseline year 1990"):
        target_reference(small, target(baseline_year=1990))


# -- measure values and scenario edits --------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"abatement_t": -1.0}, "abatement_t", "negative"),
        ({"start_year": 2004}, "start_year", "before 2005"),
        ({"start_year": 2101}, "start_year", "after 2100"),
        ({"ramp_years": -1}, "ramp_years", "negative"),
        ({"abatement_pct": 120.0, "abatement_t": None}, "abatement_pct", "not in 0-100"),
        ({"abatement_pct": -5.0, "abatement_t": None}, "abatement_pct", "not in 0-100"),
        ({"abatement_pct": 5.0}, "abatement_pct", "not both"),
        ({"start_year": 2030.5}, "start_year", "not a whole number"),
        ({"abatement_t": float("nan")}, "abatement_t", "finite"),
        ({"abatement_t": "lots"}, "abatement_t", "not a number"),
        ({"basis": "guess"}, "basis", "not one of"),
        ({"basis": "none"}, "basis", "with a figure"),
    ],
)
def test_impossible_values_are_refused_with_a_clear_message(changes, field, message):
    measure = sm(abatement_t=10.0)
    with pytest.raises(MeasureValueError, match=message) as info:
        measure.replace(**changes)
    assert info.value.field == field
    assert "'m'" in str(info.value)  # names the measure
    assert isinstance(info.value, ValueError)


def test_scenario_editing_returns_new_scenarios():
    s = Scenario("s", (sm("a", abatement_t=1.0), sm("b")))
    edited = s.edited("a", start_year=2031)
    assert edited.measure("a").start_year == 2031 and s.measure("a").start_year == 2024
    assert s.with_measure(sm("c")).measure_ids == ("a", "b", "c")
    assert s.without_measure("a").measure_ids == ("b",)
    assert s.renamed("t").name == "t"
    with pytest.raises(KeyError):
        s.edited("zz", start_year=2030)
    with pytest.raises(ValueError, match="twice"):
        Scenario("s", (sm("a"), sm("a")))
    with pytest.raises(ValueError, match="non-empty name"):
        Scenario(" ")
    assert Scenario.from_dict(s.to_dict()) == s


# -- preset rules on dataset measures ---------------------------------------------------


def measure(**kw) -> Measure:
    base = dict(
        id="x",
        name="X",
        lever="other",
        status="announced",
        source_url="https://example.org/x",
        source_id="announcements",
        facility_id="A",
        start_year=2027,
    )
    base.update(kw)
    return Measure(**base)


def test_preset_rules_on_dataset_measures():
    ids = {"A", "ECO"}
    stated = announced_measure(measure(abatement_t=5000.0), ids)
    assert (stated.basis, stated.abatement_t, stated.enabled) == ("stated", 5000.0, True)
    assert "https://example.org/x" in stated.basis_note
    unstated = announced_measure(measure(), ids)
    assert (unstated.basis, unstated.quantified) == ("none", False)
    assert "not quantified" in unstated.basis_note
    for status in ("Cancelled", "announced (superseded)", "suspended"):
        assert announced_measure(measure(status=status), ids).enabled is False
    timeless = announced_measure(measure(start_year=None, abatement_t=10.0), ids)
    assert timeless.start_year is None and timeless.unquantified_reason == "no_start_year"
    territory = announced_measure(measure(facility_id=None, abatement_t=10.0), ids)
    assert territory.facility_id is None and territory.abatement_t is None
    eco = announced_measure(
        measure(id="ecocem_ggbs_plant", facility_id="ECO", abatement_t=492000.0), ids
    )
    assert eco.abatement_t is None and eco.basis == "none"
    assert "492,000" in eco.basis_note and "elsewhere" in eco.basis_note
    too_old = announced_measure(measure(start_year=1985), ids)
    assert too_old.start_year is None and "1985" in too_old.basis_note


def test_presets_skip_variants_and_delay_by_three_years():
    measures = [
        measure(id="main", abatement_t=100.0),
        measure(id="variant", abatement_t=999.0, variant_of="main"),
        measure(id="gone", status="Cancelled", abatement_t=50.0),
    ]
    project = make_project({"A": A}, measures=measures)
    announced, late, none = preset_scenarios(project)
    assert (announced.name, late.name, none.name) == (ANNOUNCED, ANNOUNCED_LATE, NO_NEW_MEASURES)
    assert announced.measure_ids == ("main", "gone")
    assert late.measure("main").start_year == 2030
    assert none.measures == ()
    assert values_by_year(project_site(project, "A", announced))[2027] == 200.0
    assert values_by_year(project_site(project, "A", late))[2029] == 300.0
    assert values_by_year(project_site(project, "A", late))[2030] == 200.0


# -- the real dataset -------------------------------------------------------------------


@pytest.fixture(scope="module")
def real() -> Project:
    return Project.load()


@pytest.fixture(scope="module")
def presets(real) -> dict[str, Scenario]:
    return {s.name: s for s in preset_scenarios(real)}


def test_real_presets_exist(presets):
    assert list(presets) == [ANNOUNCED, ANNOUNCED_LATE, NO_NEW_MEASURES]
    assert presets[NO_NEW_MEASURES].measures == ()
    assert "am_eaf_2026" in presets[ANNOUNCED].measure_ids


def test_real_presets_never_count_variants_or_cancelled_plans(real, presets):
    variants = {m.id for m in real.measures if m.variant_of}
    announced = presets[ANNOUNCED]
    assert variants and not variants & set(announced.measure_ids)
    assert announced.measure("am_dmx_full_scale").enabled is False  # cancelled
    assert announced.measure("am_dri_eaf_2022").enabled is False  # superseded
    counted = {m.measure_id for m in announced.measures if m.counts}
    # Ecocem's and the heat network's figures are CO2 avoided elsewhere.
    assert not {"ecocem_ggbs_plant", "dunkerque_heat_network"} & counted
    for m in announced.measures:
        if m.basis == "stated":
            source = next(r for r in real.measures if r.id == m.measure_id)
            assert m.abatement_t == source.abatement_t
    assert [m.measure_id for m in announced.measures if m.basis == "estimated"] == ["am_eaf_2026"]


def test_real_eaf_estimate_uses_only_stated_figures(real, presets):
    eaf = presets[ANNOUNCED].measure("am_eaf_2026")
    row = next(m for m in real.measures if m.id == "am_eaf_2026")
    intensity = next(m for m in real.measures if m.id == "am_dri_eaf_2024_intensity")
    # The figures of the estimate are those the dataset's notes quote from the sources.
    assert row.abatement_t is None and row.start_year == 2029
    assert "2 Mt EAF" in row.note and "0.6 t CO2/t steel" in row.note and "3 times less" in row.note
    assert "1.8 -> 0.5" in intensity.note
    assert EAF_ESTIMATE.capacity_t == 2e6
    assert (EAF_ESTIMATE.intensity_before, EAF_ESTIMATE.intensity_after) == (1.8, 0.6)
    assert eaf.abatement_t == 2_400_000.0 and eaf.basis == "estimated"
    assert row.source_url in eaf.basis_note and intensity.source_url in eaf.basis_note
    assert "not stated" in eaf.basis_note


def test_real_arcelormittal_projection_falls_only_with_the_eaf(real, presets):
    by_name = {n: values_by_year(project_site(real, "FR_956", s)) for n, s in presets.items()}
    base = site_baseline(real, "FR_956")
    assert base.years == (2020, 2021, 2022)  # after the 2013 accounting break
    for values in by_name.values():
        assert values[2023] == values[2028] == pytest.approx(base.value_t)
    announced, late, none = by_name[ANNOUNCED], by_name[ANNOUNCED_LATE], by_name[NO_NEW_MEASURES]
    # The EAF estimate (2.4 Mt, whole blast-furnace route) is shared with DK6, which burns
    # the steel-works gases, in proportion to the two baselines.
    dk6 = site_baseline(real, "FR_988")
    share = base.value_t / (base.value_t + dk6.value_t)
    assert 0.55 < share < 0.65
    assert announced[2029] == pytest.approx(base.value_t - 2.4e6 * share)
    assert late[2031] == pytest.approx(base.value_t)
    assert late[2032] == pytest.approx(base.value_t - 2.4e6 * share)
    assert list(none.values()) == pytest.approx([base.value_t] * len(none))
    dk6_values = values_by_year(project_site(real, "FR_988", presets[ANNOUNCED]))
    assert dk6_values[2029] == pytest.approx(dk6.value_t - 2.4e6 * (1 - share))
    both = combined_projection(real, ("FR_956", "FR_988"), presets[ANNOUNCED])
    assert both.value(2028) - both.value(2029) == pytest.approx(2.4e6)


def test_real_projections_are_never_negative_nor_reported(real, presets):
    for scenario in presets.values():
        cluster = project_cluster(real, scenario)
        assert np.all(cluster.values >= 0.0)
        assert cluster.years[0] == last_verified_year(real) + 1 == 2023
        for fid, baseline in cluster.baselines.items():
            recent = [real.emissions[fid].value(y) for y in (2020, 2021, 2022)]
            recent = [v for v in recent if v is not None]
            assert baseline == pytest.approx(sum(recent) / len(recent))
    # IREP-only establishments and the reported 2024 ArcelorMittal value count nowhere.
    irep_only = [f for f, s in real.emissions.items() if s.kinds() == ("reported",)]
    assert irep_only
    cluster = project_cluster(real, presets[NO_NEW_MEASURES])
    assert not set(irep_only) & set(cluster.facility_ids)
    assert cluster.value(2023) == pytest.approx(sum(cluster.baselines.values()))


def test_real_three_years_late_moves_the_2030_map(real, presets):
    on_time = emissions_for_year(real, 2030, presets[ANNOUNCED]).values
    late_year = emissions_for_year(real, 2030, presets[ANNOUNCED_LATE])
    late, kinds = late_year.values, late_year.kinds
    ids, _ = real.facility_mercator_xy()
    am = ids.index("FR_956")
    dk6 = ids.index("FR_988")
    assert late[am] - on_time[am] + late[dk6] - on_time[dk6] == pytest.approx(2.4e6)
    assert 0 < late[dk6] - on_time[dk6] < late[am] - on_time[am]
    assert kinds[am] == "projected"
    verified_year = emissions_for_year(real, 2015, presets[ANNOUNCED])
    verified, vkinds = verified_year.values, verified_year.kinds
    assert verified[am] == real.emissions["FR_956"].value(2015)
    assert set(vkinds[~np.isnan(verified)]) == {"verified"}


def test_three_years_late_delays_only_the_measures_not_in_service(presets):
    on_time, late = presets[ANNOUNCED], presets[ANNOUNCED_LATE]
    # Furnace 8 was commissioned on 2025-05-15: in service, not delayed.
    assert late.measure("ald_furnace8").start_year == on_time.measure("ald_furnace8").start_year
    assert late.measure("comilog_simn_furnace").start_year == 2025
    assert late.measure("am_eaf_2026").start_year == on_time.measure("am_eaf_2026").start_year + 3


def test_chosen_baseline_years_leave_covid_out_and_are_kept_in_files(real, presets):
    chosen = presets[ANNOUNCED].with_baseline_years((2019, 2021, 2022))
    verified = real.emissions["FR_205769"].verified()
    base = site_baseline(real, "FR_205769", years=chosen.baseline_years)
    assert base.years == (2019, 2021, 2022)
    assert base.value_t == pytest.approx((verified[2019] + verified[2021] + verified[2022]) / 3)
    projected = values_by_year(project_site(real, "FR_205769", chosen))
    assert projected[2023] == pytest.approx(base.value_t)
    # The default is the last three verified years.
    assert site_baseline(real, "FR_205769").years == (2020, 2021, 2022)
    data = chosen.renamed("mine").to_dict()
    assert data["baseline_years"] == [2019, 2021, 2022]
    assert Scenario.from_dict(data).baseline_years == (2019, 2021, 2022)
    assert "baseline_years" not in presets[ANNOUNCED].to_dict()  # old files stay as they were
    assert "shared_with" not in presets[NO_NEW_MEASURES].renamed("x").to_dict()
    eaf = presets[ANNOUNCED].measure("am_eaf_2026")
    assert eaf.shared_with == ("FR_988",)
    assert ScenarioMeasure.from_dict(eaf.to_dict()) == eaf
    with pytest.raises(ValueError, match="baseline year"):
        chosen.with_baseline_years((1890,))
    with pytest.raises(ValueError, match="at least one year"):
        chosen.with_baseline_years(())


def test_real_targets_references_and_gaps(real, presets):
    targets = {t.id: t for t in real.targets}
    dk = target_reference(real, targets["dkarbonation_2030"])
    assert (dk.year, dk.stated) == (2022, False)
    assert dk.value_t == pytest.approx(real.cluster_total(2022))
    zibac = target_reference(real, targets["zibac_2030"])
    assert (zibac.year, zibac.stated) == (2020, True)
    assert zibac.allowed_t == pytest.approx(0.7 * real.cluster_total(2020))
    gaps = {n: gap_to_target(real, s, targets["dkarbonation_2030"]) for n, s in presets.items()}
    assert gaps[NO_NEW_MEASURES] - gaps[ANNOUNCED] == pytest.approx(2.4e6 + 25_000)
    assert gaps[ANNOUNCED_LATE] > gaps[ANNOUNCED]
    steps = waterfall_steps(real, presets[ANNOUNCED], 2020)
    assert steps[0].value_t == pytest.approx(real.cluster_total(2020))
    assert {s.measure_id for s in steps if s.kind == "measure"} == {"am_eaf_2026", "ald_furnace8"}


def test_real_steel_complex_series_cancels_the_2013_break(real):
    series = combined_series(real, STEEL_COMPLEX)
    assert min(series) == 2005 and max(series) == 2022
    parts = [real.emissions[f].value(2013) for f in STEEL_COMPLEX]
    assert series[2013] == pytest.approx(sum(parts))
