"""File formats by extension, and the reading of one file's bytes into articles.

.txt/.text: one article; a ``date YYYY-MM-DD PLACE:`` header or a wire dateline on the first line
is split off (:mod:`.header`); a date outside 1800–2100 or impossible is a Problem next to the
undated article (:mod:`.dates`); boilerplate lines (a sign-up prompt, a copyright line… pasted
with the story) are removed (:mod:`.boilerplate`; repeated text is left as written). .json,
.jsonl/.ndjson, .csv/.tsv: one article per record (:mod:`.structured`), the text kept exactly as
given; .xlsx and .xls: one per row of an Excel workbook (:mod:`.spreadsheets`). .html/.htm/.xhtml: the
page's main text, cleaned (:mod:`.webpages`); .mhtml/.mht: the same of a page saved as one file
(:mod:`.mhtml`); .eml: an e-mail and its attachments (:mod:`.emails`); .msg: the same of an
Outlook message (:mod:`.outlook`). .rss/.atom/.xml: one
article per item of an RSS or Atom feed (:mod:`.feeds`), or a news agency's story in NITF or
NewsML-G2 (:mod:`.iptc`). .docx, .doc, .odt and .rtf: a Word (2007 and later, or 97–2003:
:mod:`.word97`), OpenDocument or RTF document's text (:mod:`.documents`); .pdf: a PDF's text,
its lines joined into paragraphs (:mod:`.pdfs`). A news database's export (LexisNexis, Nexis
Uni or Factiva as .txt, .docx, .doc, .rtf, .html or .pdf) gives one article per story
(:mod:`.news_databases`). Any of these gzip-compressed (``wire.jsonl.gz``, as news exports often
come) reads as the file inside it (:func:`components.ingest.archives.gunzip`; a JSON Lines file
streams through it).
"""
from __future__ import annotations

from collections import Counter
from pathlib import PurePosixPath
from typing import Callable, Iterable, Iterator

from ..records import Article, Problem
from .boilerplate import NOTHING_BUT_BOILERPLATE, clean_body
from .decoding import NUL_LINE, blank_damaged_lines, decode
from .emails import read_eml
from .errors import Unreadable
from .news_databases import export_stories, story_records
from .outlook import read_msg
from .documents import read_doc, read_docx, read_odt, read_rtf
from .feeds import read_feed
from .header import split_header
from .mhtml import read_mhtml
from .pdfs import read_pdf
from .spreadsheets import read_xls, read_xlsx
from .structured import read_csv, read_json, read_jsonl
from .webpages import read_page

# Extension (lower-case) -> format.
FORMATS: dict[str, str] = {
    ".txt": "text", ".text": "text",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "tsv",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".mhtml": "mhtml", ".mht": "mhtml", ".eml": "eml",
    ".msg": "msg",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".xlsx": "xlsx", ".xls": "xls", ".docx": "docx", ".doc": "doc", ".odt": "odt", ".rtf": "rtf", ".pdf": "pdf",
}
ZIP_EXTENSIONS = frozenset({".zip"})
#: Name endings of tar archives: plain, or compressed by gzip, bzip2 or xz (Python's ``tarfile``).
TAR_ENDINGS = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz")
#: The formats of archives: files holding files (read in memory, one level of nesting).
ARCHIVES = frozenset({"zip", "tar"})
#: Formats of records on lines, where a damaged line (NUL bytes) is skipped and the rest read.
RECORD_LINES = frozenset({"jsonl", "csv", "tsv"})
#: The extension of a gzip-compressed file, and the prefix of its format ("gz:jsonl").
GZIP_EXTENSION, GZIP = ".gz", "gz:"
SUPPORTED = (", ".join(sorted({*FORMATS, *ZIP_EXTENSIONS})) + f" (each but .zip also gzipped: .jsonl{GZIP_EXTENSION}),"
             " .tar (also .tar.gz, .tgz, .tar.bz2, .tar.xz)")


