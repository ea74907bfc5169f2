"""One story of a news database's export, as its reader found it, and the date of a head line."""
from __future__ import annotations

from typing import NamedTuple

from ..dates import read_date


class Story(NamedTuple):
    """One story of an export. title, source, date (as written), dateline (the ``DATELINE:``
    field as written), source_id: from its head, or None; paragraphs: its text's paragraphs;
    cut_short: the export ends inside it (its end marker is missing)."""

    title: str | None
    source: str | None
    date: str | None
    dateline: str | None
    paragraphs: tuple[str, ...]
    source_id: str | None = None
    cut_short: bool = False


def dated(line: str) -> str | None:
    """The date a head line gives, as written: the line, else its words before a comma, that
    read as a full date ("May 2, 2002, Thursday,, FINAL EDITION" → "May 2, 2002, Thursday");
    None when neither does."""
    parts = line.strip().split(",")
    for k in range(len(parts), 0, -1):
        if (words := ",".join(parts[:k]).strip()) and read_date(words).date:
            return words
    return None
