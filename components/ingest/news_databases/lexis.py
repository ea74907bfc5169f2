"""LexisNexis's exports as lines (a text file's, a Word document's paragraphs, an HTML page's
blocks): a :class:`~.story.Story` per story.

- LexisNexis's older text export (nexis.com, LexisNexis Academic): ``1 of 10 DOCUMENTS`` opens
  each story ("Dokument 1 von 10", "Document 1 de 10" in German and French); its head, up to
  the ``LENGTH:`` line, holds the outlet (the first line), the date, the edition and the headline
  (written flush left, where the outlet, date and edition are centred) and fields such as
  ``BYLINE:`` and ``SECTION:``; its tail begins at an index field (``LOAD-DATE:``,
  ``LANGUAGE:``, ``PUBLICATION-TYPE:``…, :data:`_TAIL_FIELDS`). Lines are wrapped: a paragraph's
  lines are joined. Its HTML (Nexis UK's) has the same lines, a block each, none centred: there
  the headline is the last line before the fields.
- Nexis Uni and Nexis Advance (a .docx's paragraphs, or the same saved as text): ``End of
  Document`` closes each story, and a ``Body`` line parts its head from its text; the head ends
  with the headline, the outlet and the date, in that order, then fields (``Length:``,
  ``Byline:``, ``Dateline:``); the text ends at its index (``Classification``, ``Graphic``,
  ``Load-Date:``). The first story's head may follow the export's cover page (``Job Number:``,
  ``Search Terms:``, the list of its documents), which is not read.
"""
from __future__ import annotations

import re

from .story import Story, dated

#: The words that open a story of LexisNexis's older export, in English, German and French.
_STORY_NUMBER = r"\d+ of \d+ DOCUMENTS?|Dokument \d+ von \d+|Document \d+ de \d+"
#: The line that opens such a story.
_CLASSIC_START = re.compile(rf"^\s*(?:FOCUS - )?(?:{_STORY_NUMBER})\s*$")
#: The line that ends the head of such a story.
_CLASSIC_LENGTH = re.compile(r"^(?:LENGTH|LÄNGE|LONGUEUR):\s")
#: A field line of that export: a capitalised name and a colon ("BYLINE: Jane Doe").
_CLASSIC_FIELD = re.compile(r"^(?P<name>[A-ZÄÖÜ][A-ZÄÖÜ-]{2,}):\s*(?P<value>.*)$")
#: The fields that open a story's tail (its index, after the text) in that export.
_TAIL_FIELDS = frozenset({
    "LOAD-DATE", "LANGUAGE", "SPRACHE", "LANGUE", "GRAPHIC", "GRAFIK", "PUBLICATION-TYPE", "JOURNAL-CODE",
    "DOCUMENT-TYPE", "CORRECTION-DATE", "UPDATE", "NOTES", "URL", "SUBJECT", "ORGANIZATION", "PERSON",
    "GEOGRAPHIC", "COMPANY", "TICKER", "INDUSTRY", "CITY", "STATE", "COUNTRY", "TYPE",
})
#: Nexis Uni's line after each story, and the one before its text.
_UNI_END, _UNI_BODY = "End of Document", frozenset({"Body", "Text"})
#: Headings and fields that open the index after a Nexis Uni story's text.
_UNI_TAIL = re.compile(r"^(?:Classification|Graphic|Notes|Load-Date:.*|Language:.*)$")
#: A field line of Nexis Uni ("Length: 523 words", "Byline: Jane Doe"; a no-break space may follow
#: the colon).
_UNI_FIELD = re.compile(r"^(?P<name>[A-Z][A-Za-z/-]+(?: [A-Za-z/-]+){0,3}):[\s\u00a0]*(?P<value>.*)$")


#: Where a page's text says it is such an export (a story's opening words, anywhere in it).
EXPORT_PAGE = re.compile(_STORY_NUMBER)
#: The head and index fields of Nexis Uni's stories (as its exports name them, LexisNexisTools and
#: tm.plugin.lexisnexis read them), which a printed export writes on lines of their own.
_UNI_FIELDS = frozenset({"Length", "Byline", "Section", "Dateline", "Highlight", "Load-Date", "Language",
                         "Publication-Type", "Journal-Code", "Correction-Date", "Edition", "Series"})


def head_starts(line: str) -> bool:
    """Whether the stripped ``line`` ends a story or opens the next one's head ("End of
    Document", "3 of 10 DOCUMENTS")."""
    return line == _UNI_END or bool(_CLASSIC_START.match(line))


def text_starts(line: str) -> bool:
    """Whether the stripped ``line`` ends a story's head: its text follows ("Body", "LENGTH: …")."""
    return line in _UNI_BODY or bool(_CLASSIC_LENGTH.match(line))


