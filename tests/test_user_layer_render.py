"""User layers draw the same pictures as the stored references (see tests/user_layer_reference.py).

The references were rendered before drawing was made faster (culling, level of detail,
batched paths); the pictures must stay the same within antialiasing noise.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from tests.user_layer_reference import CASES, reference_path, reference_project, render_case

#: Largest share of pixels whose colour may differ by more than ``LOUD`` levels.
LOUD = 48
MAX_LOUD_SHARE = 0.004
#: Largest mean difference, in levels of 0-255, over all channels and pixels.
MAX_MEAN_DIFFERENCE = 1.0


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    rows = data.reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4).astype(int)


def difference(a: QImage, b: QImage) -> tuple[float, float]:
    """(share of pixels off by more than LOUD levels, mean difference in levels)."""
    pa, pb = pixels(a), pixels(b)
    assert pa.shape == pb.shape
    diff = np.abs(pa - pb)
    return float((diff.max(axis=2) > LOUD).mean()), float(diff.mean())


@pytest.fixture(scope="module")
def project(qapp):
    return reference_project()


@pytest.mark.parametrize("case", sorted(CASES))
def test_user_layers_draw_as_the_reference(project, case, tmp_path):
    image = render_case(project, case)
    reference = QImage(str(reference_path(case)))
    assert not reference.isNull()
    loud, mean = difference(image, reference)
    if loud > MAX_LOUD_SHARE or mean > MAX_MEAN_DIFFERENCE:
        image.save(str(tmp_path / f"{case}.png"))  # for a look at what changed
    assert loud <= MAX_LOUD_SHARE, f"{loud:.2%} of the pixels differ (see {tmp_path})"
    assert mean <= MAX_MEAN_DIFFERENCE


def test_the_comparison_sees_a_thinner_outline(project):
    """The tolerance is tight enough to catch a change users would see."""
    layer = project.layers.get("user:batiments")
    reference = QImage(str(reference_path("zoomed")))
    before = layer.style
    layer.style = before.with_changes(line_width=1.0)
    try:
        loud, mean = difference(render_case(project, "zoomed"), reference)
    finally:
        layer.style = before
    assert loud > MAX_LOUD_SHARE or mean > MAX_MEAN_DIFFERENCE
