"""The files inside a release: a zip archive or a folder, read with a size cap."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path, PurePosixPath

from dkgis.i18n import _
from dkgis.io.files import FileTooLargeError, NotARegularFileError, read_capped
from dkgis.io.releases.base import ReleaseError

#: Largest member read (bytes); the EUTL compliance table is about 60 MB.
MAX_MEMBER_BYTES = 512 * 1024 * 1024


class Bundle:
    """The members of a zip archive or of a folder, by lower-case base name.

    Parameters
    ----------
    path
        A ``.zip`` file or a folder.

    Raises
    ------
    ReleaseError
        When the archive cannot be opened (damaged, truncated, not a zip).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._zip: zipfile.ZipFile | None = None
        self._names: dict[str, str] = {}
        if self.path.is_dir():
            for p in sorted(self.path.iterdir()):
                if p.is_file():
                    self._names.setdefault(p.name.lower(), p.name)
            return
        try:
            self._zip = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError):
            raise ReleaseError(self.path, damaged_archive()) from None
        except OSError as err:
            raise ReleaseError(self.path, cannot_read(err)) from None
        for info in self._zip.infolist():
            if not info.is_dir():
                self._names.setdefault(PurePosixPath(info.filename).name.lower(), info.filename)

    def close(self) -> None:
        """Close the archive."""
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> Bundle:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def names(self) -> tuple[str, ...]:
        """Lower-case base names of the members."""
        return tuple(self._names)

    def has(self, name: str) -> bool:
        """Whether a member of this base name (any case) exists."""
        return name.lower() in self._names

    def read(self, name: str) -> bytes:
        """The bytes of a member (by base name, any case).

        Raises
        ------
        ReleaseError
            When the member is missing, too large, or the archive is damaged.
        """
        real = self._names.get(name.lower())
        if real is None:
            found = ", ".join(sorted(self._names)[:12]) or _("nothing")
            raise ReleaseError(
                self.path,
                _("the file '{name}' is missing (found: {found})").format(name=name, found=found),
            )
        if self._zip is None:
            try:
                return read_capped(self.path / real, MAX_MEMBER_BYTES)
            except FileTooLargeError:
                raise ReleaseError(self.path, too_large(), member=real) from None
            except (NotARegularFileError, OSError) as err:
                raise ReleaseError(self.path, cannot_read(err), member=real) from None
        info = self._zip.getinfo(real)
        if info.file_size > MAX_MEMBER_BYTES:
            raise ReleaseError(self.path, too_large(), member=real)
        try:
            with self._zip.open(info) as handle:
                data = handle.read(MAX_MEMBER_BYTES + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError):
            raise ReleaseError(self.path, damaged_archive(), member=real) from None
        except OSError as err:
            raise ReleaseError(self.path, cannot_read(err), member=real) from None
        if len(data) > MAX_MEMBER_BYTES:
            raise ReleaseError(self.path, too_large(), member=real)
        return data


def damaged_archive() -> str:
    """The message for a zip that cannot be read."""
    return _(
        "the archive is damaged or incomplete (a download that stopped early?); download it again"
    )


def too_large() -> str:
    """The message for a member above :data:`MAX_MEMBER_BYTES`."""
    return _("the file is too large to be a release of this kind")


def cannot_read(err: OSError) -> str:
    """The message for a file the system cannot read."""
    return _("cannot be read ({reason})").format(reason=err.strerror or err)
