"""Bytes to text: byte-order marks, UTF-8, UTF-16 with or without a BOM, Windows-1252/Latin-1,
and other encodings by charset-normalizer; binary and empty files are told apart from text.

Order of the checks (the first that applies wins):

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) — the text must then decode strictly;
2. a known binary magic number (PDF, PNG, ZIP/Office, ELF…) — "binary file (PDF document)";
3. UTF-16 without a BOM (NUL bytes in every other position);
4. any other NUL byte — "binary file (NUL bytes)";
5. strict UTF-8;
6. a declared charset (an HTML ``<meta charset>``), if it decodes strictly;
7. Windows-1252 (a superset of Latin-1's printable range, with curly quotes and dashes) when
   it decodes strictly and the result reads like a Western European text (few non-ASCII letters);
8. charset-normalizer's best guess (Cyrillic, Greek, CJK… legacy encodings);
9. otherwise "undecodable".

Text that decodes but is mostly control characters is a binary file too.
"""
from __future__ import annotations

import codecs
import re

from .errors import Unreadable

# (magic bytes at offset 0, what to call the file) — checked before any decoding.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"PK\x03\x04", "zip archive or Office document (.docx/.xlsx are not read; export as text)"),
    (b"PK\x05\x06", "zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office document (.doc/.xls are not read; export as text)"),
    (b"\x1f\x8b", "gzip archive (decompress it first)"),
    (b"\xfd7zXZ\x00", "xz archive (decompress it first)"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive (unpack it first)"),
    (b"Rar!\x1a\x07", "RAR archive (unpack it first)"),
    (b"\x7fELF", "executable (ELF)"),
    (b"\xca\xfe\xba\xbe", "executable or Java class"),
    (b"\xcf\xfa\xed\xfe", "executable (Mach-O)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media file"),
    (b"fLaC", "FLAC audio"),
    (b"\x00asm", "WebAssembly module"),
)
# (BOM, codec) — UTF-32 first: its little-endian BOM starts with UTF-16's.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Declared charsets that browsers (WHATWG) read as Windows-1252.
WINDOWS_1252_ALIASES = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "ascii",
                                  "us-ascii", "windows-1252", "cp1252", "x-cp1252"})
# Windows-1252 is taken when at most this share of the letters is non-ASCII (French ~4 %,
# Icelandic ~15 %; Cyrillic or Greek read as 1252 gives ~100 %).
MAX_NON_ASCII_LETTER_SHARE = 0.3
# Decoded text with more than this share of control characters (other than tab, newlines,
# form feed, escape) is a binary file.
MAX_CONTROL_SHARE = 0.05
_UTF16_SAMPLE = 4096
_SAMPLE_CHARS = 65536
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")  # not tab, newlines, form feed, escape
_LETTER = re.compile(r"[^\W\d_]")
_NON_ASCII_LETTER = re.compile(r"(?![A-Za-z])[^\W\d_]")


def decode(data: bytes, *, declared: str | None = None) -> str:
    """Decode the bytes of a text file.

    data: the whole file.
    declared: a charset the file declares about itself (an HTML ``<meta charset>``), tried
        after UTF-8; None when there is none.
    Returns the text, without a byte-order mark. Raises :class:`Unreadable` ("empty file",
    "binary file (…)", "undecodable text (…)").
    """
    if not data or data.isspace():
        raise Unreadable("empty file")
    text = _decode(data, declared)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise Unreadable("empty file")
    _refuse_control_heavy(text)
    return text


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format ``data`` starts with ("PDF document"), or None."""
    for magic, what in BINARY_MAGIC:
        if data.startswith(magic):
            return what
    return None


def _decode(data: bytes, declared: str | None) -> str:
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as err:
                raise Unreadable(f"undecodable text (starts with a {codec.upper()} byte-order mark "
                                 f"but byte {err.start + len(bom)} is invalid)") from None
    what = sniff_binary(data)
    if what:
        raise Unreadable(f"binary file ({what})")
    codec = _utf16_without_bom(data)
    if codec:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise Unreadable("binary file (NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        text = _try_declared(data, declared)
        if text is not None:
            return text
    text = _western(data)
    if text is not None:
        return text
    return _guess(data)


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` if the NUL bytes sit in every other position (ASCII-heavy
    UTF-16 text), else None."""
    sample = data[:_UTF16_SAMPLE]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    if odd_nul >= 0.1 * pairs and even_nul <= 0.02 * pairs:
        return "utf-16-le"
    if even_nul >= 0.1 * pairs and odd_nul <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _try_declared(data: bytes, declared: str) -> str | None:
    name = declared.strip().lower()
    if name in WINDOWS_1252_ALIASES:
        name = "cp1252"
    try:
        return data.decode(name)
    except (LookupError, UnicodeDecodeError):
        return None


def _western(data: bytes) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    sample = text[:_SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if letters and len(_NON_ASCII_LETTER.findall(sample)) <= MAX_NON_ASCII_LETTER_SHARE * letters:
        return text
    return None


def _guess(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise Unreadable("undecodable text (not UTF-8, UTF-16 or a recognised 8-bit encoding; "
                         "re-save it as UTF-8)")
    return str(best)


def _refuse_control_heavy(text: str) -> None:
    sample = text[:_SAMPLE_CHARS]
    if len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise Unreadable("binary file (control characters)")
