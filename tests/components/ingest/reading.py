"""What the ingest tests share: splitting what a reader yields, reading a folder while checking
both progress bars, and Word documents built by hand."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Iterable

from components.ingest import count_bytes, count_files, read_paths
from components.records import Article, Problem


def articles_and_problems(items: Iterable[Article | Problem]) -> tuple[list[Article], list[Problem]]:
    """What a reader yielded, as (its articles, its problems), each in order."""
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Problem)]


def read_with_bars(folder: Path) -> list[Article]:
    """The articles of ``folder``, which holds one file read as a stream, after checking the bars
    an ingest shows: the bytes bar moved several times (as the file was read, not once at its end)
    and added up to the file's size, and the files bar counted one file."""
    moved: list[int] = []
    files: list[str] = []
    articles, _ = articles_and_problems(read_paths(folder, on_bytes=moved.append, on_file=files.append))
    assert len(moved) > 1
    assert sum(moved) == count_bytes(folder) == sum(p.stat().st_size for p in folder.iterdir())
    assert len(files) == count_files(folder) == 1
    return articles


#: WordprocessingML's namespace declaration, as Word writes it.
WORD_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def word_paragraph(text: str, style: str | None = None) -> str:
    """A ``w:p`` paragraph of ``text`` (each ``|`` starts a new run), styled ``style`` if given."""
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    runs = "".join(f"<w:r><w:t xml:space=\"preserve\">{part}</w:t></w:r>" for part in text.split("|"))
    return f"<w:p>{props}{runs}</w:p>"


def word_document(body: str, *, part: str = "word/document.xml") -> bytes:
    """The bytes of a .docx whose document ``part`` holds ``body`` (paragraphs' XML)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(part, f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {WORD_NS}>'
                         f"<w:body>{body}</w:body></w:document>")
    return buf.getvalue()
