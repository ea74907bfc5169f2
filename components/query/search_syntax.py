"""The analyst's search syntax, parsed into an SQLite FTS5 query (the search index's engine).

What an analyst types in the search box (``Filter.text``, URL key ``q``):

=====================  =========================================================================
``port fees``          both words, anywhere in the article (AND is the default between words)
``"port fees"``        the phrase: these words next to each other, in this order
``grain OR wheat``     either word (OR binds its neighbours: ``a OR b c`` is (a or b) and c)
``NOT fees``, ``-fees``  articles without the word (beside at least one word that must occur)
``export*``            words starting with "export" (export, exports, exporter …)
=====================  =========================================================================

Matching is case-insensitive and ignores accents (``Zurich`` finds "Zürich"); words are split
at spaces and punctuation as the index splits the articles (``U.S.`` is the phrase "u s"). ``AND``,
``OR`` and ``NOT`` are operators only in capitals; in lower case they are words.

:func:`parse_search` never hands raw user text to FTS5: every term becomes an FTS5 string (``"…"``,
inner quotes doubled), joined by operators it writes itself, so a stray quote, colon, bracket
or asterisk cannot make an FTS5 syntax error. Input that gives nothing to search for raises
:class:`SearchSyntaxError` with a one-line hint.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

#: What a search that cannot be read says, after its own reason.
SYNTAX_HINT = ('Write words (all must occur), "a phrase", OR between alternatives, NOT or -word '
               "to exclude, word* for a prefix.")
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class SearchSyntaxError(ValueError):
    """A search that gives nothing to look for; the message is a one-line hint."""


@dataclass(frozen=True)
class Term:
    """One word or phrase of a search.

    words: its words as typed, split at spaces (the index splits them further at punctuation).
    prefix: the last word is a prefix (``export*``).
    negated: articles with it are excluded (``NOT x``, ``-x``)."""

    words: tuple[str, ...]
    prefix: bool = False
    negated: bool = False

    def fts(self) -> str:
        """The term as an FTS5 string: ``"port fees"`` or ``"export" *``."""
        text = '"' + " ".join(self.words).replace('"', '""') + '"'
        return text + " *" if self.prefix else text


@dataclass(frozen=True)
class Search:
    """A parsed search: ``groups`` all must match (each group: any of its terms); no article
    with any of ``excluded`` matches.

    groups: tuples of positive :class:`Term`; excluded: the negated terms."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()

    @property
    def match(self) -> str:
        """The FTS5 MATCH expression (only strings and operators this module wrote)."""
        ands = " AND ".join("(" + " OR ".join(t.fts() for t in g) + ")" for g in self.groups)
        if not self.excluded:
            return ands
        return f"({ands}) NOT (" + " OR ".join(t.fts() for t in self.excluded) + ")"

    @property
    def terms(self) -> tuple[Term, ...]:
        """The positive terms, in the order typed."""
        return tuple(t for g in self.groups for t in g)


def _term(raw: str, phrase: bool, negated: bool) -> Term | None:
    """The term of one token (None when it holds no letter or digit, e.g. a lone ``*`` or ``:``).
    Its text goes to the index whole, inside an FTS5 string, so that the index splits it into
    words exactly as it split the articles."""
    prefix = not phrase and raw.endswith("*")
    text = " ".join(raw.rstrip("*").split()) if prefix else " ".join(raw.split())
    if not any(ch.isalnum() for ch in text):
        return None
    return Term(words=tuple(text.split(" ")), prefix=prefix, negated=negated)


def _tokens(text: str) -> list[tuple[str, bool, bool]]:
    """``(token, is_phrase, excluded)`` in order: "quoted phrases" (an unclosed quote runs to
    the end; ``-"…"`` excludes one), and the other runs of non-space characters (``-word``
    excludes the word)."""
    out = []
    for m in _TOKEN.finditer(text):
        minus, phrase, word = m.groups()
        if word is None:
            out.append((phrase, True, bool(minus)))
        elif word.startswith("-") and len(word) > 1:
            out.append((word[1:], False, True))
        else:
            out.append((word, False, False))
    return out


def parse_search(text: str) -> Search | None:
    """The search ``text`` (the analyst's syntax, see the module docstring) as a :class:`Search`;
    None for an empty search (nothing to filter). Raises SearchSyntaxError (a one-line hint)
    when ``text`` gives no word that must occur: only punctuation, or only excluded words."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    negate = join = False
    text = _CONTROL.sub(" ", text or "")  # (FTS5 reads a NUL as the end of its query)
    for token, phrase, minus in _tokens(text):
        if not phrase and not minus and token in ("AND", "OR", "NOT"):
            negate = negate or token == "NOT"
            join = token == "OR" and bool(groups)
            continue
        negated = negate or minus
        term = _term(token, phrase, negated)
        negate = False
        if term is None:
            join = False
            continue
        if negated:
            excluded.append(term)
        elif join:
            groups[-1].append(term)
        else:
            groups.append([term])
        join = False
    if not groups and not excluded:
        if (text or "").strip():
            raise SearchSyntaxError(f"there is no word to search for in {text.strip()[:40]!r}. {SYNTAX_HINT}")
        return None
    if not groups:
        raise SearchSyntaxError(f"a search cannot only exclude words: add one that must occur. {SYNTAX_HINT}")
    return Search(groups=tuple(tuple(g) for g in groups), excluded=tuple(excluded))


def match_of(text: str) -> str | None:
    """The FTS5 MATCH expression of the search ``text`` (None when empty); raises
    SearchSyntaxError as :func:`parse_search`."""
    search = parse_search(text)
    return None if search is None else search.match
