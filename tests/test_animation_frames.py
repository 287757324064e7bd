"""The animated GIF keeps every sector's exact colour, and nothing of it moves from one year
to the next but what changes: the legend, the title and the year's box are laid out once."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageChops

from dkgis.export import animation as anim
from dkgis.export.animation import AnimationOptions, export_animation
from dkgis.model.frame import emission_map_frame
from dkgis.model.project import Project
from dkgis.symbology.facility_style import FacilityStyle
from dkgis.symbology.sectors import SECTORS

#: 2021–2024: verified years, then projected ones (the legend's notes change at 2022→2023
#: when each frame has the legend of its own year).
YEARS = (2021, 2024)
SIZE = (1280, 720)


@pytest.fixture(scope="module")
def project():
    return Project.load()


@pytest.fixture(scope="module")
def gif(qapp, project, tmp_path_factory):
    path = tmp_path_factory.mktemp("gif") / "années.gif"
    frame = emission_map_frame(project, year=YEARS[0], scenario=project.scenarios.active)
    options = AnimationOptions(*YEARS, *SIZE)
    export_animation(project, path, frame, options)
    with Image.open(path) as im:
        frames = []
        for i in range(im.n_frames):
            im.seek(i)
            frames.append(np.asarray(im.convert("RGB")))
    return project, frame, options, frames


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def test_every_frame_holds_the_exact_colour_of_each_visible_sector(gif):
    project, _frame, _options, frames = gif
    style = FacilityStyle.of(project)
    drawn = {str(s) for s, located in zip(style.sectors, style.has_point, strict=True) if located}
    colours = [_rgb(s.colour) for s in SECTORS if s.id in drawn]
    assert len(colours) == 15 and len(set(colours)) == 15
    for frame in frames:
        present = {tuple(c) for c in np.unique(frame.reshape(-1, 3), axis=0)}
        missing = [c for c in colours if c not in present]
        assert missing == []


def test_the_palette_keeps_sector_and_basemap_colours_apart():
    palette = anim.shared_palette([Image.new("RGB", (64, 64), "#808080")])
    assert len(palette) <= 256
    fixed = anim.fixed_colours()
    assert palette[: len(fixed)] == fixed
    for sector in SECTORS:  # "Power and heat" and "Batteries" each keep theirs
        assert _rgb(sector.colour) in palette
    # A pixel of a sector colour maps to exactly that colour, never to a neighbour.
    pixels = Image.new("RGB", (len(SECTORS), 1))
    pixels.putdata([_rgb(s.colour) for s in SECTORS])
    mapped = np.asarray(anim.to_palette(pixels, palette).convert("RGB"))[0]
    assert [tuple(int(v) for v in c) for c in mapped] == [_rgb(s.colour) for s in SECTORS]


def test_only_the_year_changes_in_the_legend_title_and_year_box(gif):
    project, frame, options, frames = gif
    first = Image.fromarray(frames[0])
    box = anim.YearBox.of(project, frame, options).rect
    year_box = (int(box.left()), int(box.top()), int(box.right()) + 1, int(box.bottom()) + 1)
    # Where the legend is: the same pixels in every frame (2022 → 2023 included).

    w, h = SIZE
    legend = (int(w * 0.76), 0, w, int(h * 0.9))
    title = (0, 0, int(w * 0.6), int(box.top()) - 2)
    for other in frames[1:]:
        image = Image.fromarray(other)
        for region in (legend, title):
            assert ImageChops.difference(first.crop(region), image.crop(region)).getbbox() is None
        # The year's box does not move nor change size: only its text differs.
        diff = ImageChops.difference(first.crop(year_box), image.crop(year_box)).getbbox()
        assert diff is not None
        x0, y0, x1, _y1 = diff
        assert x0 > 2 and y0 > 2 and x1 < year_box[2] - year_box[0] - 2
    assert len(frames) == YEARS[1] - YEARS[0] + 1


def test_the_legend_describes_every_year_of_the_animation(gif):
    project, frame, options, _frames = gif
    from dkgis.symbology.legend_key import emission_key

    key = emission_key(project, frame, (options.first_year, options.last_year))
    assert key.heading == "CO₂ emissions of the year shown"
    assert any(note.startswith("Projected under scenario Announced plans") for note in key.notes)
    assert key == emission_key(project, frame.replace(year=2024), YEARS)
