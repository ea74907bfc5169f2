"""Ingest: files, folders and zips in; Articles out, and a Problem naming every file that could not
be read and why. Fixtures are written to pytest's tmp_path; no model, no network."""
from __future__ import annotations

import datetime as dt
import io
import json
import socket
import stat
import warnings
import zipfile
from pathlib import Path

import pytest

from components.ingest import count_bytes, count_files, read_paths
from components.ingest.dates import normalise_date
from components.ingest.header import split_header
from components.records import Article, Problem

# The first lines of the seed article (data/seed/000_aa122ee4a3b8a327.txt), header included.
SEED_START = (
    " date 2024-12-02 MOSCOW/Tehran: The Kremlin said on Monday that it continued to support Syrian "
    "President Bashar Al Assad after militant rebels last week wrested swathes of territory from "
    "government control.\n\nMoscow said so after Al Assad spoke of the \u201cimportance\u201d of his "
    "allies in facing a rebel offensive that saw the Syrian government lose control of Aleppo.\n")
STORY = "The minister said on Friday that talks would resume next week in the capital.\n"


def read(*paths, **limits) -> tuple[list[Article], list[Problem]]:
    items = list(read_paths(paths, **limits))
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Problem)])


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def make_zip(members: dict[str, bytes | str], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compression) as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return buf.getvalue()


# --- plain text and the header line -------------------------------------------------------------

def test_seed_header_becomes_date_dateline_and_a_body_without_it(tmp_path):
    (article,), problems = read(write(tmp_path / "seed.txt", SEED_START))
    assert problems == []
    assert article.date == "2024-12-02"
    assert article.dateline == ("Moscow", "Tehran")
    assert article.text.startswith("The Kremlin said on Monday")
    assert article.text.endswith("lose control of Aleppo.")
    assert article.text.index("Moscow said so") > 0  # offsets index the body as stored


def test_plain_text_without_a_header_is_read_whole(tmp_path):
    (article,), _ = read(write(tmp_path / "a.txt", "\n" + STORY))
    assert article.text == STORY.strip()
    assert article.date is None and article.dateline == () and article.source is None


@pytest.mark.parametrize("first_line,dateline,source,body", [
    ("MOSCOW, Dec 2 (Reuters) - The Kremlin said on Monday.", ("Moscow",), "Reuters",
     "The Kremlin said on Monday."),
    ("LONDON (AP) \u2014 Britain said on Monday.", ("London",), "AP", "Britain said on Monday."),
    ("WASHINGTON \u2014 The president said.", ("Washington",), None, "The president said."),
    ("RIO DE JANEIRO, Brazil \u2014 Police said.", ("Rio de Janeiro", "Brazil"), None, "Police said."),
    ("SPRINGFIELD, Ill. (AP) \u2014 A man said.", ("Springfield", "Illinois"), "AP", "A man said."),
    ("GENEVA/PARIS, 2 December (AFP) - Talks began.", ("Geneva", "Paris"), "AFP", "Talks began."),
    ("LOS ANGELES: An actress said on Monday.", ("Los Angeles",), None, "An actress said on Monday."),
    ("DENVER (AP) A judge was sworn in.", ("Denver",), "AP", "A judge was sworn in."),
])
def test_wire_datelines_on_the_first_line(first_line, dateline, source, body):
    head = split_header(first_line + "\n\nMore text.")
    assert head.dateline == dateline
    assert head.source == source
    assert head.body == body + "\n\nMore text."
    assert head.date is None


@pytest.mark.parametrize("first_line", [
    "TENNIS - SPAIN CRUISE, ITALY IN SURPRISE EXIT.",  # a headline, not a dateline
    "BREAKING: The president resigned on Monday.",
    "US - China talks resumed on Monday.",
    "The minister said - without notes - that talks would resume.",
    "Moscow - The Kremlin said.",  # datelines are written in capitals
    "WOW: Mayor Just Fixed A Ten-Year Problem.",  # a headline after the colon
    "IT IS OVER: Voters ignore the rally.",
])
def test_first_lines_that_are_not_datelines_stay_in_the_text(first_line):
    head = split_header(first_line)
    assert head.dateline == () and head.source is None
    assert head.body == first_line


def test_wire_agency_fills_source(tmp_path):
    (article,), _ = read(write(tmp_path / "w.txt", "\r\n\r\nKYIV, Ukraine (AP) \u2014 " + STORY))
    assert article.dateline == ("Kyiv", "Ukraine") and article.source == "AP"
    assert article.text == STORY.strip()


def test_same_story_twice_gets_the_same_id(tmp_path):
    a = write(tmp_path / "a.txt", STORY)
    b = write(tmp_path / "copy" / "b.txt", STORY.replace("\n", "\r\n"))
    c = write(tmp_path / "c.jsonl", json.dumps({"text": STORY}) + "\n")
    articles, _ = read(a, b, c)
    assert len(articles) == 3 and len({x.id for x in articles}) == 1
    other, _ = read(write(tmp_path / "d.txt", STORY.replace("Friday", "Monday")))
    assert other[0].id != articles[0].id


# --- encodings and bad files ---------------------------------------------------------------------

@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n"], ids=["empty", "whitespace"])
def test_empty_file_is_a_problem(tmp_path, data):
    articles, problems = read(write(tmp_path / "e.txt", data))
    assert articles == [] and [p.reason for p in problems] == ["empty file"]
    assert problems[0].origin.endswith("e.txt")


