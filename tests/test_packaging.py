"""The packaging recipes agree with the package (no PyInstaller run: CI's smoke test does that).

The spec is executed with PyInstaller's build functions replaced by recorders, so what it
would put in the application folder is checked here; the installer script, the desktop
entry, the icons and the Linux install script are read or run as they are.
"""

from __future__ import annotations

import configparser
import importlib.metadata
import importlib.util
import os
import pkgutil
import re
import struct
import subprocess
import sys
import types
from pathlib import Path

import pytest

import dkgis
from dkgis import __version__

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def _pyproject_value(pattern: str) -> str:
    found = re.search(pattern, (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M | re.S)
    assert found, pattern
    return found.group(1)


def _extra_distributions(extra: str) -> set[str]:
    """Distributions of an extra of pyproject.toml, ``dkgis[other]`` expanded."""
    block = _pyproject_value(rf"^\[project\.optional-dependencies\].*?^{extra} = \[(.*?)^\]")
    names = set()
    for requirement in re.findall(r'^\s*"([^"]+)"', block, re.M):
        own = re.fullmatch(r"dkgis\[([\w,-]+)\]", requirement)
        if own:
            names |= {n for other in own.group(1).split(",") for n in _extra_distributions(other)}
        else:
            names.add(re.split(r"[<>=!~ \[;]", requirement, maxsplit=1)[0].lower())
    return names


def _load_bundle():
    spec = importlib.util.spec_from_file_location("dkgis_bundle", PACKAGING / "bundle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bundle = _load_bundle()


# -- the PyInstaller spec --------------------------------------------------------------------


class _Recorder:
    """Stands for Analysis, PYZ, EXE and COLLECT: keeps what the spec passed."""

    made: list[_Recorder]

    def __init__(self, *args, **kwargs) -> None:
        self.args, self.kwargs = args, kwargs
        self.made.append(self)


def _toc(datas):
    """PyInstaller's (destination, source, typecode) entries of (source, folder) pairs."""
    return [(str(Path(folder) / Path(source).name), source, "DATA") for source, folder in datas]


def _walk_submodules(package, filter=None):
    names = [package]
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, prefix=f"{package}."):
        names.append(info.name)
    return [name for name in names if filter is None or filter(name)]


def _version_info_module():
    """PyInstaller's Windows version-resource classes, as recorders of their arguments."""
    module = types.ModuleType("PyInstaller.utils.win32.versioninfo")
    for name in (
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "StringStruct",
        "VarFileInfo",
        "VarStruct",
    ):
        setattr(module, name, lambda *args, _name=name, **kwargs: (_name, args, kwargs))
    return module


def run_spec(monkeypatch, platform: str) -> dict[str, list[_Recorder]]:
    """Execute packaging/dkgis.spec as PyInstaller would on ``platform``; return its calls."""
    made: dict[str, list[_Recorder]] = {}
    classes = {}
    for name in ("Analysis", "PYZ", "EXE", "COLLECT"):
        made[name] = []
        classes[name] = type(name, (_Recorder,), {"made": made[name]})

    class Analysis(classes["Analysis"]):
        def __init__(self, scripts, **kwargs) -> None:
            super().__init__(scripts, **kwargs)
            self.datas = _toc(kwargs["datas"])
            self.binaries, self.pure, self.scripts = [], [], list(scripts)

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = _package_data_files
    hooks.collect_submodules = _walk_submodules
    bindepend = types.ModuleType("PyInstaller.depend.bindepend")
    bindepend.get_imports = lambda path, search_paths=None: set()
    leaves = {
        "PyInstaller.utils.hooks": hooks,
        "PyInstaller.depend.bindepend": bindepend,
        "PyInstaller.utils.win32.versioninfo": _version_info_module(),
    }
    packages = {"PyInstaller", "PyInstaller.utils", "PyInstaller.depend", "PyInstaller.utils.win32"}
    modules = {name: types.ModuleType(name) for name in packages} | leaves
    for name, module in modules.items():
        monkeypatch.setitem(sys.modules, name, module)
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(modules[parent], child, module)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.delitem(sys.modules, "bundle", raising=False)
    namespace = {
        "__name__": "__main__",
        "SPECPATH": str(PACKAGING),
        "workpath": "/nonexistent/work",
        "Analysis": Analysis,
        **{name: classes[name] for name in ("PYZ", "EXE", "COLLECT")},
    }
    spec_file = PACKAGING / "dkgis.spec"
    exec(compile(spec_file.read_text(encoding="utf-8"), str(spec_file), "exec"), namespace)
    sys.modules.pop("bundle", None)
    return made


def _package_data_files(package: str, excludes=None, **_) -> list[tuple[str, str]]:
    """What PyInstaller's collect_data_files gives for dkgis (other packages: nothing)."""
    if package != "dkgis":
        return []
    excluded = tuple(pattern.rsplit("*", 1)[-1] for pattern in excludes or ())
    return [
        (str(path), str(path.parent.relative_to(ROOT)))
        for path in sorted((ROOT / "dkgis").rglob("*"))
        if path.is_file()
        and "__pycache__" not in path.parts
        and path.suffix not in (".py", ".pyc")
        and not path.name.endswith(excluded)
    ]


def test_spec_freezes_the_package_with_its_data(monkeypatch):
    made = run_spec(monkeypatch, "linux")
    (analysis,) = made["Analysis"]
    datas = {dest: Path(source) for dest, source, _ in analysis.datas}
    assert datas["data/dkarbonation.gpkg"] == ROOT / "data" / "dkarbonation.gpkg"
    icon = ROOT / "dkgis" / "resources" / "icons" / "dkgis.svg"
    assert datas["dkgis/resources/icons/dkgis.svg"] == icon
    assert all(source.is_file() for source in datas.values())
    assert not any(dest.endswith((".ts", ".po", ".pot")) for dest in datas)
    # Every module of the package, whatever the layout of the command line.
    hidden = analysis.kwargs["hiddenimports"]
    for module in ("dkgis.cli", "dkgis.ui.main_window", "dkgis.export.html.assets"):
        assert module in hidden
    assert "js_lib_leaflet" in hidden
    assert "dkgis.data.build" not in hidden
    # The entry script runs the entry point of the installed command.
    (script,) = analysis.scripts
    entry_point = _pyproject_value(r'^\[project\.scripts\]\s*dkgis = "([^"]+)"')
    module, function = entry_point.split(":")
    assert f"from {module} import {function}" in Path(script).read_text(encoding="utf-8")


def test_spec_makes_one_windowed_executable_on_linux(monkeypatch):
    made = run_spec(monkeypatch, "linux")
    (exe,) = made["EXE"]
    assert exe.kwargs["name"] == "dkgis"
    assert exe.kwargs["console"] is False
    assert Path(exe.kwargs["icon"]).is_file()
    (collect,) = made["COLLECT"]
    assert collect.kwargs["name"] == "dkgis"


def test_spec_windows_executables_carry_the_package_version(monkeypatch):
    made = run_spec(monkeypatch, "win32")
    by_name = {exe.kwargs["name"]: exe.kwargs for exe in made["EXE"]}
    assert by_name["dkgis"]["console"] is False
    assert by_name["dkgis-cli"]["console"] is True
    for name in ("dkgis", "dkgis-cli"):
        _kind, _args, resource = by_name[name]["version"]
        fixed = resource["ffi"][2]
        assert fixed["filevers"] == fixed["prodvers"] == bundle.windows_version(__version__)
        string_table = resource["kids"][0][1][0][0]
        strings = dict(entry[1] for entry in string_table[1][1])
        assert strings["ProductVersion"] == strings["FileVersion"] == __version__
        assert strings["OriginalFilename"] == f"{name}.exe"


def test_spec_adds_the_modules_compiled_code_imports(monkeypatch):
    """pyogrio's reader imports ``pyogrio._geometry`` from C: no Python import shows it.

    Without it the frozen app read no GeoPackage or Shapefile of the user's
    (``No module named 'pyogrio._geometry'``).
    """
    import pyogrio._io

    compiled = Path(pyogrio._io.__file__).read_bytes()
    imported = {name.decode() for name in re.findall(rb"pyogrio\._[a-z]+", compiled)}
    sources = "".join(
        path.read_text(encoding="utf-8") for path in Path(pyogrio._io.__file__).parent.glob("*.py")
    )
    unseen = {name for name in imported if name not in sources}
    assert unseen == {"pyogrio._geometry"}
    made = run_spec(monkeypatch, "linux")
    assert unseen <= set(made["Analysis"][0].kwargs["hiddenimports"])


def test_spec_leaves_out_the_test_tools(monkeypatch):
    """No module of a distribution of the ``test`` extras can enter the application."""
    made = run_spec(monkeypatch, "linux")
    excludes = set(made["Analysis"][0].kwargs["excludes"])
    tools = _extra_distributions("test")
    owners = importlib.metadata.packages_distributions()
    modules = {
        module
        for module, distributions in owners.items()
        if any(d.lower().replace("_", "-") in tools for d in distributions)
        and not module.startswith("__")
        and module.isidentifier()
    }
    assert {"pytest", "pytestqt", "selenium", "importlinter", "geopandas"} <= modules
    assert modules <= excludes, modules - excludes


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.3.4rc1", (2, 3, 4, 0)),
     ("1.0.0.dev3+g12ab", (1, 0, 0, 0)), ("1.2.3.4", (1, 2, 3, 4))],
)  # fmt: skip
def test_windows_version_numbers(version, numbers):
    assert bundle.windows_version(version) == numbers


