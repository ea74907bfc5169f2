"""HTML pages: the main text, title, date, site name and canonical URL, extracted by trafilatura
from the page as read from disk (nothing is ever fetched), then cleaned.

Cleaning (issue #10): boilerplate lines and repeated story blocks removed
(:mod:`.boilerplate`); the site's name stripped from the title and a first body line that repeats
the headline dropped (:mod:`.titles`); a wire dateline that opens the body split off
(:func:`components.datelines.read_dateline`). Dates: the page's own metadata first (htmldate, told to read the
canonical URL only after the page's header and JSON-LD), then a date in the canonical URL's path
(:func:`~.dates.date_in_url`), each kept only between 1900 and tomorrow
(:func:`~.dates.page_date`).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterator, NamedTuple

from ..records import Article, Problem
from .boilerplate import NOTHING_BUT_BOILERPLATE, clean_body
from .dates import date_in_url, page_date
from .decoding import decode
from .news_databases import page_stories, story_records
from ..datelines import read_dateline
from .titles import domain_name, same_headline, site_keys, strip_site_name

# Where a page declares its encoding: <meta charset="…"> or the http-equiv Content-Type form,
# looked for in the first bytes only (as browsers do).
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""",
                           re.IGNORECASE)
_CHARSET_SNIFF_BYTES = 2048


class Page(NamedTuple):
    """What trafilatura gives for a page, before cleaning. text: main text; title: its title;
    head_title: the page's ``<title>`` as written (trafilatura may have cut it at a dash);
    date: ISO date or None; sitename, url: as declared by the page, or None."""

    text: str
    title: str | None
    head_title: str | None
    date: str | None
    sitename: str | None
    url: str | None


def read_page(data: bytes, origin: str) -> Iterator[Article | Problem]:
    """Yield the article of an HTML page (:func:`read_html`), or the stories of a news database's
    export saved as a page (Factiva's, LexisNexis's: :func:`~.news_databases.page_stories`), each an
    article.
    Raises :class:`~components.ingest.errors.Unreadable` as :func:`read_html` does."""
    tree = load_page(data)
    stories = page_stories(tree) if tree is not None else None
    if stories:
        yield from story_records(stories, origin)
    else:
        yield read_html(data, origin, tree=tree)


def read_html(data: bytes, origin: str, *, tree=None) -> Article | Problem:
    """Extract the article of an HTML page.

    data: the page's bytes (its ``<meta charset>`` is honoured when it decodes).
    origin: where it was read from, for the Article or the Problem.
    Returns an Article (text = the page's main text, cleaned as the module says, a wire dateline
    that opens it split off into ``dateline`` as from a .txt file; title without the site's name;
    date from the page's metadata, else from its canonical URL; source = site name, else the
    agency or outlet the dateline credits; url = canonical URL from the page's metadata), or a
    Problem when the page has no main text. Raises
    :class:`~components.ingest.errors.Unreadable` for empty, binary or undecodable files.
    ``tree``: the page as :func:`load_page` parsed it, when it was (else it is parsed here).
    """
    page = extract_page(tree if tree is not None else load_page(data))
    if page is None or not page.text:
        return Problem(origin, "no article text found in the HTML page")
    keys = site_keys([page.sitename, domain_name(page.url)])
    title = page.title
    if keys and page.head_title and title and title != page.head_title \
            and (page.head_title.startswith(title) or page.head_title.endswith(title)):
        title = page.head_title  # trafilatura cut it at a dash: cut only the site's name
    title = strip_site_name(title, keys) if title else None
    text = clean_body(page.text).text
    if not text:
        return Problem(origin, NOTHING_BUT_BOILERPLATE)
    first, _, rest = text.partition("\n")
    if rest.strip() and any(same_headline(first, t) for t in (title, page.title, page.head_title) if t):
        text = rest.strip()
    line = read_dateline(text)
    if line:  # split off as from a .txt file; a sentence always follows it
        text = text[line.end:].strip()
    return Article.from_text(text, date=page.date or date_in_url(page.url), title=title or None,
                             dateline=line.places if line else (),
                             source=page.sitename or (line.agency if line else None),
                             url=page.url, origin=origin)


def load_page(data: bytes):
    """A page's bytes decoded (its ``<meta charset>`` honoured) and parsed by trafilatura's
    loader (an lxml tree), or None when they hold no HTML document. Raises
    :class:`~components.ingest.errors.Unreadable` for empty, binary or undecodable bytes."""
    from trafilatura.utils import load_html  # imported on first use: it is slow to import

    m = _META_CHARSET.search(data[:_CHARSET_SNIFF_BYTES])
    return load_html(decode(data, declared=m[1].decode("ascii") if m else None))


def extract_page(tree) -> Page | None:
    """Run trafilatura on a page parsed by :func:`load_page` (None: no page, gives None); None
    when it finds no main text's document in it."""
    from trafilatura import bare_extraction

    if tree is None:
        return None
    head_title = tree.find(".//head//title")
    head_title = " ".join(head_title.text_content().split()) if head_title is not None else ""
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    doc = bare_extraction(tree, with_metadata=True, include_comments=False,
                          date_extraction_params={"original_date": True, "extensive_search": True,
                                                  "deferred_url_extractor": True,
                                                  "max_date": tomorrow.isoformat()})
    if doc is None:
        return None
    return Page(text=(doc.text or "").strip(), title=(doc.title or "").strip() or None,
                head_title=head_title or None, date=page_date(doc.date),
                sitename=(doc.sitename or "").strip() or None, url=(doc.url or "").strip() or None)
