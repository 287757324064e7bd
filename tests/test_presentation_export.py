"""PowerPoint decks and animations: read back with python-pptx and Pillow, from the API,
the command line and the File menu."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest
from PIL import Image, ImageChops
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dkgis.data import DEFAULT_DATASET
from dkgis.export import animation as anim
from dkgis.export.animation import AnimationOptions, EncoderMissing, export_animation
from dkgis.export.pptx_deck import export_pptx
from dkgis.model.frame import emission_map_frame
from dkgis.model.project import Project
from dkgis.model.scenario import ANNOUNCED_LATE, NO_NEW_MEASURES
from tests.test_cli import run

CLUSTER = "Dunkerque industrial-port cluster"


@pytest.fixture(scope="module")
def project():
    return Project.load(DEFAULT_DATASET)


def deck(project: Project, year: int, scenario: str | None = None):
    """The map frame of a deck or an animation: the cluster's emission map."""
    chosen = project.scenarios.get(scenario) if scenario else project.scenarios.active
    return emission_map_frame(project, year=year, scenario=chosen)


def _shapes(slide, kind):
    return [s for s in slide.shapes if s.shape_type == kind]


def _named_text(slide, name: str) -> str:
    return next(s for s in slide.shapes if s.name == name).text_frame.text


def _pictures(slide):
    return _shapes(slide, MSO_SHAPE_TYPE.PICTURE)


# -- PowerPoint ------------------------------------------------------------------------
def test_deck_has_the_map_slide_and_a_slide_for_the_asked_site(qapp, project, tmp_path):
    path = tmp_path / "deck.pptx"
    result = export_pptx(project, path, deck(project, 2022), site_ids=["FR_956"])
    prs = Presentation(str(path))
    assert result.slides == len(prs.slides) == 2
    assert prs.slide_width * 9 == prs.slide_height * 16  # 16:9
    map_slide, site_slide = prs.slides

    # The map slide: title and source line as text, the map as a large picture.
    assert map_slide.shapes.title.text == CLUSTER
    assert "CO₂ emissions 2022 · EU ETS verified" in _named_text(map_slide, "Subtitle")
    source = _named_text(map_slide, "Source")
    assert source.startswith("Source: EU ETS verified emissions 2005–2022")
    assert "cedricr/eutl" in source and "© OpenStreetMap contributors" in source
    (picture,) = _pictures(map_slide)
    with Image.open(__import__("io").BytesIO(picture.image.blob)) as im:
        assert im.width >= 1920 and im.height >= 1080
    # It fills the slide's width under the title.
    assert picture.width >= prs.slide_width * 0.99
    assert picture.top > map_slide.shapes.title.top

    # The site slide: the facility's name, its chart, notes and sources as text.
    name = project.facilities["FR_956"].name
    assert site_slide.shapes.title.text == name
    assert len(_pictures(site_slide)) == 1
    site_source = _named_text(site_slide, "Source")
    assert site_source.startswith("Source:") and "EU ETS verified emissions" in site_source
    assert "2013" in _named_text(site_slide, "Notes")  # the accounting break is explained
    assert result.titles == (CLUSTER, name)


def test_a_later_year_says_it_is_projected_and_a_title_slide_comes_first(qapp, project, tmp_path):
    path = tmp_path / "deck.pptx"
    export_pptx(project, path, deck(project, 2030), title_slide=True, title="Port de Dunkerque")
    prs = Presentation(str(path))
    assert len(prs.slides) == 2
    assert prs.slides[0].shapes.title.text == "Port de Dunkerque"
    caption = "CO₂ emissions 2030 · projected · scenario Announced plans"
    # The title slide and the map slide say the same: one caption, one scenario.
    assert caption in prs.slides[0].placeholders[1].text
    assert caption in _named_text(prs.slides[1], "Subtitle")


def test_site_chart_follows_the_chosen_scenario(qapp, project, tmp_path):
    path = tmp_path / "deck.pptx"
    export_pptx(project, path, deck(project, 2022, NO_NEW_MEASURES), site_ids=["FR_956"])
    site = Presentation(str(path)).slides[1]
    assert "No new measures" in _named_text(site, "Subtitle")
    assert "No new measures" in _named_text(site, "Source")


def test_an_unknown_site_is_refused_and_the_old_file_kept(qapp, project, tmp_path):
    path = tmp_path / "deck.pptx"
    path.write_bytes(b"previous")
    with pytest.raises(ValueError, match="FR_NOPE"):
        export_pptx(project, path, deck(project, 2022), site_ids=["FR_956", "FR_NOPE"])
    assert path.read_bytes() == b"previous"


# -- animation -------------------------------------------------------------------------
def _frames(path) -> list[Image.Image]:
    with Image.open(path) as im:
        frames = []
        for i in range(im.n_frames):
            im.seek(i)
            frames.append(im.convert("RGB"))
        return frames


def _map_part(frame: Image.Image) -> Image.Image:
    """The middle of the map: no title, year box, legend or credits (they hold years)."""
    w, h = frame.size
    return frame.crop((int(w * 0.3), int(h * 0.15), int(w * 0.75), int(h * 0.85)))


