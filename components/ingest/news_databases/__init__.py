"""News databases' exports: one file holding many stories, each with its own head (headline,
outlet, date, byline…), as analysts download them from LexisNexis and Factiva. Each story is
one article; the database's head lines and index lines are not read as the story's text.

The markers are those the exports print (as the R packages LexisNexisTools, tm.plugin.lexisnexis
and tm.plugin.factiva read them):

- LexisNexis's text export (and its HTML) and Nexis Uni's (:mod:`.lexis`);
- Factiva's HTML page, RTF and text (:mod:`.factiva`);
- any of these printed to PDF, read as its lines (:mod:`components.ingest.pdfs`, :class:`HeadLines`).

A story's ``DATELINE:`` field gives its places; a wire dateline opening its text is split off as
in a .txt file (:mod:`.header`). A story without text (a graphic's entry) is a Problem.
"""
from __future__ import annotations

import copy
import re
from typing import Iterator

from ...datelines import places_before_comma
from ...records import Article, Problem
from ..boilerplate import clean_body
from ..dates import read_date
from ..feeds import block_text
from ..header import split_header
from . import factiva, lexis
from .factiva import factiva_stories, factiva_text_stories
from .lexis import EXPORT_PAGE, lexis_stories
from .story import Story

__all__ = ["HeadLines", "Story", "export_stories", "page_stories", "story_records"]


class HeadLines:
    """Which lines of an export printed to PDF stand alone when its lines are joined into
    paragraphs: asked of each line in order, it says yes to every line of a story's head (from
    a story's end marker to the line its text follows: "Body", "LENGTH:", the copyright; the
    export's cover page too), to those markers, and to index headings and fields anywhere
    (:func:`.lexis.own_line`). A story's head is then read line by line, as from a Word document."""

    def __init__(self) -> None:
        self.in_head = True

    @staticmethod
    def marker(line: str) -> bool:
        """Whether the stripped ``line`` is a marker or a field of an export, wherever it comes."""
        return (lexis.head_starts(line) or factiva.head_starts(line) or lexis.text_starts(line)
                or factiva.text_starts(line) or lexis.own_line(line))

    def __call__(self, line: str) -> bool:
        if lexis.head_starts(line) or factiva.head_starts(line):
            self.in_head = True
            return True
        if self.in_head and (lexis.text_starts(line) or factiva.text_starts(line)):
            self.in_head = False
            return True
        return self.in_head or lexis.own_line(line)


def export_stories(lines: list[str]) -> list[Story] | None:
    """The stories of a LexisNexis or Factiva export given as its ``lines`` (a text file's, an
    RTF's, a Word document's paragraphs), or None when the lines are not such an export."""
    stories = lexis_stories(lines)
    return stories if stories is not None else factiva_text_stories(lines)


def page_stories(tree) -> list[Story] | None:
    """The stories of an export saved as an HTML page (``tree``: the page parsed by lxml):
    Factiva's (:func:`~.factiva.factiva_stories`), or LexisNexis's read as the paragraphs of its
    blocks (:func:`~components.ingest.feeds.block_text`); None when the page is no such export."""
    stories = factiva_stories(tree)
    if stories is not None or not EXPORT_PAGE.search(tree.text_content()):
        return stories
    return lexis_stories(block_text(copy.deepcopy(tree)).split("\n"))  # (a block a paragraph, as in a feed)


#: A paragraph's end that leaves its sentence open (a word or a comma, no stop).
_OPEN_END = re.compile(r"[\w,]$")


def _rejoined(paragraphs: tuple[str, ...]) -> list[str]:
    """``paragraphs`` with each that leaves its sentence open joined to the next when that starts
    in lower case: an archive's story keyed in line by line ("…a ghost town. Exhausted" +
    "lawmakers have left.") reads as the paragraph it was."""
    out: list[str] = []
    for p in paragraphs:
        if out and _OPEN_END.search(out[-1]) and p[:1].islower():
            out[-1] += " " + p
        else:
            out.append(p)
    return out


def story_records(stories: list[Story], origin: str) -> Iterator[Article | Problem]:
    """The articles of ``stories`` read from ``origin`` (each named ``origin#N``, N counting from
    1), and a Problem for a story without text, with a date that cannot be used, or that the
    export ends inside (or, for no story at all, one naming the export)."""
    if not stories:
        yield Problem(origin, "a news database's export without stories (its markers, but no story between them)")
    for n, story in enumerate(stories, 1):
        where = f"{origin}#{n}"
        body = clean_body("\n\n".join(_rejoined(story.paragraphs)), repeats=False).text
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
        if story.cut_short:
            yield Problem(where, "the export ends inside this story (its end marker is missing): the file may be cut "
                                 "short; export it again to read the rest")
