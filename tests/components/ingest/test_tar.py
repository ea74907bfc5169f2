"""Tar archives (``corpus.tar.gz``, as corpora and exports are often shipped): read as a stream,
in memory, whatever the compression (none, gzip, bzip2, xz) and the way in (a folder, a file
named, an upload, a zip member); unsafe paths, links, bombs and damage named with their reason
while the rest goes in. No model, no network."""
from __future__ import annotations

import gzip
import io
import json
import random
import tarfile
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import example, given, HealthCheck, settings
from hypothesis import strategies as st

from components.ingest import count_uploads, read_paths, read_uploads
from components.ingest.formats import format_of
from components.records import Article
from tests.components.ingest.reading import articles_and_problems, read_with_bars

STORY = "The harbour board voted on Tuesday to extend the night ferry service, its chair said."
FILES = {
    "exports/a.txt": f"date 2024-03-01 Oslo: {STORY}".encode(),
    "exports/b.jsonl": "".join(json.dumps({"id": f"r{i}", "text": f"{STORY} Vote {i}."}) + "\n" for i in range(3)).encode(),
    "exports/c.html": f"<html><body><article><h1>Ferry</h1><p>{STORY}</p><p>{STORY} Again.</p></article></body></html>".encode(),
    "exports/d.txt.gz": gzip.compress(f"{STORY} From a gzipped file.".encode()),
}
MODES = {".tar": "w", ".tar.gz": "w:gz", ".tgz": "w:gz", ".tar.bz2": "w:bz2", ".tar.xz": "w:xz"}



def _key(articles: list[Article]) -> list[tuple]:
    return sorted((a.id, a.text, a.title, a.date) for a in articles)


def _tar(files: dict[str, bytes], mode: str = "w:gz", *, links: dict[str, str] | None = None) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as tf:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type, info.linkname = tarfile.SYMTYPE, target
            tf.addfile(info)
    return buf.getvalue()


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name, fmt", [
    ("corpus.tar", "tar"), ("corpus.tar.gz", "tar"), ("CORPUS.TGZ", "tar"), ("c.tar.bz2", "tar"), ("c.tbz2", "tar"),
    ("c.tar.xz", "tar"), ("c.txz", "tar"), ("wire.jsonl.gz", "gz:jsonl"), ("notes.gz", "gz:"), ("c.tar.gz.gz", None),
    ("guitar.txt", "text"), ("avatar", ""),
])
def test_a_tar_archive_is_known_by_its_name_whatever_its_compression(name, fmt):
    assert format_of(name) == fmt


@pytest.mark.parametrize("ending", sorted(MODES))
def test_a_tar_archive_gives_the_articles_of_the_files_inside(tmp_path, ending):
    folder = tmp_path / "plain"
    for name, data in FILES.items():
        _write(folder / name, data)
    want, _ = articles_and_problems(read_paths(folder))
    path = _write(tmp_path / f"corpus{ending}", _tar(FILES, MODES[ending]))
    got, problems = articles_and_problems(read_paths(path))
    assert len(want) == 6 and _key(got) == _key(want) and problems == []
    # named as the member they came from, in the archive's order
    assert [a.origin.split("!")[1].split(":")[0] for a in got] == [
        "exports/a.txt", "exports/b.jsonl", "exports/b.jsonl", "exports/b.jsonl", "exports/c.html", "exports/d.txt.gz"]
    assert all(a.origin.startswith(f"{path}!") for a in got)


def test_unsafe_paths_links_and_other_types_are_named_and_the_restarticles_and_problems(tmp_path):
    files = {**FILES, "../../etc/cron.d/evil.txt": b"escape", "/abs/evil.txt": b"escape", "exports/slides.pptx": b"PK",
             "exports/.hidden.txt": b"hidden", "__MACOSX/exports/._a.txt": b"junk"}
    path = _write(tmp_path / "c.tar.gz", _tar(files, links={"exports/passwd.txt": "/etc/passwd"}))
    articles, problems = articles_and_problems(read_paths(path))
    assert len(articles) == 6
    reasons = {p.origin.split("!", 1)[-1] if "!" in p.origin else "": p.reason for p in problems}
    assert reasons["../../etc/cron.d/evil.txt"].startswith("unsafe path") and reasons["/abs/evil.txt"].startswith("unsafe path")
    assert reasons["exports/passwd.txt"] == "link in tar archive (skipped)"
    assert "1 file(s) of other types skipped (.pptx)" in reasons[""]
    assert len(problems) == 4  # hidden files and junk skipped without a word
    assert not any("escape" in a.text for a in articles)


