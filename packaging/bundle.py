"""What the frozen application leaves out, decided on PyInstaller's lists of collected files.

``packaging/dkgis.spec`` calls these functions on the ``(destination, source, typecode)``
entries of its Analysis; they are plain functions of those lists, so the tests check them
without running PyInstaller.
"""

from __future__ import annotations

import fnmatch
import os
import re
import struct
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath

from dkgis.i18n import LANGUAGES

Entry = tuple[str, str, str]

#: Modules imported in ways PyInstaller cannot see: pyqtgraph's curves import
#: ``<binding>.QtOpenGL`` and ``.QtOpenGLWidgets`` with importlib; pyogrio's reader
#: (``pyogrio._io``, compiled) imports ``pyogrio._geometry`` from its C code.
HIDDEN_IMPORTS: tuple[str, ...] = (
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "pyogrio._geometry",
)

#: Python modules never shipped: test and development tools (the ``test`` extras and what
#: they pull in), and heavy libraries or Qt modules dkgis does not use. pyqtgraph works
#: without QtTest (it checks for it).
EXCLUDED_MODULES: tuple[str, ...] = (
    # Tests and development.
    "pytest",
    "_pytest",
    "py",
    "pytestqt",
    "pluggy",
    "selenium",
    "trio",
    "trio_websocket",
    "hypothesis",
    "_hypothesis_ftz_detector",
    "_hypothesis_globals",
    "_hypothesis_pytestplugin",
    "ruff",
    "importlinter",
    "grimp",
    "IPython",
    "pip",
    # Packaging tools; their run-time hooks would slow every start (pyproj's hook asks
    # for distutils, which pyproj no longer uses).
    "setuptools",
    "pkg_resources",
    "distutils",
    # Unused libraries and parts of libraries; geopandas only rebuilds the embedded dataset
    # (dkgis.data.build), user files are read with pyogrio's raw reader.
    "geopandas",
    "tkinter",
    "_tkinter",
    "matplotlib",
    "scipy",
    "PIL._avif",
    "PIL.ImageTk",
    # Pillow only encodes the GIF animation's frames and reads the PNG pictures of the
    # PowerPoint deck: no FreeType text (python-pptx's fit_text, never called; ImageFont
    # defers the failed import), no colour management, no WebP (Qt decodes WebP tiles).
    # Their libraries (FreeType, HarfBuzz, Brotli, LittleCMS, libwebp) go with them.
    "PIL._imagingft",
    "PIL._imagingcms",
    "PIL._webp",
    # python-pptx and openpyxl use lxml.etree; lxml's hook adds every submodule.
    "lxml.objectify",
    "pyqtgraph.opengl",
    "pyqtgraph.examples",
    "pyqtgraph.jupyter",
    # Unused Qt modules.
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuick3D",
    "PySide6.Qt3DCore",
    "PySide6.QtMultimedia",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtPdf",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
)

#: Qt plugins a desktop session never loads (embedded-device platforms and input drivers),
#: and the GTK theme plugin, which would bring the build machine's GTK libraries along
#: (Qt's own style and dialogs are used instead). Patterns on the destination path; ``*``
#: also matches ``Qt/`` (Linux wheels) or nothing (Windows wheels) before ``plugins``.
UNUSED_QT_PLUGINS: tuple[str, ...] = (
    "PySide6/*plugins/platformthemes/*qgtk3*",
    "PySide6/*plugins/platforms/*qeglfs*",
    "PySide6/*plugins/platforms/*qlinuxfb*",
    "PySide6/*plugins/platforms/*qminimalegl*",
    "PySide6/*plugins/platforms/*qvkkhrdisplay*",
    "PySide6/*plugins/platforms/*qvnc*",
    "PySide6/*plugins/egldeviceintegrations/*",
    "PySide6/*plugins/generic/*",
    # Image formats the app never reads: tiles are PNG, JPEG or WebP, icons SVG or PNG.
    "PySide6/*plugins/imageformats/*qicns*",
    "PySide6/*plugins/imageformats/*qtga*",
    "PySide6/*plugins/imageformats/*qtiff*",
    "PySide6/*plugins/imageformats/*qwbmp*",
    # QNetworkInformation (network reachability) is not used.
    "PySide6/*plugins/networkinformation/*",
)

#: PROJ's data folder that both libraries read. pyogrio's GDAL has PROJ built in and needs
#: the newer database layout; pyproj's older PROJ reads that layout as well, so pyproj's
#: own copy (9 MB) is left out and ``PROJ_DATA`` points pyproj here (runtime hook
#: ``packaging/pyi_rth_dkgis.py``).
SHARED_PROJ_DATA = "pyogrio/proj_data"

