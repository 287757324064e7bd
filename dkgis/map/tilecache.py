"""A size-bounded disk cache of web-map tiles (least recently used tiles go first).

Plain Python with no Qt, safe to call from worker threads. Each tile is one
file ``<root>/<provider>/<z>/<x>/<y>.tile`` holding the bytes as served; a
file's modification time records its last use, so eviction needs no index that
could go stale when several windows or runs share the folder.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from pathlib import Path

from dkgis.io.files import read_capped
from dkgis.map.tilemath import TileKey

#: No tile is larger: a tile is a few tens of kB; beyond this, bytes are refused.
MAX_TILE_BYTES = 2 * 1024 * 1024
#: Default bound of the cache folder.
DEFAULT_MAX_BYTES = 200 * 1024 * 1024  # same as dkgis.map.basemap.DEFAULT_CACHE_BYTES
#: After an eviction the folder is brought down to this fraction of its bound,
#: so that eviction does not run again at the next tile.
LOW_WATER = 0.9


def default_cache_dir() -> Path:
    """dkgis's cache folder: ``$DKGIS_CACHE_DIR`` if set, else the platform's user cache."""
    override = os.environ.get("DKGIS_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("dkgis", appauthor=False))


class DiskTileCache:
    """Tiles on disk under ``root``, at most ``max_bytes`` in all.

    Parameters
    ----------
    root
        The folder of the tile cache (created when the first tile is stored).
    max_bytes
        Bound on the total size of the tile files.
    """

    def __init__(self, root: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.root = Path(root)
        self.max_bytes = max(0, int(max_bytes))
        self._lock = threading.Lock()
        self._total: int | None = None

    def path_for(self, provider_id: str, key: TileKey) -> Path:
        """The file of one tile."""
        return self.root / provider_id / str(key.z) / str(key.x) / f"{key.y}.tile"

    def get(self, provider_id: str, key: TileKey) -> bytes | None:
        """The stored bytes of a tile, or ``None``; marks the tile as just used.

        A file larger than :data:`MAX_TILE_BYTES`, or one that is not a regular
        file (a named pipe would block the reading thread), is not read.
        """
        path = self.path_for(provider_id, key)
        try:
            data = read_capped(path, MAX_TILE_BYTES)
        except OSError:
            return None
        with contextlib.suppress(OSError):  # a read-only cache still serves tiles
            os.utime(path)
        return data

    def put(self, provider_id: str, key: TileKey, data: bytes) -> None:
        """Store a tile (atomically), then evict old tiles if the bound is passed.

        A tile larger than the bound, or than :data:`MAX_TILE_BYTES`, is not
        stored. Errors of the file system (disk full, no permission) are
        swallowed: a cache that cannot write only makes the next run fetch again.
        """
        if len(data) > min(self.max_bytes, MAX_TILE_BYTES):
            return
        path = self.path_for(provider_id, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            old_size = path.stat().st_size if path.exists() else 0
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            return
        with self._lock:
            if self._total is None:
                self._total = self._scan_total()
            else:
                self._total += len(data) - old_size
            if self._total > self.max_bytes:
                self._total = self._evict(int(self.max_bytes * LOW_WATER))

    def total_bytes(self) -> int:
        """The size of all tile files now in the folder."""
        with self._lock:
            self._total = self._scan_total()
            return self._total

    def _files(self) -> list[tuple[float, int, Path]]:
        found: list[tuple[float, int, Path]] = []
        if not self.root.is_dir():
            return found
        for dirpath, _, names in os.walk(self.root):
            for name in names:
                if not name.endswith(".tile"):
                    continue
                path = Path(dirpath) / name
                try:
                    st = path.stat()
                except OSError:
                    continue
                found.append((st.st_mtime, st.st_size, path))
        return found

    def _scan_total(self) -> int:
        return sum(size for _, size, _ in self._files())

    def _evict(self, target: int) -> int:
        """Delete least recently used tiles until at most ``target`` bytes remain."""
        files = self._files()
        total = sum(size for _, size, _ in files)
        files.sort(key=lambda f: f[0])
        for _, size, path in files:
            if total <= target:
                break
            try:
                path.unlink()
            except OSError:
                continue
            total -= size
        return total
