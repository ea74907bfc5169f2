"""Site names come off titles only when they are the page's own site name; the headline is
recognised as a body's first line through case, punctuation and spacing."""
from __future__ import annotations

import pytest

from components.ingest.titles import domain_name, same_headline, site_keys, strip_site_name


@pytest.mark.parametrize("title, names, expected", [
    ("Storm hits coast | Example News", ["Example News"], "Storm hits coast"),
    ("Storm hits coast - The Example Times", ["The Example Times"], "Storm hits coast"),
    ("Example News: Storm hits coast", ["https://www.examplenews.com/2024/03/05/storm"], "Storm hits coast"),
    ("Storm hits coast — examplenews.com", ["examplenews.com"], "Storm hits coast"),
    ("Storm hits coast | Midland Courier", ["https://www.midland-courier.co.uk/x"], "Storm hits coast"),
    ("Storm hits coast - BBC News", ["https://www.bbc.co.uk/news/uk-1"], "Storm hits coast"),
    ("Storm hits coast - Weather - Example News", ["Example News"], "Storm hits coast - Weather"),
    # not the site's name: kept
    ("Anti-war march - a view from the square", ["Riverside Post"], "Anti-war march - a view from the square"),
    ("Anti-war march - a view from the square | Riverside Post", ["Riverside Post"],
     "Anti-war march - a view from the square"),
    ("Storm hits coast | Example News", ["The Example Times"], "Storm hits coast | Example News"),
    ("Storm hits coast | Example News", [], "Storm hits coast | Example News"),
    ("Reuters: Oil prices rise", ["Example News"], "Reuters: Oil prices rise"),
    ("Example News", ["Example News"], "Example News"),  # never the whole title
    ("Example News | Example News", ["Example News"], "Example News"),
])
def test_site_names_are_stripped_only_when_they_are_the_pages_own(title, names, expected):
    keys = site_keys([domain_name(n) if n.startswith("http") else n for n in names])
    assert strip_site_name(title, keys) == expected


@pytest.mark.parametrize("url, name", [
    ("https://www.example-news.co.uk/a/b", "example-news"),
    ("https://edition.cnn.com/2024/01/02/x", "cnn"),
    ("http://localhost/x", "localhost"),
    ("", None),
    (None, None),
])
def test_domain_name(url, name):
    assert domain_name(url) == name


@pytest.mark.parametrize("line, title, same", [
    ("STORM HITS COAST", "Storm hits coast", True),
    ("Storm hits coast, cutting power.", "Storm Hits Coast, Cutting Power", True),
    ("Storm  hits\tcoast", "Storm hits coast", True),
    ("Storm hits coast again", "Storm hits coast", False),
    ("", "Storm", False),
])
def test_same_headline(line, title, same):
    assert same_headline(line, title) is same


@pytest.mark.parametrize("title, expected", [
    ("&#163;1.8m indecency fine for Viacom", "£1.8m indecency fine for Viacom"),
    ("Fish &amp; chips &#x2014; a history", "Fish & chips — a history"),
    ("AT&T and R&D; budgets", "AT&T and R&D; budgets"),      # no reference: as written
    ("Caf&eacute; owners &quot;angry&quot;", 'Café owners "angry"'),
    ("Plain title", "Plain title"),
])
def test_html_character_references_in_a_title_are_decoded(title, expected):
    from components.ingest.titles import decode_references

    assert decode_references(title) == expected


def test_a_json_record_title_with_character_references_reads_as_a_browser_shows_it():
    from components.ingest.structured import read_jsonl

    (article,) = read_jsonl('{"title": "Tottenham bid &#163;8m for Forest duo", "text": "Spurs bid."}', "a.jsonl")
    assert article.title == "Tottenham bid £8m for Forest duo"
