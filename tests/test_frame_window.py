"""One value for what the window shows: the map, the table, the tooltip and the details
panel agree for every facility, year and scenario; exports never change the window."""

from __future__ import annotations

import html
import math

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt

from dkgis import wording
from dkgis.model.frame import FacilityValue
from dkgis.model.project import Project
from dkgis.model.scenario import ANNOUNCED, ANNOUNCED_LATE, NO_NEW_MEASURES
from dkgis.model.yearly import NO_DATA, PROJECTED, VERIFIED
from dkgis.ui.facility_table import EXPORT_ROLE, KIND_COLUMN, VALUE_COLUMN
from dkgis.ui.hover import MAX_LISTED
from dkgis.ui.main_window import MainWindow

PRESETS = (ANNOUNCED, ANNOUNCED_LATE, NO_NEW_MEASURES)


@pytest.fixture
def window(qtbot):
    win = MainWindow(Project.load())
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def show(window: MainWindow, year: int, scenario: str) -> None:
    """Change the model as the slider and the scenario chooser do, and let the window
    follow (what the event loop does next)."""
    window.project.scenarios.set_active(scenario)
    window.project.display.year = year
    window.screen_frame.flush()


def test_map_table_tooltip_and_details_show_the_same_value_and_kind(qtbot, window):
    """Every facility, every year of the slider, each preset scenario: the value and kind
    the map draws are those of the table's cells and of the tooltip; the details panel
    shows them too (checked every year for every facility, under one of the scenarios in
    turn: selecting a facility redraws the panel, the slow part of the sweep)."""
    project = window.project
    project.layers.get("emissions").visible = True
    for dock in (window.trajectory_dock, window.cluster_dock):
        dock.close()  # charts follow the selection; they are not what is checked here
    item = window.canvas.layers.emission_item
    model = window.table_panel.model
    hovered = window.canvas.hover_tool.facilities_hovered
    ids, _ = project.facility_mercator_xy()
    kinds_seen: set[str] = set()
    for year in range(2005, 2051):
        for scenario in PRESETS:
            show(window, year, scenario)
            emissions = item.emissions  # what the map draws
            assert emissions.year == year
            assert emissions.scenario == (scenario if year > 2022 else None)
            header = model.headerData(VALUE_COLUMN, Qt.Orientation.Horizontal)
            assert header == f"CO₂ emissions {year} (t CO₂e)"
            assert window.year_slider.caption.text() == (
                f"projected · scenario {scenario}" if year > 2022 else "EU ETS verified"
            )
            shown: dict[str, FacilityValue] = {}
            for i, fid in enumerate(ids):
                value, kind = float(emissions.values[i]), str(emissions.kinds[i])
                kinds_seen.add(kind)
                shown[fid] = FacilityValue(
                    fid, year, None if kind == NO_DATA else value, kind, emissions.scenario
                )
                # The table: the number, and what it is.
                row = model.row_of(fid)
                cell, kind_cell = model.index(row, VALUE_COLUMN), model.index(row, KIND_COLUMN)
                if kind == NO_DATA:
                    assert math.isnan(value) and cell.data(EXPORT_ROLE) is None
                    assert cell.data() == "no data"
                else:
                    assert cell.data(EXPORT_ROLE) == value
                    assert cell.data() == wording.tonnes_number(value)
                assert kind_cell.data() == wording.kind_word(kind)
            # The tooltip lists the facilities under the mouse, a few at a time.
            for start in range(0, len(ids), MAX_LISTED):
                group = ids[start : start + MAX_LISTED]
                hovered.emit(group, QPoint(0, 0))
                blocks = window.tooltips.text.removeprefix("<qt>").split("<hr>")
                for fid, block in zip(group, blocks, strict=True):
                    assert html.escape(project.facilities[fid].name) in block
                    assert html.escape(wording.value_line(shown[fid])) in block
            # The details panel of the selected facility.
            if scenario != PRESETS[year % len(PRESETS)]:
                continue
            for fid in ids:
                project.selection.set({fid})
                details = window.details_panel.text()
                assert f"CO₂ emissions {year}\n{wording.value_text(shown[fid])}\n" in details
    assert kinds_seen == {VERIFIED, PROJECTED, NO_DATA}


class _PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def test_exports_of_another_scenario_name_it_and_leave_the_window_alone(qtbot, window, tmp_path):
    from pptx import Presentation

    from dkgis.export.pptx_deck import export_pptx
    from dkgis.export.snapshot import make_spec, render_snapshot, write_snapshot
    from dkgis.map.render import render_image
    from dkgis.model.frame import emission_map_frame
    from dkgis.model.snapshot import PRESETS as SIZES

    project = window.project
    project.selection.set({"FR_956"})
    window.screen_frame.flush()
    qtbot.wait(50)  # the window has painted what it shows
    active = project.scenarios.active
    assert active.name == ANNOUNCED
    other = project.scenarios.get(NO_NEW_MEASURES)
    events: list[str] = []
    project.scenarios.changed.connect(lambda: events.append("scenarios"))
    project.display.events.year.connect(lambda y: events.append("year"))
    project.selection.changed.connect(lambda ids: events.append("selection"))
    window.screen_frame.changed.connect(lambda frame: events.append("screen"))
    counter = _PaintCounter()
    for widget in (window.canvas.viewport(), window.table_panel.table.viewport()):
        widget.installEventFilter(counter)
    screen = window.screen_frame.frame

    # A deck of 2030 under "No new measures": title slide, map slide, a site slide.
    deck_frame = emission_map_frame(project, screen, year=2030, scenario=other)
    deck = tmp_path / "deck.pptx"
    export_pptx(project, deck, deck_frame, site_ids=["FR_956"], title_slide=True)
    slides = Presentation(str(deck)).slides
    assert len(slides) == 3
    for slide in slides:
        text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        assert NO_NEW_MEASURES in text, text
        assert ANNOUNCED + " " not in text.replace(NO_NEW_MEASURES, "")

    # A map PNG of the same frame, through the export path of the dialog.
    slide_size = SIZES["slide-16x9"]
    spec = make_spec(project, deck_frame, slide_size.width, slide_size.height, slide_size.dpi)
    assert spec.subtitle == (
        "CO₂ emissions 2030 · projected · scenario No new measures · facilities by sector"
    )
    png = tmp_path / "map.png"
    write_snapshot(render_snapshot(project, spec, "png"), png)
    assert png.stat().st_size > 10_000
    # The picture shows the chosen scenario, not the window's.
    from dkgis.export.snapshot import encode_png

    same = encode_png(render_image(project, spec))
    under_active = encode_png(render_image(project, make_spec(
        project, deck_frame.replace(scenario=active), slide_size.width, slide_size.height,
        slide_size.dpi, today=spec.date,
    )))  # fmt: skip
    assert png.read_bytes() == same != under_active

    qtbot.wait(50)  # anything the exports had queued would run now
    assert events == []  # no scenario switch, no year, no selection, no new screen frame
    assert counter.paints == 0  # no view redrew because of the exports
    assert project.scenarios.active is active and window.screen_frame.frame == screen
