"""PDF files (``.pdf``: a story printed or exported to PDF): one article per file, its text read
by pypdf (pure Python: nothing is rendered, no script in the file runs); a news database's export
printed to PDF (LexisNexis, Nexis Uni, Factiva: :mod:`.news_databases`), one article per story.

The text comes page by page in the order the file draws it (a newspaper's columns one after the
other). Its lines are joined back into paragraphs (:func:`reflow`): a line break inside a sentence
becomes a space and a word split by a hyphen at a line end is joined: "govern-" and "ment" make
"government", but the hyphen stays before a capital ("Anglo-American") and where the document
writes the word hyphenated elsewhere ("well-known"; a compound it never writes whole elsewhere
loses its hyphen: "wellknown"). A paragraph ends at a blank line, after a sentence that stops
short of the line's usual length (the upper quartile's), and after a short line followed by a
capital (a heading). Lines that repeat at the top or bottom of most pages (a running header or
footer) and bare page numbers are dropped (but an export's markers, which may close most pages;
its heads are read a line at a time: :class:`~.news_databases.HeadLines`). The title is the
document's own (its metadata), unless that is empty or a file's name; no date is read (the
file's dates say when it was made). An encrypted PDF (other than with an empty password), one
with no text (a scan: run it through OCR first) and a damaged file are Problems; a PDF of more
than :data:`MAX_PAGES` pages is read up to there and named.
"""
from __future__ import annotations

import io
import itertools
import re
import statistics
from collections import Counter
from typing import Callable, Iterator

from ..records import Article, Problem
from .news_databases import HeadLines, export_stories, story_records

#: Pages read at most from one PDF.
MAX_PAGES = 1000
#: A line that repeats at the top or bottom of at least this share of the pages (and of 3 or
#: more) is a running header or footer.
RUNNING_SHARE = 0.5
#: How many lines at each end of a page may be a running header or footer.
EDGE_LINES = 2
#: A line that ends a sentence and is shorter than this share of the usual line ends its paragraph.
SHORT_LINE = 0.8
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–—]?\s*\d{1,4}\s*(?:(?:of|/)\s*\d{1,4})?\s*[-–—]?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…:][\"'”’)\]]*$")
_SPLIT_WORD = re.compile(r"[^\W\d_]-$")
#: A hyphenated word inside a line ("well-known", "state-of-the-art"), as the document writes it.
_COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
#: The word part split off at a line's end ("well-"), after a hyphen of the word's own if any.
_SPLIT_HEAD = re.compile(r"(-?)([^\W\d_]+-)$")
#: The word part that opens the next line ("known"), and a hyphen of the word's own after it.
_SPLIT_TAIL = re.compile(r"[^\W\d_]+(-?)")
_FILE_NAME = re.compile(r"\.\w{2,4}$|^microsoft\s|^untitled$", re.IGNORECASE)