@pytest.mark.parametrize("data,what", [
    (b"\x00\x01\x02PNG\x00\x00binary", "NUL bytes"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
])
def test_binary_file_is_a_problem(tmp_path, data, what):
    articles, (problem,) = read(write(tmp_path / "b.txt", data))
    assert articles == []
    assert problem.reason.startswith("binary file") and what in problem.reason


def test_undecodable_file_is_a_problem(tmp_path):
    articles, (problem,) = read(write(tmp_path / "u.txt", bytes(range(0x80, 0x100)) * 3))
    assert articles == [] and problem.reason.startswith("undecodable")


@pytest.mark.parametrize("encoding,bom", [
    ("utf-16", b""), ("utf-16-le", b""), ("utf-16-be", b""), ("utf-8", b"\xef\xbb\xbf"),
], ids=["utf16-bom", "utf16le-no-bom", "utf16be-no-bom", "utf8-bom"])
def test_unicode_encodings_and_boms(tmp_path, encoding, bom):
    text = "date 2024-03-01 LONDON: The minister said \u201cwe are ready\u201d in Z\u00fcrich.\n"
    (article,), problems = read(write(tmp_path / "x.txt", bom + text.encode(encoding)))
    assert problems == []
    assert article.text == "The minister said \u201cwe are ready\u201d in Z\u00fcrich."
    assert article.date == "2024-03-01" and article.dateline == ("London",)


def test_windows_1252_curly_quotes(tmp_path):
    text = "\u201cWe are ready,\u201d said the caf\u00e9 owner \u2014 and the talks resumed\u2026"
    (article,), _ = read(write(tmp_path / "w.txt", text.encode("cp1252")))
    assert article.text == text


def test_latin_1_accents(tmp_path):
    text = ("Le ministre a d\u00e9clar\u00e9 que la r\u00e9forme \u00e9tait n\u00e9cessaire "
            "\u00e0 Montr\u00e9al.")
    (article,), _ = read(write(tmp_path / "l.txt", text.encode("latin-1")))
    assert article.text == text


def test_cyrillic_legacy_encoding_is_detected(tmp_path):
    text = ("\u041f\u0440\u0435\u0437\u0438\u0434\u0435\u043d\u0442 \u0420\u043e\u0441\u0441\u0438\u0438 "
            "\u0437\u0430\u044f\u0432\u0438\u043b \u0441\u0435\u0433\u043e\u0434\u043d\u044f \u0432 "
            "\u041c\u043e\u0441\u043a\u0432\u0435, \u0447\u0442\u043e \u043f\u0435\u0440\u0435\u0433\u043e"
            "\u0432\u043e\u0440\u044b \u043f\u0440\u043e\u0434\u043e\u043b\u0436\u0430\u0442\u0441\u044f.")
    (article,), _ = read(write(tmp_path / "r.txt", text.encode("cp1251")))
    assert article.text == text


@pytest.mark.parametrize("n", [1000, 6])
def test_utf16_guess_that_is_not_text_is_undecodable(tmp_path, n):
    # NULs in every other byte look like UTF-16, but decoded they are n × "ÿ".
    articles, (problem,) = read(write(tmp_path / "u16.txt", b"\x00\xff" * n))
    assert articles == []
    assert problem.reason.startswith("undecodable text") and problem.reason.endswith("re-save it as UTF-8")


@pytest.mark.parametrize("text", [
    "\u5927\u81e3\u306f\u91d1\u66dc\u65e5\u3001\u6765\u9031\u9996\u90fd\u3067\u5354\u8b70\u3092\u518d\u958b"
    "\u3059\u308b\u3068\u8ff0\u3079\u305f\u3002",  # 大臣は金曜日、来週首都で協議を再開すると述べた。
    "\u66dc\u65e5\u306b\u65b0\u3057\u3044\u8a08\u753b\u3092\u767a",  # 曜日に新しい計画を発
    "\u5e9c\u306f\u7d4c\u6e08\u5bfe",  # 府は経済対
    "Tokyo \u6771\u4eac news",  # Tokyo 東京 news
], ids=["sentence", "fragment", "five-chars", "mixed-with-ascii"])
def test_short_japanese_shift_jis_text_is_read_as_japanese(tmp_path, text):
    articles, problems = read(write(tmp_path / "ja.txt", text.encode("shift_jis")))
    if problems:  # refusing is acceptable, garbage (Hangul, Windows-1252 mojibake) is not
        assert articles == [] and problems[0].reason.startswith("undecodable text")
    else:
        assert articles[0].text == text


@pytest.mark.parametrize("text", [
    "\u5927\u81e3\u306f\u91d1\u66dc\u65e5\u3001\u6765\u9031\u9996\u90fd\u3067\u5354\u8b70\u3092\u518d\u958b"
    "\u3059\u308b\u3068\u8ff0\u3079\u305f\u3002",  # 大臣は金曜日、来週首都で協議を再開すると述べた。
    "\u4eca\u65e5\u306f\u826f\u3044\u5929\u6c17\u3067\u3059\u3002",  # 今日は良い天気です。
], ids=["sentence", "short"])
def test_short_japanese_euc_jp_text_is_not_read_as_hangul(tmp_path, text):
    (article,), _ = read(write(tmp_path / "ja.txt", text.encode("euc_jp")))
    assert article.text == text


def test_polish_windows_1250_is_not_read_as_windows_1252(tmp_path):
    text = "Premier o\u015bwiadczy\u0142 dzi\u015b w \u0141odzi, \u017ce rozmowy b\u0119d\u0105 kontynuowane."
    (article,), _ = read(write(tmp_path / "pl.txt", text.encode("cp1250")))
    assert article.text == text


@pytest.mark.parametrize("text,encoding", [
    ("Der B\u00fcrgermeister erkl\u00e4rte am Freitag in M\u00fcnchen, dass die Gespr\u00e4che weitergehen.", "cp1252"),
    ("\u039f \u03c5\u03c0\u03bf\u03c5\u03c1\u03b3\u03cc\u03c2 \u03b4\u03ae\u03bb\u03c9\u03c3\u03b5 "
     "\u03c4\u03b7\u03bd \u03a0\u03b1\u03c1\u03b1\u03c3\u03ba\u03b5\u03c5\u03ae \u03cc\u03c4\u03b9 "
     "\u03bf\u03b9 \u03c3\u03c5\u03bd\u03bf\u03bc\u03b9\u03bb\u03af\u03b5\u03c2 \u03b8\u03b1 "
     "\u03c3\u03c5\u03bd\u03b5\u03c7\u03b9\u03c3\u03c4\u03bf\u03cd\u03bd.", "cp1253"),
    ("\u05d4\u05e9\u05e8 \u05d0\u05de\u05e8 \u05d1\u05d9\u05d5\u05dd \u05e9\u05d9\u05e9\u05d9 "
     "\u05db\u05d9 \u05d4\u05e9\u05d9\u05d7\u05d5\u05ea \u05d9\u05ea\u05d7\u05d3\u05e9\u05d5 "
     "\u05d1\u05e9\u05d1\u05d5\u05e2 \u05d4\u05d1\u05d0.", "cp1255"),
    ("\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 \u064a\u0648\u0645 "
     "\u0627\u0644\u062c\u0645\u0639\u0629 \u0625\u0646 \u0627\u0644\u0645\u062d\u0627\u062f\u062b\u0627\u062a "
     "\u0633\u062a\u0633\u062a\u0623\u0646\u0641 \u0627\u0644\u0623\u0633\u0628\u0648\u0639 "
     "\u0627\u0644\u0645\u0642\u0628\u0644.", "cp1256"),
    ("\u90e8\u957f\u5468\u4e94\u8868\u793a\uff0c\u4f1a\u8c08\u5c06\u4e8e\u4e0b\u5468\u5728\u9996\u90fd"
     "\u6062\u590d\uff0c\u5b98\u5458\u8bc1\u5b9e\u4e86\u8fd9\u4e00\u6d88\u606f\u3002", "gb2312"),
    ("\uc7a5\uad00\uc740 \uae08\uc694\uc77c \ub2e4\uc74c \uc8fc \uc218\ub3c4\uc5d0\uc11c "
     "\ud68c\ub2f4\uc774 \uc7ac\uac1c\ub420 \uac83\uc774\ub77c\uace0 \ub9d0\ud588\ub2e4.", "euc_kr"),
    ("\u0e23\u0e31\u0e10\u0e21\u0e19\u0e15\u0e23\u0e35\u0e01\u0e25\u0e48\u0e32\u0e27\u0e40\u0e21\u0e37"
     "\u0e48\u0e2d\u0e27\u0e31\u0e19\u0e28\u0e38\u0e01\u0e23\u0e4c\u0e27\u0e48\u0e32\u0e01\u0e32\u0e23"
     "\u0e40\u0e08\u0e23\u0e08\u0e32\u0e08\u0e30\u0e40\u0e23\u0e34\u0e48\u0e21\u0e02\u0e36\u0e49\u0e19"
     "\u0e2d\u0e35\u0e01\u0e04\u0e23\u0e31\u0e49\u0e07\u0e43\u0e19\u0e2a\u0e31\u0e1b\u0e14\u0e32\u0e2b"
     "\u0e4c\u0e2b\u0e19\u0e49\u0e32\u0e17\u0e35\u0e48\u0e40\u0e21\u0e37\u0e2d\u0e07\u0e2b\u0e25\u0e27"
     "\u0e07", "cp874"),
], ids=["german-1252", "greek-1253", "hebrew-1255", "arabic-1256", "chinese-gb2312", "korean-euc-kr", "thai-874"])
def test_legacy_encodings_that_read_as_text_are_kept(tmp_path, text, encoding):
    (article,), problems = read(write(tmp_path / "l.txt", text.encode(encoding)))
    assert problems == [] and article.text == text


def test_too_large_file_is_refused_before_reading(tmp_path, monkeypatch):
    big = write(tmp_path / "big.txt", STORY * 100)
    opened = []
    monkeypatch.setattr("builtins.open", lambda *a, **k: opened.append(a) or (_ for _ in ()).throw(
        AssertionError("read")))
    articles, (problem,) = read(big, max_file_bytes=1000)
    assert articles == [] and opened == []
    assert problem.reason.startswith("too large") and "max_file_mb" in problem.reason


def test_missing_path_and_unsupported_type_are_problems(tmp_path):
    slides = write(tmp_path / "report.pptx", b"PK\x03\x04whatever")
    articles, problems = read(tmp_path / "nope.txt", slides)
    assert articles == []
    assert [p.reason for p in problems][0] == "file or folder not found"
    assert problems[1].reason.startswith("unsupported file type '.pptx'")


def test_explicit_file_without_extension_is_read_as_text(tmp_path):
    (article,), _ = read(write(tmp_path / "story", "WASHINGTON \u2014 The senator said."))
    assert article.dateline == ("Washington",) and article.text == "The senator said."


# --- folders -------------------------------------------------------------------------------------

def test_folder_is_read_recursively_in_name_order(tmp_path):
    folder = tmp_path / "corpus"
    write(folder / "b.txt", "Second story about the port.")
    write(folder / "a" / "z.txt", "First story about the harbour.")
    write(folder / "c.TXT", "Third story about the bridge.")
    write(folder / ".hidden.txt", "hidden")
    write(folder / ".git" / "x.txt", "hidden too")
    write(folder / "Thumbs.db", b"\x00junk")
    articles, problems = read(folder)
    assert [a.origin for a in articles] == [str(folder / "a" / "z.txt"), str(folder / "b.txt"),
                                            str(folder / "c.TXT")]
    assert problems == []


def test_other_files_in_a_folder_are_counted_in_one_problem(tmp_path):
    folder = tmp_path / "mixed"
    write(folder / "a.txt", STORY)
    write(folder / "photo.png", b"\x89PNG\r\n\x1a\n")
    write(folder / "sub" / "slides.pptx", b"PK\x03\x04")
    articles, (problem,) = read(folder)
    assert len(articles) == 1
    assert problem.origin == str(folder)
    assert problem.reason.startswith("2 file(s) of other types skipped") and ".pptx" in problem.reason


def test_a_bad_file_does_not_stop_the_folder(tmp_path):
    folder = tmp_path / "c"
    write(folder / "a.txt", STORY)
    write(folder / "broken.txt", b"\x00\x01\x02PNG\x00\x00binary")
    write(folder / "c.txt", "Another story.")
    articles, (problem,) = read(folder)
    assert len(articles) == 2 and problem.origin == str(folder / "broken.txt")


def test_empty_folder_is_a_problem(tmp_path):
    (tmp_path / "empty").mkdir()
    _, (problem,) = read(tmp_path / "empty")
    assert problem.reason.startswith("no readable files")


# --- structured records --------------------------------------------------------------------------

def test_jsonl_broken_line_is_a_problem_and_the_rest_is_read(tmp_path):
    lines = [json.dumps({"id": "doc-1", "text": "Officials met in Nairobi.", "date": "2024-03-01T09:00:00Z",
                         "title": "Talks", "source": {"name": "Wire"}, "url": "https://x.test/1"}),
             '{"id": "doc-2", "text": "cut off',
             "",
             json.dumps({"id": 3, "body": "Line\u2028separator inside.", "published": "not a date"}),
             json.dumps({"id": "doc-4", "title": "no text here"})]
    path = write(tmp_path / "in.jsonl", "\n".join(lines) + "\n")
    articles, problems = read(path)
    assert [a.source_id for a in articles] == ["doc-1", "3"]
    first = articles[0]
    assert (first.date, first.title, first.source, first.url) == ("2024-03-01", "Talks", "Wire",
                                                                  "https://x.test/1")
    assert first.origin == f"{path}:1"
    assert articles[1].text == "Line\u2028separator inside." and articles[1].date is None
    assert [p.origin for p in problems] == [f"{path}:2", f"{path}:4", f"{path}:5"]
    assert problems[0].reason.startswith("invalid JSON") and problems[2].reason.startswith("no text")
    assert problems[1].reason.startswith("date 'not a date' is unreadable")  # the article goes in undated


def test_json_text_is_kept_verbatim_for_offsets_and_its_dateline_read(tmp_path):
    text = "  MOSCOW (Reuters) - Spaces and the dateline stay.\r\n"
    (article,), _ = read(write(tmp_path / "e.jsonl", json.dumps({"id": "e1", "text": text}) + "\n"))
    assert article.text == text and article.dateline == ("Moscow",) and article.source == "Reuters"


@pytest.mark.parametrize("doc,n", [
    ([{"text": "One."}, {"text": "Two."}], 2),
    ({"text": "Only one."}, 1),
    ({"status": "ok", "articles": [{"content": "Wrapped."}]}, 1),
], ids=["array", "object", "wrapped"])
def test_json_array_object_or_wrapper(tmp_path, doc, n):
    articles, problems = read(write(tmp_path / "d.json", json.dumps(doc)))
    assert len(articles) == n and problems == []


def test_json_file_holding_json_lines_is_read_as_such(tmp_path):
    path = write(tmp_path / "lines.json", '{"text": "One."}\n{"text": "Two."}\n')
    articles, problems = read(path)
    assert [a.origin for a in articles] == [f"{path}:1", f"{path}:2"] and problems == []


def test_json_array_item_without_text_names_the_item(tmp_path):
    path = write(tmp_path / "d.json", json.dumps([{"text": "One."}, {"title": "none"}, "x"]))
    articles, problems = read(path)
    assert len(articles) == 1
    assert [p.origin for p in problems] == [f"{path}#2", f"{path}#3"]


def test_csv_with_aliases_and_a_row_without_text(tmp_path):
    path = write(tmp_path / "feed.csv",
                 "Article ID;Headline;Body;Published;Link;Publisher\n"
                 "a1;Port reopens;\"The port reopened; ships, at last, \"\"moved\"\".\nSecond line.\";"
                 "Mon, 02 Dec 2024 10:00:00 GMT;https://x.test/a1;Harbour News\n"
                 "a2;Empty;;2024-12-03;;\n"
                 "a3;Bridge;The bridge closed.;03/12/2024;;\n")
    articles, (problem,) = read(path)
    a1, a3 = articles
    assert a1.text == 'The port reopened; ships, at last, "moved".\nSecond line.'
    assert (a1.source_id, a1.title, a1.date, a1.url, a1.source) == (
        "a1", "Port reopens", "2024-12-02", "https://x.test/a1", "Harbour News")
    assert a1.origin == f"{path}:2" and a3.origin == f"{path}:5"
    assert a3.date == "2024-03-12"  # month first when ambiguous
    assert problem.origin == f"{path}:4" and problem.reason == "empty text"


@pytest.mark.parametrize("header", [
    "identifiant;titre;texte;date;lien;source",                           # French
    "Kennung;Titel;Inhalt;Datum;URL;Quelle",                              # German
    "identificador;título;texto;fecha;enlace;fuente",                     # Spanish
    "id;titolo;testo;data_pubblicazione;url;fonte",                       # Italian
])
def test_csv_with_the_column_names_of_another_language(tmp_path, header):
    row = "f1;Le port rouvre;Le port a rouvert mardi, a dit le maire.;14/03/2024;https://x.test/f1;Presse Ouest\n"
    path = write(tmp_path / "export.csv", (header + "\n" + row).encode("cp1252"))  # (as Excel saves it)
    (article,), problems = read(path)
    assert problems == []
    assert (article.source_id, article.title, article.text, article.date, article.url, article.source) == (
        "f1", "Le port rouvre", "Le port a rouvert mardi, a dit le maire.", "2024-03-14", "https://x.test/f1",
        "Presse Ouest")


BODY = "Heavy rain flooded the port on Tuesday, the harbour master said."


@pytest.mark.parametrize("shape, doc", [
    ("NewsAPI", {"status": "ok", "articles": [{"source": {"id": "x-news", "name": "X News"}, "title": "Floods",
                                               "url": "https://x.test/1", "publishedAt": "2024-10-30T08:12:00Z",
                                               "content": BODY}]}),
    ("The Guardian's API", {"response": {"status": "ok", "results": [{
        "id": "world/1", "webPublicationDate": "2024-10-30T09:00:00Z", "webTitle": "Floods",
        "webUrl": "https://x.test/1", "fields": {"bodyText": BODY}}]}}),
    ("an Elasticsearch export", {"took": 3, "hits": {"total": 1, "hits": [{
        "_index": "news", "_id": "e1", "_source": {"headline": "Floods", "body": BODY, "pubDate": "2024-10-30",
                                                   "link": "https://x.test/1", "source": "X News"}}]}}),
])
def test_json_of_news_apis_and_search_exports_is_read_with_its_fields(tmp_path, shape, doc):
    path = write(tmp_path / "api.json", json.dumps(doc))
    (article,), problems = read(path)
    assert problems == [], shape
    assert (article.text, article.title, article.date, article.url) == (BODY, "Floods", "2024-10-30", "https://x.test/1")
    # the record's own keys win over its container's, and a nested source gives its name
    assert article.source in ("X News", None)


def test_csv_with_nul_bytes_in_a_few_lines_skips_those_rows_and_reads_the_others(tmp_path):
    rows = ["id,text"] + [f'n{i},"The ferry board met on day {i}, and voted."' for i in range(60)]
    rows[11] = rows[11].replace("board", "bo\x00ard")  # a damaged row, then a crash's zeros at the end
    path = write(tmp_path / "damaged.csv", ("\n".join(rows) + "\n").encode() + b"\x00" * 2000)
    articles, problems = read(path)
    assert len(articles) == 59 and "n10" not in {a.source_id for a in articles}
    assert [(p.origin, p.reason) for p in problems] == [
        (f"{path}:12", "NUL bytes in the line (a damaged file?): skipped"),
        (f"{path}:62", "NUL bytes in the line (a damaged file?): skipped")]
    assert articles[-1].origin == f"{path}:61"  # the rows after it keep their line numbers


def test_csv_quote_closed_in_a_later_row_names_its_line_instead_of_storing_raw_csv(tmp_path):
    path = write(tmp_path / "bad.csv",
                 "id,text,date\n"
                 "a1,The port reopened.,2024-12-02\n"
                 "a2,\"The bridge closed, said the mayor.,2024-12-03\n"
                 "a3,\"Quoted, \"\"fine\"\"\nover two lines.\",2024-12-04\n"
                 "a4,The ferry sailed.,2024-12-05\n")
    articles, problems = read(path)
    assert [(a.source_id, a.text) for a in articles] == [
        ("a1", "The port reopened."), ("a3", 'Quoted, "fine"\nover two lines.'), ("a4", "The ferry sailed.")]
    assert [p.origin for p in problems] == [f"{path}:3"]
    assert problems[0].reason.startswith("malformed CSV: the quote opened on line 3 closes on line 4")


def test_csv_quote_never_closed_is_a_problem_and_the_rows_before_and_after_go_in(tmp_path):
    path = write(tmp_path / "bad.csv",
                 "id;text;date\n"
                 "a1;The port reopened.;2024-12-02\n"
                 "a2;\"The bridge closed; said the mayor.;2024-12-03\n"
                 "a3;The ferry sailed.;2024-12-05\n")
    articles, (problem,) = read(path)
    assert [(a.source_id, a.text) for a in articles] == [("a1", "The port reopened."), ("a3", "The ferry sailed.")]
    assert problem.origin == f"{path}:3" and "quote opened on line 3 is never closed" in problem.reason


@pytest.mark.parametrize("data", ["id,text,date\n", "id,text,date\n,,\n\n"], ids=["header-only", "blank-rows"])
def test_csv_with_a_header_and_no_rows_is_a_problem(tmp_path, data):
    articles, (problem,) = read(write(tmp_path / "h.csv", data))
    assert articles == [] and problem.reason == "no rows under the CSV header"


def test_csv_without_a_text_column_is_one_problem(tmp_path):
    _, (problem,) = read(write(tmp_path / "x.csv", "name,value\na,1\nb,2\n"))
    assert problem.reason.startswith("no text") and "name, value" in problem.reason


@pytest.mark.parametrize("value,expected", [
    ("2024-12-02", "2024-12-02"), ("2024-12-02T23:30:00-05:00", "2024-12-02"),
    ("Mon, 02 Dec 2024 10:00:00 GMT", "2024-12-02"), ("2 December 2024", "2024-12-02"),
    (1733097600, "2024-12-02"), (1733097600000, "2024-12-02"), ("December 2024", None),
    ("2024-02-30", None), ("yesterday", None), ("", None), (None, None), ({"a": 1}, None),
    ("9999-12-31", None), ("1799-12-31", None), ("2100-12-31", "2100-12-31"), ("1800-01-01", "1800-01-01"),
    (9999999999, None), ("0001-01-01", None), (dt.datetime(9999, 12, 31), None), (float("nan"), None),
])
def test_dates_are_normalised_or_none(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize("value,expected", [
    ("9 Januar 1993", "1993-01-09"), ("1. Februar 2012 Mittwoch", "2012-02-01"), ("3 de marzo de 2020", "2020-03-03"),
    ("12 mai 2019", "2019-05-12"), ("28 мая 2018 г.", "2018-05-28"), ("2018年5月28日", "2018-05-28"),
    ("März 2024", None), ("Foreign Desk; 1", None), ("877 Wörter 1993", None),
])
def test_dates_written_in_other_languages_are_read_and_incomplete_ones_are_not(value, expected):
    assert normalise_date(value) == expected


def test_a_time_zone_dateutil_does_not_know_keeps_the_day_and_warns_nobody():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert normalise_date("March 5, 2024 Tuesday 10:30 PM EST") == "2024-03-05"


@pytest.mark.parametrize("value", ["1970-01-01T00:00:00Z", "1970-01-01", "Thu, 01 Jan 1970 00:00:00 GMT", "1900-01-01",
                                   "1899-12-30T00:00:00", "1899-12-31"])
def test_a_placeholder_for_a_missing_date_is_named_and_the_record_goes_in_undated(tmp_path, value):
    rows = [{"id": "a1", "text": "Story a1.", "date": value}, {"id": "a2", "text": "Story a2.", "date": "1970-01-02"}]
    articles, (problem,) = read(write(tmp_path / "d.jsonl", "".join(json.dumps(r) + "\n" for r in rows)))
    assert [a.date for a in articles] == [None, "1970-01-02"]  # (the day after is a date like any other)
    assert problem.origin.endswith("d.jsonl:1") and "a placeholder for a missing date" in problem.reason
    assert problem.reason.endswith("stored without a date")


def test_a_story_a_news_api_cut_short_loses_the_marker_and_is_named(tmp_path):
    opening = "The port reopened on Monday after a storm closed it for a week, the harbour master said…"
    export = {"status": "ok", "totalResults": 2, "articles": [
        {"source": {"id": None, "name": "Harbour News"}, "title": "Port reopens", "publishedAt": "2024-12-02T10:15:00Z",
         "url": "https://news.example.com/port", "content": opening + " [+2714 chars]"},
        {"source": {"name": "Harbour News"}, "title": "Rates", "content": "Rates rose [+5 chars] as expected."}]}
    path = write(tmp_path / "newsapi.json", json.dumps(export))
    articles, problems = read(path)
    assert [a.text for a in articles] == [opening, "Rates rose [+5 chars] as expected."]  # (only a closing marker)
    assert articles[0].date == "2024-12-02"
    (problem,) = problems
    assert problem.origin == f"{path}#1" and "only the opening of the story" in problem.reason and "2714" in problem.reason


def test_out_of_range_header_date_is_a_problem_and_the_article_goes_in_undated(tmp_path):
    path = write(tmp_path / "far.txt", "date 9999-12-31 LONDON: " + STORY)
    (article,), (problem,) = read(path)
    assert article.date is None and article.dateline == ("London",) and article.text == STORY.strip()
    assert problem.origin == str(path)
    assert problem.reason == "date '9999-12-31' is outside 1800\u20132100; stored without a date"


def test_bad_dates_in_records_are_problems_and_the_records_go_in_undated(tmp_path):
    rows = [("a1", "2024-12-02"), ("a2", "9999-12-31"), ("a3", "9999999999"), ("a4", "not a date"),
            ("a5", "32/13/2024"), ("a6", "")]
    csv_path = write(tmp_path / "d.csv", "id,text,date\n" + "".join(f"{i},Story {i}.,{d}\n" for i, d in rows))
    json_path = write(tmp_path / "d.json", json.dumps(
        [{"id": i, "text": f"Story {i}.", "date": int(d) if d.isdigit() else d} for i, d in rows]
        + [{"id": "a7", "text": "Story a7.", "date": None}]))
    for path, where in ((csv_path, lambda n: f"{csv_path}:{n + 1}"), (json_path, lambda n: f"{json_path}#{n}")):
        articles, problems = read(path)
        assert [a.date for a in articles][:6] == ["2024-12-02", None, None, None, None, None]
        assert all(a.date is None for a in articles[6:])
        assert [p.origin for p in problems] == [where(n) for n in (2, 3, 4, 5)]
        reasons = [p.reason for p in problems]
        assert "outside 1800\u20132100" in reasons[0] and "outside 1800\u20132100" in reasons[1]
        assert "unreadable" in reasons[2] and "unreadable" in reasons[3]
        assert all(r.endswith("stored without a date") for r in reasons)


def test_store_refuses_an_out_of_range_date_from_any_caller(tmp_path):
    from components.store import Store

    store = Store(tmp_path / "s.duckdb", timeout=10)
    store.add_articles([Article.from_text("Far future story.", date="9999-12-31", origin="api")])
    assert store.query("SELECT date FROM articles")["date"].isna().all()
    (reason,) = store.query("SELECT reason FROM ingest_problems")["reason"]
    assert "9999-12-31" in reason and "stored without a date" in reason


# --- HTML ----------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><meta charset="windows-1252"><title>Port reopens | Harbour News</title>
<meta property="og:title" content="Port reopens after storm">
<meta property="article:published_time" content="2024-12-02T10:15:00Z">
<meta property="og:site_name" content="Harbour News">
<link rel="canonical" href="https://news.example.com/port-reopens">
<script src="https://cdn.example.com/tracker.js"></script></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Port reopens after storm</h1>
<p>The port reopened on Monday after a storm closed it for a week, the harbour master said.</p>
<p>\u201cShips are moving again,\u201d she told reporters at the caf\u00e9 by the quay.</p>
</article><footer>Copyright 2024 Harbour News. All rights reserved.</footer>
<script>var tracking = "should not appear";</script></body></html>"""


def test_html_page_main_text_title_and_date_without_network(tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("ingest tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    (article,), problems = read(write(tmp_path / "page.html", PAGE.encode("cp1252")))
    assert problems == []
    assert article.title == "Port reopens after storm"
    assert article.date == "2024-12-02"
    assert article.source == "Harbour News" and article.url == "https://news.example.com/port-reopens"
    assert article.text.startswith("The port reopened on Monday")
    assert "\u201cShips are moving again,\u201d" in article.text and "caf\u00e9" in article.text
    assert "Home" not in article.text and "tracking" not in article.text
    assert "Copyright" not in article.text


def test_html_page_without_text_is_a_problem(tmp_path):
    page = "<html><head><title>x</title></head><body></body></html>"
    _, (problem,) = read(write(tmp_path / "blank.htm", page))
    assert problem.reason == "no article text found in the HTML page"


# --- zips ----------------------------------------------------------------------------------------

def test_zip_members_are_read_in_memory_with_their_origin(tmp_path):
    data = make_zip({"inner/b.txt": "Second story.", "a.txt": SEED_START,
                     "feed.jsonl": json.dumps({"id": "j1", "text": "From JSONL."}) + "\n",
                     "__MACOSX/._a.txt": b"\x00\x05\x16\x07", ".DS_Store": b"\x00\x00\x00\x01Bud1",
                     "inner/": b""})
    path = write(tmp_path / "batch.zip", data)
    articles, problems = read(path)
    assert problems == []
    assert [a.origin for a in articles] == [f"{path}!a.txt", f"{path}!feed.jsonl:1", f"{path}!inner/b.txt"]
    assert articles[0].dateline == ("Moscow", "Tehran")


def test_zip_with_unsafe_paths_skips_them_and_writes_nothing(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    data = make_zip({"../evil.txt": "evil", "/etc/abs.txt": "abs", "C:/win.txt": "win",
                     "ok/../../up.txt": "up", "good.txt": "Good story."})
    path = write(work / "batch.zip", data)
    before = sorted(p for p in tmp_path.rglob("*"))
    articles, problems = read(path)
    assert [a.text for a in articles] == ["Good story."]
    assert len(problems) == 4 and all(p.reason.startswith("unsafe path in zip") for p in problems)
    assert any("../evil.txt" in p.reason for p in problems)
    assert sorted(p for p in tmp_path.rglob("*")) == before


def test_zip_symlink_member_is_skipped(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        link = zipfile.ZipInfo("passwd.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
        zf.writestr("good.txt", "Good story.")
    path = write(tmp_path / "links.zip", buf.getvalue())
    articles, (problem,) = read(path)
    assert [a.text for a in articles] == ["Good story."]
    assert problem.origin == f"{path}!passwd.txt" and "symbolic link" in problem.reason


@pytest.mark.parametrize("data", [b"this is not a zip at all", make_zip({"a.txt": STORY})[:40]],
                         ids=["not-a-zip", "truncated"])
def test_broken_zip_is_a_problem(tmp_path, data):
    articles, (problem,) = read(write(tmp_path / "bad.zip", data))
    assert articles == [] and problem.reason.startswith("broken zip")


def test_zip_member_with_bad_crc_is_a_problem_and_the_rest_is_read(tmp_path):
    data = make_zip({"a.txt": "Alpha story here.", "b.txt": "Bravo story here."},
                    compression=zipfile.ZIP_STORED)
    data = data.replace(b"Bravo story", b"Brave story")
    path = write(tmp_path / "crc.zip", data)
    articles, (problem,) = read(path)
    assert [a.text for a in articles] == ["Alpha story here."]
    assert problem.origin == f"{path}!b.txt" and "CRC" in problem.reason


def test_zip_bomb_is_refused(tmp_path):
    path = write(tmp_path / "bomb.zip", make_zip({"a.txt": STORY, "zeros.txt": b"0" * (20 << 20)}))
    articles, (problem,) = read(path)
    assert articles == [] and "zip bomb" in problem.reason


def test_zip_expanding_beyond_the_limit_is_refused(tmp_path):
    path = write(tmp_path / "big.zip", make_zip({f"{i}.txt": STORY * 10 for i in range(5)}))
    articles, (problem,) = read(path, max_zip_bytes=2000)
    assert articles == [] and problem.reason.startswith("zip refused") and "max_zip_mb" in problem.reason


def test_oversize_zip_member_is_a_problem(tmp_path):
    path = write(tmp_path / "m.zip", make_zip({"big.txt": STORY * 50, "small.txt": STORY}))
    articles, (problem,) = read(path, max_file_bytes=500)
    assert [a.origin for a in articles] == [f"{path}!small.txt"]
    assert problem.origin == f"{path}!big.txt" and problem.reason.startswith("too large")


def test_nested_zip_is_read_one_level_deep(tmp_path):
    deepest = make_zip({"c.txt": "Too deep."})
    inner = make_zip({"b.txt": "Inner story.", "deeper.zip": deepest})
    path = write(tmp_path / "outer.zip", make_zip({"a.txt": "Outer story.", "inner.zip": inner}))
    articles, (problem,) = read(path)
    assert [a.origin for a in articles] == [f"{path}!a.txt", f"{path}!inner.zip!b.txt"]
    assert problem.origin == f"{path}!inner.zip!deeper.zip" and "nesting" in problem.reason


# --- progress ------------------------------------------------------------------------------------

def test_count_files_matches_the_files_read(tmp_path):
    folder = tmp_path / "p"
    write(folder / "a.txt", STORY)
    write(folder / "b.jsonl", json.dumps({"text": "x"}) + "\n" + json.dumps({"text": "y"}) + "\n")
    write(folder / "c.zip", make_zip({"1.txt": "One.", "2.txt": "Two.", "skip.png": b"\x89PNG"}))
    write(folder / "d.zip", b"broken")
    write(folder / "e.png", b"\x89PNG")
    seen: list[str] = []
    list(read_paths([folder], on_file=seen.append))
    assert count_files([folder]) == len(seen) == 5


def test_the_bytes_read_add_up_to_count_bytes_whatever_each_file_gave(tmp_path):
    folder = tmp_path / "p"
    write(folder / "a.txt", STORY)
    write(folder / "b.jsonl", json.dumps({"text": "x"}) + "\n" + json.dumps({"text": "y"}) + "\n")
    write(folder / "c.zip", make_zip({"1.txt": "One.", "2.txt": "Two."}))
    write(folder / "d.zip", b"broken")
    write(folder / "e.txt", b"\x00\x01binary\x00" * 50)
    write(folder / "f.txt", "a story too long for the limit " * 40)
    steps: list[int] = []
    items = list(read_paths([folder], on_bytes=steps.append, max_file_bytes=1000))
    assert any(isinstance(x, Problem) for x in items)  # (the broken zip, the binary and the long file)
    assert all(n > 0 for n in steps)
    assert sum(steps) == count_bytes([folder]) == sum(f.stat().st_size for f in folder.iterdir())


def test_a_file_read_whole_is_counted_in_shares_before_its_articles(tmp_path):
    path = write(tmp_path / "feed.jsonl", "".join(json.dumps({"text": f"Story {i}."}) + "\n" for i in range(3))
                 + "{not json\n")
    total = 0

    def count(n: int) -> None:
        nonlocal total
        total += n

    seen = [(type(item).__name__, total) for item in read_paths([path], on_bytes=count)]
    size = path.stat().st_size
    assert seen == [("Article", size // 4), ("Article", size // 2), ("Article", size * 3 // 4), ("Problem", size)]


def test_a_file_whose_parsing_fails_midway_keeps_what_it_gave_and_its_bytes(tmp_path, monkeypatch):
    import components.ingest as ingest

    path = write(tmp_path / "feed.jsonl", "".join(json.dumps({"text": f"Story {i}."}) + "\n" for i in range(3)))

    read_document = ingest.read_document

    def breaks(data, origin, fmt):
        yield from list(read_document(data, origin, fmt))[:2]
        raise RuntimeError("parser bug")

    monkeypatch.setattr(ingest, "read_document", breaks)
    steps: list[int] = []
    items = list(read_paths([path], on_bytes=steps.append))
    assert [type(x).__name__ for x in items] == ["Article", "Article", "Problem"]
    assert "parser bug" in items[-1].reason and sum(steps) == path.stat().st_size
