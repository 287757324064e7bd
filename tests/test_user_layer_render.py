"""User layers draw the same pictures as the stored references (see tests/user_layer_reference.py).

The references were rendered before drawing was made faster (culling, level of detail,
batched paths); the pictures must stay the same within antialiasing noise.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from tests.user_layer_reference import CASES, reference_path, reference_project, render_case

#: A pixel is "loud" when a channel differs by more than this many levels (of 255).
LOUD = 48
#: Per case, the largest share of loud pixels and the largest mean difference (levels,
#: over all channels and pixels). Sub-pixel buildings (whole extent) are where
#: antialiasing differs most; a pen 0.3 px thinner already exceeds every bound.
TOLERANCE = {"whole": (0.008, 0.6), "zoomed": (0.002, 0.15), "print": (0.0025, 0.3)}


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
    max_loud, max_mean = TOLERANCE[case]
    if loud > max_loud or mean > max_mean:
        image.save(str(tmp_path / f"{case}.png"))  # for a look at what changed
    assert loud <= max_loud, f"{loud:.2%} of the pixels differ (see {tmp_path})"
    assert mean <= max_mean


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_comparison_sees_a_thinner_outline(project, case):
    """The tolerance is tight enough to catch a change users would see."""
    layer = project.layers.get("user:batiments")
    reference = QImage(str(reference_path(case)))
    before = layer.style
    layer.style = before.with_changes(line_width=before.line_width - 0.3)
    try:
        loud, mean = difference(render_case(project, case), reference)
    finally:
        layer.style = before
    max_loud, max_mean = TOLERANCE[case]
    assert loud > max_loud or mean > max_mean
