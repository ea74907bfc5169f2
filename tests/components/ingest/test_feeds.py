"""News feeds (RSS 2.0, RSS 1.0, Atom) saved as .rss, .atom or .xml: one article per item, its
HTML turned into paragraphs, the feed's own title its source; a broken, hostile or foreign XML file
named with its reason. No model, no network."""
from __future__ import annotations

import socket

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.ingest import read_paths, read_uploads
from components.ingest.feeds import NOT_A_FEED, html_text
from components.ingest.formats import format_of, read_document
from components.records import Article, Problem
from tests.components.ingest.reading import articles_and_problems

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour News</title><link>https://news.example.com</link>
<item><title>Port reopens after storm | Harbour News</title><link>https://news.example.com/2024/12/02/port</link>
<guid isPermaLink="false">https://news.example.com/?p=123</guid><pubDate>Mon, 02 Dec 2024 10:15:00 +0000</pubDate>
<description><![CDATA[<p>The port reopened on Monday&#8230;</p>]]></description>
<content:encoded><![CDATA[<p>OSLO (Reuters) - The port reopened on Monday after a storm closed it for a week, the harbour master said.</p>
<p>&#8220;Ships are moving again,&#8221; she told reporters at the caf&eacute; by the quay.<script>alert("x")</script></p>
<p>The post <a href="https://news.example.com/port">Port reopens after storm</a> appeared first on <a href="https://news.example.com">Harbour News</a>.</p>]]></content:encoded>
</item>
<item><title>Fees</title><link>https://news.example.com/fees</link><pubDate>Thu, 01 Jan 1970 00:00:00 +0000</pubDate>
<description>Port fees rose by a tenth in a year, the council said on &lt;b&gt;Friday&lt;/b&gt;.</description></item>
<item><title>Photo of the day</title><description></description></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Wire</title>
<entry><title type="html">Minister resigns</title><link rel="alternate" href="https://wire.example.org/a/1"/>
<link rel="edit" href="https://wire.example.org/edit/1"/><id>urn:uuid:1</id>
<published>2024-03-05T08:00:00Z</published><updated>2024-03-06T08:00:00Z</updated><summary>Short.</summary>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The minister, Jon Dahl, resigned in Bergen on Tuesday.</p><p>He said he was tired.</p></div></content>
</entry>
<entry><title>Polls</title><link href="https://wire.example.org/a/2"/><updated>2024-03-07</updated>
<content type="text">Voters in Lyon went to the polls on Sunday.</content></entry>
</feed>"""
RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://old.example.net/"><title>Old Site</title></channel>
<item rdf:about="https://old.example.net/1"><title>Bridge opens</title><link>https://old.example.net/1</link>
<description>The bridge over the river opened in Porto on Saturday.</description><dc:date>2003-05-10</dc:date></item>
</rdf:RDF>"""



@pytest.mark.parametrize("name, fmt", [("feed.rss", "feed"), ("Feed.ATOM", "feed"), ("export.xml", "feed"),
                                       ("feed.xml.gz", "gz:feed"), ("page.html", "html")])
def test_feeds_are_known_by_their_extension(name, fmt):
    assert format_of(name) == fmt


def test_an_rss_feed_gives_one_article_per_item_with_its_fields(tmp_path):
    path = tmp_path / "harbour.rss"
    path.write_text(RSS, encoding="utf-8")
    articles, problems = articles_and_problems(read_paths(path))
    port, fees = articles
    assert port.title == "Port reopens after storm"  # the site's name off the title
    assert port.text == ("The port reopened on Monday after a storm closed it for a week, the harbour master said."
                         "\n\n\u201cShips are moving again,\u201d she told reporters at the caf\u00e9 by the quay.")
    assert port.date == "2024-12-02" and port.source == "Harbour News" and port.dateline == ("Oslo",)
    assert port.url == "https://news.example.com/2024/12/02/port" and port.source_id == "https://news.example.com/?p=123"
    assert port.origin == f"{path}#1" and fees.origin == f"{path}#2"
    assert fees.text == "Port fees rose by a tenth in a year, the council said on Friday." and fees.date is None
    reasons = {p.origin: p.reason for p in problems}
    assert "placeholder for a missing date" in reasons[f"{path}#2"]
    assert reasons[f"{path}#3"] == "a feed item without text"
    assert reasons[str(path)].startswith("1 of its 3 items give a description but no full content")  # (item 2)
    assert not any("alert" in a.text or "appeared first" in a.text for a in articles)


def test_atom_and_rss_1_feeds_read_the_same_way():
    articles, problems = articles_and_problems(read_uploads([("wire.atom", ATOM.encode()), ("old.xml", RDF.encode("latin-1"))]))
    minister, polls, bridge = articles
    assert (minister.title, minister.url, minister.date, minister.source, minister.source_id) == (
        "Minister resigns", "https://wire.example.org/a/1", "2024-03-05", "Example Wire", "urn:uuid:1")
    assert minister.text == "The minister, Jon Dahl, resigned in Bergen on Tuesday.\n\nHe said he was tired."
    assert polls.text == "Voters in Lyon went to the polls on Sunday." and polls.date == "2024-03-07"
    assert (bridge.source, bridge.date, bridge.origin) == ("Old Site", "2003-05-10", "upload:old.xml#1")
    (summary,) = problems  # (the RSS 1.0 item gives a description alone)
    assert summary.origin == "upload:old.xml" and summary.reason.startswith("1 of its 1 items give a description")


def test_broken_foreign_and_hostile_xml_is_named_and_nothing_is_fetched(tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("a feed was read through the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    files = {
        "cut.rss": "<rss><channel><title>AT&T News</title><item><title>Q&A</title><description>Rates rose &"
                   " fell in Paris on Monday.</description></item><item><title>cut",
        "sitemap.xml": '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url/></urlset>',
        "bomb.rss": ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
                     f'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY x SYSTEM "file://{secret}">'
                     '<!ENTITY w SYSTEM "http://example.com/x">]>'
                     "<rss><channel><title>T</title><item><description>&c; &x; &w; The story.</description></item></channel></rss>"),
        "notes.xml": "just some words, not XML at all",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    articles, problems = articles_and_problems(read_paths([tmp_path / n for n in files]))
    reasons: dict[str, list[str]] = {}
    for p in problems:
        reasons.setdefault(p.origin.rsplit("/", 1)[-1], []).append(p.reason)
    cut = [a for a in articles if "cut.rss" in a.origin]
    assert [(a.title, a.source, a.text) for a in cut] == [("Q&A", "AT&T News", "Rates rose & fell in Paris on Monday.")]
    assert reasons["cut.rss"][0].startswith("not well-formed XML") and reasons["cut.rss#2"] == ["a feed item without text"]
    assert reasons["sitemap.xml"] == [NOT_A_FEED + ": its root is <urlset>"]
    assert reasons["notes.xml"][0].startswith(NOT_A_FEED)
    (bomb,) = [a for a in articles if "bomb.rss" in a.origin]
    assert "TOP SECRET" not in bomb.text and "aaaaaaaaaa" not in bomb.text and "The story." in bomb.text


@pytest.mark.parametrize("markup, text", [
    ("<p>One.</p><p>Two <b>bold</b> words.</p>", "One.\n\nTwo bold words."),
    ("Line one<br>line two", "Line one\n\nline two"),
    ("<div><script>var x = 1;</script><style>p {}</style>Kept &amp; decoded &#233;</div>", "Kept & decoded \u00e9"),
    ("plain text &amp; a reference", "plain text & a reference"),
    ("<ul><li>First</li><li>Second</li></ul>", "First\n\nSecond"),
    ("", ""),
])
def test_feed_html_becomes_paragraphs_of_text(markup, text):
    assert html_text(markup) == text


@settings(max_examples=150, deadline=None)
@given(data=st.one_of(st.binary(max_size=400),
                      st.builds(lambda t, d: f"<rss><channel><title>{t}</title><item><description>{d}</description>"
                                             "</item></channel></rss>".encode("utf-8", "surrogatepass"),
                                st.text(max_size=40), st.text(max_size=80))))
def test_whatever_a_feed_file_holds_it_gives_articles_or_named_problems(data):
    items = list(read_document(data, "f.rss", "feed"))  # never raises
    assert items and all(isinstance(i, (Article, Problem)) for i in items)
    for item in items:
        if isinstance(item, Article):
            assert item.text.strip() and item.origin.startswith("f.rss#")
        else:
            assert item.origin.startswith("f.rss") and item.reason
