"""Large JSON Lines files are streamed: read line by line, never refused for their size, with
the same articles and problems as a small file read whole (hypothesis for the encodings)."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import components.ingest as ingest
from components.ingest import read_paths
from components.records import Article

# Unicode encodings (a byte-order mark, or UTF-8) read back exactly, streamed or whole.
EXACT = ("utf-8", "utf-8-sig", "utf-16", "utf-32", "utf-16-le", "utf-16-be")
records = st.lists(st.fixed_dictionaries({"text": st.text(min_size=1, max_size=60)},
                                         optional={"id": st.text(max_size=8), "title": st.text(max_size=20)}),
                   min_size=1, max_size=6)


def read(data: bytes, *, streamed: bool, monkeypatch, **kwargs) -> list:
    monkeypatch.setattr(ingest, "STREAM_JSONL_BYTES", 0 if streamed else 10**9)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.jsonl"
        path.write_bytes(data)
        return [(type(x).__name__, x.origin.removeprefix(folder + "/"), x.text if isinstance(x, Article) else x.reason)
                for x in read_paths([path], **kwargs)]


def feed(rows: list[dict], codec: str, *, blank: bool, broken: bool) -> tuple[list[str], bytes]:
    """The lines of a JSON Lines file of ``rows`` (a blank line second if ``blank``, a broken
    record last if ``broken``) and the file's bytes in ``codec`` (a case skipped where ``codec``
    cannot encode a row)."""
    lines = [json.dumps(row, ensure_ascii=False) for row in rows]
    if blank:
        lines.insert(1, "  ")
    if broken:
        lines.append('{"text": ')
    try:
        return lines, ("\n".join(lines) + "\n").encode(codec)
    except UnicodeEncodeError:
        assume(False)
        raise


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=records, codec=st.sampled_from(EXACT), blank=st.booleans(), broken=st.booleans())
def test_a_streamed_file_gives_what_the_whole_file_gives(rows, codec, blank, broken, monkeypatch):
    lines, data = feed(rows, codec, blank=blank, broken=broken)
    whole = read(data, streamed=False, monkeypatch=monkeypatch)
    assert read(data, streamed=True, monkeypatch=monkeypatch) == whole
    if codec in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):  # with a BOM, or UTF-8: every story is read
        assert sum(kind == "Article" for kind, _, _ in whole) >= sum(bool(r["text"].strip()) for r in rows)


def test_a_jsonl_file_larger_than_the_file_limit_is_read_whole_and_a_line_over_it_is_a_problem(monkeypatch):
    lines = [json.dumps({"text": f"Story number {i} from the coast."}) for i in range(200)]
    lines[7] = json.dumps({"text": "x" * 5000})
    data = ("\n".join(lines) + "\n").encode()
    got = read(data, streamed=True, monkeypatch=monkeypatch, max_file_bytes=1000)
    assert len(data) > 1000
    assert [x for x in got if x[0] == "Problem"] == [("Problem", "feed.jsonl:8", "line over 1,000 bytes: skipped")]
    assert sum(x[0] == "Article" for x in got) == 199 and got[-1][2] == "Story number 199 from the coast."


def test_a_legacy_encoded_line_among_utf8_lines_is_decoded(monkeypatch):
    data = (json.dumps({"text": "Le président est arrivé à Paris."}, ensure_ascii=False).encode("cp1252") + b"\n"
            + json.dumps({"text": "Plain line."}).encode() + b"\n")
    got = read(data, streamed=True, monkeypatch=monkeypatch)
    assert [x[2] for x in got] == ["Le président est arrivé à Paris.", "Plain line."]


@pytest.mark.parametrize("data, reason", [(b"%PDF-1.7\n" + b"\x00" * 100, "binary file (PDF document)"),
                                          (b"\n  \n\n", "empty file")])
def test_a_streamed_file_that_is_no_text_is_one_problem(data, reason, monkeypatch):
    assert read(data, streamed=True, monkeypatch=monkeypatch) == [("Problem", "feed.jsonl", reason)]



@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=records, codec=st.sampled_from(("utf-8", "utf-8-sig", "utf-16-le", "utf-16")), blank=st.booleans(),
       broken=st.booleans())
def test_a_streamed_file_counts_its_bytes_as_it_goes(rows, codec, blank, broken, monkeypatch):
    """A progress bar through one large file moves with it: before each article (or problem) of a
    streamed file, the bytes counted reach at least the end of its line (exactly, for UTF-8
    without a byte-order mark, read line by line; other encodings are decoded in blocks) and
    never pass the file's size; at the end they are its size."""
    lines, data = feed(rows, codec, blank=blank, broken=broken)
    monkeypatch.setattr(ingest, "STREAM_JSONL_BYTES", 0)
    counted = [0]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.jsonl"
        path.write_bytes(data)
        at = [(int(x.origin.rsplit(":", 1)[-1]), counted[0]) for x in read_paths(
            [path], on_bytes=lambda n: counted.__setitem__(0, counted[0] + n)) if x.origin.startswith(str(path) + ":")]
    assert counted[0] == len(data)
    body = {"utf-8-sig": "utf-8", "utf-16": "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"}.get(codec, codec)
    bom = len(data) - len(("\n".join(lines) + "\n").encode(body))
    line_end = {k: bom + len(("\n".join(lines[:k]) + "\n").encode(body)) for k in range(1, len(lines) + 1)}
    assert [count for _, count in at] == sorted(count for _, count in at)
    assert all(line_end[k] <= count <= len(data) for k, count in at)
    if codec == "utf-8":
        assert all(count == line_end[k] for k, count in at)


@pytest.mark.parametrize("streamed", [False, True])
def test_nul_bytes_in_some_lines_skip_those_lines_not_the_file(streamed, monkeypatch):
    # a damaged record, then the zeros a crash left at the end of the file
    lines = [json.dumps({"text": f"The ferry board met on day {i} and voted."}) for i in range(200)]
    lines[50] = lines[50].replace("ferry", "fe\x00rry")
    data = "\n".join(lines).encode() + b"\n" + b"\x00" * 4096
    got = read(data, streamed=streamed, monkeypatch=monkeypatch)
    articles = [g for g in got if g[0] == "Article"]
    problems = [(where, why) for kind, where, why in got if kind == "Problem"]
    assert len(articles) == 199
    assert problems == [("feed.jsonl:51", "NUL bytes in the line (a damaged file?): skipped"),
                        ("feed.jsonl:201", "NUL bytes in the line (a damaged file?): skipped")]


@pytest.mark.parametrize("streamed", [False, True])
def test_a_jsonl_file_with_nul_bytes_all_through_it_is_still_a_binary_file(streamed, monkeypatch):
    data = json.dumps({"text": "The ferry board met."}).encode() + b"\n" + bytes(range(256)) * 80
    assert read(data, streamed=streamed, monkeypatch=monkeypatch) == [
        ("Problem", "feed.jsonl", "binary file (NUL bytes)")]


def test_a_jsonl_file_that_is_one_line_with_nul_bytes_is_a_binary_file(monkeypatch):
    assert read(b"\x07\x00\x01" * 500, streamed=False, monkeypatch=monkeypatch) == [
        ("Problem", "feed.jsonl", "binary file (NUL bytes)")]
