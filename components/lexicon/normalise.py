"""How a word or a name is normalised before it is compared with a table: one function per
purpose, each saying why it differs from the others. Written for Dateline.

- :func:`word_key` — a single word against a word list ("Dr." → "dr"): case and a final full
  stop only, so "U.S." stays distinguishable from "us".
- :func:`name_key` — a place or country name against the gazetteer and the country table
  ("U.S." → "us", "The Hague" → "hague"): spelling differences that never change which place is
  meant are removed, but a two-letter capital code stays ("AL" is Alabama, "Al" a first name).
- :func:`clean_name` — a mention as it will be displayed ("Al Assad’s" → "Al Assad"): only
  what is not part of the name (quotes, a possessive, a leading "the") is removed.
- :func:`fold` — two person or organisation names compared for sameness ("Bashar al-Assad" and
  "Bashar Al Assad"): hyphens and apostrophes are spaces, since people's names are spelt both
  ways.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Typographic quotes and apostrophes → ASCII, before anything else looks at a name.
QUOTES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"', "\u00b4": "'", "`": "'"}
_QUOTES = str.maketrans(QUOTES)
# ... and for a place name also the Unicode hyphens and dashes (U+2010 to U+2015) → "-".
_QUOTES_AND_DASHES = str.maketrans({**QUOTES, **{chr(c): "-" for c in range(0x2010, 0x2016)}})
# Leading words that are never part of a canonical name.
LEADING_ARTICLES = ("the ", "The ", "THE ")
_FOLD_SEPARATORS = re.compile(r"[-\u2010-\u2015'.]")


def strip_accents(text: str) -> str:
    """``text`` without combining marks ("São Paulo" → "Sao Paulo"); ASCII text is returned as is."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def word_key(word: str) -> str:
    """A word as the word lists hold it: lower case, typographic apostrophe made ASCII, final
    "." removed ("Dr." → "dr")."""
    return word.lower().replace("\u2019", "'").rstrip(".")


def name_key(text: str) -> str:
    """The lookup key of a place or country name: accents stripped, case folded, full stops
    dropped ("U.S." → "us"), hyphens and runs of spaces as one space, a leading "the" dropped.
    Two capital letters stay as they are: "AL" (Alabama) is not "Al"."""
    stripped = text.strip()
    if len(stripped) == 2 and stripped.isascii() and stripped.isupper():
        return stripped  # a code ("AL", "US", "UK") is not the word or name "Al", "Us"
    t = text if text.isascii() else strip_accents(text).translate(_QUOTES_AND_DASHES)
    t = " ".join(t.replace(".", " ").replace("-", " ").lower().split())
    if " '" in t:
        t = t.replace(" '", "'")
    if t.startswith("the "):
        t = t[4:]
    # "u s" (from "U.S.") and "w va" read as written without spaces too.
    if " " in t and len(t) < 12 and all(len(w) <= 2 for w in t.split()) and len(t.split()[0]) == 1:
        t = t.replace(" ", "")
    return t


@lru_cache(maxsize=65536)
def clean_name(text: str) -> str:
    """Canonical spelling of a mention: typographic quotes made ASCII, surrounding quotes and
    punctuation removed, a leading "the" and a trailing possessive ("'s", "s'") dropped,
    whitespace (including line breaks) collapsed to single spaces.

    text: the mention as written. Returns the cleaned name ("" if nothing is left)."""
    s = " ".join(text.translate(_QUOTES).split())
    s = s.strip(" \"'.,;:!?()[]{}-")
    for art in LEADING_ARTICLES:
        if s.startswith(art) and len(s) > len(art):
            s = s[len(art):]
            break
    if s.endswith("'s") or s.endswith("'S"):
        s = s[:-2]
    elif s.endswith("s'"):
        s = s[:-1]
    return s.strip(" \"'.,;:-")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Comparison key of a person or organisation name: :func:`clean_name`, diacritics removed,
    case folded, hyphens, dots and apostrophes treated as spaces ("Bashar al-Assad" and "Bashar
    Al Assad" fold alike)."""
    s = strip_accents(clean_name(text)).casefold()
    return " ".join(_FOLD_SEPARATORS.sub(" ", s).split())