# -- what the folder leaves out --------------------------------------------------------------


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("babel/locale-data/fr_FR.dat", True),
        ("babel/locale-data/en_001.dat", True),
        ("babel/locale-data/root.dat", True),
        ("babel/locale-data/de_DE.dat", False),
        ("babel/global.dat", True),
        ("PySide6/Qt/translations/qtbase_fr.qm", True),
        ("PySide6/translations/qt_en.qm", True),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", False),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("dkgis/locale/dkgis_fr.qm", True),
        ("data/dkarbonation.gpkg", True),
    ],
)
def test_catalogs_of_other_languages_are_left_out(dest, kept):
    assert bundle.keep_data(dest) is kept


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        # One PROJ database, pyogrio's, read by both libraries.
        ("pyogrio/proj_data/proj.db", True),
        ("pyogrio/proj_data/proj.ini", True),
        ("pyproj/proj_dir/share/proj/proj.db", False),
        ("pyproj/proj_dir/share/proj/ITRF2014", False),
        # Build files and sources of compiled modules.
        ("pyproj/_crs.pyx", False),
        ("pyproj/_crs.pxd", False),
        ("pyproj/proj.pxi", False),
        ("pyproj/_crs.pyi", False),
        ("pyogrio/proj_data/proj-targets.cmake", False),
        ("pyogrio/gdal_data/vcpkg.spdx.json", False),
        ("pyogrio/proj_data/vcpkg_abi_info.txt", False),
        # GDAL's data: what the GeoPackage and Shapefile drivers may read stays.
        ("pyogrio/gdal_data/header.dxf", True),
        ("pyogrio/gdal_data/gdalvrt.xsd", True),
        ("pyogrio/gdal_data/gt_datum.csv", True),
        ("pyogrio/gdal_data/grib2_table_4_2_0_0.csv", False),
        ("pyogrio/gdal_data/jpfgdgml_AdmArea.gfs", False),
        ("pyogrio/gdal_data/s57objectclasses.csv", False),
        ("pyogrio/gdal_data/nitf_spec.xml", False),
        ("pyogrio/gdal_data/GDALLogoColor.svg", False),
        ("pyogrio/gdal_data/tms_NZTM2000.json", False),
        ("pyogrio\\gdal_data\\ecw_cs.wkt", False),
        # Leaflet's and dkgis's own files are not caught by the patterns.
        ("js_lib_leaflet/static/js_lib_leaflet/leaflet.js", True),
        ("dkgis/resources/icons/dkgis.svg", True),
    ],
)
def test_unused_data_files_are_left_out(dest, kept):
    assert bundle.keep_data(dest) is kept


