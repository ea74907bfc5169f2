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

"Reads as text" (:func:`text_verdict`) is a rule on Unicode character properties, not on any
language. In the first :data:`VERDICT_SAMPLE_CHARS` characters:

- at most 1 % are control, private-use or unassigned code points (or U+FFFD);
- at least a quarter of the visible characters are letters, and no single letter makes up
  more than 40 % of them (1,000 × "ÿ" is not text), nor all of four or more;
- at least 90 % of the letters belong to one or two writing systems (Han and kana count as one);
- words of scripts written with spaces have plausible lengths (on average at most 15 letters,
  6 Hangul syllables): a long run of Hangul without a space is a misread CJK text;
- at most 10 % of the visible characters are unusual: a rare compatibility form (half-width
  katakana, Arabic presentation forms, Hangul jamo standing alone, Hangul syllables outside the
  2,350 of KS X 1001, ideographs outside the basic CJK block); a letter next to a letter of
  another writing system (one of them not ASCII); non-ASCII punctuation wedged between two
  letters of a spaced script ("Tokyo “Œ‹ž news" is Shift-JIS read as Windows-1252); a non-ASCII
  symbol or number sign attached to such a letter ("oœwiadczy³ dziœ w £odzi" is Polish read as
  Windows-1252).

Text that decodes but is mostly control characters is a binary file too.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Iterator, NamedTuple

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
# Guesses tried after charset-normalizer's: Japanese encodings that it mistakes for Korean on short
# texts. At most this many of charset-normalizer's candidates are tried.
EXPLICIT_GUESSES = ("cp932", "euc_jp")
MAX_CHARSET_NORMALIZER_GUESSES = 5
# The first guess that reads as text with at most this share of unusual characters is taken;
# failing that, the one with the smallest share.
GOOD_GUESS_UNUSUAL_SHARE = 0.02
# The "reads as text" rule (see the module docstring).
VERDICT_SAMPLE_CHARS = 16384
MAX_INVALID_SHARE = 0.01          # control/private-use/unassigned among all characters
MIN_LETTER_SHARE = 0.25           # letters among visible characters
MAX_SAME_LETTER_SHARE = 0.4       # the most frequent letter among letters…
MIN_LETTERS_FOR_REPEATS = 20      # …once there are this many letters
MIN_LETTERS_FOR_ONE_LETTER = 4    # fewer letters may all be the same one ("ÿÿÿÿ" may not)
MIN_MAIN_SCRIPTS_SHARE = 0.9      # letters of the two main writing systems among letters
MAX_MEAN_WORD_LETTERS = 15        # mean letters per word in a script written with spaces
MAX_MEAN_HANGUL_WORD = 6          # mean Hangul syllables per word
MIN_LETTERS_FOR_WORDS = 10
MAX_UNUSUAL_SHARE = 0.1           # unusual characters among visible characters
# Writing systems whose words are not separated by spaces.
UNSPACED_SCRIPTS = frozenset({"CJK", "THAI", "LAO", "KHMER", "MYANMAR", "TIBETAN"})
# Non-ASCII punctuation that may stand between two letters of a word (apostrophes, hyphens,
# dashes, middle dots, ellipsis).
INNER_PUNCTUATION = frozenset("’‘ʼ·‐‑–—…・")
_INVALID_CATEGORIES = frozenset({"Co", "Cn", "Cs"})
_TOLERATED_CONTROLS = frozenset("\x1b")  # escape (terminal colour codes); whitespace is skipped before


class Verdict(NamedTuple):
    """Whether a decoded text reads as text. why: what is wrong ("one letter repeated (96 % of
    the letters)"), None when it reads as text; unusual: the share of unusual characters among
    the visible ones (0..1), to rank guesses."""

    why: str | None
    unusual: float


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


