"""Web pages saved as one file (.mhtml/.mht, a browser's "Webpage, Single File"): the page inside
read as an .html file is, its saved address the URL when the page gives none; a file with no page
named. No model, no network."""
from __future__ import annotations

import base64
import quopri

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.ingest import read_paths, read_uploads
from components.ingest.formats import format_of
from components.records import Article, Problem

PAGE = """<!DOCTYPE html><html><head><title>Port reopens | Harbour News</title>
<meta property="og:site_name" content="Harbour News"><meta property="article:published_time" content="2024-12-02T10:15:00Z">
</head><body><nav>Home | World</nav><article><h1>Port reopens after storm</h1>
<p>The port reopened on Monday after a storm closed it for a week, the harbour master said in a statement.</p>
<p>\u201cShips are moving again,\u201d she told reporters at the caf\u00e9 by the quay, where fishermen waited since dawn.</p>
</article><footer>Copyright 2024 Harbour News.</footer></body></html>"""


def _mhtml(page: str, *, charset: str = "", encoding: str = "utf-8") -> bytes:
    """An MHTML file as Chromium saves one: headers, the page quoted-printable, an image in base64."""
    qp = quopri.encodestring(page.encode(encoding)).decode("ascii")
    png = base64.b64encode(bytes([137, 80, 78, 71, 13, 10])).decode("ascii")
    kind = f"text/html; charset={charset}" if charset else "text/html"
    return "\r\n".join([
        "From: <Saved by Blink>", "Snapshot-Content-Location: https://news.example.com/port-reopens",
        "Subject: Port reopens", "MIME-Version: 1.0", 'Content-Type: multipart/related; type="text/html"; boundary="--B--"',
        "", "----B--", f"Content-Type: {kind}", "Content-Transfer-Encoding: quoted-printable",
        "Content-Location: https://news.example.com/port-reopens", "", qp,
        "----B--", "Content-Type: image/png", "Content-Transfer-Encoding: base64",
        "Content-Location: https://news.example.com/logo.png", "", png, "----B----", ""]).encode("ascii")


def test_mhtml_and_mht_files_are_saved_pages():
    assert format_of("Page.MHTML") == "mhtml" and format_of("page.mht") == "mhtml"


def test_the_saved_page_reads_as_the_html_file_would(tmp_path):
    saved, plain = tmp_path / "port.mhtml", tmp_path / "port.html"
    saved.write_bytes(_mhtml(PAGE))
    plain.write_text(PAGE, encoding="utf-8")
    (article,) = list(read_paths(saved))
    (same,) = list(read_paths(plain))
    assert (article.text, article.title, article.date, article.source) == (same.text, same.title, same.date, same.source)
    assert article.title == "Port reopens after storm" and "caf\u00e9" in article.text and "Copyright" not in article.text
    assert article.url == "https://news.example.com/port-reopens" and article.origin == str(saved)  # the saved address


def test_the_part_s_charset_is_honoured():
    (article,) = list(read_uploads([("old.mht", _mhtml(PAGE.replace("\u201c", '"').replace("\u201d", '"'),
                                                        charset="windows-1252", encoding="cp1252"))]))
    assert isinstance(article, Article) and "caf\u00e9 by the quay" in article.text


@pytest.mark.parametrize("data, reason", [
    (b"just some text, no MIME at all", "no web page in the MHTML file (it holds no text/html part)"),
    (b"", "empty file"),
])
def test_a_file_without_a_page_is_named(data, reason):
    (problem,) = list(read_uploads([("x.mhtml", data)]))
    assert isinstance(problem, Problem) and problem.reason == reason


@settings(max_examples=80, deadline=None)
@given(data=st.binary(max_size=600))
def test_whatever_an_mhtml_file_holds_it_gives_an_article_or_a_named_problem(data):
    items = list(read_uploads([("p.mhtml", data)]))  # never raises
    assert len(items) == 1 and isinstance(items[0], (Article, Problem))