def test_pyogrio_proj_database_serves_pyproj():
    """pyproj's PROJ reads pyogrio's database (newer layout), as the frozen app makes it."""
    import pyogrio
    import pyproj

    shared = Path(pyogrio.__file__).parent / "proj_data"
    assert (shared / "proj.db").is_file(), "pyogrio's wheel brings PROJ's data"
    script = (
        "import sys, pyproj; pyproj.datadir.set_data_dir(sys.argv[1]);"
        "from pyproj import CRS, Transformer;"
        "print(CRS.from_user_input('EPSG:2154').name);"
        "x, y = Transformer.from_crs(2154, 4326, always_xy=True).transform(700000, 6600000);"
        "print(f'{x:.6f} {y:.6f}'); print(pyproj.datadir.get_data_dir())"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(shared)], capture_output=True, text=True, check=True
    )
    name, point, folder = result.stdout.splitlines()
    assert name == "RGF93 v1 / Lambert-93"
    assert point == "3.000000 46.500000"  # the projection's origin
    assert Path(folder) == shared
    assert pyproj.datadir.get_data_dir() != str(shared)  # this process keeps its own


def test_runtime_hook_points_proj_to_the_shared_database(monkeypatch, tmp_path):
    made = run_spec(monkeypatch, "linux")
    (hook,) = made["Analysis"][0].kwargs["runtime_hooks"]
    monkeypatch.setenv("PROJ_DATA", "/a/gis/installation/share/proj")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    exec(compile(Path(hook).read_text(encoding="utf-8"), hook, "exec"), {"__name__": "__main__"})
    assert Path(os.environ["PROJ_DATA"]) == tmp_path / bundle.SHARED_PROJ_DATA
    assert bundle.keep_data(f"{bundle.SHARED_PROJ_DATA}/proj.db")