def test_a_damaged_or_false_tar_is_named_and_the_rest_of_the_batch_goes_in(tmp_path):
    rng = random.Random(5)  # text that compresses little, so the cut falls after some members
    many = {f"s/{i:03}.txt": f"{STORY} {rng.getrandbits(4000):x}".encode() for i in range(60)}
    whole = _tar(many)
    _write(tmp_path / "a_cut.tar.gz", whole[: len(whole) // 2])
    _write(tmp_path / "b_fake.tar", b"this was never a tar archive")
    _write(tmp_path / "c_empty.tar", _tar({}, "w"))
    _write(tmp_path / "d_fine.txt", STORY.encode())
    articles, problems = articles_and_problems(read_paths(tmp_path))
    reasons = {Path(p.origin).name: p.reason for p in problems}
    assert set(reasons) == {"a_cut.tar.gz", "b_fake.tar", "c_empty.tar"}
    assert reasons["a_cut.tar.gz"].startswith("broken tar archive") and "files before the break were read" in reasons["a_cut.tar.gz"]
    assert reasons["b_fake.tar"] == "broken tar archive: not a tar archive, or cut short"
    assert reasons["c_empty.tar"].startswith("no readable files in the tar archive")
    cut = [a for a in articles if "a_cut.tar.gz" in a.origin]
    assert 10 < len(cut) < 60
    assert [a.text for a in articles if a.origin.endswith("d_fine.txt")] == [STORY]


def test_a_tar_bomb_stops_at_the_limits_and_a_large_member_is_named(tmp_path):
    bomb = _write(tmp_path / "bomb.tar.gz", _tar({f"z/{i}.txt": b"a" * (3 << 20) for i in range(8)}))
    articles, problems = articles_and_problems(read_paths(bomb, max_file_bytes=4 << 20, max_zip_bytes=64 << 20))
    assert articles == []  # stopped before its first member: 3 MB from ~25 kB
    assert len(problems) == 1 and "an archive bomb?" in problems[0].reason
    plain = _write(tmp_path / "big.tar", _tar({"a.txt": STORY.encode(), "b.txt": b"b" * (2 << 20), "c.txt": STORY.encode() + b"!"}, "w"))
    articles, problems = articles_and_problems(read_paths(plain, max_file_bytes=1 << 20, max_zip_bytes=64 << 20))
    assert len(articles) == 2 and [p.origin for p in problems] == [f"{plain}!b.txt"] and "max_file_mb" in problems[0].reason
    articles, problems = articles_and_problems(read_paths(plain, max_file_bytes=4 << 20, max_zip_bytes=1 << 20))
    assert len(articles) == 1 and problems[0].origin == str(plain) and "max_zip_mb" in problems[0].reason


def test_a_json_lines_member_over_the_file_limit_is_streamed_with_the_bar_moving(tmp_path):
    # (a corpus shipped as one large .jsonl, or .jsonl.gz, in a tar or a zip: read line by line,
    # never held whole, and not counted in max_zip_mb, which bounds what archives hold in memory)
    lines = "".join(json.dumps({"text": f"{STORY} {i}"}) + "\n" for i in range(30_000)).encode()
    gz = io.BytesIO()
    with gzip.GzipFile(fileobj=gz, mode="wb") as g:
        g.write(lines)
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("wire.jsonl", lines)
        zf.writestr("note.txt", STORY)
    for name, data in [("wire.tgz", _tar({"wire.jsonl": lines, "note.txt": STORY.encode()})),
                       ("wire.tar", _tar({"w/wire.jsonl.gz": gz.getvalue(), "note.txt": STORY.encode()}, "w")),
                       ("wire.zip", zipped.getvalue())]:
        path = _write(tmp_path / name, data)
        moved: list[int] = []
        articles, problems = articles_and_problems(read_paths(path, max_file_bytes=1 << 20, max_zip_bytes=1 << 20,
                                                              on_bytes=moved.append))
        assert problems == [] and len(articles) == 30_001, name
        assert sorted(a.text for a in articles)[:2] == [STORY, f"{STORY} 0"]
        assert {a.origin.rsplit(":", 1)[0] for a in articles if a.text != STORY} == {
            f"{path}!" + ("w/wire.jsonl.gz" if name == "wire.tar" else "wire.jsonl")}
        assert sum(moved) == path.stat().st_size and len(moved) > 3  # (as it is read: a zip too)
    bomb = io.BytesIO()  # (a gzip bomb streams through one line at a time: named, never held)
    with gzip.GzipFile(fileobj=bomb, mode="wb") as g:
        g.write(b"x" * (200 << 20))
    path = _write(tmp_path / "bomb.tar", _tar({"x.jsonl.gz": bomb.getvalue()}, "w"))
    articles, problems = articles_and_problems(read_paths(path, max_file_bytes=1 << 20))
    assert articles == [] and [p.origin for p in problems] == [f"{path}!x.jsonl.gz:1"]
    assert problems[0].reason.startswith("line over 1,048,576 bytes")


def test_archives_inside_archives_are_read_one_level_deep(tmp_path):
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("in/z.txt", f"{STORY} In a zip.")
    inner_tar = _tar({"t.txt": f"{STORY} In a tar.".encode()})
    outer = _write(tmp_path / "outer.tar", _tar({"x.zip": zipped.getvalue(), "y.tgz": inner_tar,
                                                "deep.tar": _tar({"z.tar": inner_tar}, "w")}, "w"))
    articles, problems = articles_and_problems(read_paths(outer))
    assert sorted(a.origin for a in articles) == [f"{outer}!x.zip!in/z.txt", f"{outer}!y.tgz!t.txt"]
    assert [p.origin for p in problems] == [f"{outer}!deep.tar!z.tar"] and "nesting" in problems[0].reason
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as zf:
        zf.writestr("corpus.tar.gz", inner_tar)
    articles, problems = articles_and_problems(read_paths(_write(tmp_path / "batch.zip", packed.getvalue())))
    assert [a.origin for a in articles] == [f"{tmp_path / 'batch.zip'}!corpus.tar.gz!t.txt"] and problems == []


def test_an_uploaded_tar_is_read_and_the_bars_add_up(tmp_path):
    data = _tar(FILES)
    files: list[str] = []
    articles, problems = articles_and_problems(read_uploads([("corpus.tar.gz", data), ("note.txt", STORY.encode())], on_file=files.append))
    assert len(articles) == 7 and problems == []
    assert articles[0].origin == "upload:corpus.tar.gz!exports/a.txt"
    assert len(files) == count_uploads([("corpus.tar.gz", data), ("note.txt", STORY.encode())]) == 2
    rng = random.Random(3)
    many = {f"s/{i:03}.txt": f"{STORY} {rng.getrandbits(8000):x}".encode() for i in range(200)}
    _write(tmp_path / "many.tar.gz", _tar(many))
    assert len(read_with_bars(tmp_path)) == 200


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(min_size=1, max_size=80), max_size=6), cut=st.one_of(st.none(), st.integers(min_value=0, max_value=3000)),
       mode=st.sampled_from(sorted(set(MODES.values()))))
