"""News databases' exports: one file holding many stories, each with its own head (headline,
outlet, date, byline…), as analysts download them from LexisNexis and Factiva. Each story is
one article; the database's head lines and index lines are not read as the story's text.

The markers are those the exports print (as the R packages LexisNexisTools, tm.plugin.lexisnexis
and tm.plugin.factiva read them):

- LexisNexis's older text export (nexis.com, LexisNexis Academic): ``1 of 10 DOCUMENTS`` opens
  each story ("Dokument 1 von 10", "Document 1 de 10" in German and French); its head, up to
  the ``LENGTH:`` line, holds the outlet (the first line), the date, the edition and the headline
  (written flush left, where the outlet, date and edition are centred) and fields such as
  ``BYLINE:`` and ``SECTION:``; its tail begins at an index field (``LOAD-DATE:``,
  ``LANGUAGE:``, ``PUBLICATION-TYPE:``…, :data:`_TAIL_FIELDS`). Lines are wrapped: a paragraph's
  lines are joined.
- Nexis Uni and Nexis Advance (a .docx's paragraphs, or the same saved as text): ``End of
  Document`` closes each story, and a ``Body`` line parts its head from its text; the head ends
  with the headline, the outlet and the date, in that order, then fields (``Length:``,
  ``Byline:``, ``Dateline:``); the text ends at its index (``Classification``, ``Graphic``,
  ``Load-Date:``). The first story's head may follow the export's cover page (``Job Number:``,
  ``Search Terms:``, the list of its documents), which is not read.

- Factiva's HTML (the page its "Format for Saving" opens, saved by the browser): a ``div`` classed
  ``article`` and ``enArticle`` (``deArticle``… by the story's language) per story. In its
  "Article Format" the headline is a ``span`` classed ``enHeadline``, the head lines are plain
  ``div`` elements (the word count, the date, a time, the outlet, its code, the edition, the
  language, the copyright, in the user's language), the paragraphs ``p`` elements classed
  ``articleParagraph``, and the last paragraph ``Document <id>``. In its "Full Article/Report
  plus Indexing" format a table gives each field beside its code (``HD`` headline, ``PD`` date,
  ``SN`` outlet, ``LP`` and ``TD`` the text, ``AN`` the id).
- Factiva's RTF (or its text): the same two formats as lines. In the Article Format each story
  ends with its ``Document <id>`` line and its head is the headline, the byline, the word count
  ("877 words", in the user's language), the date, the outlet… down to the copyright line; in the
  indexed format each field's lines follow its code (``HD``, ``PD``, ``SN``, ``LP``, ``TD``…).

A story's ``DATELINE:`` field gives its places; a wire dateline opening its text is split off as
in a .txt file (:mod:`.header`). A story without text (a graphic's entry) is a Problem.
"""
from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from ..datelines import places_before_comma
from ..records import Article, Problem
from .boilerplate import clean_body
from .dates import read_date
from .header import split_header

#: The line that opens a story of LexisNexis's older export, in English, German and French.
_CLASSIC_START = re.compile(r"^\s*(?:FOCUS - )?(?:\d+ of \d+ DOCUMENTS?|Dokument \d+ von \d+|Document \d+ de \d+)\s*$")
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


class Story(NamedTuple):
    """One story of an export. title, source, date (as written), dateline (the ``DATELINE:``
    field as written), source_id: from its head, or None; paragraphs: its text's paragraphs."""

    title: str | None
    source: str | None
    date: str | None
    dateline: str | None
    paragraphs: tuple[str, ...]
    source_id: str | None = None


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
    date_at = next((i for i, line in enumerate(named) if _dated(line)), None)
    source = named[0].strip() if named and date_at != 0 else None
    # the headline: the lines written flush left (the outlet, date and edition are centred)
    title = " ".join(line.strip() for line in named[(date_at or 0) + 1:] if not line[:1].isspace()) or None
    body: list[str] = []
    for line in rest:
        m = _CLASSIC_FIELD.match(line)
        if m and m["name"] in _TAIL_FIELDS:
            break
        if m and not any(b.strip() for b in body):  # (DATELINE:, HIGHLIGHT: before the text)
            fields.setdefault(m["name"], m["value"].strip())
            continue
        body.append(line)
    return Story(title, source, _dated(named[date_at]) if date_at is not None else None,
                 fields.get("DATELINE"), _joined_paragraphs(body))


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
        stories.append(_uni_story([x for x in current if x]))
    return stories