#: Data files left out, as patterns on the destination path: pyproj's copy of PROJ's data
#: (see :data:`SHARED_PROJ_DATA`); build files of the wheels (CMake, vcpkg, Cython sources
#: and stubs); GDAL's data for drivers and formats dkgis never opens (dkgis reads
#: GeoPackage and Shapefile through GDAL: GRIB, NITF, S-57, DXF/DGN seeds, Japanese,
#: Czech and INSPIRE GML schemas, tile matrix sets, PDS4, VDV, MiraMon, OziExplorer,
#: PCI, ECW, Planet, Earth Engine, old ESRI .prj State Plane tables, logos).
#: ``header.dxf`` stays: pyogrio looks for it to find GDAL's data folder.
UNUSED_DATA: tuple[str, ...] = (
    "pyproj/proj_dir/*",
    "*.cmake",
    "*/vcpkg*",
    "*.pyx",
    "*.pxd",
    "*.pxi",
    "*.pyi",
    *(
        f"pyogrio/gdal_data/{name}"
        for name in (
            "GDALLogo*",
            "gdalicon.png",
            "grib2_*",
            "nitf_*",
            "s57*",
            "seed_*.dgn",
            "jpfgdgml_*",
            "ruian_*",
            "inspire_*",
            "tms_*",
            "template_tiles.mapml",
            "pds4_*",
            "vdv452*",
            "MM_*",
            "ozi_*",
            "pci_*",
            "ecw_cs.wkt",
            "cubewerx_extra.wkt",
            "plscenesconf.json",
            "eedaconf.json",
            "esri_StatePlane_extra.wkt",
            "stateplane.csv",
            "default.rsc",
            "vicar.json",
            "pdfcomposition.xsd",
            "leaflet_template.html",
            "osmconf.ini",
        )
    ),
)


def _posix(dest: str) -> str:
    return dest.replace(os.sep, "/").replace("\\", "/")


def speaks(language_tag: str) -> bool:
    """Whether a catalog tagged ``fr``, ``fr_FR``, ``en_001``... is in a language dkgis speaks."""
    return language_tag.split("_")[0].lower() in LANGUAGES


def keep_data(dest: str) -> bool:
    """Leave out the catalogs of other languages (Babel's locale data, Qt's own ``.qm``)
    and the files of :data:`UNUSED_DATA`."""
    posix = _posix(dest)
    if any(fnmatch.fnmatchcase(posix, pattern) for pattern in UNUSED_DATA):
        return False
    path = PurePath(posix)
    parts = path.parts
    if parts[:2] == ("babel", "locale-data") and path.suffix == ".dat":
        return path.stem == "root" or speaks(path.stem)
    if parts[0] == "PySide6" and "translations" in parts and path.suffix == ".qm":
        name, _, tag = path.stem.partition("_")
        return bool(name) and speaks(tag)
    return True


def keep_binary(dest: str) -> bool:
    """Leave out the Qt plugins of :data:`UNUSED_QT_PLUGINS`."""
    posix = _posix(dest)
    return not any(fnmatch.fnmatchcase(posix, pattern) for pattern in UNUSED_QT_PLUGINS)


def _linked(
    sources: Iterable[str], get_imports: Callable[[str], Iterable[tuple[str, str | None]]]
) -> set[str]:
    """Real paths of every library ``sources`` link to, directly or not."""
    reached: set[str] = set()
    todo = list(sources)
    while todo:
        for _name, path in get_imports(todo.pop()):
            real = os.path.realpath(path) if path else None
            if real and real not in reached:
                reached.add(real)
                todo.append(real)
    return reached


def drop_binaries(
    binaries: Iterable[Entry],
    get_imports: Callable[[str], Iterable[tuple[str, str | None]]],
) -> list[Entry]:
    """Leave out the unused Qt plugins and the libraries only they link to.

    PyInstaller collects the libraries each binary links to before the spec can leave the
    binary out: the GTK theme plugin drags GTK, cairo and pango along, the embedded-device
    platforms their own Qt libraries. A library is left out when a left-out plugin links
    to it and no kept binary does.

    Parameters
    ----------
    binaries
        ``(destination, source, typecode)`` entries of the Analysis.
    get_imports
        Return the ``(name, resolved path or None)`` libraries a binary links to
        (PyInstaller's ``bindepend.get_imports``).
    """
    entries = list(binaries)
    linkable = {"BINARY", "EXTENSION"}
    kept = [entry for entry in entries if keep_binary(entry[0])]
    dropped = [entry for entry in entries if not keep_binary(entry[0])]
    if not dropped:
        return kept
    # Suspects: what the dropped plugins link to. They stay when a kept binary that is not
    # itself a suspect links to them (suspects also link each other: cairo <- pango).
    suspects = _linked((entry[1] for entry in dropped if entry[2] in linkable), get_imports)
    roots = [
        entry[1]
        for entry in kept
        if entry[2] in linkable and os.path.realpath(entry[1]) not in suspects
    ]
    orphans = suspects - _linked(roots, get_imports)
    return [entry for entry in kept if os.path.realpath(entry[1]) not in orphans]


