"""PDF files: one article per file, lines joined back into paragraphs, running headers, footers
and page numbers dropped, the document's title kept unless it is a file's name; an encrypted,
textless or damaged PDF named. The PDFs are written by hand (a page's text drawn line by line, as
a word processor's export draws it). No model, no network."""
from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.ingest import read_uploads
from components.ingest.formats import format_of
from components.ingest.pdfs import reflow
from components.records import Article, Problem
from tests.components.ingest.reading import articles_and_problems, pdf_document


STORY = [
    "The harbour board voted on Tuesday to extend the night ferry service to the islands, its",
    "chair said, after a year in which the number of passengers rose by a third and the gov-",
    "ernment paid for two new boats.",
    "",
    "\u201cWe listened to the islanders,\u201d the chair, Anna Berg, told reporters in Oslo on the quay",
    "after the vote, which passed by seven votes to two.",
]



def test_a_pdf_file_is_known():
    assert format_of("Report.PDF") == "pdf"


def test_a_pdf_gives_its_text_as_paragraphs_without_headers_footers_and_page_numbers():
    pages = [["HARBOUR NEWS \u2014 WEEKLY", *STORY[:3], "Page 1 of 3"],
             ["HARBOUR NEWS \u2014 WEEKLY", *STORY[3:], "Page 2 of 3"],
             ["HARBOUR NEWS \u2014 WEEKLY", "The new timetable starts in May, the board said.", "3"]]
    (article,), problems = articles_and_problems(read_uploads([("ferry.pdf", pdf_document(pages, title="Ferry service extended"))]))
    assert article.title == "Ferry service extended" and article.date is None and problems == []
    assert article.text == (
        "The harbour board voted on Tuesday to extend the night ferry service to the islands, its chair said, after a "
        "year in which the number of passengers rose by a third and the government paid for two new boats.\n\n"
        "\u201cWe listened to the islanders,\u201d the chair, Anna Berg, told reporters in Oslo on the quay after the "
        "vote, which passed by seven votes to two.\n\nThe new timetable starts in May, the board said.")


@pytest.mark.parametrize("title", ["Microsoft Word - ferry.docx", "ferry_final.pdf", "untitled", ""])
def test_a_title_that_is_a_file_s_name_is_none(title):
    (article,), _ = articles_and_problems(read_uploads([("f.pdf", pdf_document([STORY], title=title))]))
    assert article.title is None


def test_pdfs_that_cannot_be_used_are_named():
    from pypdf import PdfWriter

    locked = PdfWriter()
    locked.add_blank_page(612, 842)
    locked.encrypt("secret")
    buf = io.BytesIO()
    locked.write(buf)
    files = [("locked.pdf", buf.getvalue()), ("scan.pdf", pdf_document([[]])), ("fake.pdf", b"%PDF-1.4 not really"),
             ("cut.pdf", pdf_document([STORY])[:120])]
    articles, problems = articles_and_problems(read_uploads(files))
    reasons = {p.origin: p.reason for p in problems}
    assert articles == []
    assert reasons["upload:locked.pdf"].startswith("an encrypted PDF")
    assert reasons["upload:scan.pdf"].startswith("a PDF without text")
    assert reasons["upload:fake.pdf"].startswith(("a damaged PDF", "a PDF without text"))
    assert reasons["upload:cut.pdf"].startswith(("a damaged PDF", "a PDF without text"))


def test_a_long_pdf_is_read_up_to_the_page_limit_and_named(monkeypatch):
    from components.ingest import pdfs

    monkeypatch.setattr(pdfs, "MAX_PAGES", 2)
    (article,), (problem,) = articles_and_problems(read_uploads([("long.pdf", pdf_document([[f"Page {i} tells of the ferry."] for i in "ABC"]))]))
    assert "Page A" in article.text and "Page B" in article.text and "Page C" not in article.text
    assert problem.reason == "only the first 2 of its 3 pages were read"


def test_reflow_ends_paragraphs_after_short_lines_that_end_sentences_or_head_the_text():
    lines = ["A long line of the story that runs across the whole column of the page,",
             "and ends here.", "A new paragraph starts and runs across the whole column of the",
             "page again: a well-", "known rule."]
    assert reflow([lines]) == ("A long line of the story that runs across the whole column of the page, and ends here."
                               "\n\nA new paragraph starts and runs across the whole column of the page again: a "
                               "wellknown rule.")
    split = ["A well-known rule of the harbour board holds that every vote is taken in the open by all",
             "members of the board, which is a well-", "known rule of the port. Then the govern-",
             "ment of the old town near the Anglo-", "American port agreed, and its new and fast state-of-",
             "the-art ferries run on the lines; the pre-", "Covid timetable and the night-", "time service stay, as the OP-", "TIONAL clause says."]
    assert reflow([split]) == (
        "A well-known rule of the harbour board holds that every vote is taken in the open by all members of the board, "
        "which is a well-known rule of the port. Then the government of the old town near the Anglo-American port "
        "agreed, and its new and fast state-of-the-art ferries run on the lines; the pre-Covid timetable and the "
        "nighttime service stay, as the OPTIONAL clause says.")
    heading = ["Ferry vote", "By Anna Berg", "The harbour board voted on Tuesday to extend the night ferry service to",
               "the islands, its chair said after the meeting in the town hall on the quay of the old port."]
    assert reflow([heading]) == ("Ferry vote\n\nBy Anna Berg\n\nThe harbour board voted on Tuesday to extend the night "
                                 "ferry service to the islands, its chair said after the meeting in the town hall on "
                                 "the quay of the old port.")


@settings(max_examples=40, deadline=None)
@given(pages=st.lists(st.lists(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=50),
                               max_size=6), min_size=1, max_size=3),
       cut=st.one_of(st.none(), st.integers(0, 2000)))
def test_whatever_a_pdf_holds_it_gives_an_article_or_a_named_problem(pages, cut):
    data = pdf_document(pages)
    items = list(read_uploads([("p.pdf", data if cut is None else data[:cut])]))  # never raises
    assert items and all(isinstance(i, (Article, Problem)) for i in items)
    assert all(i.text.strip() for i in items if isinstance(i, Article))