def test_gif_has_one_frame_per_year_and_the_circles_change(qapp, project, tmp_path):
    path = tmp_path / "anim.gif"
    options = AnimationOptions(
        first_year=2020, last_year=2024, width=960, height=540, seconds_per_year=0.5
    )
    # No new measures: after 2022 each site stays at its baseline.
    result = export_animation(project, path, deck(project, 2020, NO_NEW_MEASURES), options)
    frames = _frames(path)
    assert result.frames == len(frames) == 5
    assert all(f.size == (960, 540) for f in frames)
    with Image.open(path) as im:
        assert im.info["loop"] == 0
        assert im.info["duration"] == 500
    parts = [_map_part(f) for f in frames]
    # 2020 -> 2021 -> 2022: verified values change, so do the circles.
    assert ImageChops.difference(parts[0], parts[1]).getbbox() is not None
    assert ImageChops.difference(parts[1], parts[2]).getbbox() is not None
    # 2023 and 2024 are projected on the flat baseline: the same circles...
    assert ImageChops.difference(parts[3], parts[4]).getbbox() is None
    # ...but every frame is its own year: the frames differ (the year is drawn).
    assert ImageChops.difference(frames[3], frames[4]).getbbox() is not None


def test_gif_colours_are_stable_between_frames(qapp, project, tmp_path):
    path = tmp_path / "anim.gif"
    export_animation(project, path, deck(project, 2023), AnimationOptions(2023, 2025, 960, 540))
    frames = _frames(path)
    # The land, sea and legend keep their exact colours from one frame to the next.
    a, b = (np.asarray(f, dtype=int) for f in frames[:2])
    same = (a == b).all(axis=2).mean()
    assert same > 0.97


def test_year_is_drawn_large_on_each_frame(qapp, project):
    options = AnimationOptions(2030, 2030, 960, 540)
    frame = deck(project, 2030)
    with_year = anim.to_pil(anim.render_frame(project, frame, options))
    from dkgis.map.render import render_image

    plain = anim.to_pil(render_image(project, anim.frame_spec(project, frame, options)))
    box = ImageChops.difference(with_year, plain).getbbox()
    assert box is not None
    _x0, y0, x1, y1 = box
    assert y1 - y0 > 540 * 0.1  # a large label, not a speck
    assert x1 < 960 / 2 and y0 < 540 / 2  # at the upper left, clear of the legend


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is not installed")
def test_mp4_is_written_with_ffmpeg(qapp, project, tmp_path):
    path = tmp_path / "anim.mp4"
    result = export_animation(
        project, path, deck(project, 2020), AnimationOptions(2020, 2022, 961, 541)
    )
    assert result.frames == 3
    head = path.read_bytes()[:12]
    assert head[4:8] == b"ftyp"
    probe = shutil.which("ffprobe")
    if probe:
        out = subprocess.run(
            [probe, "-v", "error", "-show_entries", "format=duration:stream=width,height",
             "-of", "default=nw=1", str(path)],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        assert "width=962" in out and "height=542" in out  # padded to even sides
        duration = float(out.split("duration=")[1].split()[0])
        assert 2.5 < duration < 3.5  # one second per year


def test_mp4_without_ffmpeg_says_so_and_writes_nothing(qapp, project, tmp_path, monkeypatch):
    monkeypatch.setattr(anim, "ffmpeg_path", lambda: None)
    path = tmp_path / "anim.mp4"
    with pytest.raises(EncoderMissing, match="MP4 needs the ffmpeg program"):
        export_animation(project, path, deck(project, 2020), AnimationOptions(2020, 2021, 960, 540))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (AnimationOptions(2030, 2020), "after the last year"),
        (AnimationOptions(2000, 2020), "between 2005 and 2050"),
        (AnimationOptions(2020, 2021, 100, 100), "between 540 and 3840"),
        (AnimationOptions(2020, 2021, seconds_per_year=0), "0.1 to 10 seconds"),
    ],
)
def test_bad_animation_options_are_refused(project, tmp_path, options, message):
    with pytest.raises(ValueError, match=message):
        export_animation(project, tmp_path / "a.gif", deck(project, 2020), options)
    assert not (tmp_path / "a.gif").exists()


# -- command line ----------------------------------------------------------------------
def test_cli_writes_a_deck_with_a_site_slide(tmp_path):
    out = tmp_path / "deck.pptx"
    result = run("export", str(out), "--year", "2022", "--sites", "FR_956,FR_205769")
    assert result.returncode == 0, result.stderr
    assert "3 slides" in result.stdout
    titles = [s.shapes.title.text for s in Presentation(str(out)).slides]
    assert titles[0] == CLUSTER and len(titles) == 3


