"""News feeds: RSS (2.0 and 1.0) and Atom files (``.rss``, ``.atom``, and ``.xml`` holding one),
as an analyst saves them from a site or a feed reader: one article per item or entry.

Read with lxml (installed with trafilatura) by a parser that loads no DTD, expands no entity and
fetches nothing (:mod:`.safe_xml`: no XML bomb, no outside file), and that recovers what it can of
a feed broken by a stray ``&`` or a cut end, as feed readers do. Element names are read without
their namespaces, so RSS 1.0's ``rdf:RDF``, RSS 2.0 and Atom come through one path.

Per item: the text is its full content (``content:encoded``, Atom ``content``), else its
``description`` or ``summary``; feed text is HTML (escaped, in CDATA, or Atom's XHTML), turned
into paragraphs of plain text and cleaned of boilerplate lines (:mod:`.boilerplate`: the "The post
… appeared first on …" line a WordPress feed adds too) with a wire dateline that opens it split
off, as for an HTML page. The title loses the site's name (:mod:`.titles`); the date is the first
of ``pubDate``, ``dc:date``, ``published`` and ``updated`` (:mod:`.dates`, a Problem when it cannot
be used); the URL is the item's link, the source the feed's own title, the ``source_id`` its
``guid`` or ``id``. An item without text is a Problem at ``origin#N`` (items counted from 1), and
a feed whose items give only a description (often a summary) is named once. An XML file that
holds no feed is one Problem, but for a story in NITF or NewsML-G2, which :mod:`.iptc` reads.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..datelines import read_dateline
from ..records import Article, Problem
from .boilerplate import NOTHING_BUT_BOILERPLATE, clean_body
from .dates import read_date
from .iptc import read_newsml, read_nitf
from .safe_xml import local_name, parser, text_of
from .titles import decode_references, domain_name, site_keys, strip_site_name

#: The elements of a feed that hold one article each (RSS ``item``, Atom ``entry``).
ITEMS = ("item", "entry")
#: Where an item's text is, best first: its full content, then its summary.
FULL_TEXT_FIELDS = ("encoded", "content")
TEXT_FIELDS = (*FULL_TEXT_FIELDS, "description", "summary")
#: Where its date is, first found first.
DATE_FIELDS = ("pubDate", "date", "published", "updated", "issued", "modified")
#: HTML elements that end a paragraph of text (or a line: ``br``).
BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                    "pre", "table", "tr", "figure", "figcaption", "section", "article", "header", "footer", "hr"})
_DROPPED = frozenset({"script", "style", "iframe", "noscript", "object", "embed", "form", "button", "svg"})
_PARAGRAPH = "\n\n"
_BREAKS = re.compile(r"\n\s*\n")
#: An ampersand that starts no character reference ("AT&T", "Q&A"): invalid XML, common in feeds.
_BARE_AMPERSAND = re.compile(rb"&(?!#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
#: The roots of the IPTC formats :mod:`.iptc` reads (NITF, NewsML-G2).
IPTC_ROOTS = ("nitf", "newsItem", "newsMessage")
NOT_A_FEED = ("XML that is neither a news feed nor a news story (Dateline reads RSS and Atom feeds, NITF stories and "
              "NewsML-G2 items: <rss>, <feed>, <rdf:RDF>, <nitf>, <newsItem>, <newsMessage>)")


def read_feed(data: bytes, origin: str) -> Iterator[Article | Problem]:
    """Yield an Article per item of the RSS or Atom feed in ``data`` (the file's bytes: its XML
    declaration names the encoding), and a Problem per item without text or with a date that
    cannot be used; one Problem when it holds no feed (``origin``: the file, for reports)."""
    root, broken = _parse(data)
    if root is None or local_name(root) not in ("rss", "feed", "RDF", "channel", *IPTC_ROOTS):
        yield Problem(origin, NOT_A_FEED + (f": its root is <{local_name(root)}>" if root is not None else ""))
        return
    if broken:
        yield Problem(origin, f"not well-formed XML ({broken}): read as far as it could be mended, as feed readers do")
    if local_name(root) in IPTC_ROOTS:  # an agency's story, not a feed
        yield from (read_nitf if local_name(root) == "nitf" else read_newsml)(root, origin)
        return
    channel = next((el for el in root.iter() if local_name(el) == "channel"), root)
    site = text_of(_child(channel, "title"))
    items = [el for el in root.iter() if local_name(el) in ITEMS]
    if not items:
        yield Problem(origin, "a news feed without items")
    summaries = 0
    for i, item in enumerate(items, start=1):
        field, text = next(((n, t) for n, t in ((n, _content(_child(item, n))) for n in TEXT_FIELDS) if t), (None, ""))
        summaries += field is not None and field not in FULL_TEXT_FIELDS
        yield from _item(item, text, f"{origin}#{i}", site)
    if summaries:
        yield Problem(origin, f"{summaries} of its {len(items)} items give a description but no full content "
                              "(content:encoded, Atom content): many feeds put only a summary there, so their actors, "
                              "places and quotes may come from a summary alone")


def _parse(data: bytes):
    """``(root element or None, why the XML is broken or None)``: ``data`` parsed as it is, else
    with its bare ampersands escaped ("AT&T" in a title: no reason given for these), else as
    far as lxml's recovery mends it."""
    from lxml import etree

    def parse(data: bytes, recover: bool):
        return etree.fromstring(data, parser(recover=recover))

    mended = _BARE_AMPERSAND.sub(b"&amp;", data) if b"\0" not in data[:64] else data  # (not in UTF-16)
    for attempt in (data, mended):
        try:
            return parse(attempt, False), None
        except etree.XMLSyntaxError as err:
            why = f"{err.msg}" if getattr(err, "msg", None) else str(err)
        except ValueError as err:
            why = str(err)
    try:
        return parse(mended, True), why
    except (etree.XMLSyntaxError, ValueError):
        return None, why


