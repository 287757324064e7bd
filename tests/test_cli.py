"""The command line: export, validate, bad input; run as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "dkgis", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environ,
        timeout=120,
    )


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("dkgis ")


def test_export_png_of_the_asked_size_is_not_blank(tmp_path):
    from PySide6.QtGui import QImage

    out = tmp_path / "map.png"
    result = run("export", str(out), "--width", "800", "--height", "500")
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (800, 500)
    colours = {image.pixel(x, y) for x in range(0, 800, 7) for y in range(0, 500, 7)}
    assert len(colours) > 50  # sea, land, communes, symbols, text: not a blank image


def test_export_with_another_dataset(tmp_path):
    from tests.gpkg_factory import make_dataset

    data = make_dataset(tmp_path / "small.gpkg")
    out = tmp_path / "small.png"
    result = run("export", "--data", str(data), str(out), "--width", "400", "--height", "300")
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 1000


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "file not found"),
        (b"garbage bytes, not sqlite", "not a GeoPackage"),
    ],
)
def test_export_with_unreadable_data_says_why(tmp_path, content, expected):
    data = tmp_path / "bad.gpkg"
    if content is not None:
        data.write_bytes(content)
    out = tmp_path / "out.png"
    result = run("export", "--data", str(data), str(out))
    assert result.returncode == 2
    assert "bad.gpkg" in result.stderr and expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_export_refuses_a_wrong_size_and_a_missing_folder(tmp_path):
    result = run("export", str(tmp_path / "x.png"), "--width", "0")
    assert result.returncode == 2 and "between 1 and 20000" in result.stderr
    result = run("export", str(tmp_path / "nope" / "x.png"))
    assert result.returncode == 1 and "does not exist" in result.stderr


def test_export_keeps_the_previous_file_when_it_fails(tmp_path):
    out = tmp_path / "map.png"
    out.write_bytes(b"previous")
    result = run("export", "--data", str(tmp_path / "missing.gpkg"), str(out))
    assert result.returncode == 2
    assert out.read_bytes() == b"previous"


def test_validate_embedded_dataset_is_valid():
    from dkgis.data import DEFAULT_DATASET

    result = run("validate", str(DEFAULT_DATASET))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout


def test_validate_lists_every_problem(tmp_path):
    from tests.gpkg_factory import make_dataset

    data = make_dataset(tmp_path / "bad.gpkg", bad_sector=True, duplicate_id=True)
    result = run("validate", str(data))
    assert result.returncode == 1
    assert "sector" in result.stdout
    assert "duplicate" in result.stdout.lower()
    assert "Traceback" not in result.stderr


def test_validate_unreadable_file_exits_2(tmp_path):
    bad = tmp_path / "text.gpkg"
    bad.write_text("hello")
    result = run("validate", str(bad))
    assert result.returncode == 2
    assert "text.gpkg" in result.stderr
    assert "Traceback" not in result.stderr


def test_gui_with_unreadable_data_shows_a_dialog_then_exits(qtbot, tmp_path, capsys):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from dkgis.ui.app import run_app

    seen = {}

    def answer_dialog():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer_dialog)
            return
        seen["text"] = box.text() + " " + box.informativeText()
        box.accept()

    QTimer.singleShot(50, answer_dialog)
    assert run_app(tmp_path / "absent.gpkg") == 2
    assert "absent.gpkg" in seen["text"] and "file not found" in seen["text"]
    assert "absent.gpkg" in capsys.readouterr().err


# -- files that are not what they seem ---------------------------------------------------------


def _make_fifo(path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes need a POSIX system")
    os.mkfifo(path)
    return path


def run_guarded(*args: str) -> subprocess.CompletedProcess:
    """Run dkgis with a time limit and a memory limit: a regression fails, it does not hang
    or eat the machine's memory."""

    def limit_memory() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))

    environ = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    return subprocess.run(
        [sys.executable, "-m", "dkgis", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environ,
        timeout=60,
        preexec_fn=limit_memory if os.name == "posix" else None,
    )


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (("validate", "{fifo}"), "is a named pipe, not a GeoPackage file"),
        (("export", "--data", "{fifo}", "{out}"), "is a named pipe, not a GeoPackage file"),
        (("--data", "{fifo}", "export", "{out}"), "is a named pipe, not a GeoPackage file"),
        (("export", "--project", "{fifo}", "{out}"), "is a named pipe, not a project file"),
        (("export", "--data", "{fifo}", "{out_pptx}"), "is a named pipe, not a GeoPackage file"),
    ],
)
def test_a_named_pipe_is_refused_at_once(tmp_path, command, expected):
    fifo = _make_fifo(tmp_path / "pipe.gpkg")
    names = {
        "fifo": str(fifo),
        "out": str(tmp_path / "o.png"),
        "out_pptx": str(tmp_path / "o.pptx"),
    }
    result = run_guarded(*(part.format(**names) for part in command))
    assert result.returncode == 2, result.stderr
    assert f"{fifo}: {expected}" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (
            ("export", "--project", "/dev/zero", "{out}"),
            "/dev/zero: is a device, not a project file",
        ),
        (("validate", "/dev/zero"), "/dev/zero: is a device, not a GeoPackage file"),
    ],
)
def test_a_device_is_refused_not_read_until_memory_runs_out(tmp_path, command, expected):
    result = run_guarded(*(part.format(out=tmp_path / "o.png") for part in command))
    assert result.returncode == 2, result.stderr
    assert expected in result.stderr and "MemoryError" not in result.stderr


