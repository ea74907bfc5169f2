"""News in IPTC's XML formats, as news agencies deliver it and archives keep it: stories in NITF
(the News Industry Text Format, ``<nitf>``; The New York Times Annotated Corpus is a tar of NITF
files, one per story) and items in NewsML-G2 (``<newsItem>``, or several in a ``<newsMessage>``:
the agencies' current wire format). An ``.xml`` file with either root is handed here by
:func:`components.ingest.feeds.read_feed`, already parsed.

NITF (IPTC's NITF 3.x elements): the text is ``body.content``'s paragraphs (``<p>``, in
``<block>``s or not), one per line pair; when its blocks are classed, only the ``full_text`` block
is read (a ``lead_paragraph`` block repeats the story's opening). The title is ``hedline/hl1``,
else ``head/title``; the date is ``pubdata``'s ``date.publication``, else ``docdata/date.issue``'s
``norm`` (ISO 8601 basic: ``20240305T120000Z``); the source is ``pubdata``'s ``name``, else
``doc.copyright``'s ``holder``; the dateline's places are ``body.head/dateline/location`` (or the
dateline's words before its first comma); the ``doc-id`` is the ``source_id``; the URL is
``pubdata``'s ``ex-ref`` when it is one.

NewsML-G2 (one article per ``newsItem``): the text is its ``contentSet``'s first inline content
that has some: a NITF story's (read as above), an XHTML body's paragraphs, or plain
``inlineData``. The title is ``contentMeta/headline`` (else the NITF's), the date
``contentCreated``, else ``firstCreated`` or ``versionCreated``; the source the ``provider``
(its name, else its ``literal``); the dateline ``contentMeta/dateline`` (its words before the
first comma) or ``located/name``; the ``source_id`` the item's ``guid``.
"""
from __future__ import annotations

from typing import Iterator

from ..datelines import place_name, places_before_comma
from ..records import Article, Problem
from .dates import read_date
from .safe_xml import local_name, text_of

#: The class of the block that holds a story's whole text, when its blocks are classed (the New
#: York Times Annotated Corpus: "lead_paragraph", "online_lead_paragraph", "full_text").
FULL_TEXT = "full_text"
#: Where a NewsML-G2 item's date is, first found first.
CREATED = ("contentCreated", "firstCreated", "versionCreated")


def read_nitf(root, origin: str) -> Iterator[Article | Problem]:
    """Yield the article of the parsed NITF story ``root`` (an lxml element named ``nitf``), then
    a Problem for a date it gives that cannot be used; only a Problem when it has no text."""
    text = _nitf_text(root)
    if not text:
        yield Problem(origin, "a NITF story without text (no <p> in its body.content)")
        return
    pubdata, docdata = _first(root, "pubdata"), _first(root, "docdata")
    date, problem = read_date(_attribute(pubdata, "date.publication")
                              or _attribute(_first(docdata, "date.issue"), "norm"))
    url = _attribute(pubdata, "ex-ref")
    yield Article.from_text(
        text, date=date, title=text_of(_first(root, "hl1")) or text_of(_first(root, "title")),
        source=_attribute(pubdata, "name") or _attribute(_first(docdata, "doc.copyright"), "holder"),
        dateline=_dateline_places(_first(root, "dateline")), origin=origin,
        url=url if url and url.startswith(("http://", "https://")) else None,
        source_id=_attribute(_first(docdata, "doc-id"), "id-string"))
    if problem:
        yield Problem(origin, problem)


def read_newsml(root, origin: str) -> Iterator[Article | Problem]:
    """Yield an article per ``newsItem`` of the parsed NewsML-G2 document ``root`` (a
    ``newsItem`` or a ``newsMessage``), each then followed by a Problem for a date it gives that
    cannot be used; a Problem for an item without text (``origin#N`` when there are several)."""
    items = [el for el in root.iter() if local_name(el) == "newsItem"]
    if not items:
        yield Problem(origin, "a NewsML-G2 message without news items")
    for i, item in enumerate(items, start=1):
        yield from _news_item(item, origin if len(items) == 1 else f"{origin}#{i}")


def _news_item(item, origin: str) -> Iterator[Article | Problem]:
    inline = [el for el in item.iter() if local_name(el) in ("inlineXML", "inlineData")]
    text = next((t for t in map(_inline_text, inline) if t), "")
    if not text:
        yield Problem(origin, "a NewsML-G2 item without text (no inline content in its contentSet)")
        return
    meta, provider = _first(item, "contentMeta"), _first(item, "provider")
    story = next((s for s in (_first(el, "nitf") for el in inline) if s is not None), None)
    date, problem = read_date(next((d for d in (text_of(_first(item, n)) for n in CREATED) if d), None))
    yield Article.from_text(
        text, date=date, origin=origin, source_id=item.get("guid"),
        title=text_of(_first(meta, "headline")) or text_of(_first(story, "hl1")),
        source=text_of(_first(provider, "name")) or _attribute(provider, "literal"),
        dateline=_item_dateline(meta))
    if problem:
        yield Problem(origin, problem)


def _item_dateline(meta) -> tuple[str, ...]:
    """The places of a NewsML-G2 item's ``contentMeta``: its ``dateline``'s, else its ``located``
    place's name."""
    name = text_of(_first(_first(meta, "located"), "name"))
    return _dateline_places(_first(meta, "dateline")) or ((place_name(name),) if name else ())


def _inline_text(el) -> str:
    """The text of a NewsML-G2 ``inlineXML`` (a NITF story, or XHTML paragraphs) or ``inlineData``
    (plain text) element."""
    if local_name(el) == "inlineData":
        return "\n\n".join(" ".join(p.split()) for p in (el.text or "").split("\n\n") if p.strip())
    story = _first(el, "nitf")
    return _nitf_text(story) if story is not None else _paragraphs([el])


def _nitf_text(root) -> str:
    """A NITF story's text: ``body.content``'s paragraphs (its ``full_text`` block's alone when
    its blocks are classed), separated by a blank line."""
    content = _first(root, "body.content")
    blocks = [b for b in content.iter() if local_name(b) == "block"] if content is not None else []
    full = [b for b in blocks if (b.get("class") or "") == FULL_TEXT]
    return _paragraphs(full or ([content] if content is not None else []))


def _paragraphs(parts) -> str:
    """The ``<p>`` elements' text within ``parts``, spaces collapsed, separated by a blank line."""
    paragraphs = (" ".join("".join(p.itertext()).split()) for part in parts for p in part.iter() if local_name(p) == "p")
    return "\n\n".join(p for p in paragraphs if p)


def _first(el, name: str):
    """The first element named ``name`` (any namespace) within ``el`` (itself included), or None
    (also for no ``el``)."""
    return next((c for c in el.iter() if local_name(c) == name), None) if el is not None else None


def _attribute(el, name: str) -> str | None:
    """The attribute ``name`` of the element ``el``, or None (also for no ``el``)."""
    return el.get(name) if el is not None else None


def _dateline_places(el) -> tuple[str, ...]:
    """The places of a NITF dateline: its ``location``'s city, state and country, else its words
    before the first comma ("LONDON, Jan. 1" → London)."""
    if el is None:
        return ()
    location = _first(el, "location")
    if location is not None:
        parts = [text_of(c) for c in location.iter() if local_name(c) in ("city", "state", "region", "country")]
        found = tuple(place_name(p) for p in parts if p)
        if found:
            return found
    return places_before_comma(text_of(el) or "")
