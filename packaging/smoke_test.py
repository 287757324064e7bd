"""Check the built application folder ``dist/dkgis`` as a user would run it.

    python packaging/smoke_test.py [dist/dkgis]

Runs the frozen ``dkgis`` executable without any Python installation on its path: the
version, PNG/SVG/HTML/PowerPoint exports of the embedded dataset, ``dkgis validate`` on
the dataset inside the bundle and on a broken file, and the main window up to its first
painted frame (Qt's offscreen platform, ``DKGIS_QUIT_AFTER_FIRST_FRAME``). Prints the size
of the folder and the start time of the frozen app against their goals, then one line
``smoke: N passed, M failed``; exits 1 when a check failed.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dkgis import __version__  # noqa: E402  (the version the folder must report)
from dkgis.ui.app import FIRST_FRAME_LINE, QUIT_AFTER_FIRST_FRAME  # noqa: E402

#: Goals of the application folder (issue: installable like an office application).
SIZE_GOAL_MB = 250
FIRST_FRAME_GOAL_S = 1.5
#: Launches of the window timed after the first (cold) one.
WARM_RUNS = int(os.environ.get("DKGIS_SMOKE_RUNS", "3"))
TIMEOUT_S = 120

#: Modules of the test tools that must not be in the frozen archive.
FORBIDDEN_MODULES = ("pytest", "_pytest", "pytestqt", "selenium", "hypothesis", "ruff", "geopandas")
#: PyInstaller's lister of the modules frozen into an executable.
ARCHIVE_VIEWER = "PyInstaller.utils.cliutils.archive_viewer"
#: Data files the frozen app reads, relative to the ``_internal`` folder.
REQUIRED_FILES = (
    "data/dkarbonation.gpkg",
    "dkgis/resources/icons/dkgis.svg",
    "js_lib_leaflet/static/js_lib_leaflet/leaflet.js",
    "js_lib_leaflet/static/js_lib_leaflet/leaflet.css",
    "babel/locale-data/fr_FR.dat",
    "babel/locale-data/en_GB.dat",
    "pyogrio/gdal_data/gdalvrt.xsd",
    "pyogrio/proj_data/proj.db",
)
#: Left out of the bundle: pyproj reads pyogrio's PROJ database (packaging/bundle.py).
ABSENT_FILES = ("pyproj/proj_dir/share/proj/proj.db",)


class Bundle:
    """The application folder and a scratch folder for what its runs write."""

    def __init__(self, folder: Path, scratch: Path) -> None:
        self.folder = folder
        self.internal = folder / "_internal"
        self.scratch = scratch
        names = ("dkgis-cli.exe", "dkgis.exe", "dkgis")
        self.executable = next(
            (folder / name for name in names if (folder / name).exists()), folder / "dkgis"
        )

    def env(self, **extra: str) -> dict[str, str]:
        """A user's environment: no Python of the build on the path, offscreen Qt."""
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PYTHON", "VIRTUAL_ENV", "QT_PLUGIN", "LD_LIBRARY"))
        }
        env["QT_QPA_PLATFORM"] = "offscreen"
        env["DKGIS_LANG"] = "en"  # the checks read English messages; --lang fr where asked
        env["DKGIS_CONFIG_DIR"] = str(self.scratch / "config")
        env["DKGIS_CACHE_DIR"] = str(self.scratch / "cache")
        env.update(extra)
        return env

    def run(self, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.executable), *args],
            capture_output=True,
            text=True,
            cwd=self.scratch,
            env=self.env(**extra),
            timeout=TIMEOUT_S,
        )


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


def _ok(result: subprocess.CompletedProcess[str]) -> None:
    _expect(
        result.returncode == 0,
        f"exit code {result.returncode}: {(result.stderr or result.stdout).strip()[-800:]}",
    )


# -- checks ------------------------------------------------------------------------------------


def check_version(bundle: Bundle) -> str:
    result = bundle.run("--version")
    _ok(result)
    _expect(result.stdout.strip() == f"dkgis {__version__}", f"printed {result.stdout!r}")
    return result.stdout.strip()


def check_files(bundle: Bundle) -> str:
    missing = [name for name in REQUIRED_FILES if not (bundle.internal / name).is_file()]
    _expect(not missing, f"missing from _internal: {', '.join(missing)}")
    present = [name for name in ABSENT_FILES if (bundle.internal / name).exists()]
    _expect(not present, f"left-out files in _internal: {', '.join(present)}")
    return f"{len(REQUIRED_FILES)} data files present, {len(ABSENT_FILES)} left out"


