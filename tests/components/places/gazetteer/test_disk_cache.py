"""The gazetteer's disk cache: written once, then read; older versions' files removed."""
from __future__ import annotations

from components.places.gazetteer import Gazetteer, build_index, disk_cache


def test_load_writes_then_reads_the_disk_cache(tmp_path, monkeypatch):
    tiny = Gazetteer([(1, "Here", 1.0, 2.0, "XX", None, "city", 5, False)], {"here": 1},
                     {}, {})
    monkeypatch.setenv("DATELINE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(build_index, "build", lambda: tiny)
    (tmp_path / "gazetteer-v0-old.pickle").write_bytes(b"stale")
    first = disk_cache.load.__wrapped__()
    assert first.lookup("here")[0].entry.name == "Here"
    # the index of an older version is replaced, not kept beside the new one
    assert [p.name for p in tmp_path.glob("gazetteer-v*.pickle")] == [disk_cache.cache_path().name]

    def no_build():
        raise AssertionError("the cached index should have been read")

    monkeypatch.setattr(build_index, "build", no_build)
    again = disk_cache.load.__wrapped__()
    assert again.lookup("HERE")[0].entry.lat == 1.0