def _item(item, text: str, origin: str, site: str | None) -> Iterator[Article | Problem]:
    """The Article of one feed item (named ``origin``) of the site called ``site``, whose text
    (from :data:`TEXT_FIELDS`) is ``text``, then a Problem for a date it gives that cannot be
    used; only a Problem when it has no text."""
    if not text:
        yield Problem(origin, "a feed item without text")
        return
    text = clean_body(text).text
    if not text:
        yield Problem(origin, NOTHING_BUT_BOILERPLATE)
        return
    line = read_dateline(text)
    if line:  # split off, as from a page
        text = text[line.end:].strip()
    url = _link(item)
    title = text_of(_child(item, "title"))
    title = strip_site_name(decode_references(title), site_keys([site, domain_name(url)])) if title else None
    dated = next((v for v in (text_of(_child(item, name)) for name in DATE_FIELDS) if v), None)
    date, problem = read_date(dated)
    yield Article.from_text(text, date=date, title=title or None, dateline=line.places if line else (),
                            source=site or (line.agency if line else None), url=url, origin=origin,
                            source_id=text_of(_child(item, "guid")) or text_of(_child(item, "id")))
    if problem:
        yield Problem(origin, problem)


def _child(el, name: str):
    """The first child of ``el`` named ``name`` (any namespace), or None."""
    return next((c for c in el if local_name(c) == name), None)


def _link(item) -> str | None:
    """The item's link: RSS ``<link>URL</link>``, Atom ``<link rel="alternate" href="URL"/>``."""
    links = [c for c in item if local_name(c) == "link"]
    for c in links:
        if c.get("href") and c.get("rel", "alternate") == "alternate":
            return c.get("href").strip()
    return next((t for t in (text_of(c) for c in links) if t), None)


def _content(el) -> str:
    """The text of a content element: HTML (escaped or in CDATA, or Atom's inline XHTML) as
    paragraphs of plain text; Atom ``type="text"`` as written."""
    if el is None:
        return ""
    if el.get("type") == "xhtml" or len(el):
        from lxml import etree

        markup = "".join(etree.tostring(c, encoding="unicode", with_tail=True) for c in el)
        return html_text(re.sub(r"<(/?)[\w.-]+:", r"<\1", (el.text or "") + markup))
    if el.get("type") == "text":
        return (el.text or "").strip()
    return html_text(el.text or "")


def html_text(markup: str) -> str:
    """A fragment of HTML (a feed item's content) as plain text: one paragraph per block
    (:data:`BLOCKS`), separated by a blank line, spaces collapsed, character references decoded;
    scripts, styles and embedded objects left out (:func:`block_text`)."""
    if "<" not in markup:
        return "\n\n".join(" ".join(decode_references(p).split()) for p in _BREAKS.split(markup) if p.strip())
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (ParserError, ValueError):
        return ""
    return block_text(root)


def block_text(root) -> str:
    """The text of the parsed HTML element ``root`` (changed in place: give it a copy to keep the
    original) as plain text: one paragraph per block (:data:`BLOCKS`), separated by a blank line,
    spaces collapsed; scripts, styles and embedded objects left out."""
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if el.tag in _DROPPED:
            el.drop_tree()
        elif el.tag in BLOCKS:
            el.text = _PARAGRAPH + (el.text or "")
            el.tail = _PARAGRAPH + (el.tail or "")
    paragraphs = (" ".join(p.split()) for p in _BREAKS.split(root.text_content()))
    return "\n\n".join(p for p in paragraphs if p)