def test_spec_keeps_python_pptx_template_folder(monkeypatch):
    """python-pptx opens pptx/oxml/../templates/*.xml: pptx/oxml must be a real folder."""
    import pptx.oxml

    assert '"..", "templates"' in Path(pptx.oxml.__file__).read_text(encoding="utf-8")
    made = run_spec(monkeypatch, "linux")
    assert made["Analysis"][0].kwargs["module_collection_mode"] == {"pptx.oxml": "pyz+py"}


def test_app_libraries_work_without_the_left_out_extension_modules():
    """python-pptx, Pillow's GIF and PNG, and openpyxl work with the excluded parts gone."""
    parts = [
        name
        for name in bundle.EXCLUDED_MODULES
        if name.startswith(("PIL.", "lxml.")) and name != "PIL.ImageTk"
    ]
    assert {"PIL._imagingft", "PIL._imagingcms", "PIL._webp", "lxml.objectify"} <= set(parts)
    script = (
        "import io, sys\n"
        "for name in sys.argv[1:]: sys.modules[name] = None  # as if left out\n"
        "import openpyxl, pptx\n"
        "from pptx.util import Inches\n"
        "from PIL import Image, ImageFont\n"
        "Image.init()\n"
        "png = io.BytesIO(); Image.new('RGB', (8, 8), 'red').save(png, 'PNG')\n"
        "deck = pptx.Presentation()\n"
        "slide = deck.slides.add_slide(deck.slide_layouts[6])\n"
        "slide.shapes.add_picture(io.BytesIO(png.getvalue()), 0, 0, Inches(1))\n"
        "slide.notes_slide.notes_text_frame.text = 'notes'\n"
        "deck.save(io.BytesIO())\n"
        "gif = io.BytesIO()\n"
        "frames = [Image.new('P', (4, 4), i) for i in range(3)]\n"
        "frames[0].save(gif, 'GIF', save_all=True, append_images=frames[1:])\n"
        "book = openpyxl.Workbook(); book.active['A1'] = 1; book.save(io.BytesIO())\n"
        "print('ok', len(gif.getvalue()) > 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, *parts], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok True"


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqwebp.so", True),
        ("PySide6/plugins/imageformats/qtiff.dll", False),
        ("PySide6/Qt/plugins/imageformats/libqicns.so", False),
        ("PySide6/Qt/plugins/imageformats/libqtga.so", False),
        ("PySide6/Qt/plugins/imageformats/libqwbmp.so", False),
        ("PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", True),
    ],
)
def test_unused_qt_plugins_are_left_out(dest, kept):
    assert bundle.keep_binary(dest) is kept