def own_line(line: str) -> bool:
    """Whether the stripped ``line`` is one that these exports write on a line of its own
    wherever it comes: a heading of a story's index, a field ("Length: 523 words", "BYLINE: Jane
    Doe")."""
    if _UNI_TAIL.match(line):
        return True
    field = _UNI_FIELD.match(line) or _CLASSIC_FIELD.match(line)
    return bool(field) and (field["name"] in _UNI_FIELDS or field["name"].isupper())


def lexis_stories(lines: list[str]) -> list[Story] | None:
    """The stories of a LexisNexis export given as its ``lines`` (a text file's lines, or a Word
    document's paragraphs), or None when the lines are not such an export."""
    stripped = [line.strip() for line in lines]
    if any(line in _UNI_BODY for line in stripped) and any(line == _UNI_END or line.startswith("Load-Date:")
                                                           for line in stripped):
        return _uni_stories(stripped)  # (a Load-Date line: an export cut short before its first end)
    starts = [i for i, line in enumerate(lines) if _CLASSIC_START.match(line)]
    if starts and any(_CLASSIC_LENGTH.match(line) for line in lines[starts[0]:]):
        return [_classic_story(lines[a + 1:b]) for a, b in zip(starts, [*starts[1:], len(lines)])]
    return None


def _classic_story(lines: list[str]) -> Story:
    """One story of the older export (its lines after the ``N of M DOCUMENTS`` line)."""
    end = next((i for i, line in enumerate(lines) if _CLASSIC_LENGTH.match(line)), None)
    head, rest = (lines[:end], lines[end + 1:]) if end is not None else ([], lines)
    fields = {m["name"]: m["value"].strip() for line in head if (m := _CLASSIC_FIELD.match(line))}
    named = [line for line in head if line.strip() and not _CLASSIC_FIELD.match(line)]
    date_at, date = next(((i, d) for i, line in enumerate(named) if (d := dated(line))), (None, None))
    source = named[0].strip() if named and date_at != 0 else None
    # the headline: the lines written flush left, where the outlet, date and edition are centred;
    # when no line is (a page's lines), the last line before the fields
    after = named[(date_at or 0) + 1:]
    centred = any(line[:1].isspace() for line in named)
    title = " ".join(line.strip() for line in (after if centred else after[-1:]) if not line[:1].isspace()) or None
    body: list[str] = []
    for line in rest:
        m = _CLASSIC_FIELD.match(line)
        if m and m["name"] in _TAIL_FIELDS:
            break
        if m and not any(b.strip() for b in body):  # (DATELINE:, HIGHLIGHT: before the text)
            fields.setdefault(m["name"], m["value"].strip())
            continue
        body.append(line)
    return Story(title, source, date, fields.get("DATELINE"), _joined_paragraphs(body))


def _joined_paragraphs(lines: list[str]) -> tuple[str, ...]:
    """Paragraphs of wrapped lines: the lines between blank lines, joined by a space."""
    paragraphs, current = [], []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return tuple(paragraphs)


def _uni_stories(lines: list[str]) -> list[Story]:
    """The stories of a Nexis Uni export (stripped lines): one per ``End of Document``."""
    stories, current = [], []
    for line in lines:
        if line == _UNI_END:
            stories.append(_uni_story([x for x in current if x]))
            current = []
        else:
            current.append(line)
    if any(current) and any(x in _UNI_BODY for x in current):  # (cut short before its last marker)
        stories.append(_uni_story([x for x in current if x])._replace(cut_short=True))
    return stories


def _uni_story(lines: list[str]) -> Story:
    """One Nexis Uni story (its non-blank lines up to ``End of Document``)."""
    body_at = next((i for i, line in enumerate(lines) if line in _UNI_BODY), len(lines))
    head, text = lines[:body_at], lines[body_at + 1:]
    fields = {m["name"]: m["value"].strip() for line in head if (m := _UNI_FIELD.match(line))}
    named = [i for i, line in enumerate(head) if not _UNI_FIELD.match(line)]
    # the date: the last head line (not a field) that reads as one; the outlet and the headline
    # are the two lines before it (a cover page may come before them)
    date_at, date = next(((i, d) for i in reversed(named) if (d := dated(head[i]))), (None, None))
    if date_at is None:
        title, source = (head[named[0]] if named else None), None
    else:
        before = [i for i in named if i < date_at][-2:]
        title = head[before[0]] if len(before) == 2 else None
        source = head[before[-1]] if before else None
    end = next((i for i, line in enumerate(text) if _UNI_TAIL.match(line)), len(text))
    return Story(title, source, date, fields.get("Dateline"), tuple(text[:end]))