def _uni_story(lines: list[str]) -> Story:
    """One Nexis Uni story (its non-blank lines up to ``End of Document``)."""
    body_at = next((i for i, line in enumerate(lines) if line in _UNI_BODY), len(lines))
    head, text = lines[:body_at], lines[body_at + 1:]
    fields = {m["name"]: m["value"].strip() for line in head if (m := _UNI_FIELD.match(line))}
    named = [i for i, line in enumerate(head) if not _UNI_FIELD.match(line)]
    # the date: the last head line (not a field) that reads as one; the outlet and the headline
    # are the two lines before it (a cover page may come before them)
    date_at = next((i for i in reversed(named) if _dated(head[i])), None)
    if date_at is None:
        title, source, date = (head[named[0]] if named else None), None, None
    else:
        before = [i for i in named if i < date_at][-2:]
        title = head[before[0]] if len(before) == 2 else None
        source = head[before[-1]] if before else None
        date = _dated(head[date_at])
    end = next((i for i, line in enumerate(text) if _UNI_TAIL.match(line)), len(text))
    return Story(title, source, date, fields.get("Dateline"), tuple(text[:end]))


#: A Factiva story's ``div``: classed ``article`` and ``<language>Article``.
_FACTIVA_CLASS = re.compile(r"^[a-z]{2,3}Article$")
#: The last paragraph of a Factiva story: "Document <its id>" (in the user's language).
_FACTIVA_ID = re.compile(r"^\S+\s+([A-Za-z0-9]{20,40})$")
#: A head line giving a time ("10:30", "10:30 GMT").
_TIME = re.compile(r"^\d{1,2}[:.]\d{2}\b")


#: A Factiva story's word count ("877 words", "1,684 Wörter", "877 mots").
_WORD_COUNT = re.compile(r"^\d{1,3}(?:[,.\u00a0 ]?\d{3})*\s+\w+$")
#: A copyright line, the last of a Factiva story's head.
_COPYRIGHT = re.compile(r"^(?:\(c\)|©|copyright\b)", re.IGNORECASE)
#: Factiva's field codes, as the indexed format writes them at a line's start (then the value).
_FACTIVA_CODE = re.compile(r"^(?P<code>HD|BY|WC|PD|ET|SN|SC|ED|PG|LA|CY|LP|TD|CO|IN|NS|RE|IPC|IPD|PUB|AN|CR|SE|CLM|ART|RF)"
                           r"(?:[\s|:\u00a0]+(?P<value>.*))?$")
#: How many lines a Factiva story's head may run to (the word count and the copyright line are
#: looked for in them).
_FACTIVA_HEAD_LINES = 14


def factiva_text_stories(lines: list[str]) -> list[Story] | None:
    """The stories of a Factiva export given as lines (an RTF's or a text file's), or None when
    the lines are not such an export."""
    lines = [line.strip() for line in lines if line.strip()]
    ends = [i for i, line in enumerate(lines) if _FACTIVA_ID.match(line) and line.split()[0].istitle()]
    codes = {m["code"]: m["value"] or "" for line in lines if (m := _FACTIVA_CODE.match(line))}
    if "HD" in codes and ("PD" in codes or "SN" in codes) and _FACTIVA_ID.match(codes.get("AN", "")):
        return _indexed_stories(lines)
    starts = [0, *(i + 1 for i in ends[:-1])]
    if not ends or not all(any(_WORD_COUNT.match(x) for x in lines[a:a + _FACTIVA_HEAD_LINES])
                           for a in starts):
        return None
    return [_factiva_text_story(lines[a:b], _FACTIVA_ID.match(lines[b])[1]) for a, b in zip(starts, ends)]


def _factiva_text_story(lines: list[str], doc_id: str) -> Story:
    """One story of Factiva's Article Format as lines (its ``Document`` line left out)."""
    head = lines[:_FACTIVA_HEAD_LINES]
    count_at = next(i for i, line in enumerate(head) if _WORD_COUNT.match(line))
    date, source = _date_and_outlet(head[count_at + 1:])
    right = next((i for i in range(count_at + 1, len(head)) if _COPYRIGHT.match(head[i])), None)
    text = lines[right + 1:] if right is not None else lines[count_at + 1:]
    return Story(lines[0] if count_at else None, source, date, None, tuple(text), doc_id)


