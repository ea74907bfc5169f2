"""Word 97–2003 binary documents (``.doc``): the paragraphs of the main document.

A ``.doc`` of Word 97 and later is an OLE compound file (:mod:`.ole`) whose
``WordDocument`` stream begins with the File Information Block (FIB) and whose table stream
(``0Table`` or ``1Table``, as the FIB says) holds the piece table: where each run of the text
lies in ``WordDocument``, as 8-bit Windows-1252 or as UTF-16. The main document is the first
``ccpText`` characters (footnotes, headers and comments follow it and are left out). Fields keep
their shown result (a hyperlink's words, not its ``HYPERLINK "…"`` code); a paragraph mark, a
table cell's end, a page or section break end a paragraph, a line break ends a line; pictures and
other objects are left out. Source: Microsoft's published specification of the format, [MS-DOC]
(sections 2.5.1 Fib, 2.9.38 Clx, 2.9.177 Pcd, 2.4.1 Retrieving Text).

Word 6 and 95 files (another layout) and password-protected ones are named as such, not read.
"""
from __future__ import annotations

import struct

from .errors import Unreadable
from .ole import streams
#: The FIB's first word in a Word document, and the least ``nFib`` of Word 97 (Word 6 and 95 are lower).
_W_IDENT, _WORD97_NFIB = 0xA5EC, 0x00C1
#: FibBase flags: the file is encrypted; the table stream is ``1Table`` (else ``0Table``).
_F_ENCRYPTED, _F_WHICH_TABLE = 0x0100, 0x0200
#: Index of the (fcClx, lcbClx) pair in FibRgFcLcb97.
_CLX_PAIR = 33
#: A piece's file offset flag: its text is 8-bit (Windows-1252) at half the offset.
_COMPRESSED = 0x40000000
#: Control characters of the text stream: field begin, separator and end; what ends a paragraph
#: (paragraph mark, table cell or row end, page or section break); a line break.
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"
_PARAGRAPH_ENDS = frozenset("\r\x07\x0c")
_LINE_BREAK = "\x0b"
#: Characters of the text stream shown otherwise: a non-breaking hyphen, a tab; an optional hyphen
#: is not shown.
_SHOWN_AS = {"\x1e": "-", "\t": " ", "\x1f": ""}


def paragraphs(data: bytes) -> list[str]:
    """The paragraphs of the main document of the Word 97–2003 file ``data`` (its bytes), each
    with its spaces tidied, empty ones included. Raises :class:`Unreadable` with a reason a
    user can act on when it is no such document, a protected one, or a damaged one."""
    found = streams(data, ("WordDocument", "0Table", "1Table"), "Word document")
    if "WordDocument" not in found:
        raise Unreadable("not a Word document (an Office file of another kind, with no WordDocument "
                         "stream); save it again as .docx or text")
    document = found["WordDocument"]
    table_name = _table_stream(document)
    if table_name not in found:
        raise Unreadable(f"a damaged Word document (no {table_name} stream); save it again as .docx")
    return _lines(_main_text(document, found[table_name]))


def _table_stream(document: bytes) -> str:
    """The name of the table stream the FIB of ``document`` names; Unreadable for a file Word
    97 did not write, or an encrypted one."""
    if len(document) < 0x20 or struct.unpack_from("<H", document, 0)[0] != _W_IDENT:
        raise Unreadable("not a Word document (its main stream does not start as Word's does); save it again as .docx")
    n_fib, flags = struct.unpack_from("<H", document, 2)[0], struct.unpack_from("<H", document, 0x0A)[0]
    if n_fib < _WORD97_NFIB:
        raise Unreadable("a Word 6 or Word 95 document, which Dateline does not read; save it again as .docx or text")
    if flags & _F_ENCRYPTED:
        raise Unreadable("a password-protected Word document; remove the password and save it again")
    return "1Table" if flags & _F_WHICH_TABLE else "0Table"


def _main_text(document: bytes, table: bytes) -> str:
    """The main document's characters, fields and controls still in ([MS-DOC] 2.4.1)."""
    try:
        csw = struct.unpack_from("<H", document, 0x20)[0]
        longs = 0x20 + 2 + 2 * csw + 2  # FibRgLw97, after its count cslw
        cslw = struct.unpack_from("<H", document, longs - 2)[0]
        length = struct.unpack_from("<i", document, longs + 12)[0]  # ccpText
        pairs = longs + 4 * cslw + 2  # FibRgFcLcb, after its count cbRgFcLcb
        fc_clx, lcb_clx = struct.unpack_from("<II", document, pairs + 8 * _CLX_PAIR)
        pieces = _pieces(table[fc_clx:fc_clx + lcb_clx])
    except struct.error as err:
        raise Unreadable(f"a damaged Word document ({err}); save it again as .docx or text") from err
    text, cp = [], 0
    for start, end, offset, compressed in pieces:
        if cp >= length:
            break
        end = min(end, start + length - cp)
        n = max(end - start, 0)
        raw = document[offset:offset + n] if compressed else document[offset:offset + 2 * n]
        text.append(raw.decode("cp1252", errors="replace") if compressed else raw.decode("utf-16-le", errors="replace"))
        cp += n
    return "".join(text)


def _pieces(clx: bytes) -> list[tuple[int, int, int, bool]]:
    """The piece table of the Clx ``clx``: (first character, end character, byte offset in
    ``WordDocument``, 8-bit?) per piece, in text order ([MS-DOC] 2.9.38, 2.9.177)."""
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: formatting, skipped
        at += 3 + struct.unpack_from("<H", clx, at + 1)[0]
    if at >= len(clx) or clx[at] != 0x02:
        raise Unreadable("a damaged Word document (no piece table); save it again as .docx or text")
    size = struct.unpack_from("<I", clx, at + 1)[0]
    plc = clx[at + 5:at + 5 + size]
    n = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
    out = []
    for i in range(n):
        fc = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * i + 2)[0]
        compressed = bool(fc & _COMPRESSED)
        offset = (fc & ~_COMPRESSED) // 2 if compressed else fc
        out.append((cps[i], cps[i + 1], offset, compressed))
    return out


def _lines(text: str) -> list[str]:
    """The paragraphs of the text stream ``text``: fields as their results, controls as what
    they show (see the module docstring), spaces tidied."""
    out, line, fields = [], [], []  # fields: per open field, whether its result is being read
    for ch in text:
        if ch == _FIELD_BEGIN:
            fields.append(False)
        elif ch == _FIELD_SEPARATOR and fields:
            fields[-1] = True
        elif ch == _FIELD_END and fields:
            fields.pop()
        elif not all(fields):
            continue  # a field's code ("HYPERLINK …"), not shown
        elif ch in _PARAGRAPH_ENDS:
            out.append(_tidy("".join(line)))
            line = []
        elif ch == _LINE_BREAK:
            line.append("\n")
        elif ch in _SHOWN_AS:
            line.append(_SHOWN_AS[ch])
        elif ch >= " " or ch == "\n":
            line.append(ch)
    out.append(_tidy("".join(line)))
    return out


def _tidy(paragraph: str) -> str:
    """``paragraph`` with each line's spaces tidied (a line break kept as a line end)."""
    return "\n".join(" ".join(part.split()) for part in paragraph.split("\n")).strip("\n")