def test_cli_writes_a_gif_of_the_asked_years_and_size(tmp_path):
    out = tmp_path / "anim.gif"
    result = run("export", str(out), "--from", "2021", "--to", "2023", "--size", "960x540")
    assert result.returncode == 0, result.stderr
    frames = _frames(out)
    assert len(frames) == 3 and frames[0].size == (960, 540)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["deck.pptx", "--sites", "FR_956,FR_XXX"], "unknown facility id 'FR_XXX'"),
        (["deck.pptx", "--scenario", "Miracle"], "unknown scenario 'Miracle'"),
        (["deck.pptx", "--from", "2010"], "--from does not apply to .pptx"),
        (["anim.gif", "--from", "2030", "--to", "2010"], "--from 2030 is after --to 2010"),
        (["anim.gif", "--from", "1990"], "must be between 2005 and 2050"),
        (["anim.gif", "--size", "big"], "not a size in pixels"),
        (["anim.gif", "--size", "200x100"], "between 540 and 3840"),
        (["anim.gif", "--year", "2020"], "use --from and --to"),
        (["anim.gif", "--sites", "FR_956"], "--sites does not apply"),
    ],
)
def test_cli_bad_input_gives_one_clear_line(tmp_path, args, message):
    result = run("export", str(tmp_path / args[0]), *args[1:])
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_mp4_without_ffmpeg_fails_clearly(tmp_path):
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    result = run(
        "export", str(tmp_path / "anim.mp4"), "--from", "2020", "--to", "2021",
        env={"PATH": str(empty_bin)},
    )  # fmt: skip
    assert result.returncode == 1
    assert "MP4 needs the ffmpeg program" in result.stderr
    assert not (tmp_path / "anim.mp4").exists()


# -- File menu -------------------------------------------------------------------------
def _window(qtbot):
    from dkgis.ui.main_window import MainWindow

    window = MainWindow(Project.load(DEFAULT_DATASET))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def _menu_action(window, name: str):
    file_menu = window.menuBar().actions()[0].menu()
    return next(a for a in file_menu.actions() if a.objectName() == name)


def test_file_menu_exports_a_presentation_with_the_selected_site(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog

    window = _window(qtbot)
    window.project.selection.set(["FR_956"])
    out = tmp_path / "from the menu.pptx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    seen = {}

    def fill_dialog():
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "presentationDialog":
            QTimer.singleShot(50, fill_dialog)
            return
        seen["sites"] = dialog.sites.text()
        seen["checked"] = dialog.sites.isChecked()
        year = dialog.year
        year.selectAll()
        qtbot.keyClicks(year, "2030")
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, fill_dialog)
    action = _menu_action(window, "exportPptxAction")
    assert "PowerPoint" in action.text()
    action.trigger()
    qtbot.waitUntil(lambda: "from the menu.pptx" in window.statusBar().currentMessage())
    assert "1 selected" in seen["sites"] and seen["checked"]
    prs = Presentation(str(out))
    assert [s.shapes.title.text for s in prs.slides] == [
        CLUSTER,
        window.project.facilities["FR_956"].name,
    ]
    assert "2030" in _named_text(prs.slides[0], "Subtitle")


def test_file_menu_exports_an_animation(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog

    window = _window(qtbot)
    out = tmp_path / "years.gif"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))

    def fill_dialog():
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "animationDialog":
            QTimer.singleShot(50, fill_dialog)
            return
        for box, text in ((dialog.first, "2021"), (dialog.last, "2022")):
            box.selectAll()
            qtbot.keyClicks(box, text)
        dialog.size.setCurrentIndex(dialog.size.findText("960 × 540"))
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, fill_dialog)
    _menu_action(window, "exportAnimationAction").trigger()
    qtbot.waitUntil(lambda: "years.gif" in window.statusBar().currentMessage())
    frames = _frames(out)
    assert len(frames) == 2 and frames[0].size == (960, 540)


def test_map_slide_follows_the_chosen_scenario(qapp, project, tmp_path):
    path = tmp_path / "deck.pptx"
    export_pptx(project, path, deck(project, 2030, ANNOUNCED_LATE))
    subtitle = _named_text(Presentation(str(path)).slides[0], "Subtitle")
    assert "CO₂ emissions 2030 · projected · scenario Announced plans, 3 years late" in subtitle


def test_a_deck_never_changes_the_active_scenario_and_takes_the_users_own(qapp, tmp_path):
    """The deck's scenario is given to the charts: no scenario switch happens (nothing
    that follows the active scenario redraws), and a scenario of the user's project,
    not only a preset, can be chosen."""
    from dkgis.model.project import Project

    project = Project.load()
    mine = project.scenarios.scenarios[0].renamed("Plan de la CUD")
    project.scenarios.add(mine, activate=False)
    events = []
    project.scenarios.changed.connect(lambda: events.append(project.scenarios.active_name))
    path = tmp_path / "deck.pptx"
    export_pptx(project, path, deck(project, 2030, "Plan de la CUD"), site_ids=["FR_956"])
    assert events == []
    prs = Presentation(str(path))
    assert "Plan de la CUD" in _named_text(prs.slides[0], "Subtitle")
    assert "Plan de la CUD" in _named_text(prs.slides[1], "Subtitle")
