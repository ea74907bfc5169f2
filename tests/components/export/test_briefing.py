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