def read_pdf(data: bytes, origin: str) -> Iterator[Article | Problem]:
    """Yield the article of the PDF ``data`` (the file's bytes), or a Problem saying why it has
    none (``origin``: the file); a Problem after it when pages beyond :data:`MAX_PAGES` were left."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            yield Problem(origin, "an encrypted PDF (it needs a password): save an unprotected copy and ingest that")
            return
        pages = [page.extract_text() or "" for page in reader.pages[:MAX_PAGES]]
        total = len(reader.pages)
        title = _title(reader)
    except Exception as err:  # noqa: BLE001 - pypdf raises many kinds for a damaged file
        yield Problem(origin, f"a damaged PDF, or no PDF ({type(err).__name__}: {err})")
        return
    stories = export_stories([line.strip() for page in pages for line in page.split("\n") if line.strip()])
    if stories is not None:  # a news database's export printed to PDF: an article per story
        lines = _without_running_lines(pages, keep=HeadLines.marker)  # (a story's end may close most pages)
        paragraphs = reflow(lines, alone=HeadLines()).split("\n\n")  # (as a text file's: a blank line after each)
        yield from story_records(export_stories([x for p in paragraphs for x in (p, "")]) or stories, origin)
    elif not (text := reflow(_without_running_lines(pages))):
        yield Problem(origin, "a PDF without text (a scan? run it through OCR first, then ingest the text)")
        return
    else:
        yield Article.from_text(text[len(title):].strip() if title and text.startswith(title) else text,
                                title=title, origin=origin)
    if total > MAX_PAGES:
        yield Problem(origin, f"only the first {MAX_PAGES:,} of its {total:,} pages were read")


def _title(reader) -> str | None:
    """The document's title from its metadata, unless empty or a file's name."""
    meta = reader.metadata
    title = " ".join(str(meta.title).split()) if meta is not None and meta.title else ""
    return title if title and not _FILE_NAME.search(title) else None


def _without_running_lines(pages: list[str], keep: Callable[[str], bool] | None = None) -> list[list[str]]:
    """Each page's non-blank lines (stripped; a blank line kept as ""), without bare page numbers
    and without the lines that repeat at the top or bottom of most pages (but those ``keep``
    says are the document's own)."""
    split = [[line.strip() for line in page.split("\n")] for page in pages]
    edges: Counter[str] = Counter()
    for lines in split:
        filled = [line for line in lines if line]
        edges.update(set(filled[:EDGE_LINES] + filled[-EDGE_LINES:]))
    running = {line for line, n in edges.items()
               if len(pages) >= 3 and n >= RUNNING_SHARE * len(pages) and not (keep and keep(line))}
    return [[line for line in lines if line not in running and not _PAGE_NUMBER.match(line)] for lines in split]


def _keeps_hyphen(before: str, line: str, compounds: set[str]) -> bool:
    """Whether a word split by a hyphen at the end of ``before`` keeps it when ``line`` joins: it
    does before a capital ("Anglo-" "American"; not inside a word in capitals, "OP-" "TIONAL") and
    where the document writes the two parts as a hyphenated word elsewhere (``compounds``, the
    pairs of parts of its hyphenated words: "well-known" in it keeps "well-" "known" one), or in
    a word with hyphens of its own ("state-of-" "the-art"); a syllable split ("govern-" "ment")
    loses it."""
    head, tail = _SPLIT_HEAD.search(before), _SPLIT_TAIL.match(line)
    if not (head and tail):
        return not line[:1].islower()
    written = f"{head[2]}{tail[0]}".lower() in compounds
    if head[2][:-1].isupper() and tail[0].rstrip("-").isupper():  # ("OP-" "TIONAL": a word in capitals)
        return written
    # (before a capital; a part of a word that has hyphens of its own: "state-of-" "the-art")
    return not line[:1].islower() or bool(head[1] or tail[1]) or written


def reflow(pages: list[list[str]], *, alone: Callable[[str], bool] | None = None) -> str:
    """The lines of each page (``""`` for a blank line) joined into paragraphs separated by a blank
    line: a line is joined to the one before with a space (a word split by a hyphen at the line's
    end rejoined, keeping the hyphen as :func:`_keeps_hyphen` says), across a page's end too, unless
    a blank line comes between, or the line before is short (under :data:`SHORT_LINE` of the usual,
    median, line) and either ends a sentence or is followed by a line that starts with a capital or
    a digit (a heading, a byline). A line that ``alone`` (asked of each line in order) says stands
    alone is a paragraph of its own."""
    lengths = [len(line) for lines in pages for line in lines if line]
    usual = statistics.quantiles(lengths, n=4)[2] if len(lengths) > 1 else sum(lengths)  # (the upper quartile: a full line)
    compounds = {f"{a}-{b}".lower() for lines in pages for line in lines for word in _COMPOUND.findall(line)
                 for a, b in itertools.pairwise(word.split("-"))}  # (its parts two by two)
    paragraphs: list[str] = []
    current = last = ""
    last_own = False
    for line in (line for lines in pages for line in lines):  # (a paragraph may run on to the next page)
        ends = current and len(last) < SHORT_LINE * usual and not _SPLIT_WORD.search(last) and (
            _SENTENCE_END.search(last) or line[:1].isupper() or line[:1].isdigit())
        own = bool(alone and line and alone(line))
        if own or (line and last_own):
            ends = True  # (a paragraph of its own)
        if not line or ends:
            if current:
                paragraphs.append(current)
            current = ""
        if not line:
            continue
        if not current:
            current = line
        elif _SPLIT_WORD.search(current):  # (a word split at the line's end: rejoined)
            current = current + line if _keeps_hyphen(current, line, compounds) else current[:-1] + line
        else:
            current += " " + line
        last, last_own = line, own
    if current:
        paragraphs.append(current)
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)