def text_verdict(text: str) -> Verdict:
    """Judge whether ``text`` (a decoding of unknown bytes) reads as text in some script, by the
    rule in the module docstring. Looks at the first :data:`VERDICT_SAMPLE_CHARS` characters."""
    sample = text[:VERDICT_SAMPLE_CHARS]
    invalid = visible = unusual = 0
    letters: Counter[str] = Counter()
    scripts: Counter[str] = Counter()
    for ch in sample:
        if ch.isspace():
            continue
        cat = unicodedata.category(ch)
        if (cat == "Cc" and ch not in _TOLERATED_CONTROLS) or cat in _INVALID_CATEGORIES or ch == "\ufffd":
            invalid += 1
            continue
        visible += 1
        if cat[0] == "L":
            letters[ch] += 1
            scripts[_script(ch)] += 1
            unusual += _rare_letter(ch)
    if invalid > MAX_INVALID_SHARE * max(len(sample), 1):
        return Verdict(f"control, private-use or unassigned characters ({_pct(invalid, len(sample))})", 1.0)
    n_letters = sum(letters.values())
    if not n_letters or n_letters < MIN_LETTER_SHARE * visible:
        return Verdict(f"too few letters ({_pct(n_letters, visible)} of the characters)", 1.0)
    top = letters.most_common(1)[0][1]
    if ((n_letters >= MIN_LETTERS_FOR_REPEATS and top > MAX_SAME_LETTER_SHARE * n_letters)
            or (len(letters) == 1 and n_letters >= MIN_LETTERS_FOR_ONE_LETTER)):
        return Verdict(f"one letter repeated ({_pct(top, n_letters)} of the letters)", 1.0)
    main = sum(n for _, n in scripts.most_common(2))
    if main < MIN_MAIN_SCRIPTS_SHARE * n_letters:
        return Verdict(f"letters from {len(scripts)} writing systems mixed", 1.0)
    why = _implausible_words(sample)
    if why:
        return Verdict(why, 1.0)
    unusual += _wedged(sample)
    share = unusual / visible
    if share > MAX_UNUSUAL_SHARE:
        return Verdict(f"many unusual characters ({_pct(unusual, visible)})", share)
    return Verdict(None, share)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "0 %"


@lru_cache(maxsize=8192)
def _script(ch: str) -> str:
    """The writing system of letter ``ch``, from its Unicode name: "LATIN", "CYRILLIC", "HANGUL",
    "CJK" (ideographs and kana), … ("HALFWIDTH KATAKANA LETTER A" -> "CJK")."""
    words = unicodedata.name(ch, "UNKNOWN").split()
    first = words[1] if words[0] in ("HALFWIDTH", "FULLWIDTH") and len(words) > 1 else words[0]
    if first in ("CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "IDEOGRAPHIC", "BOPOMOFO"):
        return "CJK"
    return first


@lru_cache(maxsize=8192)
def _rare_letter(ch: str) -> bool:
    """True for letters kept for compatibility and rare in running text (see the module docstring)."""
    cp = ord(ch)
    if 0xAC00 <= cp <= 0xD7A3:  # Hangul syllable: common iff in KS X 1001 (two bytes in EUC-KR)
        return len(ch.encode("euc_kr")) != 2
    if 0x3130 <= cp <= 0x318F or 0xFFA0 <= cp <= 0xFFDC:  # Hangul jamo written alone
        return True
    if 0xFF61 <= cp <= 0xFF9F:  # half-width katakana
        return True
    if 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF:  # Arabic presentation forms
        return True
    if _script(ch) == "CJK" and unicodedata.name(ch, "").startswith("CJK"):
        return not 0x4E00 <= cp <= 0x9FFF
    return False


def _implausible_words(sample: str) -> str | None:
    """A reason when the words of a script written with spaces are implausibly long, else None."""
    totals: dict[bool, list[int]] = {False: [0, 0], True: [0, 0]}  # is_hangul -> [letters, words]
    for word in sample.split():
        word_scripts = Counter(_script(ch) for ch in word if ch.isalpha())
        if not word_scripts:
            continue
        script, n = word_scripts.most_common(1)[0]
        if script in UNSPACED_SCRIPTS:
            continue
        acc = totals[script == "HANGUL"]
        acc[0] += n
        acc[1] += 1
    for hangul, limit in ((False, MAX_MEAN_WORD_LETTERS), (True, MAX_MEAN_HANGUL_WORD)):
        n, words = totals[hangul]
        if n >= MIN_LETTERS_FOR_WORDS and n > limit * words:
            unit = "Hangul syllables" if hangul else "letters"
            return f"no spaces between words ({n / words:.0f} {unit} per word)"
    return None


def _wedged(sample: str) -> int:
    """How many characters stand where text does not put them: a letter next to a letter of another
    writing system; non-ASCII punctuation between two letters of a spaced script; a non-ASCII symbol
    or number sign ("³", "£") attached to a letter of a spaced script."""
    odd = 0
    for prev, ch, nxt in zip(" " + sample, sample, sample[1:] + " "):
        if ch.isalpha():
            odd += prev.isalpha() and not (ch.isascii() and prev.isascii()) and _script(prev) != _script(ch)
            continue
        if ch.isascii() or ch in INNER_PUNCTUATION:
            continue
        cat = unicodedata.category(ch)
        before, after = _spaced_letter(prev), _spaced_letter(nxt)
        if cat[0] == "P":
            odd += before and after
        elif cat[0] == "S" or cat == "No":
            odd += before or after
    return odd


def _spaced_letter(ch: str) -> bool:
    return ch.isalpha() and _script(ch) not in UNSPACED_SCRIPTS


def _refuse_control_heavy(text: str) -> None:
    sample = text[:_SAMPLE_CHARS]
    if len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise Unreadable("binary file (control characters)")
