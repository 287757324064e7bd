"""``dkgis export`` to PNG, SVG and PDF, run as a user runs it (a subprocess, no display)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gpkg_factory import make_dataset

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    environ["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "dkgis", "export", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environ,
        timeout=120,
    )


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return make_dataset(tmp_path_factory.mktemp("cli") / "small.gpkg")


def image_size(path: Path) -> tuple[int, int]:
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull()
    return image.width(), image.height()


def one_error_line(result: subprocess.CompletedProcess) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("dkgis export: error: ")
    assert "Traceback" not in result.stderr
    return lines[0]


def test_pdf_defaults_to_a4_landscape_and_png_to_a_preset(tmp_path, data):
    pdf = tmp_path / "map.pdf"
    result = run(str(pdf), "--data", str(data), "--year", "2021", "--title", "Carte")
    assert result.returncode == 0, result.stderr
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert "3508 x 2480 px at 300 dpi" in result.stdout
    assert "CO₂ emissions 2021 · EU ETS verified" in result.stdout
    png = tmp_path / "slide.png"
    result = run(str(png), "--data", str(data), "--preset", "slide-16x9")
    assert result.returncode == 0, result.stderr
    assert image_size(png) == (1920, 1080)


def test_a_console_without_the_characters_of_co2_still_gets_the_summary(tmp_path, data):
    # A Windows code page (the output redirected to a file) has no "₂": the summary line
    # is printed with a replacement character, and the export succeeds.
    out = tmp_path / "map.png"
    result = subprocess.run(
        [sys.executable, "-m", "dkgis", "export", str(out), "--data", str(data), "--year", "2021"],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "cp1252"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "CO? emissions 2021 · EU ETS verified".encode("cp1252") in result.stdout
    assert out.exists()


def test_size_in_millimetres_and_svg(tmp_path, data):
    png = tmp_path / "mm.png"
    result = run(str(png), "--data", str(data), "--size", "297x210mm", "--dpi", "100")
    assert result.returncode == 0, result.stderr
    assert image_size(png) == (1169, 827)
    svg = tmp_path / "map.svg"
    result = run(str(svg), "--data", str(data), "--size", "800x500", "--hide", "date,sources")
    assert result.returncode == 0, result.stderr
    text = svg.read_text(encoding="utf-8")
    assert "<text" in text and "<image" not in text
    assert "Sources:" not in text


def test_largest_emitters_and_communes_are_named_unless_asked_otherwise(tmp_path):
    svg = tmp_path / "map.svg"
    result = run(str(svg), "--size", "1600x1000", "--year", "2022")
    assert result.returncode == 0, result.stderr
    text = svg.read_text(encoding="utf-8")
    assert ">ArcelorMittal Dunkerque<" in text  # the largest emitter of 2022
    assert ">Gravelines<" in text and ">Loon-Plage<" in text  # communes
    result = run(str(svg), "--size", "1600x1000", "--year", "2022", "--names", "none")
    assert result.returncode == 0, result.stderr
    text = svg.read_text(encoding="utf-8")
    assert ">ArcelorMittal Dunkerque<" not in text
    assert ">Loon-Plage<" in text
    html = tmp_path / "map.html"
    result = run(str(html), "--names", "all")
    assert "--names applies to .png, .svg and .pdf images only" in one_error_line(result)


def test_extent_layers_and_chart_layout(tmp_path, data):
    out = tmp_path / "zoom.png"
    result = run(
        str(out),
        "--data",
        str(data),
        "--size",
        "900x600",
        "--extent",
        "2.2,51.0,2.4,51.08",
        "--layers",
        "land,facilities",
        "--layout",
        "map+chart",
        "--chart",
        "FR_AMD",
    )
    assert result.returncode == 0, result.stderr
    assert image_size(out) == (900, 600)


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--preset", "poster"), 2, "unknown preset 'poster'; choose one of slide-16x9, "),
        (("--year", "1990"), 2, "must be between 2005 and 2050, not 1990"),
        (("--year", "soon"), 2, "not a year: 'soon'"),
        (("--extent", "2,51"), 2, "is not 'cluster', 'view', 'selection', 'layers' or xmin"),
        (("--extent", "2.5,51,2.1,51.1"), 2, "is empty"),
        (("--extent", "200,51,210,52"), 2, "longitudes must be between -180 and 180"),
        (("--extent", "view"), 2, "needs a --project file"),
        (("--layers", "land,roads,rivers"), 2, "unknown layer name(s) 'roads', 'rivers'"),
        (("--size", "big"), 2, "is not WIDTHxHEIGHT"),
        (("--size", "30000x2000"), 2, "between 1 and 20000 pixels, got 30000"),
        (("--preset", "a4-landscape", "--width", "100"), 2, "not both"),
        (("--scenario", "Utopia"), 2, "unknown scenario 'Utopia'"),
        (("--chart", "FR_NOPE", "--layout", "map+chart"), 2, "no facility with the id"),
        (("--hide", "logo"), 2, "unknown decoration(s) 'logo'"),
        (("--tiles",), 2, "--tiles applies to .html maps only"),
        (("--names", "many"), 2, "--names"),
        (("--dpi", "5000"), 2, "must be between 36 and 1200"),
    ],
)
def test_bad_input_is_one_clear_line(tmp_path, data, args, code, message):
    out = tmp_path / "map.png"
    result = run(str(out), "--data", str(data), *args)
    assert result.returncode == code, result.stderr
    assert message in one_error_line(result)
    assert not out.exists()


def test_unknown_layer_lists_the_valid_names(tmp_path, data):
    result = run(str(tmp_path / "m.pdf"), "--data", str(data), "--layers", "sea")
    line = one_error_line(result)
    assert "the layers are land, communes, coastline, infrastructure, emissions, facilities" in line


def test_unwritable_outputs_fail_with_one_line_and_keep_the_old_file(tmp_path, data):
    folder = tmp_path / "a-folder.png"
    folder.mkdir()
    result = run(str(folder), "--data", str(data))
    assert result.returncode == 1 and "is a folder" in one_error_line(result)
    result = run(str(tmp_path / "missing" / "map.pdf"), "--data", str(data))
    assert result.returncode == 1 and "does not exist" in one_error_line(result)
    # A file where a folder should be.
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run(str(blocker / "map.svg"), "--data", str(data))
    assert result.returncode == 1 and "does not exist" in one_error_line(result)
    # A failed render leaves the previous file as it was.
    previous = tmp_path / "keep.png"
    previous.write_bytes(b"previous")
    result = run(str(previous), "--data", str(data), "--layers", "nothing")
    assert result.returncode == 2 and previous.read_bytes() == b"previous"


def test_project_file_gives_dataset_view_selection_and_scenario(tmp_path, data):
    from dkgis.io.project_file import save_project_file
    from dkgis.model.crs import lonlat_to_mercator
    from dkgis.model.project import Project
    from dkgis.model.scenario import preset_scenarios

    project = Project.load(data)
    mine = preset_scenarios(project)[0].renamed("Plan de la CUD")
    x0, y0 = lonlat_to_mercator(2.25, 51.0)
    x1, y1 = lonlat_to_mercator(2.45, 51.08)
    session = tmp_path / "session.dkgis.json"
    save_project_file(
        session,
        {
            "dataset": str(data),
            "scenarios": [mine],
            "active_scenario": "Plan de la CUD",
            "extent": [float(x0), float(y0), float(x1), float(y1)],
            "selection": ["FR_AMD"],
        },
    )
    out = tmp_path / "session.png"
    result = run(str(out), "--project", str(session), "--year", "2030", "--size", "800x500")
    assert result.returncode == 0, result.stderr
    assert "scenario Plan de la CUD" in result.stdout
    for extent in ("view", "selection"):
        out = tmp_path / f"{extent}.pdf"
        result = run(
            str(out), "--project", str(session), "--extent", extent, "--layout", "map+chart"
        )
        assert result.returncode == 0, result.stderr
    broken = tmp_path / "broken.dkgis.json"
    broken.write_text('{"format": "dkgis-project", "version": 1, "extent": [1, 2]}')
    result = run(str(tmp_path / "x.png"), "--project", str(broken))
    assert result.returncode == 2
    line = one_error_line(result)
    assert "broken.dkgis.json" in line and "extent" in line


def test_formats_table_lists_every_format_and_its_options():
    from dkgis.cli.export import EXPORT_FORMATS, SPECIFIC_OPTIONS

    assert {".png", ".svg", ".pdf", ".html"} <= set(EXPORT_FORMATS)
    for fmt in EXPORT_FORMATS.values():
        assert fmt.options <= set(SPECIFIC_OPTIONS)
        assert callable(fmt.write) and fmt.group
