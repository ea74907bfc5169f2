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

from ..datelines import place_name
from ..records import Article, Problem
from .dates import read_date
from .safe_xml import local_name

#: The class of the block that holds a story's whole text, when its blocks are classed (the New
#: York Times Annotated Corpus: "lead_paragraph", "online_lead_paragraph", "full_text").
FULL_TEXT = "full_text"


def read_nitf(root, origin: str) -> Iterator[Article | Problem]:
    """Yield the article of the parsed NITF story ``root`` (an lxml element named ``nitf``), then
    a Problem for a date it gives that cannot be used; only a Problem when it has no text."""
    text = _nitf_text(root)
    if not text:
        yield Problem(origin, "a NITF story without text (no <p> in its body.content)")
        return
    pubdata, docdata = _first(root, "pubdata"), _first(root, "docdata")
    issue = _first(docdata, "date.issue") if docdata is not None else None
    dated = (pubdata.get("date.publication") if pubdata is not None else None) or (
        issue.get("norm") if issue is not None else None)
    date, problem = read_date(_iso_basic(dated)) if dated else (None, None)
    copyright_ = _first(docdata, "doc.copyright") if docdata is not None else None
    doc_id = _first(docdata, "doc-id") if docdata is not None else None
    url = pubdata.get("ex-ref") if pubdata is not None else None
    yield Article.from_text(
        text, date=date, title=_words(_first(root, "hl1")) or _words(_first(root, "title")),
        source=(pubdata.get("name") if pubdata is not None else None)
        or (copyright_.get("holder") if copyright_ is not None else None),
        dateline=_dateline_places(_first(root, "dateline")), origin=origin,
        url=url if url and url.startswith(("http://", "https://")) else None,
        source_id=doc_id.get("id-string") if doc_id is not None else None)
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
    story = next((n for n in (_first(el, "nitf") for el in item.iter() if local_name(el) == "inlineXML")
                  if n is not None), None)
    text = next((t for t in (_inline_text(el) for el in item.iter()
                             if local_name(el) in ("inlineXML", "inlineData")) if t), "")
    if not text:
        yield Problem(origin, "a NewsML-G2 item without text (no inline content in its contentSet)")
        return
    meta = _first(item, "contentMeta")
    dated = next((d for d in (_words(_first(item, n)) for n in ("contentCreated", "firstCreated", "versionCreated"))
                  if d), None)
    date, problem = read_date(dated) if dated else (None, None)
    provider = _first(item, "provider")
    yield Article.from_text(
        text, date=date, origin=origin, source_id=item.get("guid"),
        title=(_words(_first(meta, "headline")) if meta is not None else None)
        or (_words(_first(story, "hl1")) if story is not None else None),
        source=(_words(_first(provider, "name")) or provider.get("literal")) if provider is not None else None,
        dateline=_item_dateline(meta))
    if problem:
        yield Problem(origin, problem)


def _item_dateline(meta) -> tuple[str, ...]:
    """The places of a NewsML-G2 item's ``contentMeta``: its ``dateline``'s, else its ``located``
    place's name."""
    if meta is None:
        return ()
    located = _first(meta, "located")
    name = _words(_first(located, "name")) if located is not None else None
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
    """The first element named ``name`` (any namespace) within ``el``, or None."""
    return next((c for c in el.iter() if local_name(c) == name), None)


def _words(el) -> str | None:
    text = " ".join("".join(el.itertext()).split()) if el is not None else ""
    return text or None


def _iso_basic(value: str) -> str:
    """A NITF date (ISO 8601 basic, ``20240305T120000Z`` or ``20240305``) as ``2024-03-05``;
    anything else as given (for :func:`~.dates.read_date` to read or name)."""
    digits = value.strip()
    if len(digits) >= 8 and digits[:8].isdigit():
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"
    return value


def _dateline_places(el) -> tuple[str, ...]:
    """The places of a NITF dateline: its ``location``'s city, state and country, else its words
    before the first comma ("LONDON, Jan. 1" → London)."""
    if el is None:
        return ()
    location = _first(el, "location")
    if location is not None:
        parts = [_words(c) for c in location.iter() if local_name(c) in ("city", "state", "region", "country")]
        found = tuple(place_name(p) for p in parts if p)
        if found:
            return found
    words = _words(el) or ""
    head = words.split(",")[0].strip()
    return (place_name(head),) if head and len(head) <= 40 and not any(ch.isdigit() for ch in head) else ()
