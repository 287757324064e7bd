"""The disk cache of tiles: round trip, least-recently-used eviction, bad folders and files."""

from __future__ import annotations

import os
import threading
import time

from dkgis.map.tilecache import MAX_TILE_BYTES, DiskTileCache, default_cache_dir
from dkgis.map.tilemath import TileKey


def folder_size(root) -> int:
    return sum(f.stat().st_size for f in root.rglob("*.tile"))


def test_a_stored_tile_comes_back(tmp_path):
    cache = DiskTileCache(tmp_path / "tiles")
    key = TileKey(12, 2071, 1360)
    assert cache.get("osm", key) is None
    cache.put("osm", key, b"\x89PNG fake tile")
    assert cache.get("osm", key) == b"\x89PNG fake tile"
    assert cache.get("ign_plan", key) is None  # providers do not share tiles
    assert cache.path_for("osm", key).is_file()
    assert not list((tmp_path / "tiles").rglob(".part-*"))  # no temporary file left


def test_eviction_keeps_the_folder_under_its_bound_and_drops_the_oldest(tmp_path):
    root = tmp_path / "tiles"
    cache = DiskTileCache(root, max_bytes=10_000)
    blob = bytes(1000)
    first = [TileKey(14, x, 5000) for x in range(9)]
    for i, key in enumerate(first):
        cache.put("p", key, blob)
        # Distinct modification times, as tiles arrive over time.
        stamp = time.time() - 1000 + i
        os.utime(cache.path_for("p", key), (stamp, stamp))
    assert folder_size(root) == 9000
    # Look at the oldest tile again: it becomes the most recently used.
    assert cache.get("p", first[0]) == blob
    for x in range(9, 40):
        cache.put("p", TileKey(14, x, 5000), blob)
        assert folder_size(root) <= 10_000
    assert cache.get("p", TileKey(14, 39, 5000)) == blob  # the newest stays
    assert cache.get("p", first[1]) is None  # older and unused: evicted
    assert cache.total_bytes() == folder_size(root)


def test_a_recently_used_tile_outlives_older_ones(tmp_path):
    root = tmp_path / "tiles"
    cache = DiskTileCache(root, max_bytes=5_000)
    keys = [TileKey(10, x, 0) for x in range(5)]
    for i, key in enumerate(keys):
        cache.put("p", key, bytes(1000))
        stamp = time.time() - 100 + i
        os.utime(cache.path_for("p", key), (stamp, stamp))
    cache.get("p", keys[0])  # used now
    cache.put("p", TileKey(10, 9, 0), bytes(1000))  # over the bound: evict to 90 %
    assert cache.get("p", keys[0]) is not None
    assert cache.get("p", keys[1]) is None and cache.get("p", keys[2]) is None


def test_bound_counts_tiles_already_on_disk(tmp_path):
    root = tmp_path / "tiles"
    DiskTileCache(root, max_bytes=100_000).put("p", TileKey(3, 1, 1), bytes(8000))
    later = DiskTileCache(root, max_bytes=10_000)  # another run, a smaller bound
    later.put("p", TileKey(3, 2, 2), bytes(4000))
    assert folder_size(root) <= 10_000


def test_an_unwritable_cache_only_forgets(tmp_path):
    blocker = tmp_path / "tiles"
    blocker.write_text("a file where the folder should be")
    cache = DiskTileCache(blocker)
    cache.put("p", TileKey(1, 0, 0), b"data")  # no exception
    assert cache.get("p", TileKey(1, 0, 0)) is None


def test_cache_folder_can_be_set_by_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("DKGIS_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert default_cache_dir() == tmp_path / "elsewhere"
    monkeypatch.delenv("DKGIS_CACHE_DIR")
    assert "dkgis" in str(default_cache_dir())


def test_an_oversized_or_special_file_in_the_disk_cache_is_not_read(tmp_path):
    cache = DiskTileCache(tmp_path / "tiles")
    big, pipe = TileKey(5, 1, 1), TileKey(5, 1, 2)
    cache.path_for("p", big).parent.mkdir(parents=True)
    cache.path_for("p", big).write_bytes(bytes(MAX_TILE_BYTES + 1))
    if hasattr(os, "mkfifo"):
        os.mkfifo(cache.path_for("p", pipe))
    result: list[object] = []
    reader = threading.Thread(
        target=lambda: result.extend(cache.get("p", k) for k in (big, pipe)), daemon=True
    )
    reader.start()
    reader.join(5)
    assert not reader.is_alive(), "reading the cache hung on a named pipe"
    assert result == [None, None]
    # A tile larger than the cap is not stored either.
    cache.put("p", TileKey(5, 2, 2), bytes(MAX_TILE_BYTES + 1))
    assert cache.get("p", TileKey(5, 2, 2)) is None


def test_one_tile_cannot_blow_the_bound(tmp_path):
    root = tmp_path / "tiles"
    cache = DiskTileCache(root, max_bytes=10_000)
    cache.put("p", TileKey(5, 0, 0), bytes(4_000))
    cache.put("p", TileKey(5, 0, 1), bytes(50_000))  # larger than the whole cache
    assert folder_size(root) <= 10_000
    assert cache.get("p", TileKey(5, 0, 0)) is not None  # nothing was evicted for it
