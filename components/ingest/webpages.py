"""HTML pages: the main text, title, date, site name and canonical URL, extracted by trafilatura
from the page as read from disk (nothing is ever fetched)."""
from __future__ import annotations

import re

from ..records import Article, Problem
from .dates import normalise_date
from .decoding import decode
from .header import read_dateline

# Where a page declares its encoding: <meta charset="…"> or the http-equiv Content-Type form,
# looked for in the first bytes only (as browsers do).
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""",
                           re.IGNORECASE)
_CHARSET_SNIFF_BYTES = 2048


def read_html(data: bytes, origin: str) -> Article | Problem:
    """Extract the article of an HTML page.

    data: the page's bytes (its ``<meta charset>`` is honoured when it decodes).
    origin: where it was read from, for the Article or the Problem.
    Returns an Article (text = the page's main text with a leading headline line removed when it
    repeats the title, and a wire dateline that opens it split off into ``dateline`` as from a
    .txt file (:func:`~components.ingest.header.read_dateline`); title, date, source = site name
    (else the agency or outlet the dateline credits), url = canonical URL from the page's metadata),
    or a Problem when the page has no main text. Raises
    :class:`~components.ingest.errors.Unreadable` for empty, binary or undecodable files.
    """
    m = _META_CHARSET.search(data[:_CHARSET_SNIFF_BYTES])
    html = decode(data, declared=m[1].decode("ascii") if m else None)
    from trafilatura import bare_extraction  # imported on first use: it is slow to import

    doc = bare_extraction(html, with_metadata=True, include_comments=False)
    text = (doc.text or "").strip() if doc is not None else ""
    if not text:
        return Problem(origin, "no article text found in the HTML page")
    title = (doc.title or "").strip() or None
    if title:
        first, _, rest = text.partition("\n")
        if " ".join(first.split()) == " ".join(title.split()) and rest.strip():
            text = rest.strip()
    line = read_dateline(text)
    if line:  # split off as from a .txt file; a sentence always follows it
        text = text[line.end:].strip()
    return Article.from_text(text, date=normalise_date(doc.date), title=title,
                             dateline=line.places if line else (),
                             source=(doc.sitename or "").strip() or (line.agency if line else None),
                             url=(doc.url or "").strip() or None, origin=origin)