def test_libraries_only_left_out_plugins_need_go_with_them():
    links = {
        "/qt/plugins/platformthemes/libqgtk3.so": ["/sys/libgtk-3.so", "/qt/lib/libQt6Gui.so"],
        "/sys/libgtk-3.so": ["/sys/libpango.so", "/sys/libglib.so"],
        "/sys/libpango.so": ["/sys/libcairo.so"],  # suspects linking each other
        "/qt/plugins/platforms/libqxcb.so": ["/qt/lib/libQt6Gui.so", "/sys/libglib.so"],
    }
    binaries = [
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/qt/plugins/platformthemes/libqgtk3.so"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/qt/plugins/platforms/libqxcb.so"),
        ("PySide6/Qt/lib/libQt6Gui.so", "/qt/lib/libQt6Gui.so"),
        ("libgtk-3.so", "/sys/libgtk-3.so"),
        ("libpango.so", "/sys/libpango.so"),
        ("libcairo.so", "/sys/libcairo.so"),
        ("libglib.so", "/sys/libglib.so"),
    ]
    kept = bundle.drop_binaries(
        [(dest, source, "BINARY") for dest, source in binaries],
        lambda path: [(Path(p).name, p) for p in links.get(path, [])],
    )
    assert sorted(dest for dest, _, _ in kept) == [
        "PySide6/Qt/lib/libQt6Gui.so",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "libglib.so",
    ]


def _elf(path: Path, offset: int, address: int, padding: bytes = b"") -> Path:
    """A 64-bit ELF file with one loadable segment at ``offset`` mapped at ``address``."""
    header = bytearray(64)
    header[:6] = b"\x7fELF\x02\x01"
    struct.pack_into("<Q", header, 0x20, 64)  # program header table right after
    struct.pack_into("<HH", header, 0x36, 56, 1)
    segment = struct.pack("<IIQQQQQQ", 1, 5, offset, address, address, 16, 16, 0x1000)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(header) + segment + padding)
    return path


def test_load_segments_alignment_is_read_from_the_elf_header(tmp_path):
    assert bundle.load_segments_aligned(_elf(tmp_path / "a.so", 0x2000, 0x5000))
    assert bundle.load_segments_aligned(_elf(tmp_path / "b.so", 0x2010, 0x7010))
    assert not bundle.load_segments_aligned(_elf(tmp_path / "c.so", 0x2010, 0x7000))
    (tmp_path / "d.dll").write_bytes(b"MZ" + bytes(200))
    assert bundle.load_segments_aligned(tmp_path / "d.dll")


@pytest.mark.skipif(sys.platform == "win32", reason="the strip program is GNU binutils'")
def test_binaries_are_stripped_unless_the_copy_would_not_load(tmp_path):
    """Stripped copies replace the binaries, except a copy the loader would refuse."""
    padding = bytes(4096)
    wheel_lib = _elf(tmp_path / "venv" / "site-packages" / "pyogrio" / "_io.so", 0, 0, padding)
    openblas = _elf(
        tmp_path / "venv" / "site-packages" / "numpy.libs" / "libopenblas.so", 0, 0, padding
    )
    python_lib = _elf(tmp_path / "python" / "lib" / "libpython3.so", 0, 0, padding)
    originals = {path: path.read_bytes() for path in (wheel_lib, openblas, python_lib)}
    fake_strip = tmp_path / "strip"
    # strip --strip-unneeded -o OUT IN: a smaller copy; OpenBLAS's loses its alignment.
    fake_strip.write_text(
        "#!/bin/sh\n"
        'case "$4" in\n'
        f'  *openblas*) cp {_elf(tmp_path / "bad.so", 0x2010, 0x7000)} "$3" ;;\n'
        f'  *) cp {_elf(tmp_path / "good.so", 0, 0)} "$3" ;;\n'
        "esac\n"
    )
    fake_strip.chmod(0o755)
    entries = [
        ("pyogrio/_io.so", str(wheel_lib), "EXTENSION"),
        ("numpy.libs/libopenblas.so", str(openblas), "BINARY"),
        ("libpython3.so", str(python_lib), "BINARY"),
        ("data/x.gpkg", str(python_lib), "DATA"),
    ]
    result = bundle.strip_binaries(entries, tmp_path / "work", str(fake_strip))
    assert result[0] == ("pyogrio/_io.so", str(tmp_path / "work" / "pyogrio/_io.so"), "EXTENSION")
    assert result[1] == entries[1]  # the misaligned copy is not used
    assert result[2][1] == str(tmp_path / "work" / "libpython3.so")
    assert result[3] == entries[3]
    assert all(path.read_bytes() == data for path, data in originals.items())
    assert bundle.strip_binaries(entries, tmp_path / "work", None) == entries


