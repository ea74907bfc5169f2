"""Gzip-compressed files (``wire.jsonl.gz``, as news exports often come): read as the file inside
them, whatever the way in (a folder, a file named, an upload, a zip member); a JSON Lines file
streamed; a broken, truncated or bomb-sized one named with its reason while the rest goes in.
No model, no network."""
from __future__ import annotations

import gzip
import io
import json
import random
import tempfile
import zipfile
from unittest.mock import patch
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components import ingest
from components.ingest import read_paths, read_uploads
from components.ingest.formats import format_of
from components.records import Article
from tests.components.ingest.reading import articles_and_problems, read_with_bars

STORY = "The harbour board voted on Tuesday to extend the night ferry service, its chair said."
RECORDS = [{"id": f"r{i}", "title": f"Ferry {i}", "text": f"{STORY} Vote number {i}.", "date": "2024-03-0{}".format(i + 1)}
           for i in range(3)]
JSONL = "".join(json.dumps(r) + "\n" for r in RECORDS).encode()



def _same(a: list[Article], b: list[Article]) -> bool:
    return [(x.id, x.text, x.title, x.date) for x in a] == [(x.id, x.text, x.title, x.date) for x in b]


@pytest.mark.parametrize("name, fmt", [
    ("wire.jsonl.gz", "gz:jsonl"), ("a.TXT.GZ", "gz:text"), ("page.html.gz", "gz:html"), ("notes.gz", "gz:"),
    ("batch.zip.gz", None), ("slides.pptx.gz", None), ("twice.jsonl.gz.gz", None),
])
def test_a_gzipped_file_has_the_format_of_the_file_inside(name, fmt):
    assert format_of(name) == fmt


@pytest.mark.parametrize("name, content", [
    ("wire.jsonl", JSONL),
    ("wire.json", json.dumps(RECORDS).encode()),
    ("wire.csv", ("id,title,text,date\n" + "".join(f'{r["id"]},{r["title"]},"{r["text"]}",{r["date"]}\n'
                                                   for r in RECORDS)).encode()),
    ("story.txt", f"date 2024-03-01 Oslo: {STORY}".encode()),
])
def test_a_gzipped_file_gives_the_articles_of_the_file_inside(tmp_path, name, content):
    plain, packed = tmp_path / "plain", tmp_path / "packed"
    plain.mkdir(), packed.mkdir()
    (plain / name).write_bytes(content)
    (packed / f"{name}.gz").write_bytes(gzip.compress(content))
    want, _ = articles_and_problems(read_paths(plain))
    got, problems = articles_and_problems(read_paths(packed))
    assert want and _same(got, want) and problems == []
    # named as the file it came from (records by their line or item)
    assert all(a.origin.startswith(str(packed / f"{name}.gz")) for a in got)


def test_an_uploaded_or_zipped_gzip_file_is_read_too(tmp_path):
    want, _ = articles_and_problems(read_paths(_write(tmp_path / "wire.jsonl", JSONL)))
    got, problems = articles_and_problems(read_uploads([("wire.jsonl.gz", gzip.compress(JSONL))]))
    assert _same(got, want) and problems == []
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("exports/wire.jsonl.gz", gzip.compress(JSONL))
    got, problems = articles_and_problems(read_paths(_write(tmp_path / "batch.zip", buf.getvalue())))
    assert _same(got, want) and problems == []


def test_a_truncated_gzip_file_is_named_and_the_rest_of_the_batch_goes_in(tmp_path):
    big = "".join(json.dumps({"id": f"n{i}", "text": f"{STORY} Line {i}."}) + "\n" for i in range(2000)).encode()
    _write(tmp_path / "a_cut.jsonl.gz", gzip.compress(big)[:-200])  # its end lost in a copy
    _write(tmp_path / "b_cut.txt.gz", gzip.compress(STORY.encode() * 50)[:40])
    _write(tmp_path / "c_not_gzip.txt.gz", b"this was never compressed")
    _write(tmp_path / "d_fine.txt", STORY.encode())
    articles, problems = articles_and_problems(read_paths(tmp_path))
    reasons = {Path(p.origin).name: p.reason for p in problems}
    assert set(reasons) == {"a_cut.jsonl.gz", "b_cut.txt.gz", "c_not_gzip.txt.gz"}
    assert all(r.startswith("broken gzip file") for r in reasons.values())
    # the lines before the break are stored, and the other file
    streamed = [a for a in articles if "a_cut.jsonl.gz" in a.origin]
    assert 1000 < len(streamed) < 2000
    assert [a.text for a in articles if a.origin.endswith("d_fine.txt")] == [STORY]


def test_a_gzip_bomb_is_refused_at_the_size_limit_without_being_expanded(tmp_path):
    bomb = gzip.compress(b"a" * (20 << 20))  # 20 MB of one letter in ~20 kB
    _write(tmp_path / "bomb.txt.gz", bomb)
    articles, problems = articles_and_problems(read_paths(tmp_path, max_file_bytes=1 << 20))
    assert articles == [] and len(problems) == 1
    assert "expands to more than" in problems[0].reason and "max_file_mb" in problems[0].reason


def test_a_streamed_gzip_file_moves_the_bar_by_its_compressed_bytes(tmp_path):
    rng = random.Random(11)  # words that compress little, so the file is read in several chunks
    lines = "".join(json.dumps({"id": f"n{i}", "text": f"{STORY} {rng.getrandbits(800):x}."}) + "\n"
                    for i in range(3000))
    _write(tmp_path / "wire.jsonl.gz", gzip.compress(lines.encode()))
    assert len(read_with_bars(tmp_path)) == 3000


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(st.text(max_size=60), st.builds(lambda t: json.dumps({"text": t}), st.text(min_size=1, max_size=60))),
                      max_size=12),
       cut=st.one_of(st.none(), st.integers(min_value=0, max_value=400)))
def test_whatever_a_gzipped_jsonl_holds_it_reads_as_that_file_streamed_or_a_named_problem(tmp_path, lines, cut):
    raw = "\n".join(lines).encode("utf-8", "surrogatepass")
    packed = gzip.compress(raw)
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # (one per example: hypothesis replays them)
    plain = _write(folder / "plain" / "x.jsonl", raw)
    gz = _write(folder / "packed" / "x.jsonl.gz", packed if cut is None else packed[:cut])
    got, problems = articles_and_problems(read_paths(gz))
    if cut is None or cut >= len(packed):
        with patch.object(ingest, "STREAM_JSONL_BYTES", 0):  # the plain file streamed too, as a large one is
            want, want_problems = articles_and_problems(read_paths(plain))
        assert _same(got, want)
        assert [p.reason for p in problems] == [p.reason for p in want_problems]
    else:  # cut short: what was read before the cut, then the file named
        assert problems and all(p.origin.startswith(str(gz)) for p in problems)


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
