"""Word-processor documents (``.docx``, ``.doc``, ``.odt``, ``.rtf``: a story saved or sent as a document):
one article per file, or one per story of a news database's export saved as one
(:mod:`.news_databases`).

A ``.docx`` is a zip of XML (Office Open XML, ECMA-376); its text is ``word/document.xml``'s
paragraphs (``w:p``, a table cell's too) in order, each its runs' text (``w:t``; a tab read as a
space, a line break as a line end), separated by a blank line. The title is the first paragraph
styled as a title or heading (:data:`TITLE_STYLES`), else none. No date is read: a document's own
dates say when the file was made, not when the story was published. Read with lxml by a parser
that loads no DTD and expands no entity (:mod:`.safe_xml`); a document part that expands more than an archive may
(:data:`~.limits.MAX_RATIO` times the file, beyond :data:`~.limits.RATIO_CHECKED_ABOVE`) is
refused as a bomb. A damaged file, one that is no Word document, or one without text is a Problem.

An ``.odt`` (OpenDocument text, as LibreOffice saves it; OASIS ODF 1.2) is read the same way
from its ``content.xml``: its paragraphs and headings (``text:p``, ``text:h``) in order, footnotes
and comments left out; the title is the first heading of the first level (or paragraph styled
"Title").

An ``.rtf`` (Rich Text Format, as Word, WordPad and Factiva save it) is turned into text by
striprtf (its code page and ``\\u`` characters honoured, pictures and fonts left out); each of its
paragraphs is one of the article's. It has no title (RTF marks none that every writer uses).

A ``.doc`` is a Word 97–2003 document (:mod:`.word97`: its paragraphs, no title), or what
exports and "save as" name ``.doc``, told by its first bytes: RTF, a ``.docx``, a web page.
"""
from __future__ import annotations

import io
import zipfile
from typing import Callable, Iterator

from ..records import Article, Problem
from .errors import Unreadable
from .news_databases import export_stories, story_records
from .limits import MAX_RATIO, RATIO_CHECKED_ABOVE, bomb_reason
from .safe_xml import parser