def check_no_test_tools(bundle: Bundle) -> str:
    """The frozen archive holds no module of the test tools (listed with PyInstaller)."""
    listing = subprocess.run(
        [sys.executable, "-m", ARCHIVE_VIEWER, "-r", "-b", str(bundle.executable)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    _ok(listing)
    modules = {line.strip() for line in listing.stdout.splitlines()}
    _expect("dkgis.ui.main_window" in modules, "the archive listing shows no dkgis module")
    found = sorted(name for name in modules if name.split(".")[0] in FORBIDDEN_MODULES)
    found += sorted(p.name for p in bundle.internal.iterdir() if p.name in FORBIDDEN_MODULES)
    _expect(not found, f"test tools in the bundle: {', '.join(found[:10])}")
    return f"{len(modules)} archive entries, none of {', '.join(FORBIDDEN_MODULES)}"


def check_catalogs(bundle: Bundle) -> str:
    """Every compiled translation catalog of the sources is in the bundle, at its place."""
    catalogs = [
        path.relative_to(ROOT)
        for pattern in ("dkgis/**/*.qm", "dkgis/**/*.mo")
        for path in ROOT.glob(pattern)
    ]
    missing = [str(path) for path in catalogs if not (bundle.internal / path).is_file()]
    _expect(not missing, f"catalogs missing from _internal: {', '.join(missing)}")
    return f"{len(catalogs)} catalog(s) of the sources present"


def check_export_png(bundle: Bundle) -> str:
    from PIL import Image

    out = bundle.scratch / "map.png"
    _ok(bundle.run("export", str(out), "--year", "2022"))
    with Image.open(out) as image:
        _expect(image.format == "PNG", f"{out.name} is {image.format}")
        _expect(image.size == (1600, 1000), f"{out.name} is {image.size[0]}x{image.size[1]}")
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20) or []
    _expect(len(colours) > 200, f"{out.name} has {len(colours)} colours: blank or nearly")
    return f"1600x1000, {len(colours)} colours, {out.stat().st_size // 1024} KiB"


def check_export_svg(bundle: Bundle) -> str:
    out = bundle.scratch / "map.svg"
    _ok(bundle.run("export", str(out)))
    text = out.read_text(encoding="utf-8")
    _expect("<svg" in text and "<text" in text, "the SVG has no <svg> or no text")
    return f"{out.stat().st_size // 1024} KiB, text kept as text"


def check_export_html(bundle: Bundle) -> str:
    out = bundle.scratch / "map.html"
    _ok(bundle.run("export", str(out), "--year", "2030"))
    html = out.read_text(encoding="utf-8")
    _expect("L.map(" in html, "no Leaflet map in the page")
    _expect("cdn." not in html and "unpkg.com" not in html, "the page loads Leaflet from a CDN")
    return f"{out.stat().st_size // 1024} KiB, Leaflet inlined"


def check_export_pptx(bundle: Bundle) -> str:
    out = bundle.scratch / "deck.pptx"
    _ok(bundle.run("export", str(out), "--year", "2022"))
    with zipfile.ZipFile(out) as deck:
        slides = [n for n in deck.namelist() if n.startswith("ppt/slides/slide")]
    _expect(bool(slides), "the deck has no slide")
    return f"{len(slides)} slide(s)"


def check_validate_embedded(bundle: Bundle) -> str:
    dataset = bundle.internal / "data" / "dkarbonation.gpkg"
    result = bundle.run("validate", str(dataset))
    _ok(result)
    _expect(result.stdout.strip().endswith("valid"), f"printed {result.stdout!r}")
    return "valid"


def check_validate_broken(bundle: Bundle) -> str:
    broken = bundle.scratch / "broken.gpkg"
    broken.write_text("not a GeoPackage\n", encoding="utf-8")
    result = bundle.run("validate", str(broken))
    _expect(result.returncode == 2, f"exit code {result.returncode}, expected 2")
    lines = result.stderr.strip().splitlines()
    _expect(
        len(lines) == 1 and "broken.gpkg" in lines[0] and "Traceback" not in result.stderr,
        f"expected one error line naming the file, got {result.stderr!r}",
    )
    return lines[0]


def check_import_release(bundle: Bundle) -> str:
    """``dkgis data import`` of a Union Registry workbook into a copy of the dataset."""
    from tests.release_fixtures import union_registry_xlsx

    book = union_registry_xlsx(
        bundle.scratch / "verified_emissions_2024_en.xlsx",
        [2023, 2024],
        [("FR", "ARCELORMITTAL DUNKERQUE", 956, 24, 7_120_000, 7_650_000)],
    )
    copy = bundle.scratch / "copy.gpkg"
    shutil.copyfile(bundle.internal / "data" / "dkarbonation.gpkg", copy)
    result = bundle.run("data", "import", str(book), "--data", str(copy))
    _ok(result)
    _expect("2 values added" in result.stdout, f"printed {result.stdout[-400:]!r}")
    _ok(bundle.run("validate", str(copy)))
    return "2 values added from an .xlsx workbook, the copy is valid"


#: A square of about 4 km over the port of Dunkerque, in longitude and latitude.
SQUARE_LONLAT = ((2.24, 51.02), (2.30, 51.02), (2.30, 51.05), (2.24, 51.05))


def _user_layers(folder: Path) -> dict[str, tuple[str, ...]]:
    """The same square as each kind of file a user adds; ``--add-layer`` arguments."""
    import json
    import warnings

    import numpy as np
    import shapely
    from pyogrio.raw import write
    from pyproj import Transformer

    ring = [*SQUARE_LONLAT, SQUARE_LONLAT[0]]
    to_l93 = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)
    square = shapely.Polygon(ring)
    square_l93 = shapely.Polygon([to_l93.transform(x, y) for x, y in ring])
    feature = {"type": "Feature", "properties": {"nom": "Port"}}
    feature["geometry"] = shapely.geometry.mapping(square)
    geojson = folder / "square.geojson"
    collection = {"type": "FeatureCollection", "features": [feature]}
    geojson.write_text(json.dumps(collection), encoding="utf-8")

    def ogr(path: Path, polygon, **options) -> None:
        names = np.array(["Port"], dtype=object)
        wkb = np.array([shapely.to_wkb(polygon)], dtype=object)
        write(path, wkb, [names], ["nom"], geometry_type="Polygon", **options)

    shapefile = folder / "square_l93.shp"
    with warnings.catch_warnings():  # no .prj on purpose: --layer-crs says
        warnings.simplefilter("ignore", UserWarning)
        ogr(shapefile, square_l93, driver="ESRI Shapefile")
    geopackage = folder / "square_l93.gpkg"
    ogr(geopackage, square_l93, driver="GPKG", crs="EPSG:2154", layer="carre")
    csv = folder / "corners.csv"
    corners = "\n".join(f"Coin {i},{x},{y}" for i, (x, y) in enumerate(SQUARE_LONLAT))
    csv.write_text(f"nom,longitude,latitude\n{corners}\n", encoding="utf-8")
    return {
        "GeoJSON": (str(geojson),),
        "Shapefile in Lambert-93": (str(shapefile), "--layer-crs", "EPSG:2154"),
        "GeoPackage in Lambert-93": (str(geopackage),),
        "CSV": (str(csv),),
    }


