"""Key figures: jobs, investment, CO2e verified and projected, the other clusters (model),
and the Key Figures dock on the real main window."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from dkgis.i18n import format_number, format_percent
from dkgis.model.frame import emission_map_frame, frame_of
from dkgis.model.kpi_summary import cluster_kpis, counted_projects
from dkgis.model.kpis import amount_text, euros_text, site_kpi_lines
from dkgis.model.project import Project
from dkgis.model.scenario import NO_NEW_MEASURES


@pytest.fixture(scope="module")
def project() -> Project:
    return Project.load()


# -- model ------------------------------------------------------------------------------------


def test_jobs_are_summed_from_stated_direct_figures_only(project):
    jobs = cluster_kpis(project, project.scenarios.active).jobs
    # Verkor ~1,200 + ProLogium 3,000 + Orano 1,300-1,700 + IndaChlor ~20.
    assert (jobs.projects.low, jobs.projects.high, jobs.projects.count) == (5520.0, 5920.0, 4)
    # ArcelorMittal ">3,000" has no upper bound: the sum has none either.
    assert (jobs.sites.low, jobs.sites.high, jobs.sites.count) == (3650.0, None, 2)
    assert amount_text(jobs.sites.qualifier, jobs.sites.low, jobs.sites.high) == (
        "more than " + format_number(3650)
    )
    # Ecocem's 60 (two sites, not said to be direct) and the 9,000 with indirect jobs
    # are listed, not added.
    assert {f.id for f in jobs.other} == {"ecocem_act_expansion_jobs", "am_dunkerque_indirect_jobs"}
    assert jobs.projects_total == len(counted_projects(project))
    assert jobs.projects_without == jobs.projects_total - 5
    assert (jobs.sites_stated, jobs.sites_total) == (7, 65)


def test_investment_counts_each_project_once(project):
    investment = cluster_kpis(project, project.scenarios.active).investment
    ids = [m.id for m in investment.measures]
    # Source variants (the 2024 contract, the 2026 decision) and the superseded 2022 plan
    # are not counted: the EAF plan counts once.
    assert "am_eaf_2026" in ids and "am_eaf_2026_decision" not in ids
    assert "am_dri_eaf_2022" not in ids and "am_dri_eaf_2024" not in ids
    assert investment.total_eur == sum(m.capex_eur for m in investment.measures)
    assert ids[0] == "edf_epr2_gravelines"  # largest first


def test_projected_emissions_follow_the_active_scenario(project):
    emissions = cluster_kpis(project, project.scenarios.active).emissions
    assert emissions.verified_year == 2022
    assert emissions.verified_t == project.cluster_total(2022)
    projection = project.scenarios.cluster(project.scenarios.active)
    assert emissions.projected == {2030: projection.value(2030), 2050: projection.value(2050)}
    assert 0 < emissions.covered_share < 1
    previous = project.scenarios.active_name
    project.scenarios.set_active(NO_NEW_MEASURES)
    try:
        baseline = cluster_kpis(project, project.scenarios.active).emissions
        assert baseline.scenario == NO_NEW_MEASURES
        assert baseline.covered_share == 0.0
        assert baseline.projected[2030] > emissions.projected[2030]
    finally:
        project.scenarios.set_active(previous)


def test_only_metrics_of_several_clusters_are_compared(project):
    groups = {g.comparable: g for g in cluster_kpis(project, project.scenarios.active).comparison}
    assert set(groups) == {"annual_emissions", "jobs", "gdp", "national_share"}
    assert "co2_reduction" not in groups  # HyNet alone states one
    assert all(len(g.clusters) >= 2 and not g.alike for g in groups.values())
    home = cluster_kpis(project, project.scenarios.active).home_cluster
    assert home == "Dunkerque Industrial Cluster (DKarbonation)"


def test_site_lines_give_jobs_and_investment_with_their_source(project):
    orano = site_kpi_lines(project, "orano_xtc")
    assert [line.label for line in orano] == ["Jobs", "Investment"]
    assert orano[0].text == (
        f"{format_number(1300)}–{format_number(1700)} direct jobs (stated 2024)"
    )
    assert orano[0].source_url.startswith("https://lagazettefrance.fr/")
    assert orano[1].text.startswith(euros_text(1.5e9) + ": Orano + XTC")
    # A site without a stated figure says so, with no source and no zero.
    closed = site_kpi_lines(project, "FR_913")
    assert [(line.text, line.source_url) for line in closed] == [
        ("not stated by the sources", None),
        ("not stated by the sources", None),
    ]


# -- the Key Figures dock -----------------------------------------------------------------------


@pytest.fixture
def window(qtbot):
    from dkgis.ui.main_window import MainWindow

    win = MainWindow(Project.load())
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def show_kpi_dock(qtbot, window):
    """Bring the Key Figures tab forward, as a user clicks it, and wait for its figures."""
    window.kpi_dock.raise_()
    qtbot.waitUntil(lambda: window.kpi_panel.kpis is not None)
    return window.kpi_panel


def test_key_figures_dock_is_in_the_view_menu_and_tabbed_with_the_cluster(window):
    view_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "View"
    )
    assert window.kpi_dock.toggleViewAction() in view_menu.actions()
    assert window.kpi_dock in window.tabifiedDockWidgets(window.cluster_dock)
    # Nothing is computed before the tab is shown (startup time).
    assert window.kpi_panel.kpis is None


def test_the_panel_shows_the_model_figures(qtbot, window):
    panel = show_kpi_dock(qtbot, window)
    text = panel.plain_text()
    kpis = cluster_kpis(window.project, window.project.scenarios.active)
    e = kpis.emissions
    assert f"Verified, {e.verified_year}" in text
    assert format_number(e.verified_t / 1e6, 2) + " Mt CO₂e" in text
    for year, value in e.projected.items():
        assert f"Projected, {year}" in text and format_number(value / 1e6, 2) in text
    assert format_percent(e.covered_share) in text
    jobs = kpis.jobs
    assert amount_text("range", jobs.projects.low, jobs.projects.high) in text
    assert f"{jobs.projects_without} of {jobs.projects_total} projects state no figure" in text
    assert "more than " + format_number(3650) in text
    assert "58 of 65 sites have no stated figure: unknown, not zero" in text
    assert euros_text(kpis.investment.total_eur) in text
    assert f"stated for {len(kpis.investment.measures)} of" in text
    # The comparison: each figure with its year (or "year not stated") and what it counts.
    assert f"{format_number(55000)} jobs (2019) — jobs in industrial economy" in text
    assert "more than 20 Mt CO2/yr (year not stated)" in text
    assert text.count("Not comparable as such") == len(kpis.comparison)
    # Each figure links to its source page.
    html = panel.text.toHtml()
    for figure in (f for g in kpis.comparison for f in g.figures):
        assert figure.source_url in html


def test_the_panel_follows_a_change_of_scenario(qtbot, window):
    panel = show_kpi_dock(qtbot, window)
    before = panel.kpis.emissions.projected[2030]
    window.project.scenarios.set_active(NO_NEW_MEASURES)
    qtbot.waitUntil(lambda: panel.kpis.emissions.scenario == NO_NEW_MEASURES)
    after = panel.kpis.emissions.projected[2030]
    assert after > before
    assert format_number(after / 1e6, 2) in panel.plain_text()
    assert f"scenario “{NO_NEW_MEASURES}”" in panel.plain_text()


# -- circles sized by jobs -----------------------------------------------------------------------


def choose_circle_size(qtbot, window, text: str) -> None:
    """Pick an entry of the legend dock's "Circle size" list with the keyboard."""
    combo = window.legend_panel.circle_size_combo
    target = combo.findText(text)
    assert target >= 0, f"no entry {text!r}"
    combo.setFocus()
    while combo.currentIndex() != target:
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def test_circles_sized_by_jobs_show_no_data_where_jobs_are_not_stated(qtbot, window):
    project = window.project
    assert not project.layers.get("emissions").visible
    choose_circle_size(qtbot, window, "Jobs")
    assert project.display.circle_size == "jobs"
    assert project.layers.get("emissions").visible  # asking for circles shows them
    item = window.canvas.layers.emission_item
    qtbot.waitUntil(lambda: item.sized_by_jobs)
    # DK6 emits CO2 but no source states its jobs: "no data", never a zero-sized circle.
    assert item.marker("FR_988") == "no_data" and item.drawn_radius("FR_988") == 0.0
    assert item.marker("FR_913") == "no_data"
    # Areas follow the stated direct jobs: ProLogium 3,000, Verkor ~1,200, Orano 1,300-1,700.
    for fid in ("prologium_dunkerque", "verkor_bourbourg", "orano_xtc", "FR_956"):
        assert item.marker(fid) == "circle", fid
    big, verkor = (
        item.radii[item.ids.index("prologium_dunkerque")],
        item.radii[item.ids.index("verkor_bourbourg")],
    )
    assert verkor / big == pytest.approx((1200 / 3000) ** 0.5)
    assert item.radii[item.ids.index("orano_xtc")] / big == pytest.approx((1500 / 3000) ** 0.5)
    # The legend says what the sizes are, and names the "not stated" marker.
    from PySide6.QtGui import QFont

    from dkgis import wording
    from dkgis.map.legend import LegendContent

    frame = window.screen_frame.frame
    content = LegendContent(project, frame, 1.0, QFont(), QFont())
    sections = {s.heading: s.rows for s in content.sections()}
    texts = [getattr(r, "text", "") for r in sections["Direct jobs stated by the sources"]]
    assert "Direct jobs not stated" in texts
    assert "Circle area ∝ direct jobs (site or project), any year" in texts
    assert wording.map_subtitle(project, frame).startswith("Direct jobs stated by the sources")
    # Back to CO2: DK6 has its verified circle again.
    choose_circle_size(qtbot, window, "CO₂ emissions")
    assert project.display.circle_size == "co2"
    qtbot.waitUntil(lambda: item.marker("FR_988") == "circle")


