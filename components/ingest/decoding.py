"""Bytes to text: byte-order marks, UTF-8, UTF-16 with or without a BOM, Windows-1252/Latin-1,
Japanese Shift-JIS/EUC-JP and other legacy encodings by charset-normalizer; binary and empty files
are told apart from text, and a guessed decoding that does not read as text is refused.

Order of the checks (the first that applies wins):

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) — the text must then decode strictly;
2. a known binary magic number (PDF, PNG, ZIP/Office, ELF…) — "binary file (PDF document)";
3. UTF-16 without a BOM (NUL bytes in every other position) — taken only if the result reads as
   text (below), else "undecodable text (read as UTF-16 it has …)";
4. any other NUL byte — "binary file (NUL bytes)";
5. strict UTF-8;
6. a declared charset (an HTML ``<meta charset>``), if it decodes strictly and reads as text;
7. the guesses, each decoded strictly and kept only if it reads as text: Windows-1252 (only when
   the result has few non-ASCII letters, as Western European text does), charset-normalizer's
   candidates (Cyrillic, Greek, CJK… legacy encodings), then Shift-JIS (cp932) and EUC-JP, which
   charset-normalizer mistakes for Korean on short texts. The first guess that reads as text with
   at most 2 % unusual characters (below) is taken; failing that, the guess that reads as text
   with the smallest share of them (the earlier one on a tie);
8. otherwise "undecodable text (…); re-save it as UTF-8".

Text that decodes but is mostly control characters is a binary file too.

Whether a guess "reads as text" is decided by :func:`.reads_as_text.text_verdict`.
"""
from __future__ import annotations

import codecs
import gzip
import io
import re
from typing import BinaryIO, Iterator

from .errors import Unreadable
from .ole import OLE_MAGIC
from .reads_as_text import text_verdict