@example(texts=["0"], cut=2048, mode="w")  # (cut in the padding after its end blocks: whole)
def test_whatever_a_tar_holds_it_reads_as_those_files_or_names_the_break(tmp_path, texts, cut, mode):
    files = {f"f{i}.txt": t.encode("utf-8", "surrogatepass") for i, t in enumerate(texts)}
    whole = _tar(files, mode)
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # (one per example: hypothesis replays them)
    for name, data in files.items():
        _write(folder / "plain" / name, data)
    path = _write(folder / "c.tar", whole if cut is None else whole[:cut])
    got, problems = articles_and_problems(read_paths(path))  # never raises
    want, want_problems = articles_and_problems(read_paths(folder / "plain")) if files else ([], [])
    # (a plain tar is whole once its two end blocks are in: the zeros after them only pad it)
    ends = sum(512 + -(-len(data) // 512) * 512 for data in files.values()) + 1024 if mode == "w" else len(whole)
    if cut is None or cut >= ends:
        assert _key(got) == _key(want)
        assert sorted(p.reason for p in problems if "!" in p.origin) == sorted(p.reason for p in want_problems)
    else:  # cut short: some of the files, then the archive named
        assert set(_key(got)) <= set(_key(want))
        assert any(p.origin == str(path) for p in problems)
