"""The display model (sector filter, year, labels) and the values of a year (pure)."""

from __future__ import annotations

import numpy as np
import pytest

from dkgis.model.display import YEAR_MAX, YEAR_MIN, Display
from dkgis.model.emissions import EmissionSeries, EmissionValue
from dkgis.model.project import Project
from dkgis.model.yearly import (
    NO_DATA,
    PROJECTED,
    VERIFIED,
    VerifiedMatrix,
    emissions_for_year,
)
from dkgis.symbology.facility_style import FacilityStyle


@pytest.fixture(scope="module")
def project():
    return Project.load()


def record(signal):
    got = []
    signal.connect(got.append)
    return got


# -- display ------------------------------------------------------------------------------


def test_display_events_fire_only_on_change():
    display = Display(year=2010)
    years, hidden, labels = (
        record(display.events.year),
        record(display.events.hidden_sectors),
        record(display.events.labels),
    )
    display.year = 2010
    display.year = 2011
    display.set_sector_visible("steel", False)
    display.set_sector_visible("steel", False)
    display.hidden_sectors = {"steel", "waste"}
    display.set_sector_visible("steel", True)
    display.show_all_sectors()
    display.labels = True
    display.labels = True
    assert years == [2011]
    assert hidden == [
        frozenset({"steel"}),
        frozenset({"steel", "waste"}),
        frozenset({"waste"}),
        frozenset(),
    ]
    assert labels == [True]


@pytest.mark.parametrize("bad", [YEAR_MIN - 1, YEAR_MAX + 1, 2020.5, "2020", True])
def test_display_refuses_years_outside_the_slider(bad):
    display = Display(year=2020)
    with pytest.raises(ValueError):
        display.year = bad
    assert display.year == 2020


def test_sector_mask_hides_the_unticked_sectors():
    display = Display(hidden_sectors=["steel"])
    mask = display.sector_mask(np.array(["steel", "waste", "steel", "power"], dtype=object))
    assert list(mask) == [False, True, False, True]
    assert display.is_sector_visible("waste") and not display.is_sector_visible("steel")


def test_project_starts_at_the_last_verified_year_with_the_emission_layer_hidden(project):
    assert project.display.year == 2022
    assert project.display.hidden_sectors == frozenset()
    assert project.display.labels is False
    assert project.layers.get("emissions").visible is False
    assert project.layers.get("emissions").source_ids == ("eutl_verified",)


# -- values of a year -----------------------------------------------------------------------


def value_of(year_values, project, fid):
    ids, _ = project.facility_mercator_xy()
    i = ids.index(fid)
    return year_values.values[i], year_values.kinds[i]


def test_past_years_use_the_verified_values(project):
    v2005 = emissions_for_year(project, 2005)
    v2022 = emissions_for_year(project, 2022)
    expected = project.emissions["FR_956"].value(2005, "verified")
    assert value_of(v2005, project, "FR_956") == (expected, VERIFIED)
    assert value_of(v2022, project, "FR_956") == (6_410_303.0, VERIFIED)
    assert v2005.last_verified == 2022 and not v2005.is_projected and v2005.scenario is None


def test_a_facility_without_a_value_is_no_data_not_zero(project):
    values = emissions_for_year(project, 2005)
    value, kind = value_of(values, project, "FR_205769")  # Aluminium Dunkerque, from 2013
    assert np.isnan(value) and kind == NO_DATA
    assert not values.has_data[project.facility_mercator_xy()[0].index("FR_205769")]


def test_reported_values_never_fill_a_gap(project):
    # FR_927 has an IREP "reported" value for 2015 but no verified one.
    assert project.emissions["FR_927"].value(2015, "reported") is not None
    value, kind = value_of(emissions_for_year(project, 2015), project, "FR_927")
    assert np.isnan(value) and kind == NO_DATA
    # FR_956 reports 11.4 Mt to IREP in 2015; the map shows the verified 7.2 Mt.
    value, _ = value_of(emissions_for_year(project, 2015), project, "FR_956")
    assert value == project.emissions["FR_956"].value(2015, "verified")