def test_export_with_a_project_naming_unknown_sites_warns_and_still_exports(tmp_path):
    import json

    project = tmp_path / "old.dkgis.json"
    far = {"measure_id": "x_far", "facility_id": "FR_NOPE", "name": "Far away furnace"}
    project.write_text(
        json.dumps(
            {
                "format": "dkgis-project",
                "version": 1,
                "scenarios": [{"name": "Elsewhere", "measures": [far]}],
                "selection": ["FR_GONE"],
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "map.png"
    result = run("export", str(out), "--project", str(project), "--size", "800x500")
    assert result.returncode == 0, result.stderr
    assert out.exists()
    assert result.stderr.splitlines() == [
        f"dkgis export: warning: {project}: scenario 'Elsewhere': the measure 'Far away furnace'"
        " is for the site FR_NOPE, which is not in the dataset; it is ignored",
        f"dkgis export: warning: {project}: selection: the site FR_GONE is not in the dataset;"
        " it is ignored",
    ]


def _odd_cells(tmp_path: Path) -> Path:
    from tests.gpkg_factory import make_dataset

    return make_dataset(
        tmp_path / "odd.gpkg",
        sql=[
            "UPDATE facilities SET operator = X'C3A9FF00' WHERE fid = 1",
            "ALTER TABLE facilities RENAME COLUMN name TO old_name",
            "ALTER TABLE facilities ADD COLUMN name INTEGER",
            "UPDATE facilities SET name = old_name WHERE fid <> 3",
            "UPDATE facilities SET name = 42 WHERE fid = 3",
        ],
    )


def test_validate_names_binary_data_and_numbers_where_text_is_expected(tmp_path):
    data = _odd_cells(tmp_path)
    result = run("validate", str(data))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{data}: facilities row 1 (id FR_AMD), field operator: binary data (4 bytes) where"
        " text is expected",
        f"{data}: facilities row 3 (id FR_ALD), field name: expected text, got the number 42",
    ]


def test_export_names_the_file_row_and_column_of_a_cell_of_the_wrong_type(tmp_path):
    data = _odd_cells(tmp_path)
    out = tmp_path / "map.png"
    result = run("export", "--data", str(data), str(out))
    assert result.returncode == 2
    assert result.stderr == (
        f"dkgis export: error: {data}: facilities row 1 (id FR_AMD), field operator: binary data"
        " (4 bytes) where text is expected (and 1 more problem: dkgis validate lists them all)\n"
    )
    assert not out.exists()


@pytest.mark.parametrize("name", ["deck.pptx", "anim.gif"])
def test_a_project_file_is_refused_where_it_would_be_ignored(tmp_path, name):
    project = tmp_path / "p.dkgis.json"
    project.write_text('{"format": "dkgis-project", "version": 1}', encoding="utf-8")
    out = tmp_path / name
    result = run("export", str(out), "--project", str(project))
    assert result.returncode == 2
    assert result.stderr == f"dkgis: error: --project does not apply to {out.suffix} files\n"
    assert not out.exists()