def test_jobs_sizes_are_drawn_in_an_exported_image(qtbot, window, tmp_path):
    window.project.layers.get("facilities").visible = False
    window.project.layers.get("emissions").visible = True
    assert window.export_png(tmp_path / "co2.png")
    window.project.display.circle_size = "jobs"
    assert window.legend_panel.circle_size_combo.currentData() == "jobs"
    assert window.export_png(tmp_path / "jobs.png")
    from PySide6.QtGui import QImage

    co2, jobs = QImage(str(tmp_path / "co2.png")), QImage(str(tmp_path / "jobs.png"))
    assert co2.size() == jobs.size()
    differ = sum(
        co2.pixel(x, y) != jobs.pixel(x, y)
        for x in range(0, co2.width(), 4)
        for y in range(0, co2.height(), 4)
    )
    assert differ > 1000


# -- HTML popups and PowerPoint site slides ------------------------------------------------------


def test_the_html_popup_gives_jobs_and_investment_with_their_source(project):
    from dkgis.export.html.emissions import year_emissions
    from dkgis.export.html.popup import popup_html
    from dkgis.export.html.text import Words

    emissions = year_emissions(project, frame_of(project, year=2022))
    orano = popup_html(project, "orano_xtc", emissions, Words())
    assert '<tr class="dk-kpi"><th>Jobs</th>' in orano
    assert f"{format_number(1300)}–{format_number(1700)} direct jobs (stated 2024)" in orano
    assert 'href="https://lagazettefrance.fr/article/implantation-d-orano' in orano
    assert "<th>Investment</th>" in orano and euros_text(1.5e9) in orano
    # A site without stated figures says so; no zero, no link.
    dk6 = popup_html(project, "FR_988", emissions, Words())
    rows = re.findall(r'<tr class="dk-kpi">(.*?)</tr>', dk6)
    assert rows == [
        "<th>Jobs</th><td>not stated by the sources</td>",
        "<th>Investment</th><td>not stated by the sources</td>",
    ]


