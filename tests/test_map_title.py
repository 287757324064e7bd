"""The title box of a map: a long subtitle is made a little smaller before it is cut."""

from __future__ import annotations

import pytest

from dkgis.map.decorations import DecorationOptions, DecorationsItem
from dkgis.model.frame import emission_map_frame
from dkgis.model.project import Project

SUBTITLE = (
    "Émissions de CO₂ 2020–2030 · données vérifiées (SEQE-UE) jusqu’en 2022, "
    "puis projection · scénario Plans annoncés"
)


@pytest.fixture(scope="module")
def project():
    return Project.load()


def _title(project, width: float, subtitle: str):
    options = DecorationOptions(title="Zone industrialo-portuaire de Dunkerque", subtitle=subtitle)
    item = DecorationsItem(project, options, emission_map_frame(project, year=2030))
    item.set_view(project.cluster_extent(), width, 720)
    return item._title_geometry(item.boundingRect(), 10)


def test_a_subtitle_a_little_too_long_is_shown_whole_in_a_smaller_font(qapp, project):
    title = _title(project, 885, SUBTITLE)
    assert title.subtitle == SUBTITLE
    assert title.box.width() <= 885 * 0.6 + 2 * title.pad
    assert title.sub_font.pixelSize() < _title(project, 1600, SUBTITLE).sub_font.pixelSize()


def test_a_subtitle_far_too_long_is_cut_with_an_ellipsis(qapp, project):
    title = _title(project, 400, SUBTITLE)
    assert title.subtitle.endswith("…") and len(title.subtitle) < len(SUBTITLE)