# (magic bytes at offset 0, what to call the file) — checked before any decoding.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"PK\x03\x04", "zip archive or Office document (name it .zip, .docx or .xlsx to read it)"),
    (b"PK\x05\x06", "zip archive"),
    (OLE_MAGIC, "Office 97–2003 document (name it .doc or .xls to read it; PowerPoint and Outlook files "
                "are not read)"),
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
# Guesses tried after charset-normalizer's: Japanese encodings that it mistakes for Korean on short
# texts. At most this many of charset-normalizer's candidates are tried.
EXPLICIT_GUESSES = ("cp932", "euc_jp")
MAX_CHARSET_NORMALIZER_GUESSES = 5
# The first guess that reads as text with at most this share of unusual characters is taken;
# failing that, the one with the smallest share.
GOOD_GUESS_UNUSUAL_SHARE = 0.02
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
            text = data.decode(codec)
        except UnicodeDecodeError:
            text = None
        if text is not None:
            verdict = text_verdict(text)
            if verdict.why is None:
                return text
            raise Unreadable(f"undecodable text (read as UTF-16 it has {verdict.why}); re-save it as UTF-8")
    if b"\x00" in data:
        raise Unreadable("binary file (NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        text = _try_declared(data, declared)
        if text is not None and text_verdict(text).why is None:
            return text
    return _best_guess(data)


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


def _best_guess(data: bytes) -> str:
    """The guessed decoding of ``data`` that reads most like text; raises Unreadable when none does."""
    best: tuple[float, str] | None = None
    refused: tuple[str, str] | None = None  # (codec, why) of the first guess refused
    for codec, text in _guesses(data):
        verdict = text_verdict(text)
        if verdict.why is not None:
            refused = refused or (codec, verdict.why)
        elif verdict.unusual <= GOOD_GUESS_UNUSUAL_SHARE:
            return text
        elif best is None or verdict.unusual < best[0]:
            best = (verdict.unusual, text)
    if best is not None:
        return best[1]
    if refused is not None:
        codec, why = refused
        raise Unreadable(f"undecodable text (not UTF-8 or UTF-16; read as {codec} it has {why}); "
                         "re-save it as UTF-8")
    raise Unreadable("undecodable text (not UTF-8, UTF-16 or a recognised 8-bit encoding; "
                     "re-save it as UTF-8)")


def _guesses(data: bytes) -> Iterator[tuple[str, str]]:
    """(codec name, text) for each guessed encoding that decodes ``data`` strictly, most likely first."""
    seen: set[str] = set()
    text = _western(data)
    if text is not None:
        seen.add("cp1252")
        yield "Windows-1252", text
    from charset_normalizer import from_bytes

    for match in list(from_bytes(data))[:MAX_CHARSET_NORMALIZER_GUESSES]:
        name = codecs.lookup(match.encoding).name
        if name in seen or name.startswith("utf"):  # UTF-8 and UTF-16 were tried before
            continue
        seen.add(name)
        yield match.encoding, str(match)
    for codec in EXPLICIT_GUESSES:
        name = codecs.lookup(codec).name
        if name in seen:
            continue
        seen.add(name)
        try:
            yield codec, data.decode(codec)
        except UnicodeDecodeError:
            pass


def _refuse_control_heavy(text: str) -> None:
    sample = text[:_SAMPLE_CHARS]
    if len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise Unreadable("binary file (control characters)")


#: Why a line with NUL bytes in a streamed text file is skipped (:func:`iter_lines`).
NUL_LINE = "NUL bytes in the line (a damaged file?): skipped"
#: Bytes read at the start of a streamed file to tell its encoding (:func:`iter_lines`).
HEAD_BYTES = 65536


def _seekable(f: BinaryIO) -> bool:
    """Whether ``f`` can go back to its start (a tar member's stream has no ``seekable``; a gzip
    file says it can, by reading again the file under it, which must then be able to)."""
    if isinstance(f, gzip.GzipFile):
        return _seekable(f.fileobj)
    try:
        return bool(f.seekable())
    except (AttributeError, OSError, ValueError):
        return False


class _Replayed(io.RawIOBase):
    """A binary stream that gives ``head`` (bytes already read from ``rest``), then the rest."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self.head, self.rest = memoryview(head), rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.head:
            n = min(len(buffer), len(self.head))
            buffer[:n], self.head = self.head[:n], self.head[n:]
            return n
        data = self.rest.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def iter_lines(f: BinaryIO, *, max_line_bytes: int) -> Iterator[str | Unreadable]:
    """The lines of the text file ``f`` (open in binary, at its start; a stream will do: a tar's
    member, a zip's), read one at a time and decoded, split on ``"\\n"`` only and without it
    (as ``text.split("\\n")`` splits what :func:`decode` gives): a file of any size is read
    with one line in memory.

    The file as a whole is told apart as :func:`decode` does, from its first
    :data:`HEAD_BYTES`: a byte-order mark or UTF-16 without one fixes the codec of every line;
    a binary file, or a head that does not read as text, raises :class:`Unreadable`. Otherwise
    each line is decoded on its own: UTF-8, or else by :func:`decode`'s guesses. A line that
    cannot be decoded, holds NUL bytes (a few in a text file: a damaged line, or the zeros a crash
    left at its end) or is longer than ``max_line_bytes`` comes out as an :class:`Unreadable`
    (its reason), and the lines after it are read. Raises :class:`Unreadable` ("empty file")
    for a file of blank lines only."""
    head = f.read(HEAD_BYTES)
    bom = next(((b, codec) for b, codec in BOMS if head.startswith(b)), None)
    codec = bom[1] if bom else _utf16_without_bom(head)
    if codec is None:  # raises for a binary or empty file (a full head is cut after a line)
        # (a few damaged lines are skipped below, not the file)
        sample = blank_damaged_lines(head)[0]
        decode(sample[: sample.rfind(b"\n") + 1] or sample if len(head) == HEAD_BYTES else sample)
    elif bom is None and (why := text_verdict(head[: len(head) // 2 * 2].decode(codec, "ignore")).why):
        raise Unreadable(f"undecodable text (read as UTF-16 it has {why}); re-save it as UTF-8")
    if _seekable(f):
        f.seek(len(bom[0]) if bom else 0)
    else:  # (a stream: the head is given again from memory)
        f = io.BufferedReader(_Replayed(head[len(bom[0]) if bom else 0:], f))
    lines = _text_lines(f, codec, max_line_bytes) if codec else _byte_lines(f, max_line_bytes)
    blank = True
    for line in lines:
        blank = blank and isinstance(line, str) and not line.strip()
        yield line
    if blank:
        raise Unreadable("empty file")


def blank_damaged_lines(data: bytes) -> tuple[bytes, list[int]]:
    """``data`` (a file of records, one or more lines each) with every line that holds NUL bytes
    emptied, and those lines' numbers (from 1), when they are few (:func:`_nul_in_few_lines`: a
    damaged record, a crash's zero-filled end); ``(data, [])`` otherwise, for :func:`decode` to
    tell a binary file. The other lines keep their numbers, so their records keep their origins."""
    if b"\x00" not in data or sniff_binary(data):
        return data, []
    lines = data.split(b"\n")
    damaged = [i for i, line in enumerate(lines, start=1) if b"\x00" in line]
    if not _nul_in_few_lines(lines, len(damaged)):
        return data, []
    for i in damaged:
        lines[i - 1] = b""
    return b"\n".join(lines), damaged


def _nul_in_few_lines(lines: list[bytes], damaged: int) -> bool:
    """Are ``damaged`` of ``lines`` (a file's lines, of no known binary format) the lines with NUL
    bytes in a text file with a damaged line or a crash's zero-filled end (at most one line in
    twenty, or one, beside a line of text), rather than NUL bytes all through it, as in a binary
    file?"""
    return damaged < len(lines) and damaged <= max(1, MAX_CONTROL_SHARE * len(lines)) and any(
        line.strip() and b"\x00" not in line for line in lines)


def _text_lines(f: BinaryIO, codec: str, max_line_bytes: int) -> Iterator[str | Unreadable]:
    """Lines of a file in ``codec`` (UTF-16/32, or UTF-8 after a byte-order mark)."""
    text = io.TextIOWrapper(f, encoding=codec, newline="\n")
    try:
        while line := text.readline(max_line_bytes + 1):
            if len(line) > max_line_bytes and not line.endswith("\n"):
                yield Unreadable(f"line over {max_line_bytes:,} characters: skipped")
                while (rest := text.readline(max_line_bytes + 1)) and not rest.endswith("\n"):
                    pass
                continue
            yield line.removesuffix("\n")
    except UnicodeDecodeError as err:
        yield Unreadable(f"undecodable text (starts with a {codec.upper()} byte-order mark or reads as "
                         f"{codec.upper()}, but a later byte is invalid: {err.reason}); the rest is skipped")
    finally:
        text.detach()


def _byte_lines(f: BinaryIO, max_line_bytes: int) -> Iterator[str | Unreadable]:
    """Lines of a file in UTF-8 or an 8-bit encoding, each decoded on its own."""
    while raw := f.readline(max_line_bytes + 1):
        if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
            yield Unreadable(f"line over {max_line_bytes:,} bytes: skipped")
            while (rest := f.readline(max_line_bytes + 1)) and not rest.endswith(b"\n"):
                pass
            continue
        raw = raw.removesuffix(b"\n")
        if b"\x00" in raw:
            yield Unreadable(NUL_LINE)
            continue
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                yield decode(raw)
            except Unreadable as err:
                yield err