@pytest.mark.parametrize(
    ("item", "kept"),
    [
        ("fr.res", True),
        ("fr_FR.res", True),
        ("en_US_POSIX.res", True),
        ("coll/fr_CA.res", True),
        ("zone/en_GB.res", True),
        ("root.res", True),
        ("coll/root.res", True),
        ("curr/pool.res", True),
        ("lang/res_index.res", True),
        ("coll/ucadata.icu", True),
        ("uprops.icu", True),
        ("supplementalData.res", True),
        ("zoneinfo64.res", True),
        ("metaZones.res", True),
        ("brkitr/line.brk", True),
        ("brkitr/thaidict.dict", True),  # named by brkitr/root.res
        ("de.res", False),
        ("zh_Hant_TW.res", False),
        ("coll/de_.res", False),
        ("coll/ja.res", False),
        ("unit/ru.res", False),
        ("iw.res", False),
        ("translit/Latin_ASCII.res", False),
        ("ibm-1252_P100-2000.cnv", False),
        ("gb18030.cnv", False),
    ],
)
def test_icu_data_keeps_what_french_and_english_need(item, kept):
    assert bundle.keep_icu_item(item) is kept


def _qt_icu_answers(preload: Path | None = None) -> list[str]:
    """What Qt answers through ICU: French collation, case, time-zone names."""
    script = (
        "from functools import cmp_to_key\n"
        "from PySide6.QtCore import QCollator, QDateTime, QLocale, QTimeZone\n"
        "words = ['zèbre', 'école', 'Été', 'abri', 'Ecole', 'côte', 'cote', 'coté']\n"
        "print(sorted(words, key=cmp_to_key(QCollator(QLocale('fr_FR')).compare)))\n"
        "print(QLocale('fr_FR').toUpper('façade élevée'))\n"
        "when = QDateTime.fromSecsSinceEpoch(1750000000)\n"
        "long = QTimeZone.NameType.LongName\n"
        "for name in ('fr_FR', 'en_GB'):\n"
        "    print(QTimeZone(b'Europe/Paris').displayName(when, long, QLocale(name)))\n"
        "maps = open('/proc/self/maps', encoding='utf-8').read().splitlines()\n"
        "print(next(line.split()[-1] for line in maps if 'libicudata' in line))\n"
    )
    env = {**os.environ, **({"LD_PRELOAD": str(preload)} if preload else {})}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert not result.stderr.strip(), result.stderr
    return result.stdout.splitlines()