def _indexed_stories(lines: list[str]) -> list[Story]:
    """The stories of Factiva's indexed format as lines: a story per ``HD`` field."""
    stories, fields, code = [], {}, None
    for line in [*lines, "HD"]:
        m = _FACTIVA_CODE.match(line)
        if m and m["code"] == "HD" and "HD" in fields:
            an = " ".join(fields.get("AN", [])).split()
            stories.append(Story(" ".join(fields["HD"]) or None, " ".join(fields.get("SN", [])) or None,
                                 " ".join(fields.get("PD", [])) or None, None,
                                 (*fields.get("LP", []), *fields.get("TD", [])), an[-1] if an else None))
            fields = {}
        if m:
            code = m["code"]
            fields.setdefault(code, []).extend([m["value"].strip(" |")] if (m["value"] or "").strip(" |") else [])
        elif code:
            fields.setdefault(code, []).append(line)
    return stories


def _date_and_outlet(head: list[str]) -> tuple[str | None, str | None]:
    """A Factiva story's date and outlet from its head lines after the word count: the first line
    that reads as a date, and the next one that is not a time."""
    date_at = next((i for i, line in enumerate(head) if _dated(line)), None)
    if date_at is None:
        return None, None
    after = [line for line in head[date_at + 1:] if not _TIME.match(line)]
    return _dated(head[date_at]), after[0] if after else None


def _dated(line: str) -> str | None:
    """The date a head line gives, as written: the line, else its words before a comma, that
    read as a full date ("May 2, 2002, Thursday,, FINAL EDITION" → "May 2, 2002, Thursday");
    None when neither does."""
    parts = line.strip().split(",")
    for k in range(len(parts), 0, -1):
        if (words := ",".join(parts[:k]).strip()) and read_date(words).date:
            return words
    return None


def factiva_stories(tree) -> list[Story] | None:
    """The stories of a Factiva HTML export (``tree``: the page parsed by lxml), or None when the
    page holds none."""
    stories = [_factiva_story(div) for div in tree.iter("div")
               if "article" in (classes := (div.get("class") or "").split())
               and any(_FACTIVA_CLASS.match(c) for c in classes)]
    return stories or None


def _factiva_story(div) -> Story:
    """One Factiva story (its ``div``), in either of the two formats."""
    paragraphs = [" ".join(p.text_content().split()) for p in div.iter("p")
                  if (p.get("class") or "").startswith("articleParagraph")]
    paragraphs = [p for p in paragraphs if p]
    codes = {}
    for row in div.iter("tr"):
        cells = row.findall("td")
        if len(cells) >= 2 and re.fullmatch(r"[A-Z]{2,3}", code := cells[0].text_content().strip()):
            codes.setdefault(code, " ".join(cells[1].text_content().split()))
    if "HD" in codes:  # (Full Article/Report plus Indexing)
        an = codes.get("AN", "").split()
        return Story(codes["HD"] or None, codes.get("SN") or None, codes.get("PD") or None, None,
                     tuple(paragraphs), an[-1] if an else None)
    headline = next((" ".join(el.text_content().split()) for el in div.iter("span")
                     if (el.get("class") or "").endswith("Headline")), None)
    date, source = _date_and_outlet([" ".join(el.text_content().split()) for el in div
                                     if el.tag == "div" and not el.attrib])
    last = [" ".join(p.text_content().split()) for p in div.iter("p")][-1:]
    found_id = _FACTIVA_ID.match(last[0]) if last else None
    return Story(headline or None, source, date, None, tuple(paragraphs), found_id[1] if found_id else None)


def export_stories(lines: list[str]) -> list[Story] | None:
    """The stories of a LexisNexis or Factiva export given as its ``lines`` (a text file's, an
    RTF's, a Word document's paragraphs), or None when the lines are not such an export."""
    stories = lexis_stories(lines)
    return stories if stories is not None else factiva_text_stories(lines)


def story_records(stories: list[Story], origin: str) -> Iterator[Article | Problem]:
    """The articles of ``stories`` read from ``origin`` (each named ``origin#N``, N counting from
    1), and a Problem for a story without text or with a date that cannot be used (or, for no
    story at all, one naming the export)."""
    if not stories:
        yield Problem(origin, "a news database's export without stories (its markers, but no story between them)")
    for n, story in enumerate(stories, 1):
        where = f"{origin}#{n}"
        body = clean_body("\n\n".join(story.paragraphs), repeats=False).text
        head = split_header(body)
        if not head.body:
            yield Problem(where, "a story of the export without text (a graphic's or a list's entry)")
            continue
        day = read_date(story.date) if story.date else None
        places = places_before_comma(story.dateline) if story.dateline else ()
        yield Article.from_text(head.body, title=story.title, source=story.source or head.source,
                                date=day.date if day else None, dateline=places or head.dateline,
                                source_id=story.source_id, origin=where)
        if day and day.problem:
            yield Problem(where, day.problem)