#: The map of a 1600x1000 export left of its legend, where an added layer is drawn.
MAP_AREA = (0, 0, 1300, 950)


def _changed_box(base, image) -> tuple[int, int, int, int] | None:
    from PIL import ImageChops

    before, after = (picture.convert("RGB").crop(MAP_AREA) for picture in (base, image))
    return ImageChops.difference(before, after).getbbox()


def check_user_layers(bundle: Bundle) -> str:
    """``dkgis export --add-layer`` of each kind of user file draws at the same place.

    The square read from a Lambert-93 Shapefile or GeoPackage lands where the GeoJSON
    one does: PROJ works in the frozen app, through pyproj and through GDAL.
    """
    from PIL import Image

    args = ("--year", "2022")
    base = bundle.scratch / "layers-base.png"
    _ok(bundle.run("export", str(base), *args))
    boxes = {}
    with Image.open(base) as base_image:
        for kind, layer in _user_layers(bundle.scratch).items():
            out = bundle.scratch / f"layers-{len(boxes)}.png"
            _ok(bundle.run("export", str(out), *args, "--add-layer", *layer))
            with Image.open(out) as image:
                boxes[kind] = _changed_box(base_image, image)
            _expect(boxes[kind] is not None, f"the {kind} layer changed nothing on the map")
    reference = boxes.pop("GeoJSON")
    for kind, box in boxes.items():
        if kind == "CSV":  # points at the corners: within the square's box
            inside = all(abs(a - b) <= 12 for a, b in zip(box, reference, strict=True))
        else:
            inside = all(abs(a - b) <= 3 for a, b in zip(box, reference, strict=True))
        _expect(inside, f"the {kind} layer is drawn at {box}, the GeoJSON one at {reference}")
    return f"{len(boxes) + 1} kinds of file drawn at {reference}"


