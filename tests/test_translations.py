"""The translation catalogs match the code: complete, and compiled from their sources."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_catalogs_are_complete_and_compiled():
    """``tools/translations.py check`` prints nothing: every text of the code is in the
    catalogs and translated, none is left over, and the ``.qm``/``.mo`` files are compiled
    from the ``.ts``/``.po`` sources as they are."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "translations.py"), "check"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.stdout == "", "catalog problems:\n" + result.stdout
    assert result.returncode == 0, result.stderr
