"""Office 97–2003 files: a Word document (.doc) gives its paragraphs, an Excel workbook (.xls) an
article per row; what exports name .doc or .xls (RTF, a web page, a .docx or .xlsx, text) is read
as what it is; a damaged or foreign file is named. The Office files were written by LibreOffice
from the plain files beside them (tests/components/ingest/office/README.md); the piece table
of a Word document is built by hand. No model, no network."""
from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.ingest import read_uploads
from components.ingest.formats import format_of
from components.ingest.word97 import _lines, _main_text
from tests.components.ingest.reading import articles_and_problems
from tests.components.ingest.reading import word_document as docx
from tests.components.ingest.reading import word_paragraph as p

OFFICE = Path(__file__).parent / "office"
STORY_DOC, ROWS_XLS = (OFFICE / "story.doc").read_bytes(), (OFFICE / "rows.xls").read_bytes()


def read(name: str, data: bytes) -> tuple[list, list]:
    return articles_and_problems(read_uploads([(name, data)]))


def test_doc_and_xls_files_are_office_files():
    assert (format_of("Old.DOC"), format_of("book.xls"), format_of("story.doc.gz")) == ("doc", "xls", "gz:doc")


def test_a_word_97_document_gives_its_paragraphs_and_what_its_fields_show():
    (article,), problems = read("story.doc", STORY_DOC)
    assert problems == [] and article.title is None and article.date is None
    assert article.text.split("\n\n") == [
        "Harbour talks resume in Mombasa",
        "MOMBASA, 3 March 2024 – Officials of the Harbour Council said on Monday that talks with the shipping "
        "union would resume next week.",
        "“We are ready,” said Jane Okafor, the council’s chair, in a statement posted on the council’s website. "
        "Café owners near the port welcomed the news.",
        "Berths", "12", "Ships waiting", "31", "The dispute began in January."]


def _word_streams(pieces: list[tuple[str, bool]], main: int) -> tuple[bytes, bytes]:
    """A ``WordDocument`` stream and a table stream whose piece table holds ``pieces`` (text,
    8-bit?) in order, the first ``main`` characters the main document: the fields [MS-DOC] reads."""
    fib = bytearray(0x9A + 8 * 93)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 0x00C1)
    struct.pack_into("<H", fib, 0x20, 14)  # csw, then 28 bytes
    struct.pack_into("<H", fib, 0x3E, 22)  # cslw, then 88 bytes: ccpText at 12
    struct.pack_into("<i", fib, 0x40 + 12, main)
    struct.pack_into("<H", fib, 0x98, 93)  # cbRgFcLcb
    text, cps, pcds = bytearray(), [0], bytearray()
    for chars, eight_bit in pieces:
        offset = len(fib) + len(text)
        text += chars.encode("cp1252") if eight_bit else chars.encode("utf-16-le")
        pcds += struct.pack("<HIH", 0, (offset * 2) | 0x40000000 if eight_bit else offset, 0)
        cps.append(cps[-1] + len(chars))
    plc = struct.pack(f"<{len(cps)}I", *cps) + bytes(pcds)
    clx = b"\x01" + struct.pack("<H", 3) + b"\x00\x00\x00" + b"\x02" + struct.pack("<I", len(plc)) + plc
    table = b"\x00" * 16 + clx
    struct.pack_into("<II", fib, 0x9A + 8 * 33, 16, len(clx))
    return bytes(fib + text), table


def test_the_piece_table_joins_8_bit_and_utf16_runs_and_leaves_out_what_follows_the_main_text():
    pieces = [("Caf\xe9 owners met.\r", True),
              ("\u201cWe are \x13 HYPERLINK \"http://x\" \x14ready\x15,\u201d she said.\x0bNext line\r", False),
              ("Cell\x07Tab\there\x1eon\x1fly\x0c", True), ("A footnote after the main text.\r", True)]
    document, table = _word_streams(pieces, main=sum(len(t) for t, _ in pieces[:3]))
    assert _lines(_main_text(document, table)) == [
        "Caf\xe9 owners met.", "\u201cWe are ready,\u201d she said.\nNext line", "Cell", "Tab here-only", ""]