#: Office Open XML's WordprocessingML namespace.
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Paragraph styles whose first paragraph is the document's title: Word's built-in style ids (lower
#: case) of "Title" and "Heading 1", in English, French ("Titre", "Titre1") and German ("Titel",
#: "Überschrift 1", whose id Word writes without the "Ü").
TITLE_STYLES = frozenset({"title", "heading1", "titre", "titre1", "titel", "berschrift1"})
DOCUMENT_PART = "word/document.xml"
#: OpenDocument's namespaces of text and of the document (OASIS ODF 1.2), and its text part.
ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
ODF_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
ODT_PART = "content.xml"
#: OpenDocument elements whose text is not the document's (a footnote, a comment).
_ODF_ASIDES = frozenset({f"{ODF_TEXT}note", f"{ODF_OFFICE}annotation", f"{ODF_TEXT}tracked-changes"})


def read_docx(data: bytes, origin: str) -> Iterator[Article | Problem]:
    """Yield the article of the Word document ``data`` (the file's bytes), the stories of an
    export saved as one, or a Problem saying why there is none (``origin``: the file)."""
    yield from _read_zipped(data, origin, DOCUMENT_PART, "Word document", ".docx", _paragraphs)


def read_odt(data: bytes, origin: str) -> Iterator[Article | Problem]:
    """Yield the article of the OpenDocument text ``data`` (a LibreOffice or OpenOffice
    ``.odt``'s bytes), or a Problem saying why there is none (``origin``: the file)."""
    yield from _read_zipped(data, origin, ODT_PART, "OpenDocument text", ".odt", _odt_paragraphs)


def _read_zipped(data: bytes, origin: str, part: str, kind: str, extension: str,
                 paragraphs: Callable[[bytes], tuple[str | None, list[str] | None]]) -> Iterator[Article | Problem]:
    """The article (or export's stories) of a zipped document whose text is the XML ``part``,
    read by ``paragraphs`` into ``(title, paragraphs)``; a Problem naming a damaged, foreign or
    textless file as a ``kind`` (saved as ``extension``)."""
    xml = _zip_part(data, origin, part, kind, extension)
    if isinstance(xml, Problem):
        yield xml
        return
    title, lines = paragraphs(xml)
    if lines is None:
        yield Problem(origin, f"unreadable {kind}: its text ({part}) is not well-formed XML")
        return
    yield from _articles(lines, title, origin, f"{_a(kind)} without text")


def _a(kind: str) -> str:
    """``kind`` with its indefinite article ("a Word document", "an OpenDocument text")."""
    return f"{'an' if kind[0] in 'AEIOU' else 'a'} {kind}"


def _zip_part(data: bytes, origin: str, name: str, kind: str, extension: str) -> bytes | Problem:
    """The part ``name`` of the zipped document ``data`` (a ``kind`` saved as ``extension``), or
    a Problem: a damaged file, another kind of file, or a part that expands like a bomb."""
    max_bytes = max(len(data) * MAX_RATIO, RATIO_CHECKED_ABOVE)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            info = z.getinfo(name)
            with z.open(info) as part:
                xml = part.read(max_bytes + 1)  # (no more than a bomb would be refused at)
    except (zipfile.BadZipFile, KeyError, EOFError, OSError, ValueError, NotImplementedError) as err:
        foreign = isinstance(err, (zipfile.BadZipFile, KeyError))
        detail = f"not {_a(kind)} ({extension})" if foreign else str(err)
        return Problem(origin, f"unreadable {kind}: {detail}; save it again as {extension}, or as text")
    why = bomb_reason(f"{kind[0].upper()}{kind[1:]} refused", max(info.file_size, len(xml)), len(data))
    return Problem(origin, why) if why else xml


def _articles(lines: list[str], title: str | None, origin: str, empty: str) -> Iterator[Article | Problem]:
    """The article of a document's paragraphs ``lines`` (its ``title`` off their start), the
    stories of an export saved as a document, or the Problem ``empty`` when there is no text."""
    stories = export_stories(lines)
    if stories is not None:  # (a news database's export: many stories)
        yield from story_records(stories, origin)
        return
    if title and lines and lines[0] == title:
        lines = lines[1:]
    text = "\n\n".join(line for line in lines if line)
    if not text.strip():
        yield Problem(origin, empty)
        return
    yield Article.from_text(text, title=title, origin=origin)


def rtf_text(data: bytes) -> str:
    """The text of the RTF document ``data`` (striprtf: its code page and ``\\u`` characters
    honoured, pictures and fonts left out). Raises Unreadable when striprtf cannot read it."""
    from striprtf.striprtf import rtf_to_text  # imported on first use

    try:  # (RTF is 7-bit text; a stray 8-bit byte is kept as Windows' code page would show it)
        return rtf_to_text(data.decode("cp1252", errors="replace"), errors="replace")
    except (ValueError, LookupError, IndexError, RecursionError) as err:
        raise Unreadable(f"unreadable RTF document ({err})") from err


def read_rtf(data: bytes, origin: str) -> Iterator[Article | Problem]:
    """Yield the article of the RTF document ``data`` (the file's bytes), the stories of an
    export saved as RTF, or a Problem saying why there is none (``origin``: the file)."""
    if not data.lstrip().startswith(b"{\\rtf"):
        yield Problem(origin, "not an RTF document (it does not begin with {\\rtf); save it again as .rtf, or as text")
        return
    try:
        text = rtf_text(data)
    except Unreadable as err:
        yield Problem(origin, f"{err.reason}; save it again as .rtf, or as text")
        return
    lines = [" ".join(line.split()) for line in text.replace("\r", "\n").split("\n")]
    yield from _articles(lines, None, origin, "an RTF document without text")


def read_doc(data: bytes, origin: str) -> Iterator[Article | Problem]:
    """Yield the article of the ``.doc`` file ``data`` (its bytes), the stories of an export saved
    as one, or a Problem saying why there is none (``origin``: the file). What a ``.doc`` holds
    is told by its first bytes, as exports and "save as" often name RTF, a web page or a
    ``.docx`` so: a Word 97–2003 document (:mod:`.word97`), RTF, a ``.docx``, a web page (HTML,
    or a single-file page as Word saves it, MHTML)."""
    from .mhtml import read_mhtml
    from .webpages import read_page
    from .ole import OLE_MAGIC
    from .word97 import paragraphs

    head = data[:2048].lstrip().lower()
    if data.startswith(OLE_MAGIC):  # (a damaged one raises Unreadable: the file's problem, as for every reader)
        yield from _articles(paragraphs(data), None, origin, "a Word document without text")
    elif head.startswith(b"{\\rtf"):
        yield from read_rtf(data, origin)
    elif data.startswith(b"PK"):
        yield from read_docx(data, origin)
    elif head.startswith(b"mime-version:") or b"\nmime-version:" in head:
        yield from read_mhtml(data, origin)
    elif b"<html" in head or head.startswith(b"<!doctype html"):
        yield from read_page(data, origin)
    else:
        yield Problem(origin, "not a Word document (neither Word 97–2003, RTF, .docx nor a web page); "
                              "save it again as .docx or text")


def _parsed(xml: bytes):
    """A document part's XML root (by the :mod:`.safe_xml` parser), or None when it is not
    well-formed."""
    from lxml import etree

    try:
        return etree.fromstring(xml, parser())
    except etree.XMLSyntaxError:
        return None


def _paragraphs(xml: bytes) -> tuple[str | None, list[str] | None]:
    """``(title, paragraphs)`` of a document part: the first title- or heading-styled paragraph,
    and every non-blank paragraph's text in order (None when the part cannot be parsed)."""
    root = _parsed(xml)
    if root is None:
        return None, None
    title: str | None = None
    lines: list[str] = []
    for p in root.iter(f"{W}p"):
        if any(a.tag == f"{W}p" for a in p.iterancestors()):
            continue  # (a paragraph inside a text box's paragraph is read with it)
        text = _text(p)
        if not text:
            continue
        style = p.find(f"{W}pPr/{W}pStyle")
        if title is None and style is not None and (style.get(f"{W}val") or "").lower() in TITLE_STYLES:
            title = text
        lines.append(text)
    return title, lines


def _text(p) -> str:
    """A paragraph's text: its runs' text, a tab as a space, a line break as a line end."""
    parts = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        parts.append(el.text or "" if el.tag == f"{W}t" else " " if el.tag == f"{W}tab" else "\n")
    return _tidy("".join(parts))


def _tidy(text: str) -> str:
    """A paragraph's text with the spaces of each of its lines collapsed, its line breaks kept."""
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def _odt_paragraphs(xml: bytes) -> tuple[str | None, list[str] | None]:
    """``(title, paragraphs)`` of an OpenDocument text's content part: the first heading of the
    first level (or paragraph styled "Title"), and every paragraph's and heading's text in order
    (a list's and a table cell's too; notes and comments left out). None when it cannot be parsed."""
    root = _parsed(xml)
    if root is None:
        return None, None
    title: str | None = None
    lines: list[str] = []
    blocks = (f"{ODF_TEXT}p", f"{ODF_TEXT}h")
    for p in root.iter(*blocks):
        if any(a.tag in blocks or a.tag in _ODF_ASIDES for a in p.iterancestors()):
            continue  # (read with the paragraph it is in, or not the document's text)
        text = _tidy(_odf_text(p))
        if not text:
            continue
        heading = p.tag == f"{ODF_TEXT}h" and p.get(f"{ODF_TEXT}outline-level", "1") == "1"
        if title is None and (heading or (p.get(f"{ODF_TEXT}style-name") or "").lower() == "title"):
            title = text
        lines.append(text)
    return title, lines


def _odf_text(el) -> str:
    """The text within an OpenDocument element: ``text:s`` (spaces) and a tab as a space, a line
    break as a line end; notes and comments left out."""
    parts = [el.text or ""]
    for child in el:
        if child.tag in (f"{ODF_TEXT}s", f"{ODF_TEXT}tab"):  # (spaces are collapsed: one is enough)
            parts.append(" ")
        elif child.tag == f"{ODF_TEXT}line-break":
            parts.append("\n")
        elif child.tag not in _ODF_ASIDES:
            parts.append(_odf_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
