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


def pdf_document(pages: list[list[str]], title: str | None = None) -> bytes:
    """A PDF of ``pages``, each a list of lines drawn top to bottom in Helvetica (Windows-1252 text)."""
    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for lines in pages:
        stream = "BT /F1 10 Tf 12 TL 50 780 Td " + " ".join(f"({esc(line)}) Tj T*" for line in lines) + " ET"
        objects.append(f"<< /Length {len(stream.encode('cp1252'))} >>\nstream\n{stream}\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents {len(objects)} 0 R"
                       " /Resources << /Font << /F1 3 0 R >> >> >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    if title is not None:
        objects.append(f"<< /Title ({esc(title)}) >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("cp1252"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{o:010d} 00000 n \n" for o in offsets).encode())
    info = f" /Info {len(objects)} 0 R" if title is not None else ""
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()
