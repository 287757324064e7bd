"""Control characters in data text: taken out once, so every SVG, PDF and PowerPoint file
written from a dataset full of them is well formed and shows the same names as the map.

A site name with an escape (``\\x1b``), a vertical tab or a form feed used to give an SVG
that no XML reader opens (written with exit status 0), and a PowerPoint export that failed
with python-pptx's message without naming the site.
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html import escape
from pathlib import Path

import pytest
from hostile_data import add_hostile_user_layer, hostile_dataset
from xml_check import parse_svg, svg_texts

from dkgis.model.frame import emission_map_frame, frame_of
from dkgis.model.project import Project
from dkgis.model.scenario import preset_scenarios
from dkgis.model.snapshot import LAYOUT_MAP_CHART, SnapshotSpec
from dkgis.model.text import xml_safe_columns, xml_safe_text

ROOT = Path(__file__).resolve().parents[1]

#: A name with control characters, and the name every output shows. (No NUL: GeoPackage
#: readers and command lines end a text there; the function's own test has one.)
DIRTY = "Usine\x01Nord\x1b[31m\x0bQuai\x0c2\x7f\x9f\r\nfin"
CLEAN = "UsineNord[31m Quai 2\nfin"
#: Its first line (drawn text breaks at the newline).
CLEAN_LINE = "UsineNord[31m Quai 2"

#: Characters XML 1.0 allows.
_XML_CHAR = re.compile("[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")


# -- the function ----------------------------------------------------------------------------


def test_control_characters_are_taken_out_and_text_kept():
    assert xml_safe_text(DIRTY) == CLEAN
    assert xml_safe_text("\x00Usine\x00") == "Usine"
    kept = "Dunkerque — Loon-Plage\tCO₂ 5 %\n« Usine » 🏭 l\u2028s ok"
    assert xml_safe_text(kept) == kept
    assert xml_safe_text("a\rb\r\nc") == "a\nb\nc"
    assert xml_safe_text("a\x0bb\x0cc\x1cd\x85e") == "a b c d e"
    assert xml_safe_text("lone \ud800 surrogate \ufffe\uffff") == "lone  surrogate "
    assert xml_safe_text("") == ""


def test_every_character_comes_out_as_xml_can_hold_it():
    every = "".join(chr(c) for c in range(0x110000))
    safe = xml_safe_text(every)
    assert _XML_CHAR.fullmatch(safe)
    ET.fromstring(f"<t>{escape(safe)}</t>")
    ET.fromstring(f'<t a="{escape(safe)}"/>')


def test_clean_columns_are_not_copied():
    clean = ["Dunkerque", None, 3.5]
    dirty = ["A\x1bB", None, 7, "ok"]
    out = xml_safe_columns({"clean": clean, "dirty": dirty, "numbers": [1, 2]})
    assert out["clean"] is clean
    assert out["dirty"] == ["AB", None, 7, "ok"]
    assert dirty == ["A\x1bB", None, 7, "ok"]  # the input is left as it was


# -- the project -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dirty_dataset(tmp_path_factory) -> Path:
    return hostile_dataset(tmp_path_factory.mktemp("dirty") / "dirty.gpkg", DIRTY)


@pytest.fixture
def dirty(dirty_dataset) -> Project:
    project = Project.load(dirty_dataset)
    add_hostile_user_layer(project, DIRTY)
    return project


def test_the_project_holds_clean_text(dirty):
    for facility in dirty.facilities.values():
        assert facility.name == facility.operator == facility.commune == CLEAN
    assert {s.title for s in dirty.sources.values()} == {CLEAN}
    assert dirty.attributions() == [f"© OpenStreetMap contributors {CLEAN}"]
    assert {m.name for m in dirty.measures} == {CLEAN}
    assert dirty.layers.get("user:hostile").title == CLEAN
    scenario = dataclasses.replace(preset_scenarios(dirty)[0], name=DIRTY)
    assert scenario.name == CLEAN


# -- SVG, PDF, PowerPoint ----------------------------------------------------------------------


def test_map_and_chart_svg_are_well_formed(qtbot, dirty):
    from dkgis.export.snapshot import render_snapshot

    scenario = dataclasses.replace(preset_scenarios(dirty)[0], name=DIRTY)
    frame = frame_of(dirty, year=2030, scenario=scenario, extent=dirty.cluster_extent())
    spec = SnapshotSpec(
        frame,
        1400,
        800,
        title=DIRTY,
        subtitle=DIRTY,
        sources=(DIRTY,),
        layout=LAYOUT_MAP_CHART,
        chart_site="FR_AMD",
    )
    root = parse_svg(render_snapshot(dirty, spec, "svg").vector)
    texts = svg_texts(root)
    assert root.findtext("{http://www.w3.org/2000/svg}title") == CLEAN
    assert any(t.startswith(CLEAN_LINE) for t in texts)
    # The chart panel: a caption naming the scenario, under the site's name.
    caption = next(i for i, t in enumerate(texts) if f"(scenario “{CLEAN_LINE}" in t)
    assert texts[caption - 1].startswith(CLEAN_LINE)
    assert not any(re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", t) for t in texts)


def test_pdf_metadata_is_well_formed(qtbot, dirty):
    from dkgis.map.render import render_pdf

    frame = frame_of(dirty, extent=dirty.cluster_extent())
    pdf = render_pdf(dirty, SnapshotSpec(frame, 800, 500, title=DIRTY))
    xmp = re.search(rb"<x:xmpmeta.*?</x:xmpmeta>", pdf, re.S)
    assert xmp is not None
    root = ET.fromstring(xmp.group(0))
    titles = [e.text for e in root.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}li")]
    assert CLEAN in titles


def test_command_line_svg_of_a_dirty_dataset_parses(tmp_path, dirty_dataset):
    out = tmp_path / "map.svg"
    command = [sys.executable, "-m", "dkgis", "export", str(out), "--data", str(dirty_dataset)]
    result = subprocess.run(
        [*command, "--title", DIRTY, "--layout", "map+chart", "--chart", "FR_DK6"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    parse_svg(out)


def test_powerpoint_of_a_dirty_dataset_shows_the_clean_names(qtbot, dirty, tmp_path):
    from pptx import Presentation

    from dkgis.export.pptx_deck import export_pptx

    out = tmp_path / "deck.pptx"
    frame = emission_map_frame(dirty, year=2022)
    result = export_pptx(
        dirty, out, frame, site_ids=("FR_AMD", "FR_DK6"), title=DIRTY, title_slide=True
    )
    name = dirty.facilities["FR_AMD"].name
    assert result.titles == (CLEAN, CLEAN, CLEAN, CLEAN)
    deck = Presentation(str(out))
    texts = [
        shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    assert CLEAN in texts and name in texts
    assert not any("_x00" in t for t in texts), "python-pptx escaped a control character"
    alt = [
        shape._element.nvPicPr.cNvPr.get("descr")
        for slide in deck.slides
        for shape in slide.shapes
        if shape.shape_type == 13  # picture
    ]
    assert f"Emission trajectory of {name}" in alt


def test_chart_svg_of_a_dirty_dataset_parses(qtbot, dirty, tmp_path):
    from dkgis.ui.main_window import MainWindow

    window = MainWindow(dirty)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.trajectory_dock.raise_()
    window.project.selection.set({"FR_AMD"})
    root = parse_svg(window.trajectory_panel.export(tmp_path / "site.svg"))
    assert CLEAN_LINE in svg_texts(root)
    window.project.selection.set({"FR_AMD", "FR_DK6"})
    parse_svg(window.trajectory_panel.export(tmp_path / "compare.svg"))
