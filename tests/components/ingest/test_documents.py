"""Word documents (.docx): one article per file, its paragraphs in order, its title the first
title- or heading-styled paragraph; a damaged, foreign, empty or bomb-sized file named. The
documents are built by hand (a zip of WordprocessingML), as Word writes them. No model, no network."""
from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.ingest import read_paths, read_uploads
from components.ingest.formats import format_of, read_document
from components.records import Article
from tests.components.ingest.reading import WORD_NS, articles_and_problems
from tests.components.ingest.reading import word_document as _docx
from tests.components.ingest.reading import word_paragraph as _p

STORY = "The harbour board voted on Tuesday to extend the night ferry service, its chair said."


def test_a_docx_file_is_a_word_document():
    assert format_of("Story.DOCX") == "docx"


def test_a_word_document_gives_its_title_and_paragraphs(tmp_path):
    body = (_p("Ferry service | extended", "Title") + _p("") + _p("The harbour board |voted on Tuesday.")
            + "<w:p><w:r><w:t>Line one</w:t><w:br/><w:t>line two</w:t><w:tab/><w:t>tabbed</w:t></w:r></w:p>"
            + "<w:tbl><w:tr><w:tc>" + _p("In a table cell.") + "</w:tc></w:tr></w:tbl>"
            + _p("A later heading", "Heading1") + _p(STORY))
    path = tmp_path / "story.docx"
    path.write_bytes(_docx(body))
    (article,), problems = articles_and_problems(read_paths(path))
    assert article.title == "Ferry service extended" and article.date is None and article.origin == str(path)
    assert article.text == ("The harbour board voted on Tuesday.\n\nLine one\nline two tabbed\n\nIn a table cell."
                            f"\n\nA later heading\n\n{STORY}")
    assert problems == []


def test_a_document_without_a_title_style_has_no_title_and_keeps_its_first_line():
    (article,), _ = articles_and_problems(read_uploads([("memo.docx", _docx(_p("Ferry vote") + _p(STORY)))]))
    assert article.title is None and article.text == f"Ferry vote\n\n{STORY}"


@pytest.mark.parametrize("name, data, reason", [
    ("fake.docx", b"this was never a Word document", "unreadable Word document: not a Word document (.docx); save it again as .docx, or as text"),
    ("sheet.docx", _docx(_p(STORY), part="xl/workbook.xml"), "unreadable Word document: not a Word document (.docx); save it again as .docx, or as text"),
    ("blank.docx", _docx(_p("") + _p("   ")), "a Word document without text"),
    ("broken.docx", _docx("<w:p><w:r><w:t>cut"), "unreadable Word document: its text (word/document.xml) is not well-formed XML"),
])
def test_word_documents_that_cannot_be_used_are_named(name, data, reason):
    articles, (problem,) = articles_and_problems(read_uploads([(name, data)]))
    assert articles == [] and problem.origin == f"upload:{name}" and problem.reason == reason


def test_a_word_document_bomb_is_refused_and_no_entity_is_expanded(tmp_path):
    bomb = _docx(_p("a" * (40 << 20)))  # 40 MB of one letter in ~40 kB
    articles, (problem,) = articles_and_problems(read_uploads([("bomb.docx", bomb)]))
    assert articles == [] and "a zip bomb?" in problem.reason
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    xml = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}"><!ENTITY a "aaaa">]>'
           f'<w:document {WORD_NS}><w:body><w:p><w:r><w:t>&x;&a; {STORY}</w:t></w:r></w:p></w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", xml)
    articles, _ = articles_and_problems(read_uploads([("entity.docx", buf.getvalue())]))
    assert all("TOP SECRET" not in a.text for a in articles)


# --- OpenDocument text (.odt) ---------------------------------------------------------------------

ODF = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')


def _odt(body: str, *, part: str = "content.xml") -> bytes:
    """An .odt as LibreOffice writes one: its mimetype first (stored), then ``body`` as the text
    of its content part."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr(part, f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF}>'
                         f"<office:body><office:text>{body}</office:text></office:body></office:document-content>")
    return buf.getvalue()


def test_an_opendocument_text_gives_its_heading_as_title_and_its_paragraphs(tmp_path):
    body = ('<text:h text:outline-level="1">Ferry service <text:span>extended</text:span></text:h>'
            '<text:p text:style-name="P1">The harbour board<text:s text:c="3"/>voted<text:tab/>on Tuesday.'
            '<text:note text:note-class="footnote"><text:note-body><text:p>A footnote.</text:p></text:note-body>'
            '</text:note></text:p>'
            '<text:p>Line one<text:line-break/>line two<office:annotation><text:p>A comment.</text:p>'
            '</office:annotation></text:p>'
            '<text:list><text:list-item><text:p>A list item.</text:p></text:list-item></text:list>'
            '<table:table><table:table-row><table:table-cell><text:p>In a table cell.</text:p></table:table-cell>'
            '</table:table-row></table:table>'
            f'<text:h text:outline-level="2">A later heading</text:h><text:p/><text:p>{STORY}</text:p>')
    path = tmp_path / "story.odt"
    path.write_bytes(_odt(body))
    (article,), problems = articles_and_problems(read_paths(path))
    assert article.title == "Ferry service extended" and article.origin == str(path) and problems == []
    assert article.text == ("The harbour board voted on Tuesday.\n\nLine one\nline two\n\nA list item.\n\n"
                            f"In a table cell.\n\nA later heading\n\n{STORY}")


@pytest.mark.parametrize("name, data, reason", [
    ("fake.odt", b"never a document", "unreadable OpenDocument text: not an OpenDocument text (.odt); save it again as .odt"),
    ("sheet.odt", _odt(f"<text:p>{STORY}</text:p>", part="styles.xml"), "not an OpenDocument text (.odt)"),
    ("blank.odt", _odt("<text:p/><text:p>   </text:p>"), "an OpenDocument text without text"),
    ("broken.odt", _odt("<text:p>cut"), "its text (content.xml) is not well-formed XML"),
    ("bomb.odt", _odt(f"<text:p>{'a' * (40 << 20)}</text:p>"), "a zip bomb?"),
])
def test_opendocument_texts_that_cannot_be_used_are_named(name, data, reason):
    articles, (problem,) = articles_and_problems(read_uploads([(name, data)]))
    assert articles == [] and problem.origin == f"upload:{name}" and reason in problem.reason


# --- both ---------------------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40), max_size=5),
       cut=st.one_of(st.none(), st.integers(0, 600)), fmt=st.sampled_from(["docx", "odt"]))
def test_whatever_a_document_holds_it_gives_an_article_or_a_named_problem(texts, cut, fmt):
    from xml.sax.saxutils import escape

    if fmt == "docx":
        data = _docx("".join(f"<w:p><w:r><w:t>{escape(t)}</w:t></w:r></w:p>" for t in texts))
    else:
        data = _odt("".join(f"<text:p>{escape(t)}</text:p>" for t in texts))
    items = list(read_document(data if cut is None else data[:cut], f"d.{fmt}", fmt))  # never raises
    assert len(items) == 1
    if isinstance(items[0], Article):
        assert items[0].text.strip() and items[0].origin == f"d.{fmt}"