def _qt_icu_library() -> Path | None:
    import PySide6

    found = sorted(Path(PySide6.__file__).parent.glob("Qt/lib/libicudata.so.*"))
    return found[0] if found else None


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or _qt_icu_library() is None,
    reason="Qt's ICU data library is in Linux wheels only",
)
def test_trimmed_icu_data_answers_french_and_english_as_the_whole(tmp_path):
    import shutil

    tools = {name: shutil.which(name) for name in bundle.ICU_TOOLS}
    if not all(tools.values()):
        pytest.skip(f"needs {', '.join(bundle.ICU_TOOLS)} (Debian: binutils, icu-devtools, gcc)")
    source = _qt_icu_library()
    entries = [
        (f"PySide6/Qt/lib/{source.name}", str(source), "BINARY"),
        ("PySide6/Qt/lib/libicuuc.so.73", "/qt/lib/libicuuc.so.73", "BINARY"),
    ]
    assert bundle.trim_icu_data(entries, tmp_path, {**tools, "icupkg": None}) == entries
    trimmed_entries = bundle.trim_icu_data(entries, tmp_path, tools)
    assert trimmed_entries[1] == entries[1]
    trimmed = Path(trimmed_entries[0][1])
    assert trimmed == tmp_path / entries[0][0]
    assert trimmed.stat().st_size < source.stat().st_size / 3
    assert bundle.load_segments_aligned(trimmed)

    whole, *whole_answers = reversed(_qt_icu_answers())
    used, *answers = reversed(_qt_icu_answers(preload=trimmed))
    assert Path(whole) == source and Path(used) == trimmed
    assert answers == whole_answers
    assert answers[-1] == "['abri', 'cote', 'coté', 'côte', 'Ecole', 'école', 'Été', 'zèbre']"
    assert answers[1] == "heure d’été d’Europe centrale"


# -- Windows installer -----------------------------------------------------------------------


def _iss() -> str:
    return (PACKAGING / "dkgis.iss").read_text(encoding="utf-8-sig")


def test_installer_takes_its_version_from_the_executable_the_spec_stamps():
    text = _iss()
    assert (PACKAGING / "dkgis.iss").read_bytes().startswith(b"\xef\xbb\xbf")  # accents
    assert '#define AppExe "dkgis.exe"' in text
    assert '#define BuildDir AddBackslash(SourcePath) + "..\\dist\\dkgis"' in text
    assert re.search(r'#define AppVersion GetStringFileInfo\([^)]*AppExe, "ProductVersion"\)', text)
    assert "AppVersion={#AppVersion}" in text
    assert "OutputBaseFilename=dkgis-{#AppVersion}-setup" in text
    assert not re.search(r"\d+\.\d+\.\d+", text.split("[Setup]")[1]), "a version written by hand"


def test_installer_installs_per_user_in_french_or_english():
    text = _iss()
    setup = dict(
        line.split("=", 1)
        for line in text.split("[Setup]")[1].split("\n[")[0].splitlines()
        if "=" in line and not line.startswith(";")
    )
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["DefaultDirName"] == "{autopf}\\{#AppName}"
    assert (PACKAGING / setup["SetupIconFile"].replace("\\", "/")).is_file()
    assert 'Name: "fr"; MessagesFile: "compiler:Languages\\French.isl"' in text
    assert 'Name: "en"; MessagesFile: "compiler:Default.isl"' in text
    for lang in ("fr", "en"):
        assert f"{lang}.AppComment=" in text
    assert re.search(r"AppId=\{\{[0-9A-F-]{36}\}", text)


def test_windows_build_script_uses_the_recipes_of_this_folder():
    text = (PACKAGING / "build_windows.ps1").read_text(encoding="utf-8")
    for name in ("packaging\\dkgis.spec", "packaging\\dkgis.iss", "packaging\\requirements.txt"):
        assert name in text
        assert (ROOT / name.replace("\\", "/")).is_file()
    assert "dkgis.__version__" in text
    assert "dkgis-cli.exe --version" in text


# -- Linux desktop entry, icons, build and install scripts -----------------------------------


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(PACKAGING / "dkgis.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_names_the_app_in_french_and_english():
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    for key in ("Name", "GenericName", "Comment", "Keywords"):
        assert entry[key] and entry[f"{key}[fr]"], key
    assert entry["Comment"] != entry["Comment[fr]"]
    assert entry["Exec"] == "dkgis"  # install_linux.sh writes the full path
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";") and "Science" in entry["Categories"]


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_desktop_icon_exists_in_every_size():
    name = _desktop_entry()["Icon"]
    for size in ICON_SIZES:
        path = PACKAGING / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{name}.png"
        assert _png_size(path) == (size, size)


