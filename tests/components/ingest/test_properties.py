"""Property-based tests of the ingest readers (hypothesis): arbitrary bytes, text in many encodings,
dates of every shape, CSV and JSON/JSONL shapes. Whatever comes in, no exception escapes, every
input ends as at least one Article or Problem, every Article has text and every date is None or an
ISO date inside the window; text that was valid UTF-8 (or UTF-16/32 with a BOM) comes back as it
was, less the header line and boilerplate lines (:mod:`components.ingest.boilerplate`). No model, no network."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from components.ingest import read_paths
from components.ingest.boilerplate import clean_body
from components.ingest.dates import EARLIEST, LATEST, PLACEHOLDER_DATES, read_date
from components.ingest.decoding import MAX_CONTROL_SHARE, sniff_binary
from components.ingest.formats import read_document
from components.ingest.header import split_header
from components.ingest.structured import read_csv, read_json, read_jsonl
from components.records import Article, Problem

PROPERTIES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

EXTENSIONS = (".txt", ".json", ".jsonl", ".csv", ".tsv", "")
# Codecs a user's files may come in (the Unicode ones round-trip exactly, see below).
CODECS = ("utf-8", "utf-8-sig", "utf-16", "utf-32", "utf-16-le", "utf-16-be", "cp1252", "latin-1", "cp1250",
          "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "koi8-r", "iso-8859-2", "iso-8859-7", "mac_roman",
          "cp437", "shift_jis", "cp932", "euc_jp", "gb2312", "gbk", "gb18030", "big5", "euc_kr", "cp949",
          "cp874", "cp1258")
# Encodings whose every output is read back exactly: UTF-8, and anything with a byte-order mark.
EXACT = ("utf-8", "utf-8-sig", "utf-16", "utf-32")
_CONTROL = {chr(c) for c in (*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20))}

# Text without NUL (a NUL makes a file binary) and without U+FEFF (read as a byte-order mark).
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff"),
                max_size=300)
prose = st.text(alphabet=st.characters(whitelist_categories=("L", "N", "P", "Zs"), blacklist_characters="\ufeff"),
                min_size=1, max_size=80)
cells = st.text(alphabet=st.sampled_from(list("ab \u00e9\u044f\u6771\"',;|\t\n\r0123456789-/:")), max_size=30)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12)
date_values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=40), st.datetimes(), st.dates(),
    st.dates().map(dt.date.isoformat), st.integers(-10**14, 10**14).map(str),
    st.from_regex(r"\A\d{4}-\d{1,2}-\d{1,2}\Z"), st.from_regex(r"\A\d{1,2}/\d{1,2}/\d{2,4}\Z"))


def check(items: list) -> None:
    """The invariants every reader keeps, whatever the input."""
    assert items, "an input vanished without an Article or a Problem"
    for item in items:
        assert isinstance(item, (Article, Problem))
        if isinstance(item, Article):
            assert item.text.strip()
            assert_date(item.date)
        else:
            assert item.origin and item.reason.strip()


def assert_date(value: str | None) -> None:
    if value is not None:
        day = dt.date.fromisoformat(value)
        assert value == day.isoformat() and EARLIEST <= day <= LATEST


def read_file(data: bytes, name: str) -> list:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return list(read_paths([path]))


def control_heavy(text: str) -> bool:
    return sum(ch in _CONTROL for ch in text) > MAX_CONTROL_SHARE * len(text)


# --- bytes and encodings -------------------------------------------------------------------------

@PROPERTIES
@given(data=st.binary(max_size=600), ext=st.sampled_from(EXTENSIONS))
def test_arbitrary_bytes_end_as_articles_or_problems(data, ext):
    check(read_file(data, "in" + ext if ext else "in"))


@FEW
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_as_an_html_page(data):
    check(list(read_document(data, "in.html", "html")))


@PROPERTIES
@given(text=texts, codec=st.sampled_from(CODECS))
def test_text_in_any_encoding_is_read_or_named(text, codec):
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        assume(False)
    items = list(read_document(data, "in.txt", "text"))
    check(items)
    if codec in EXACT:
        assert_read_back(text, data, items)


@PROPERTIES
@given(text=texts)
def test_valid_utf8_comes_back_as_it_was_less_the_header(text):
    data = text.encode("utf-8")
    assert_read_back(text, data, read_file(data, "in.txt"))


def assert_read_back(text: str, data: bytes, items: list) -> None:
    """Text given in UTF-8 (or with a byte-order mark) is stored exactly as it was, less its header
    line, its boilerplate lines and outer whitespace, unless it is empty, mostly control characters
    or starts like a binary format."""
    body = clean_body(split_header(text.replace("\r\n", "\n").replace("\r", "\n")).body, repeats=False).text
    refusable = not text.strip() or control_heavy(text) or (sniff_binary(data) is not None) or not body
    articles = [i for i in items if isinstance(i, Article)]
    if refusable and not articles:
        return
    assert [a.text for a in articles] == [body], items


@PROPERTIES
@given(words=st.lists(prose, min_size=1, max_size=6), codec=st.sampled_from(EXACT))
def test_prose_with_a_bom_or_in_utf8_is_never_refused(words, codec):
    text = " ".join(words)
    data = text.encode(codec)
    assume(text.strip() and sniff_binary(data) is None)  # "OggS…" in UTF-8 is an Ogg file
    items = list(read_document(data, "in.txt", "text"))
    check(items)
    body = clean_body(split_header(text).body, repeats=False).text
    if body:
        assert [i.text for i in items if isinstance(i, Article)] == [body]


# --- dates ---------------------------------------------------------------------------------------

@PROPERTIES
@given(value=date_values)
def test_any_date_value_gives_a_date_in_the_window_or_a_reason(value):
    date, problem = read_date(value)
    assert_date(date)
    missing = value is None or (isinstance(value, str) and not value.strip())
    if date is None and not missing:
        assert problem and problem.endswith("stored without a date")
    if date is not None or missing:
        assert problem is None


@PROPERTIES
@given(day=st.dates())
def test_iso_dates_inside_the_window_are_kept_and_the_others_named(day):
    date, problem = read_date(day.isoformat() if day.year >= 1000 else day)
    if day in PLACEHOLDER_DATES:
        assert date is None and "a placeholder for a missing date" in problem
    elif EARLIEST <= day <= LATEST:
        assert date == day.isoformat() and problem is None
    else:
        assert date is None and "outside 1800" in problem


@PROPERTIES
@given(date=st.from_regex(r"\A\d{4}-\d{1,2}-\d{1,2}\Z"), body=prose)
def test_header_dates_in_text_files(date, body):
    assume(body.strip())
    items = list(read_document(f"date {date} LONDON: {body}".encode(), "in.txt", "text"))
    check(items)
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, Problem)]
    if articles:
        (article,) = articles
        assert (article.date is None) == bool(problems)


@PROPERTIES
@given(value=date_values)
def test_record_dates_in_json(value):
    try:
        line = json.dumps({"text": "Officials met.", "date": value}, default=str)
    except (ValueError, OverflowError):
        assume(False)
    items = list(read_jsonl(line, "in.jsonl"))
    check(items)
    assert isinstance(items[0], Article) and items[0].text == "Officials met."


# --- CSV -----------------------------------------------------------------------------------------

@PROPERTIES
@given(rows=st.lists(st.tuples(cells, cells, cells), max_size=6), delimiter=st.sampled_from([",", ";", "\t", "|"]))
def test_well_formed_csv_gives_every_row_back(rows, delimiter):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)  # "\r\n" line ends: cells with either are quoted
    writer.writerow(["id", "text", "date"])
    writer.writerows(rows)
    items = list(read_csv(buf.getvalue(), "in.csv", delimiter=delimiter))
    check(items)
    kept = [r for r in rows if any(c.strip() for c in r)]
    with_text = [r for r in kept if r[1].strip()]
    assert [a.text for a in items if isinstance(a, Article)] == [r[1] for r in with_text]
    assert not any("malformed" in p.reason for p in items if isinstance(p, Problem))


@PROPERTIES
@given(raw=st.lists(st.text(alphabet=st.sampled_from(list('ab "\n,;\r')), max_size=20), max_size=8))
def test_any_csv_shape_ends_as_articles_or_problems(raw):
    check(list(read_csv("id,text,date\n" + "\n".join(raw), "in.csv")))
    check(read_file(("text;date\n" + "\n".join(raw)).encode(), "in.csv"))


# --- JSON and JSON Lines -------------------------------------------------------------------------

@PROPERTIES
@given(doc=json_values)
def test_any_json_document_ends_as_articles_or_problems(doc):
    text = json.dumps(doc)
    check(list(read_json(text, "in.json")))
    check(list(read_jsonl(text, "in.jsonl")))


@PROPERTIES
@given(records=st.lists(st.fixed_dictionaries({"text": texts}, optional={"date": date_values, "title": json_values}),
                        min_size=1, max_size=5))
def test_json_records_keep_their_text_verbatim(records):
    text = json.dumps(records, default=str)
    items = list(read_json(text, "in.json"))
    check(items)
    stored = [a.text for a in items if isinstance(a, Article)]
    assert stored == [r["text"] for r in records if r["text"].strip()]


@PROPERTIES
@given(lines=st.lists(st.one_of(json_values.map(json.dumps), st.text(max_size=30)), min_size=1, max_size=6))
def test_any_jsonl_shape_ends_as_articles_or_problems(lines):
    text = "\n".join(line.replace("\n", " ") for line in lines)
    if text.strip():
        check(list(read_jsonl(text, "in.jsonl")))
    check(read_file(text.encode("utf-8"), "in.jsonl"))


@given(title=st.text(max_size=80))
def test_decoding_references_in_any_title_never_raises_and_leaves_text_without_ampersands_alone(title):
    from components.ingest.titles import decode_references

    decoded = decode_references(title)
    assert isinstance(decoded, str)
    if "&" not in title:
        assert decoded == title
