"""Clean pages end to end: realistic news pages of our own (tests/components/ingest/pages/: nav,
header, footer, newsletter box, related links, app and social prompts, shortcodes, a story held
three times) come out as the story alone, with the title free of the site's name, the headline not
repeated, and the date from the page's metadata before its canonical URL. Plain text gets the
same line cleaning; JSON keeps its text verbatim."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from components import corpus
from components.ingest import read_paths
from components.ingest.dates import date_in_url, page_date
from components.ingest.formats import read_document
from components.ingest.webpages import read_html
from components.records import Article
from components.store import Store

PAGES = Path(__file__).parent / "pages"


def page(name: str) -> Article:
    article = read_html((PAGES / name).read_bytes(), name)
    assert isinstance(article, Article), article
    return article


def test_wordpress_page_keeps_its_story_and_loses_its_furniture():
    article = page("storm_wordpress.html")
    assert article.text.split("\n") == [
        "A powerful storm swept along the coast overnight, bringing down power lines and leaving about 14,000 "
        "homes without electricity by Tuesday morning.",
        "The regional grid operator said engineers had been sent to the worst affected villages and that most "
        "customers should be reconnected by the evening.",
        "Councillor Idris Pembroke said the harbour wall had held, but warned that the town could not rely on luck "
        "every winter. \"We have to finish the new defences before the next storm season,\" he said.",
        "Schools in three villages stayed closed, and the coastal road between the harbour and the lighthouse was "
        "shut after a section of the sea wall collapsed.",
        "The council's own newsletter, delivered to 9,000 households in January, had warned residents that the sea "
        "wall needed urgent repairs.",
        "Forecasters expect the wind to ease on Wednesday, although another band of heavy rain is due at the weekend.",
    ]
    assert article.title == "Storm Hits Coast, Cutting Power to Thousands"
    assert (article.source, article.date) == ("Harbourside Gazette", "2024-03-05")


def test_a_story_held_three_times_is_kept_once_and_metadata_dates_beat_the_url():
    article = page("budget_repeated.html")
    assert article.text.count("Councillors approved the city's annual budget") == 1
    assert article.text.endswith("The budget passed by 31 votes to 24, with two abstentions.")
    assert not article.text.startswith("Council approves budget")  # the headline, not repeated
    assert article.title == "Council approves budget after late-night vote"
    assert article.date == "2024-06-10"  # article:published_time, not the URL's 2024/06/09


def test_promotions_credits_and_a_leading_site_name_go_and_a_quote_about_a_newsletter_stays():
    article = page("minister_app_promo.html")
    assert article.title == "Transport minister resigns over rail contract"
    lines = article.text.split("\n")
    assert lines[0].startswith("The transport minister resigned on Tuesday")  # caps headline dropped
    assert len(lines) == 4
    assert any("in a newsletter from a lobbying firm" in line for line in lines)
    for gone in ("Photo:", "Download our app", "ADVERTISEMENT", "See also", "Follow us"):
        assert gone not in article.text
    assert article.date == "2024-03-05"  # from the canonical URL's /20240305/


def test_a_title_that_merely_contains_a_dash_is_kept_whole():
    article = page("protest_dash_title.html")
    assert article.title == "Anti-war march - a view from the square"
    assert article.source == "Riverside Post"
    assert len(article.text.split("\n")) == 4


def test_a_page_of_nothing_but_furniture_is_a_problem():
    html = ("<html><head><title>x</title></head><body><article><p>Sign up for our newsletter</p>"
            "<p>Advertisement</p><p>Share this article</p></article></body></html>").encode()
    problem = read_html(html, "p.html")
    assert not isinstance(problem, Article)
    assert "boilerplate" in problem.reason or "no article text" in problem.reason


@pytest.mark.parametrize("url, day", [
    ("https://example.com/2024/03/05/storm/", "2024-03-05"),
    ("https://example.com/news/20240305/storm", "2024-03-05"),
    ("https://example.com/storm-2024-03-05", "2024-03-05"),
    ("https://example.com/world/storm-hits-coast", None),
    ("https://example.com/2024/13/45/storm", None),      # impossible
    ("https://example.com/1850/01/02/archive", None),    # before 1900
    ("https://example.com/2024/03/05/a/2024/04/01/b", None),  # two dates that disagree
    ("https://example.com/a/12345678", None),
    (None, None),
])
def test_dates_in_urls(url, day):
    assert date_in_url(url, today=dt.date(2024, 12, 31)) == day


def test_page_dates_stop_at_tomorrow_and_start_in_1900():
    today = dt.date(2024, 6, 1)
    assert page_date("2024-06-02", today=today) == "2024-06-02"
    assert page_date("2024-06-03", today=today) is None
    assert page_date("1899-12-31", today=today) is None
    assert page_date("1900-01-02", today=today) == "1900-01-02"
    assert page_date("1900-01-01", today=today) is None  # (a placeholder: see the dates tests)


def test_plain_text_gets_the_same_line_cleaning(tmp_path):
    body = ("Rain closed the coastal road on Monday, the police said.\n\nAdvertisement\n\n"
            "Sign up for our newsletter to get the top stories in your inbox.\n\n"
            "The road reopened on Tuesday morning.")
    (article,) = read_document(body.encode(), "a.txt", "text")
    assert article.text == "Rain closed the coastal road on Monday, the police said.\n\nThe road reopened on Tuesday morning."


def test_json_text_is_kept_verbatim():
    body = "Rain closed the road.\nAdvertisement\nThe road reopened."
    (article,) = read_document(json.dumps([{"text": body}]).encode(), "a.json", "json")
    assert article.text == body


def test_reading_the_pages_twice_gives_the_same_ids():
    first = [a.id for a in read_paths(PAGES) if isinstance(a, Article)]
    assert len(first) == 4
    assert [a.id for a in read_paths(PAGES) if isinstance(a, Article)] == first


def test_reingesting_the_pages_into_a_store_adds_nothing(tmp_path, nlp):
    folder = tmp_path / "pages"
    shutil.copytree(PAGES, folder)
    store = Store(tmp_path / "s.duckdb")
    assert corpus.ingest([folder], store=store, nlp=nlp).added == 4
    again = corpus.ingest([folder], store=store, nlp=nlp)
    assert (again.added, again.reextracted, again.unchanged) == (0, 0, 4)
    assert store.summary()["articles"] == 4


def test_json_titles_lose_the_records_own_site_name():
    records = [{"text": "Rain closed the road.", "title": "Rain closes road | Harbour News", "source": "Harbour News"},
               {"text": "Snow fell.", "title": "Snow falls - Example Times", "url": "https://exampletimes.com/x"},
               {"text": "Hail fell.", "title": "Hail - a short history", "source": "Harbour News"}]
    titles = [a.title for a in read_document(json.dumps(records).encode(), "a.json", "json")]
    assert titles == ["Rain closes road", "Snow falls", "Hail - a short history"]


def test_plain_text_keeps_its_repeated_paragraphs():
    paragraph = "The harbour wall held through the night, engineers said, though the waves broke over it for hours."
    body = "\n\n".join([paragraph, "Crews checked it at dawn.", paragraph])
    (article,) = read_document(body.encode(), "a.txt", "text")
    assert article.text == body
