"""News in IPTC's XML formats: stories in NITF (<nitf>), as agencies deliver them and archives keep
them (a tar of one .xml per story), and items in NewsML-G2 (<newsItem>, <newsMessage>), the
agencies' wire format: the text, headline, date, source, dateline and id from the elements each
format defines. The files are written by hand after NITF 3.x's and NewsML-G2's elements. No model,
no network."""
from __future__ import annotations

import io
import socket
import tarfile

from hypothesis import given, settings
from hypothesis import strategies as st

from components.ingest import read_paths, read_uploads
from components.records import Article, Problem
from tests.components.ingest.reading import articles_and_problems

STORY = "The harbour board voted on Tuesday to extend the night ferry service, its chair said."
ARCHIVED = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nitf SYSTEM "http://www.nitf.org/IPTC/NITF/3.3/specification/dtd/nitf-3-3.dtd">
<nitf change.date="June 10, 2005" change.time="19:30" version="-//IPTC//DTD NITF 3.3//EN">
<head><title>FERRY SERVICE EXTENDED</title>
<docdata><doc-id id-string="1837465"/><doc.copyright holder="The Harbour Times" year="1995"/></docdata>
<pubdata date.publication="19950307T000000" ex-ref="http://example.com/1995/03/07/ferry.html" name="The Harbour Times" unit-of-measure="word"/>
</head>
<body><body.head><hedline><hl1>Ferry Service Extended</hl1></hedline><byline class="print_byline">By ANNA BERG</byline>
<dateline>OSLO, March 6</dateline></body.head>
<body.content>
<block class="lead_paragraph"><p>{STORY}</p></block>
<block class="full_text"><p>{STORY}</p><p>&#8220;We listened,&#8221; the chair said.</p></block>
</body.content></body></nitf>"""
AGENCY = f"""<?xml version="1.0" encoding="UTF-8"?>
<nitf><head><docdata><date.issue norm="20240305T081500Z"/><doc.copyright holder="Example Wire"/></docdata></head>
<body><body.head><hedline><hl1>Ferry vote</hl1></hedline>
<dateline><location><city>BERGEN</city><country>Norway</country></location></dateline></body.head>
<body.content><p>{STORY}</p><p>The vote passed by seven to two.</p></body.content></body></nitf>"""


def test_an_archived_story_reads_its_full_text_once_with_its_fields(tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the story's DTD was fetched")

    monkeypatch.setattr(socket.socket, "connect", no_network)  # (its DOCTYPE names a DTD on the web)
    path = tmp_path / "1837465.xml"
    path.write_text(ARCHIVED, encoding="utf-8")
    (article,), problems = articles_and_problems(read_paths(path))
    assert article.text == f"{STORY}\n\n\u201cWe listened,\u201d the chair said."  # the lead paragraph not twice
    assert (article.title, article.date, article.source, article.dateline, article.source_id, article.url) == (
        "Ferry Service Extended", "1995-03-07", "The Harbour Times", ("Oslo",), "1837465",
        "http://example.com/1995/03/07/ferry.html")
    assert problems == []


def test_an_agency_story_reads_its_issue_date_copyright_holder_and_located_dateline():
    (article,), problems = articles_and_problems(read_uploads([("wire.xml", AGENCY.encode())]))
    assert (article.title, article.date, article.source, article.dateline) == (
        "Ferry vote", "2024-03-05", "Example Wire", ("Bergen", "Norway"))
    assert article.text == f"{STORY}\n\nThe vote passed by seven to two." and problems == []


def test_an_archive_of_stories_reads_one_article_per_file(tmp_path):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        for name, xml in (("1995/03/07/1837465.xml", ARCHIVED), ("1995/03/07/1837466.xml", AGENCY),
                          ("1995/03/07/empty.xml", "<nitf><body><body.content/></body></nitf>")):
            data = xml.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    path = tmp_path / "1995-03.tgz"
    path.write_bytes(buf.getvalue())
    articles, problems = articles_and_problems(read_paths(path))
    assert [a.origin for a in articles] == [f"{path}!1995/03/07/1837465.xml", f"{path}!1995/03/07/1837466.xml"]
    assert [(p.origin, p.reason) for p in problems] == [
        (f"{path}!1995/03/07/empty.xml", "a NITF story without text (no <p> in its body.content)")]


def test_a_date_nitf_gives_that_cannot_be_used_is_named():
    xml = AGENCY.replace('norm="20240305T081500Z"', 'norm="99991231T000000"')
    (article,), (problem,) = articles_and_problems(read_uploads([("far.xml", xml.encode())]))
    assert article.date is None and "outside 1800" in problem.reason


@settings(max_examples=60, deadline=None)
@given(paragraphs=st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40), max_size=4),
       norm=st.text(max_size=20), cut=st.one_of(st.none(), st.integers(0, 400)))
def test_whatever_a_nitf_story_holds_it_gives_an_article_or_named_problems(paragraphs, norm, cut):
    from xml.sax.saxutils import escape, quoteattr

    xml = ("<nitf><head><docdata><date.issue norm=" + quoteattr(norm) + "/></docdata></head><body><body.content>"
           + "".join(f"<p>{escape(p)}</p>" for p in paragraphs) + "</body.content></body></nitf>").encode()
    items = list(read_uploads([("s.xml", xml if cut is None else xml[:cut])]))  # never raises
    assert items and all(isinstance(i, (Article, Problem)) for i in items)
    assert all(i.text.strip() for i in items if isinstance(i, Article))


NEWSML = f"""<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
<header><sent>2024-03-05T08:20:00Z</sent></header>
<itemSet>
<newsItem guid="urn:newsml:wire.example.org:20240305:ferry1" version="1" standard="NewsML-G2" standardversion="2.29">
<itemMeta><itemClass qcode="ninat:text"/><provider literal="EXW"><name>Example Wire</name></provider>
<versionCreated>2024-03-05T08:15:00Z</versionCreated></itemMeta>
<contentMeta><contentCreated>2024-03-04T22:10:00Z</contentCreated><headline>Ferry vote passes</headline>
<dateline>BERGEN, March 4 (Example Wire)</dateline></contentMeta>
<contentSet><inlineXML contenttype="application/nitf+xml"><nitf xmlns="http://iptc.org/std/NITF/2006-10-18/">
<body><body.content><p>{STORY}</p><p>The vote passed by seven to two.</p></body.content></body></nitf></inlineXML></contentSet>
</newsItem>
<newsItem guid="urn:newsml:wire.example.org:20240305:rates1">
<itemMeta><provider literal="EXW"/><firstCreated>2024-03-05T07:00:00Z</firstCreated></itemMeta>
<contentMeta><headline>Rates held</headline><located><name>Nairobi</name></located></contentMeta>
<contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>
<h1>Rates held</h1><p>The central bank held rates on Monday, its governor said.</p></body></html></inlineXML></contentSet>
</newsItem>
<newsItem guid="urn:newsml:wire.example.org:20240305:plain1">
<contentMeta><headline>Plain</headline></contentMeta>
<contentSet><inlineData contenttype="text/plain">Voters in Lyon went to the polls on Sunday.