def test_windows_icon_holds_every_size():
    data = (PACKAGING / "icons" / "dkgis.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    widths = {data[6 + 16 * i] or 256 for i in range(count)}
    assert widths == set(ICON_SIZES)


def test_icon_script_renders_the_sizes_the_desktop_uses(qapp, tmp_path):
    spec = importlib.util.spec_from_file_location("make_icons", PACKAGING / "make_icons.py")
    make_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icons)
    assert tuple(make_icons.SIZES) == ICON_SIZES
    pngs = make_icons.render_pngs(icon_dir=tmp_path)
    make_icons.write_ico(pngs, tmp_path / "dkgis.ico")
    for path, size in zip(pngs, ICON_SIZES, strict=True):
        assert _png_size(path) == (size, size)
    from PIL import Image

    with Image.open(pngs[-1]) as image:
        rgba = image.convert("RGBA")
        assert rgba.getpixel((0, 0))[3] == 0  # transparent corner (rounded square)
        assert rgba.getpixel((128, 128))[3] == 255
        assert len(rgba.getcolors(maxcolors=1 << 16)) > 20
    assert (tmp_path / "dkgis.ico").stat().st_size > 1000


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script")
def test_linux_install_script_installs_and_removes(tmp_path):
    dist = tmp_path / "dist" / "dkgis"
    dist.mkdir(parents=True)
    exe = dist / "dkgis"
    exe.write_text(f'#!/bin/sh\necho "dkgis {__version__}"\n')
    exe.chmod(0o755)
    prefix = tmp_path / "prefix"
    env = {**os.environ, "PREFIX": str(prefix), "DIST": str(dist)}
    script = str(PACKAGING / "install_linux.sh")
    result = subprocess.run(["bash", script], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert f"dkgis {__version__} installed" in result.stdout
    installed = subprocess.run([prefix / "bin" / "dkgis"], capture_output=True, text=True)
    assert installed.stdout.strip() == f"dkgis {__version__}"
    desktop = (prefix / "share" / "applications" / "dkgis.desktop").read_text(encoding="utf-8")
    assert f"\nExec={prefix}/lib/dkgis/dkgis\n" in desktop
    assert "Comment[fr]=" in desktop
    icons = sorted((prefix / "share" / "icons" / "hicolor").glob("*/apps/dkgis.png"))
    assert len(icons) == len(ICON_SIZES)

    result = subprocess.run(["bash", script, "--uninstall"], capture_output=True, env=env)
    assert result.returncode == 0
    assert not (prefix / "lib" / "dkgis").exists()
    assert not (prefix / "bin" / "dkgis").exists()
    assert not list((prefix / "share").rglob("dkgis*"))


def test_linux_install_script_refuses_a_missing_build(tmp_path):
    env = {**os.environ, "PREFIX": str(tmp_path / "p"), "DIST": str(tmp_path / "none")}
    result = subprocess.run(
        ["bash", str(PACKAGING / "install_linux.sh")], capture_output=True, text=True, env=env
    )
    assert result.returncode == 2
    assert "build it first with packaging/build.sh" in result.stderr
    assert not (tmp_path / "p").exists()


def test_build_script_freezes_the_spec_with_the_pinned_pyinstaller():
    text = (PACKAGING / "build.sh").read_text(encoding="utf-8")
    assert "packaging/dkgis.spec" in text and "packaging/requirements.txt" in text
    requirement = (PACKAGING / "requirements.txt").read_text(encoding="utf-8")
    assert re.search(r"^pyinstaller>=6\.\d+,<7$", requirement, re.MULTILINE)


# -- the start-up check hook -----------------------------------------------------------------


def test_window_quits_after_its_first_frame_when_asked(tmp_path):
    from dkgis.ui.app import FIRST_FRAME_LINE, QUIT_AFTER_FIRST_FRAME

    env = {
        **os.environ,
        QUIT_AFTER_FIRST_FRAME: "1",
        "QT_QPA_PLATFORM": "offscreen",
        "DKGIS_CONFIG_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "dkgis"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [FIRST_FRAME_LINE]
    assert Path(dkgis.__file__).is_relative_to(ROOT)