@pytest.mark.parametrize("name, data, title", [
    ("saved.doc", b"{\\rtf1\\ansi {\\fonttbl{\\f0 Arial;}} Ferry service extended.\\par The harbour board voted.\\par}",
     None),
    ("page.doc", b"<html><head><title>Ferry service extended</title></head><body><h1>Ferry service extended</h1>"
                 b"<p>The harbour board voted on Tuesday to extend the night ferry service, its chair said, after "
                 b"a month of talks with the union.</p></body></html>", "Ferry service extended"),
    ("new.doc", docx(p("Ferry service extended", "Title") + p("The harbour board voted.")), "Ferry service extended"),
])
def test_what_exports_name_doc_is_read_as_what_it_is(name, data, title):
    (article,), problems = read(name, data)
    assert problems == [] and article.title == title and "harbour board voted" in article.text


def _fib_patched(offset: int, value: int) -> bytes:
    """story.doc with the 16-bit word at ``offset`` of its FIB (the WordDocument stream's start) set to ``value``."""
    data = bytearray(STORY_DOC)
    start = data.find(b"\xec\xa5")  # wIdent
    struct.pack_into("<H", data, start + offset, value)
    return bytes(data)


@pytest.mark.parametrize("name, data, reason", [
    ("notes.doc", b"Just some words that no program wrote as a document.", "not a Word document (neither Word"),
    ("sheet.doc", ROWS_XLS, "not a Word document (an Office file of another kind"),
    ("cut.doc", STORY_DOC[:3000], "a damaged Word document"),
    ("word95.doc", _fib_patched(2, 0x0065), "a Word 6 or Word 95 document"),
    ("locked.doc", _fib_patched(0x0A, struct.unpack_from("<H", STORY_DOC, STORY_DOC.find(b"\xec\xa5") + 0x0A)[0] | 0x0100),
     "a password-protected Word document"),
])
def test_a_doc_that_cannot_be_read_is_named(name, data, reason):
    articles, (problem,) = read(name, data)
    assert articles == [] and problem.origin == f"upload:{name}" and problem.reason.startswith(reason)


def test_an_excel_97_workbook_gives_an_article_per_row_with_its_date_cells():
    articles, problems = read("rows.xls", ROWS_XLS)
    assert problems == []
    assert [(a.title, a.date, a.text) for a in articles] == [
        ("Port reopens", "2024-03-05", "The port of Mombasa reopened on Tuesday, officials said."),
        ("Rain in Lima", "2024-03-06", "Heavy rain flooded roads around Lima, the mayor said.")]
    assert [a.origin for a in articles] == ["upload:rows.xls:2", "upload:rows.xls:3"]


def test_what_exports_name_xls_is_read_as_what_it_is():
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["title", "text"])
    book.active.append(["Port reopens", "The port reopened."])
    xlsx = io.BytesIO()
    book.save(xlsx)
    page = (b"<html><body><table><tr><th>Title</th><th>Date</th><th>Text</th></tr>"
            b"<tr><td>Port reopens</td><td>2024-03-05</td><td>The port <b>reopened</b>.</td></tr></table></body></html>")
    tabbed = "title\tdate\ttext\nPort reopens\t2024-03-05\tThe port reopened.\n".encode("utf-16")
    for name, data, date in (("x.xls", xlsx.getvalue(), None), ("web.xls", page, "2024-03-05"),
                             ("tabbed.xls", tabbed, "2024-03-05")):
        (article,), problems = read(name, data)
        assert problems == [] and (article.title, article.date) == ("Port reopens", date), name
        assert article.text == "The port reopened.", name


@pytest.mark.parametrize("name, data, reason", [
    ("book.xls", STORY_DOC, "not an Excel workbook (an Office file of another kind"),
    ("cut.xls", ROWS_XLS[:2000], "a damaged Excel workbook"),
    ("photo.xls", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not an Excel workbook"),
])
def test_an_xls_that_cannot_be_read_is_named(name, data, reason):
    articles, (problem,) = read(name, data)
    assert articles == [] and problem.reason.startswith(reason)


def test_a_workbook_whose_container_loops_is_named_at_once():
    articles, (problem,) = read("looping.xls", (OFFICE / "looping.xls").read_bytes())
    assert articles == [] and "Excel workbook" in problem.reason


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cuts=st.lists(st.tuples(st.integers(0, len(STORY_DOC) - 1), st.integers(0, 255)), min_size=1, max_size=8),
       which=st.sampled_from(["story.doc", "rows.xls"]))
def test_damaged_office_files_end_as_articles_or_problems(cuts, which):
    data = bytearray(STORY_DOC if which == "story.doc" else ROWS_XLS)
    for at, value in cuts:
        data[at % len(data)] = value
    articles, problems = read(which, bytes(data))
    assert articles or problems
    assert all(a.text.strip() for a in articles) and all(p.reason.strip() for p in problems)