def format_of(name: str) -> str | None:
    """The format of a file named ``name`` ("text", "json", "jsonl", "csv", "tsv", "html",
    "zip", "tar" (see :data:`TAR_ENDINGS`); "gz:jsonl" for ``x.jsonl.gz``, "gz:" for ``x.gz``: see
    :func:`gzipped`), "" when it has no extension, None for an unknown extension."""
    path = PurePosixPath(name.replace("\\", "/"))
    suffix = path.suffix.lower()
    if not suffix:
        return ""
    if suffix in ZIP_EXTENSIONS:
        return "zip"
    if path.name.lower().endswith(TAR_ENDINGS):
        return "tar"
    if suffix == GZIP_EXTENSION:
        inner = format_of(path.stem)
        return None if inner is None or inner in ARCHIVES or inner.startswith(GZIP) else GZIP + inner
    return FORMATS.get(suffix)


def gzipped(fmt: str) -> str | None:
    """The format of the file inside a gzip-compressed one of format ``fmt`` ("gz:jsonl" →
    "jsonl"; "" for plain text), or None when ``fmt`` is not gzip-compressed."""
    return fmt[len(GZIP):] if fmt.startswith(GZIP) else None


def unsupported_reason(suffix: str) -> str:
    """The Problem reason for a file named explicitly (or uploaded) whose extension ``suffix``
    (".pdf") Dateline does not read."""
    return f"unsupported file type {suffix!r} (Dateline reads {SUPPORTED})"


def skipped_reason(others: Counter[str]) -> str:
    """The Problem reason for files of unsupported types skipped in a folder or zip.

    others: extension (".png", "(no extension)") -> how many were skipped.
    """
    n = sum(others.values())
    kinds = ", ".join(f"{ext} ×{k}" if k > 1 else ext for ext, k in others.most_common(6))
    return f"{n} file(s) of other types skipped ({kinds}); Dateline reads {SUPPORTED}"


#: The readers of the formats whose bytes are not decoded as text first: each yields the articles
#: and problems of one file's bytes (and may raise Unreadable, named as the file's problem).
_BYTES_READERS: dict[str, Callable[[bytes, str], Iterable[Article | Problem]]] = {
    "html": read_page, "mhtml": read_mhtml, "eml": read_eml, "msg": read_msg,
    "xlsx": read_xlsx, "xls": read_xls, "docx": read_docx, "doc": read_doc, "odt": read_odt, "rtf": read_rtf,
    "pdf": read_pdf,
}


def read_document(data: bytes, origin: str, fmt: str) -> Iterator[Article | Problem]:
    """Yield the articles in one file's bytes, and a Problem for each part that cannot be read.

    data: the whole file. origin: its name for reports (``folder/a.txt``, ``b.zip!x.jsonl``).
    fmt: a format from :func:`format_of` other than an archive's (:data:`ARCHIVES`) and a gzipped
    one ("" reads as plain text; a gzipped file is expanded first,
    :func:`components.ingest.archives.gunzip`).
    """
    if fmt in RECORD_LINES:  # a few lines with NUL bytes are named, not the whole file refused
        data, damaged = blank_damaged_lines(data)
        yield from (Problem(f"{origin}:{line}", NUL_LINE) for line in damaged)
    try:
        reader = _BYTES_READERS.get(fmt)
        if reader is not None:
            yield from reader(data, origin)
            return
        text = decode(data)  # (a feed too: a binary or empty file is named as such)
        if fmt == "feed":
            yield from read_feed(data, origin)
            return
    except Unreadable as err:
        yield Problem(origin, err.reason)
        return
    if fmt == "json":
        yield from read_json(text, origin)
    elif fmt == "jsonl":
        yield from read_jsonl(text, origin)
    elif fmt in ("csv", "tsv"):
        yield from read_csv(text, origin, delimiter="\t" if fmt == "tsv" else None)
    else:
        yield from read_text(text, origin)


def read_text(text: str, origin: str) -> Iterator[Article | Problem]:
    """One plain-text article: line ends normalised to ``\\n``, the header split off, the body
    stripped; followed by a Problem when the header's date is out of range or impossible (the
    article is then undated). Only a Problem when nothing follows the header."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    stories = export_stories(text.split("\n"))
    if stories is not None:  # (a news database's export: many stories)
        yield from story_records(stories, origin)
        return
    head = split_header(text)
    if not head.body:
        yield Problem(origin, "no text after the header line")
        return
    body = clean_body(head.body, repeats=False).text
    if not body:
        yield Problem(origin, NOTHING_BUT_BOILERPLATE)
        return
    yield Article.from_text(body, date=head.date, dateline=head.dateline, source=head.source,
                            origin=origin)
    if head.date_problem:
        yield Problem(origin, head.date_problem)
