"""Factiva's exports: its HTML page, or its RTF or text as lines; a :class:`~.story.Story` per
story.

- Its HTML (the page its "Format for Saving" opens, saved by the browser): a ``div`` classed
  ``article`` and ``enArticle`` (``deArticle``… by the story's language) per story. In its
  "Article Format" the headline is a ``span`` classed ``enHeadline`` (its list number off when it is
  classed ``counted`` too), the head lines are plain
  ``div`` elements (the word count, the date, a time, the outlet, its code, the edition, the
  language, the copyright, in the user's language), the paragraphs ``p`` elements classed
  ``articleParagraph``, and the last paragraph ``Document <id>``. In its "Full Article/Report
  plus Indexing" format a table gives each field beside its code (``HD`` headline, ``PD`` date,
  ``SN`` outlet, ``LP`` and ``TD`` the text, ``AN`` the id).
- Its RTF (or its text): the same two formats as lines. In the Article Format each story
  ends with its ``Document <id>`` line and its head is the headline, the byline, the word count
  ("877 words", in the user's language), the date, the outlet… down to the copyright line; in the
  indexed format each field's lines follow its code (``HD``, ``PD``, ``SN``, ``LP``, ``TD``…).
"""
from __future__ import annotations

import re

from ..safe_xml import text_of
from .story import Story, dated

#: A Factiva story's ``div``: classed ``article`` and ``<language>Article``.
_FACTIVA_CLASS = re.compile(r"^[a-z]{2,3}Article$")
#: The last paragraph of a Factiva story: "Document <its id>" (in the user's language).
_FACTIVA_ID = re.compile(r"^\S+\s+([A-Za-z0-9]{20,40})$")
#: The number Factiva puts before a headline in a numbered list ("1) Zu Fuß …").
_COUNTED = re.compile(r"^\d+\)\s+")
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


def head_starts(line: str) -> bool:
    """Whether the stripped ``line`` is the last of a story of Factiva's Article Format ("Document
    <id>"): the next story's head follows."""
    return bool(_FACTIVA_ID.match(line)) and line.split()[0].istitle()


def text_starts(line: str) -> bool:
    """Whether the stripped ``line`` is the last of a story's head in that format (its copyright)."""
    return bool(_COPYRIGHT.match(line))


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
    stories = [_factiva_text_story(lines[a:b], _FACTIVA_ID.match(lines[b])[1]) for a, b in zip(starts, ends)]
    rest = lines[ends[-1] + 1:]
    if any(_WORD_COUNT.match(x) for x in rest[:_FACTIVA_HEAD_LINES]):  # (a story the export ends inside)
        stories.append(_factiva_text_story(rest, None)._replace(cut_short=True))
    return stories


def _factiva_text_story(lines: list[str], doc_id: str | None) -> Story:
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
            stories.append(_coded_story({c: " ".join(v) for c, v in fields.items()},
                                        (*fields.get("LP", []), *fields.get("TD", []))))
            fields = {}
        if m:
            code = m["code"]
            fields.setdefault(code, []).extend([m["value"].strip(" |")] if (m["value"] or "").strip(" |") else [])
        elif code:
            fields.setdefault(code, []).append(line)
    return stories


def _coded_story(codes: dict[str, str], paragraphs: tuple[str, ...]) -> Story:
    """A story of Factiva's indexed format from its fields by code (``HD`` headline, ``SN`` outlet,
    ``PD`` date, ``AN`` "Document <id>") and its text's ``paragraphs``."""
    an = codes.get("AN", "").split()
    return Story(codes.get("HD") or None, codes.get("SN") or None, codes.get("PD") or None, None,
                 tuple(paragraphs), an[-1] if an else None)


def _headline(span) -> str:
    """A story's headline ``span``, spaces collapsed; a list's number ("1) ") off a headline that
    Factiva numbers (classed ``counted``)."""
    text = text_of(span) or ""
    return _COUNTED.sub("", text) if "counted" in (span.get("class") or "").split() else text


def _date_and_outlet(head: list[str]) -> tuple[str | None, str | None]:
    """A Factiva story's date and outlet from its head lines after the word count: the first line
    that reads as a date, and the next one that is not a time."""
    date_at, date = next(((i, d) for i, line in enumerate(head) if (d := dated(line))), (None, None))
    if date_at is None:
        return None, None
    after = [line for line in head[date_at + 1:] if not _TIME.match(line)]
    return date, after[0] if after else None


def factiva_stories(tree) -> list[Story] | None:
    """The stories of a Factiva HTML export (``tree``: the page parsed by lxml), or None when the
    page holds none."""
    stories = [_factiva_story(div) for div in tree.iter("div")
               if "article" in (classes := (div.get("class") or "").split())
               and any(_FACTIVA_CLASS.match(c) for c in classes)]
    return stories or None


def _factiva_story(div) -> Story:
    """One Factiva story (its ``div``), in either of the two formats."""
    paragraphs = tuple(text for p in div.iter("p")
                       if (p.get("class") or "").startswith("articleParagraph") and (text := text_of(p)))
    codes = {}
    for row in div.iter("tr"):
        cells = row.findall("td")
        if len(cells) >= 2 and re.fullmatch(r"[A-Z]{2,3}", code := cells[0].text_content().strip()):
            codes.setdefault(code, text_of(cells[1]) or "")
    if "HD" in codes:  # (Full Article/Report plus Indexing)
        return _coded_story(codes, paragraphs)
    headline = next((_headline(el) for el in div.iter("span")
                     if any(c.endswith("Headline") for c in (el.get("class") or "").split())), None)
    date, source = _date_and_outlet([text_of(el) or "" for el in div if el.tag == "div" and not el.attrib])
    last = [text_of(p) or "" for p in div.iter("p")][-1:]
    found_id = _FACTIVA_ID.match(last[0]) if last else None
    return Story(headline or None, source, date, None, paragraphs, found_id[1] if found_id else None)