def load_segments_aligned(path: Path) -> bool:
    """Whether every loadable segment of the ELF file ``path`` is page-aligned.

    The dynamic loader refuses a library whose ``PT_LOAD`` segments have an offset in the
    file and an address in memory that differ modulo their alignment ("ELF load command
    address/offset not page-aligned"). ``strip`` can leave a library rewritten by
    auditwheel (patchelf) in that state: OpenBLAS and libgfortran of numpy's wheel do.
    Files that are not 64-bit little-endian ELF (Windows DLLs) count as aligned.
    """
    with open(path, "rb") as file:
        header = file.read(64)
        if header[:4] != b"\x7fELF" or header[4:6] != b"\x02\x01":
            return True
        (table,) = struct.unpack_from("<Q", header, 0x20)
        size, count = struct.unpack_from("<HH", header, 0x36)
        file.seek(table)
        entries = file.read(size * count)
    for index in range(count):
        kind, _flags, offset, address, _physical, _filesz, _memsz, align = struct.unpack_from(
            "<IIQQQQQQ", entries, index * size
        )
        if kind == 1 and align > 1 and offset % align != address % align:
            return False
    return True


def strip_binaries(binaries: Iterable[Entry], workdir: Path, strip: str | None) -> list[Entry]:
    """Collect copies without debugging information and local symbols of the binaries.

    Python built from source carries debugging information (17 MB of Python's 23 MB
    library), so do the extension modules of several wheels (pyproj, pyogrio, Pillow:
    about 20 MB) and GDAL's library keeps its local symbols (7 MB); the loader needs
    neither. A stripped copy whose segments :func:`load_segments_aligned` refuses is
    thrown away and the binary collected as it is.

    Parameters
    ----------
    binaries
        ``(destination, source, typecode)`` entries of the Analysis.
    workdir
        Folder for the stripped copies (in PyInstaller's work path).
    strip
        The ``strip`` program of GNU binutils, or ``None`` to keep every binary as is.
    """
    entries = []
    for dest, source, typecode in binaries:
        if strip and typecode in {"BINARY", "EXTENSION"}:
            target = workdir / dest
            if not target.exists() or target.stat().st_mtime < os.stat(source).st_mtime:
                target.parent.mkdir(parents=True, exist_ok=True)
                subprocess.run([strip, "--strip-unneeded", "-o", str(target), source], check=True)
            if load_segments_aligned(target) and target.stat().st_size < os.stat(source).st_size:
                source = str(target)
        entries.append((dest, source, typecode))
    return entries


#: The library holding ICU's data in Qt's Linux wheels (the Windows wheels bring no ICU).
ICU_DATA_LIBRARY = re.compile(r"libicudata\.so\.\d+")
#: Programs that trim it: GNU binutils' nm, ICU's icupkg (Debian: icu-devtools), a C compiler.
ICU_TOOLS = ("nm", "icupkg", "cc")
_ICU_LOCALE = re.compile(r"[a-z]{2,3}(?:_[A-Za-z0-9]*)*")
_ICU_NOT_LOCALES = frozenset({"root", "pool", "res_index"})


def keep_icu_item(item: str) -> bool:
    """Whether dkgis needs an item of ICU's data (``coll/fr.res``, ``ibm-1252_P100-2000.cnv``).

    Qt asks ICU for collation, case mapping, time-zone names and IDNA, in the user's
    language. Left out: every locale of another language than dkgis's (in every category:
    collation, currencies, languages, regions, units, zones, number spellings, line
    breaking), character-set converters (``.cnv``: Qt converts UTF-8, UTF-16 and Latin-1
    itself and dkgis names no other character set to Qt) and transliterators. Root
    locales, shared tables, Unicode properties and the line-breaking dictionaries (which
    the root locale names) stay.
    """
    folder, _, name = item.replace("\\", "/").rpartition("/")
    stem, _, extension = name.rpartition(".")
    if folder == "translit" or extension == "cnv":
        return False
    if extension == "res" and _ICU_LOCALE.fullmatch(stem) and stem not in _ICU_NOT_LOCALES:
        return speaks(stem)
    return True