def time_first_frame(bundle: Bundle, *args: str) -> float:
    """Seconds from launching the window to its first painted map frame."""
    errors = bundle.scratch / "window-stderr.txt"
    with errors.open("w", encoding="utf-8") as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [str(bundle.executable), *args],
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            cwd=bundle.scratch,
            env=bundle.env(**{QUIT_AFTER_FIRST_FRAME: "1"}),
        )
        assert proc.stdout is not None
        elapsed = None
        for line in proc.stdout:
            if line.strip() == FIRST_FRAME_LINE:
                elapsed = time.perf_counter() - start
                break
        code = proc.wait(timeout=TIMEOUT_S)
    said = errors.read_text(encoding="utf-8").strip()[-800:]
    _expect(elapsed is not None, f"the window never painted a frame (exit code {code}): {said}")
    _expect(code == 0, f"the window quit with exit code {code}: {said}")
    return elapsed


FIGURES: list[str] = []


def check_gui(bundle: Bundle) -> str:
    cold = time_first_frame(bundle)
    warm = [time_first_frame(bundle) for _ in range(WARM_RUNS)]
    median = statistics.median(warm) if warm else cold
    verdict = "OK" if median <= FIRST_FRAME_GOAL_S else "MISSED"
    FIGURES.append(
        f"frozen start to first frame: first launch {cold:.2f} s, then median {median:.2f} s "
        f"of {len(warm)} (goal <= {FIRST_FRAME_GOAL_S} s: {verdict})"
    )
    return f"first frame in {cold:.2f} s"


def check_gui_french(bundle: Bundle) -> str:
    return f"first frame in {time_first_frame(bundle, '--lang', 'fr'):.2f} s"


def check_install_linux(bundle: Bundle) -> str:
    """packaging/install_linux.sh installs a working command, menu entry and icons."""
    if not sys.platform.startswith("linux"):
        return "skipped: not Linux"
    prefix = bundle.scratch / "prefix"
    script = ROOT / "packaging" / "install_linux.sh"
    env = bundle.env(PREFIX=str(prefix), DIST=str(bundle.folder))
    _ok(subprocess.run(["bash", str(script)], capture_output=True, text=True, env=env))
    version = subprocess.run(
        [str(prefix / "bin" / "dkgis"), "--version"], capture_output=True, text=True, env=env
    )
    _ok(version)
    _expect(version.stdout.strip() == f"dkgis {__version__}", f"printed {version.stdout!r}")
    desktop = prefix / "share" / "applications" / "dkgis.desktop"
    _expect(f"Exec={prefix}/lib/dkgis/dkgis" in desktop.read_text(), "Exec is not the full path")
    icons = list((prefix / "share" / "icons" / "hicolor").glob("*/apps/dkgis.png"))
    _expect(len(icons) == 7, f"{len(icons)} icons installed")
    validator = shutil.which("desktop-file-validate")
    if validator:
        _ok(subprocess.run([validator, str(desktop)], capture_output=True, text=True))
    _ok(subprocess.run(["bash", str(script), "--uninstall"], capture_output=True, env=env))
    _expect(not desktop.exists() and not (prefix / "lib" / "dkgis").exists(), "not removed")
    checked = "desktop-file-validate passed" if validator else "desktop-file-validate absent"
    return f"installed, run and removed; {checked}"


def folder_size(folder: Path) -> int:
    """Bytes of the files in ``folder`` (links counted once, not followed)."""
    return sum(
        path.lstat().st_size
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


CHECKS: tuple[Callable[[Bundle], str], ...] = (
    check_version,
    check_files,
    check_catalogs,
    check_no_test_tools,
    check_export_png,
    check_export_svg,
    check_export_html,
    check_export_pptx,
    check_validate_embedded,
    check_validate_broken,
    check_import_release,
    check_user_layers,
    check_gui,
    check_gui_french,
    check_install_linux,
)


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else ROOT / "dist" / "dkgis"
    if not folder.is_dir():
        print(f"smoke: {folder} does not exist: build it with packaging/build.sh", file=sys.stderr)
        return 2
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="dkgis-smoke-") as tmp:
        bundle = Bundle(folder.resolve(), Path(tmp))
        print(f"smoke: {bundle.executable}")
        for check in CHECKS:
            name = check.__name__.removeprefix("check_")
            start = time.perf_counter()
            try:
                detail = check(bundle)
            except (AssertionError, OSError, subprocess.SubprocessError) as err:
                failed += 1
                print(f"FAIL {name}: {err}", flush=True)
            else:
                passed += 1
                took = time.perf_counter() - start
                print(f"ok   {name} ({took:.1f} s): {detail}", flush=True)
    load = (
        ", ".join(f"{value:.1f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    )
    print(f"machine: {os.cpu_count()} CPU(s), load average {load}")
    size_mb = folder_size(folder) / 1e6
    verdict = "OK" if size_mb <= SIZE_GOAL_MB else "MISSED"
    print(f"bundle size: {size_mb:.0f} MB (goal <= {SIZE_GOAL_MB} MB: {verdict})")
    for line in FIGURES:
        print(line)
    print(f"smoke: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
