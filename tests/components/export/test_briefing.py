"""components.export.briefing: the report escapes article text, inlines plotly once, says when a view is
empty, and prints to PDF."""
from __future__ import annotations

import pandas as pd
import pytest

from components import charts, export

from .offline import external_refs


def test_briefing_escapes_article_text_and_inlines_plotly_once(quotes):
    top = pd.DataFrame({"actor": ["Lena <Marsh>"], "actor_type": ["person"], "n_mentions": [3],
                        "n_articles": [2], "n_quotes": [1]})
    places = pd.DataFrame({"name": ["Oslo"], "country_code": ["NO"], "n_mentions": [3],
                           "n_articles": [1]})
    figures = {"Actors": charts.actors_bar(top), "Timeline": charts.timeline(
        pd.DataFrame({"day": pd.to_datetime(["2024-12-02"]), "n_articles": [1], "n_mentions": [3]}))}
    chips = [("actors", "Lena <Marsh>", "Actor: Lena <Marsh>"), ("text", None, "Text: port")]
    page = export.briefing_html(chips, figures, top, places, quotes,
                                counts={"articles": 2}).decode("utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "Tom &lt;b&gt;Reyes&lt;/b&gt;" in page
    assert "Actor: Lena &lt;Marsh&gt;" in page and "Text: port" in page
    assert "Fish &amp; ships" in page and "2024-12-02" in page
    assert page.count("plotly.js v") == 1               # one library for all charts
    assert page.count('class="chart"') == 2
    assert external_refs(page) == []


def test_briefing_of_an_empty_view_says_so():
    empty = pd.DataFrame()
    page = export.briefing_html([], {}, empty, empty, empty).decode("utf-8")
    assert "Whole corpus (no filter)" in page
    assert "No quotes for this filter." in page


@pytest.mark.browser
def test_briefing_pdf_is_a_pdf(quotes):
    pdf = export.briefing_pdf([], {}, pd.DataFrame(), pd.DataFrame(), quotes)
    assert pdf[:5] == b"%PDF-"
    assert b"/Type /Page" in pdf or b"/Type/Page" in pdf


def test_pdf_without_a_browser_raises_a_clear_error(monkeypatch, quotes):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(export.ExportUnavailable):
        export.briefing_pdf([], {}, pd.DataFrame(), pd.DataFrame(), quotes)


def test_briefing_lists_the_tags_and_notes_of_what_it_covers_as_text():
    empty = pd.DataFrame()
    noted = pd.DataFrame({
        "what": ["actor", "article"], "which": ["Lena Marsh", "a1"], "title": ["Lena Marsh", "Port <closed>"],
        "date": pd.to_datetime([None, "2024-12-02"]), "tags": [["watch"], ["port", "<i>odd</i>"]],
        "notes": [[{"text": "Met in March.\n<script>alert(1)</script>", "written_by": "ana",
                    "written_at": pd.Timestamp("2026-01-02 10:00")}], []]})
    page = export.briefing_html([], {}, empty, empty, empty, annotations=noted).decode("utf-8")
    section = page.split("<h2>Tags and notes</h2>", 1)[1]
    assert "Actor: <b>Lena Marsh</b>" in section and "Article: <b>Port &lt;closed&gt;</b> · 2024-12-02" in section
    assert "<span>watch</span>" in section and "<span>&lt;i&gt;odd&lt;/i&gt;</span>" in section
    assert "Met in March.<br>&lt;script&gt;alert(1)&lt;/script&gt;" in section and "<script>alert" not in page
    assert "— ana, 2026-01-02" in section
    none = export.briefing_html([], {}, empty, empty, empty, annotations=empty).decode("utf-8")
    assert "No tags or notes on the actors and articles of this briefing." in none
    assert "Tags and notes" not in export.briefing_html([], {}, empty, empty, empty).decode("utf-8")