def _file_offset(path: Path, address: int) -> int:
    """Offset in the ELF file ``path`` of the byte loaded at ``address``."""
    with open(path, "rb") as file:
        header = file.read(64)
        (table,) = struct.unpack_from("<Q", header, 0x20)
        size, count = struct.unpack_from("<HH", header, 0x36)
        file.seek(table)
        entries = file.read(size * count)
    for index in range(count):
        kind, _flags, offset, start, _physical, filesz, _memsz, _align = struct.unpack_from(
            "<IIQQQQQQ", entries, index * size
        )
        if kind == 1 and start <= address < start + filesz:
            return address - start + offset
    raise ValueError(f"{path}: no loaded segment holds address {address:#x}")


def trimmed_icu_library(source: Path, target: Path, tools: dict[str, str]) -> Path:
    """Build ``target``, ``source`` (Qt's ``libicudata.so.NN``) with :func:`keep_icu_item`'s
    items only.

    The data is the library's one exported symbol (``icudtNN_dat``): it is cut out, trimmed
    with ICU's ``icupkg`` and linked again, with the same symbol and soname, by the C
    compiler (:data:`ICU_TOOLS` in ``tools``). Built anew at each build (about a second),
    so a change of :func:`keep_icu_item` always shows.
    """
    symbols = subprocess.run(
        [tools["nm"], "-D", "--defined-only", "-S", str(source)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.search(r"^([0-9a-f]+) ([0-9a-f]+) [RD] (icudt(\d+)_dat)$", symbols, re.M)
    if found is None:
        raise ValueError(f"{source}: no ICU data symbol")
    address, length, symbol, version = found.groups()
    work = target.parent / f"{target.name}.work"
    # icupkg names a package's items after its file: both files keep ICU's name.
    package, trimmed = (work / folder / f"icudt{version}l.dat" for folder in ("in", "out"))
    for folder in (package.parent, trimmed.parent):
        folder.mkdir(parents=True, exist_ok=True)
    with open(source, "rb") as file:
        file.seek(_file_offset(source, int(address, 16)))
        package.write_bytes(file.read(int(length, 16)))
    listing = subprocess.run(
        [tools["icupkg"], "-l", str(package)], capture_output=True, text=True, check=True
    ).stdout.split()
    removed = work / "removed.txt"
    removed.write_text("\n".join(i for i in listing if not keep_icu_item(i)) + "\n")
    subprocess.run(
        [tools["icupkg"], "-r", str(removed), str(package), str(trimmed)],
        capture_output=True,
        check=True,
    )
    assembly = work / "data.S"
    assembly.write_text(
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n"
        f'{symbol}:\n\t.incbin "out/{trimmed.name}"\n\t.size {symbol}, . - {symbol}\n'
        '\t.section .note.GNU-stack,"",@progbits\n'
    )
    subprocess.run(
        [tools["cc"], "-shared", "-nostdlib", f"-Wl,-soname,{source.name}", "-o", str(target),
         assembly.name],
        cwd=work,
        check=True,
    )  # fmt: skip
    return target


def trim_icu_data(binaries: Iterable[Entry], workdir: Path, tools: dict[str, str]) -> list[Entry]:
    """Collect Qt's ICU data library trimmed by :func:`trimmed_icu_library` (Linux).

    Without one of :data:`ICU_TOOLS` in ``tools`` the library is collected whole (31 MB
    instead of about 8 MB).
    """
    if not all(tools.get(name) for name in ICU_TOOLS):
        return list(binaries)
    return [
        (dest, str(trimmed_icu_library(Path(source), workdir / dest, tools)), typecode)
        if ICU_DATA_LIBRARY.fullmatch(PurePath(_posix(dest)).name)
        else (dest, source, typecode)
        for dest, source, typecode in binaries
    ]


def windows_version(version: str) -> tuple[int, int, int, int]:
    """The four numbers of a Windows version resource for a package version.

    ``"0.1.0"`` gives ``(0, 1, 0, 0)``; pre-release and local parts are dropped
    (``"2.3.4rc1"`` gives ``(2, 3, 4, 0)``): the text version stays in the strings.
    """
    numbers = []
    for part in version.split("+")[0].split(".")[:4]:
        leading = re.match(r"\d+", part)
        if leading is None:
            break
        numbers.append(int(leading.group()))
        if leading.end() < len(part):
            break
    return (*numbers, 0, 0, 0, 0)[:4]
