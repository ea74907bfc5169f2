"""The analyst's tags and notes on articles and actors, in the store's ``tags`` and ``notes``
tables. :class:`Annotations` holds the methods; :class:`~components.store.Store` inherits them.

What is annotated is named by ``what`` (:data:`KINDS`: ``article`` or ``actor``) and ``which``
(the article's id, or the actor's canonical name). Tags are short labels, one row per item and
tag; notes are free text, each with its own id, who wrote it and when. Neither is ever read as
markup: showing them is the caller's business, as text.
"""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from .connection import _exec
from .schema import _utcnow
from .workbench import analyst, one_line

#: What can be tagged and annotated.
KINDS = ("article", "actor")
#: Longest tag, and longest note, in characters.
MAX_TAG = 60
MAX_NOTE = 20_000


@dataclass(frozen=True)
class NoteRow:
    """One ``notes`` row: note_id (its id), what and which (the item), text, written_at (UTC),
    written_by (OS user)."""

    note_id: str
    what: str
    which: str
    text: str
    written_at: datetime
    written_by: str


def tag_name(tag: str) -> str:
    """``tag`` as stored (see :func:`~components.store.workbench.one_line`)."""
    return one_line(tag, what="a tag", limit=MAX_TAG)


def _kind(what: str) -> str:
    if what not in KINDS:
        raise ValueError(f"can only tag or annotate {' or '.join(KINDS)}, not {what!r}")
    return what


#: The item a ``tags`` or ``notes`` row is on, as it is called now: an article's id, or an actor's
#: canonical name as ``actor_aliases`` gives it for the name the row was written on, so that a tag
#: or a note follows its actor through an analyst's merge or rename (and back on undo).
TAGGED_ITEM = ("CASE WHEN what = 'actor' THEN coalesce((SELECT al.actor FROM actor_aliases al WHERE al.alias = which), which)"
        " ELSE which END")


class Annotations:
    """The store methods for tags and notes (mixed into :class:`~components.store.Store`)."""

    def tags_of(self, what: str, which: str) -> list[str]:
        """The tags on the item (``what``, ``which``), alphabetically (case-insensitively)."""
        with self._reading() as con:
            rows = _exec(con, f"SELECT tag FROM tags WHERE what = $what AND {TAGGED_ITEM} = $which ORDER BY lower(tag), tag",
                         {"what": _kind(what), "which": str(which)})
        return [r[0] for r in rows]

    def all_tags(self, what: str | None = None) -> list[str]:
        """Every tag in use (on items of kind ``what``, or any), alphabetically."""
        with self._reading() as con:
            rows = _exec(con, "SELECT DISTINCT tag FROM tags WHERE $what IS NULL OR what = $what"
                              " ORDER BY lower(tag), tag", {"what": what})
        return [r[0] for r in rows]

    def set_tags(self, what: str, which: str, tags: Sequence[str]) -> tuple[list[str], list[str]]:
        """Make ``tags`` the tags of the item (``what``, ``which``): new ones are recorded with
        who and when, missing ones removed, kept ones untouched. Returns ``(added, removed)``.
        Raises ValueError for an empty or overlong tag (nothing is changed then)."""
        wanted = {tag_name(t) for t in tags}
        params = {"what": _kind(what), "which": str(which)}
        if not self.exists and not wanted:
            return [], []
        with self._transaction() as con:
            have = {r[0] for r in _exec(con, f"SELECT tag FROM tags WHERE what = $what AND {TAGGED_ITEM} = $which", params)}
            added, removed = sorted(wanted - have), sorted(have - wanted)
            if removed:
                _exec(con, f"DELETE FROM tags WHERE what = $what AND {TAGGED_ITEM} = $which AND tag IN"
                           " (SELECT unnest($tags::VARCHAR[]))", {**params, "tags": removed})
            for tag in added:
                _exec(con, "INSERT INTO tags VALUES ($what, $which, $tag, $at, $by)",
                      {**params, "tag": tag, "at": _utcnow(), "by": analyst()})
        return added, removed

    def add_note(self, what: str, which: str, text: str) -> str:
        """Write a note ``text`` on the item (``what``, ``which``), recording who and when;
        returns its id. Raises ValueError for an empty or overlong note."""
        body = str(text or "").strip()
        if not body:
            raise ValueError("a note cannot be empty: type something")
        if len(body) > MAX_NOTE:
            raise ValueError(f"a note has at most {MAX_NOTE:,} characters ({len(body):,} given)")
        row = {"id": uuid.uuid4().hex, "what": _kind(what), "which": str(which), "text": body,
               "at": _utcnow(), "by": analyst()}
        with self._transaction() as con:
            _exec(con, "INSERT INTO notes VALUES ($id, $what, $which, $text, $at, $by)", row)
        return row["id"]

    def notes_of(self, what: str, which: str) -> list[NoteRow]:
        """The notes on the item (``what``, ``which``), oldest first."""
        with self._reading() as con:
            rows = _exec(con, f"SELECT * FROM notes WHERE what = $what AND {TAGGED_ITEM} = $which"
                              " ORDER BY written_at, note_id", {"what": _kind(what), "which": str(which)})
        return [NoteRow(*r) for r in rows]

    def delete_note(self, note_id: str) -> bool:
        """Delete the note ``note_id``; False when there was none."""
        if not self.exists:
            return False
        with self._transaction() as con:
            return bool(_exec(con, "DELETE FROM notes WHERE note_id = $id RETURNING note_id", {"id": str(note_id)}))

    def annotations(self, what: str, which: Sequence[str]) -> tuple[dict[str, list[str]], dict[str, list[NoteRow]]]:
        """The tags and the notes of many items of kind ``what`` at once (for a briefing):
        ``({which: [tag, …]}, {which: [NoteRow, …]})``, only items that have any."""
        params = {"what": _kind(what), "which": [str(w) for w in which]}
        with self._reading() as con:
            tag_rows = _exec(con, f"SELECT item, tag FROM (SELECT {TAGGED_ITEM} AS item, tag FROM tags WHERE what = $what)"
                                  " WHERE item IN (SELECT unnest($which::VARCHAR[])) ORDER BY item, lower(tag), tag",
                             params)
            note_rows = _exec(con, f"SELECT {TAGGED_ITEM} AS item, * FROM notes WHERE what = $what AND {TAGGED_ITEM} IN"
                                   " (SELECT unnest($which::VARCHAR[])) ORDER BY item, written_at, note_id", params)
        tags: dict[str, list[str]] = {}
        for item, tag in tag_rows:
            tags.setdefault(item, []).append(tag)
        notes: dict[str, list[NoteRow]] = {}
        for item, *row in note_rows:
            notes.setdefault(item, []).append(NoteRow(*row))
        return tags, notes