def test_the_exported_map_has_the_kpi_lines_in_its_popups(project, tmp_path):
    from dkgis.export.html import export_html_map

    out = tmp_path / "map.html"
    export_html_map(project, out)
    page = out.read_text(encoding="utf-8")
    assert "about 1,200 direct jobs (stated 2025)" in page
    assert "battery-tech.net" in page


def test_the_site_slide_lists_jobs_and_investment(qapp, project, tmp_path):
    from pptx import Presentation

    from dkgis.export.pptx_deck import export_pptx

    path = tmp_path / "deck.pptx"
    frame = emission_map_frame(project, year=2022)
    export_pptx(project, path, frame, site_ids=["FR_956", "verkor_bourbourg"])
    slides = Presentation(str(path)).slides
    notes = {
        s.shapes.title.text: next(x for x in s.shapes if x.name == "Notes").text_frame.text
        for s in list(slides)[1:]
    }
    am = notes["ArcelorMittal Dunkerque"]
    assert "• Jobs: more than 3,000 direct jobs (stated 2024) — francetvinfo.fr" in am
    assert "• Investment: " + euros_text(1.3e9) in am
    verkor = notes["Verkor battery gigafactory"]
    assert "• Jobs: about 1,200 direct jobs (stated 2025) — battery-tech.net" in verkor
    assert "• Investment: not stated by the sources" in verkor


def test_a_key_figure_address_that_is_not_a_web_address_is_no_link(qtbot, tmp_path):
    import shutil

    from gpkg_factory import run_sql

    from dkgis.data import DEFAULT_DATASET
    from dkgis.ui.main_window import MainWindow

    data = tmp_path / "data.gpkg"
    shutil.copy(DEFAULT_DATASET, data)
    local = "file:///C:/Windows/System32/calc.exe"
    run_sql(
        data,
        [f"UPDATE kpis SET source_url = '{local}'", f"UPDATE clusters SET source_url = '{local}'"],
    )
    window = MainWindow(Project.load(data))
    qtbot.addWidget(window)
    window.show()
    panel = show_kpi_dock(qtbot, window)
    html = panel.figures_html(panel.kpis) + panel.comparison_html(panel.kpis)
    assert "href='file:" not in html and local in html  # shown as text, not a link
    assert "“60 jobs”" in panel.plain_text()  # the figures are still there


def test_the_key_figures_benchmark_runs_in_smoke_mode(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, str(root / "bench" / "kpis.py"), "--smoke"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "DKGIS_CONFIG_DIR": str(tmp_path)},
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert [line.split(":")[0] for line in out.stdout.splitlines()] == ["model", "dock", "map"]


def test_clicking_a_site_shows_its_stated_jobs_in_the_details(qtbot, window):
    from PySide6.QtCore import QPointF

    canvas = window.canvas
    item = canvas.layers.facility_item
    x, y = item.display_xy()[list(item.ids).index("verkor_bourbourg")]
    pos = canvas.mapFromScene(canvas.viewbox.mapViewToScene(QPointF(x, y)))
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert window.project.selection.ids == frozenset({"verkor_bourbourg"})
    text = window.details_panel.text()
    assert "Jobs\nabout 1,200 direct jobs (stated 2025) battery-tech.net" in text
    assert "Investment\nnot stated by the sources" in text