def test_after_the_last_verified_year_values_are_projected_never_carried(project):
    scenario = project.scenarios.active
    later = emissions_for_year(project, 2030, scenario)
    assert later.last_verified == 2022 and later.is_projected
    assert later.scenario == scenario.name
    assert set(later.kinds) == {PROJECTED, NO_DATA}
    # FR_956 reported 8.5 Mt for 2024 elsewhere: never used; its value is projected.
    value, kind = value_of(emissions_for_year(project, 2024, scenario), project, "FR_956")
    assert kind == PROJECTED and value != 8_500_000


def test_a_projected_year_needs_a_scenario(project):
    with pytest.raises(ValueError, match="after the last verified year"):
        emissions_for_year(project, 2030)


def test_changing_year_only_takes_a_column_of_the_matrix(project):
    matrix = project.verified_matrix()
    assert matrix is project.verified_matrix()  # built once
    assert matrix.values.shape == (len(project.facilities), len(matrix.years))
    assert not matrix.values.flags.writeable
    assert matrix.max_value == max(
        max(s.verified().values(), default=0) for s in project.emissions.values()
    )
    # A scenario projects the years after the last verified one (same function).
    from dkgis.model.scenario import NO_NEW_MEASURES

    projected = emissions_for_year(project, 2030, project.scenarios.get(NO_NEW_MEASURES))
    assert projected.is_projected and projected.scenario == NO_NEW_MEASURES
    assert set(projected.kinds) <= {"projected", "no_data"}


def test_matrix_of_a_small_series():
    series = {
        "a": EmissionSeries(
            "a",
            (
                EmissionValue("a", 2010, 5.0, "verified", "CO2e", "s"),
                EmissionValue("a", 2012, 7.0, "verified", "CO2e", "s"),
                EmissionValue("a", 2011, 99.0, "reported", "CO2e", "s"),
            ),
        ),
        "b": EmissionSeries("b"),
    }
    matrix = VerifiedMatrix(["a", "b"], series)
    assert list(matrix.years) == [2010, 2012]
    assert matrix.last_year == 2012
    y2011 = matrix.for_year(2011)
    assert list(y2011.kinds) == [NO_DATA, NO_DATA]
    y2012 = matrix.for_year(2012)
    assert y2012.values[0] == 7.0 and list(y2012.kinds) == [VERIFIED, NO_DATA]
    # After the record the matrix has nothing: those years are projected (see above).
    assert list(matrix.for_year(2020).kinds) == [NO_DATA, NO_DATA]
    empty = VerifiedMatrix(["b"], {"b": EmissionSeries("b")})
    assert empty.last_year is None and empty.for_year(2020).last_verified is None


# -- style arrays -------------------------------------------------------------------------


def test_facility_style_summaries_follow_the_hidden_sectors(project):
    style = FacilityStyle.of(project)
    assert style is FacilityStyle.of(project)
    assert style.classes_shown(frozenset()) == {"operating", "planned", "ended"}
    everything_but_steel = frozenset(set(style.sector_ids) - {"steel"})
    # Steel has operating and announced sites, none closed.
    assert style.classes_shown(everything_but_steel) == {"operating", "planned"}
    assert style.approximate_shown(frozenset())
    assert style.spread_shown(frozenset())
    assert not style.spread_shown(frozenset(style.sector_ids))
    mask = style.sector_mask(frozenset({"steel"}))
    steel = np.array([project.facilities[i].sector == "steel" for i in style.ids])
    assert np.array_equal(mask, ~steel)


def test_thirty_facilities_share_commune_points(project):
    style = FacilityStyle.of(project)
    counts = np.bincount(style.groups[style.groups >= 0])
    assert counts.max() == 7  # seven facilities on one Dunkerque point
    assert len(style.group_members) == (style.groups >= 0).sum()
