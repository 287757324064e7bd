"""Readers of emission releases as their publishers distribute them (pure, no Qt).

:func:`read_release` recognises the kind of a file or folder and reads it:

``euets_info``
    The EUTL dataset of euets.info, a ``.zip`` or a folder holding ``installation.csv``
    and ``compliance.csv`` (:mod:`dkgis.io.releases.euets_info`).
``union_registry``
    The Union Registry's yearly verified-emissions workbook, ``.xlsx``
    (:mod:`dkgis.io.releases.union_registry`).
``irep``
    A yearly archive of the French pollutant register (Géorisques IREP ``YYYY.zip``) or its
    folder, holding ``etablissements.csv`` and ``emissions.csv``
    (:mod:`dkgis.io.releases.irep`).

A ``.csv`` of one of these releases stands for the folder that holds it. Anything else, or
a file that is not what it claims, raises :class:`ReleaseError` naming the file, the row
and the column.
"""

from __future__ import annotations

from pathlib import Path

from dkgis.i18n import _
from dkgis.io.releases.base import (
    Publisher,
    Release,
    ReleaseError,
    ReleaseSite,
    ReleaseValue,
    Where,
    file_sha256,
)

__all__ = [
    "FORMATS",
    "Publisher",
    "Release",
    "ReleaseError",
    "ReleaseSite",
    "ReleaseValue",
    "Where",
    "read_release",
]

#: Member file names that mark each archive format.
_MARKERS: dict[str, tuple[str, str]] = {
    "euets_info": ("compliance.csv", "installation.csv"),
    "irep": ("emissions.csv", "etablissements.csv"),
}

#: The formats, in the order they are recognised.
FORMATS: tuple[str, ...] = ("euets_info", "union_registry", "irep")


def read_release(path: str | Path) -> Release:
    """Recognise and read one release (see the module docstring).

    Raises
    ------
    ReleaseError
        When the path is missing, of an unknown kind, or not what it claims to be.
    """
    from dkgis.io.releases.archive import Bundle

    path = Path(path)
    if not path.exists():
        raise ReleaseError(path, _("file not found"))
    if path.is_file() and path.suffix.lower() == ".csv":
        if any(path.name.lower() in names for names in _MARKERS.values()):
            path = path.parent
        else:
            raise ReleaseError(path, _unknown_kind())
    if path.is_file() and path.suffix.lower() in (".xlsx", ".xlsm"):
        from dkgis.io.releases.union_registry import read_union_registry

        return read_union_registry(path, _sha256(path))
    if path.is_file() and path.suffix.lower() != ".zip":
        raise ReleaseError(path, _unknown_kind())
    if not (path.is_dir() or path.is_file()):
        raise ReleaseError(path, _("not a regular file"))
    with Bundle(path) as bundle:
        for fmt, (first, second) in _MARKERS.items():
            if bundle.has(first) or bundle.has(second):
                sha = _sha256(path)
                if fmt == "euets_info":
                    from dkgis.io.releases.euets_info import read_euets_info

                    return read_euets_info(path, bundle, sha)
                from dkgis.io.releases.irep import read_irep

                return read_irep(path, bundle, sha)
        found = ", ".join(bundle.names[:12]) or _("nothing")
        raise ReleaseError(
            path,
            _unknown_kind() + " " + _("(it holds: {found})").format(found=found),
        )


def _sha256(path: Path) -> str:
    try:
        return file_sha256(path)
    except OSError as err:
        raise ReleaseError(path, _("cannot be read ({reason})").format(reason=err)) from None


def _unknown_kind() -> str:
    return _(
        "not a release dkgis can import: expected the EUTL dataset of euets.info (zip or "
        "folder with installation.csv and compliance.csv), the Union Registry's verified "
        "emissions workbook (.xlsx) or an IREP yearly archive (zip or folder with "
        "etablissements.csv and emissions.csv)"
    )
