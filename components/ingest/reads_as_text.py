"""Whether a decoding of unknown bytes reads as text in some script (:func:`text_verdict`): the
check that refuses a guessed decoding which does not (:mod:`.decoding`).

"Reads as text" is a rule on Unicode character properties, not on any language. In the first
:data:`VERDICT_SAMPLE_CHARS` characters:

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
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

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