Turnout was high.</inlineData></contentSet>
</newsItem>
<newsItem guid="urn:newsml:wire.example.org:20240305:photo1"><contentSet><remoteContent href="photo.jpg"/></contentSet></newsItem>
</itemSet></newsMessage>"""


def test_a_newsml_message_gives_one_article_per_item_with_its_fields():
    articles, problems = articles_and_problems(read_uploads([("wire.xml", NEWSML.encode())]))
    ferry, rates, plain = articles
    assert (ferry.title, ferry.date, ferry.source, ferry.dateline, ferry.source_id, ferry.origin) == (
        "Ferry vote passes", "2024-03-04", "Example Wire", ("Bergen",), "urn:newsml:wire.example.org:20240305:ferry1",
        "upload:wire.xml#1")
    assert ferry.text == f"{STORY}\n\nThe vote passed by seven to two."
    assert (rates.title, rates.date, rates.source, rates.dateline) == ("Rates held", "2024-03-05", "EXW", ("Nairobi",))
    assert rates.text == "The central bank held rates on Monday, its governor said."  # (its <h1> is no paragraph)
    assert plain.text == "Voters in Lyon went to the polls on Sunday.\n\nTurnout was high." and plain.source is None
    assert [(p.origin, p.reason) for p in problems] == [
        ("upload:wire.xml#4", "a NewsML-G2 item without text (no inline content in its contentSet)")]


def test_a_single_newsml_item_is_named_by_its_file():
    item = NEWSML.split("<itemSet>")[1].split("</newsItem>")[0] + "</newsItem>"
    (article,), problems = articles_and_problems(read_uploads([("one.xml", item.encode())]))
    assert article.origin == "upload:one.xml" and article.title == "Ferry vote passes" and problems == []
