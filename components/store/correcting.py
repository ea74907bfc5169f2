"""The store's methods for analysts' corrections (mixed into :class:`~components.store.Store`):
make one (:meth:`Correcting.correct`, checked against what the store holds), list them, undo
one, export them to a file and import one, and apply them.

Applying is quick: ``actor_aliases.machine_actor`` keeps what the automatic merge chose, so a
correction rebuilds the actor tables from it without merging every name again
(:meth:`Correcting.apply_corrections`); a place correction refills the place counts. Every full
rebuild (:meth:`Store.rebuild_actors <components.store.Store.rebuild_actors>`, after each ingest
or re-extraction) applies them too.
"""
from __future__ import annotations

import difflib
import getpass
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import duckdb

from .connection import StoreError, _exec
from .corpus_tables import _mapping_table, _refresh_place_counts, _write_actors
from .corrections import (ACTIONS, ACTOR_TYPES, PLACE_ACTIONS, Correction, apply_to_names, from_file, place_value,
                          place_words, to_file)
from .place_picks import apply_place_picks
from .schema import PLACE_SHOWN, SHOWN_PLACES, _utcnow

#: Close names a "no such actor" error suggests, at most.
SUGGESTIONS = 3
_COLUMNS = "id, uid, made_at, made_by, action, name, value, article_id, undone_at, undone_by"


#: What the Parquet export writes of a table, where corrections change it (the others: the table
#: as it is): an entity or quote of an actor a correction hides has no actor, type, role nor
#: speaker; a place a correction hides is left out.
EXPORTED: dict[str, str] = {
    "entities": "SELECT e.* REPLACE (CASE WHEN h.alias IS NULL THEN e.actor END AS actor,"
                " CASE WHEN h.alias IS NULL THEN e.actor_type END AS actor_type,"
                " CASE WHEN h.alias IS NULL THEN e.role END AS role)"
                " FROM entities e LEFT JOIN (SELECT alias FROM actor_aliases WHERE hidden) h ON h.alias = e.actor",
    "quotes": "SELECT q.* REPLACE (CASE WHEN h.alias IS NULL THEN q.speaker END AS speaker)"
              " FROM quotes q LEFT JOIN (SELECT alias FROM actor_aliases WHERE hidden) h ON h.alias = q.speaker",
    "places": "SELECT * FROM " + SHOWN_PLACES,
}


class CorrectionError(StoreError):
    """A correction that cannot be made (an unknown name, a type that is not one): the message
    says why, with the closest names the store holds."""


def who() -> str:
    """The OS user recorded as having made or undone a correction (``unknown`` when the system
    cannot tell)."""
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # (no user name in the environment nor the password database)
        return "unknown"


def _rows(con: duckdb.DuckDBPyConnection, where: str = "TRUE", params: dict | None = None) -> list[Correction]:
    """The stored corrections matching ``where``, in the order they apply (made, then uid)."""
    return [Correction(*row) for row in _exec(
        con, f"SELECT {_COLUMNS} FROM corrections WHERE {where} ORDER BY made_at, uid", params)]


def in_force(con: duckdb.DuckDBPyConnection) -> list[Correction]:
    """The corrections not undone, in the order they apply."""
    return _rows(con, "undone_at IS NULL")


def _close(name: str, names: list[str]) -> str:
    """``; did you mean "A", "B"?`` for the names closest to ``name`` (any case), or ""."""
    folded = {n.casefold(): n for n in names}
    near = difflib.get_close_matches(name.casefold(), list(folded), n=SUGGESTIONS, cutoff=0.6)
    return "; did you mean " + ", ".join(f'"{folded[n]}"' for n in near) + "?" if near else ""


class Correcting:
    """Corrections methods of :class:`~components.store.Store`, which provides ``path``,
    ``exists``, ``_reading``, ``_transaction``, ``actors_stale`` and ``rebuild_actors``."""

    def corrections(self) -> list[Correction]:
        """Every correction made (undone ones too), in the order they apply: oldest first."""
        if not self.exists:
            return []
        with self._reading() as con:
            return _rows(con)

    def correct(self, action: str, name: str, value: str | dict | None = None, *, article_id: str | None = None,
                by: str | None = None) -> Correction:
        """Record a correction and apply it at once (see :mod:`components.store.corrections` for
        what each ``action`` does).

        name: the actor (merge, rename, retype, hide), the name as found (split), or the place
        text (place_hide, place_pick), as the store holds it (any case for a place); value: the
        actor to merge into, the new name, the type (one of
        :data:`~components.store.corrections.ACTOR_TYPES`), or the place picked (a dict with the
        keys of :data:`~components.store.corrections.PLACE_FIELDS`, or its JSON; see
        :attr:`components.places.choices.Choice.place`); article_id: place_hide or place_pick in
        that article only (None: everywhere); by: who (default: the OS user).
        Returns the stored correction. Raises :class:`CorrectionError` when the names are unknown
        (with the closest ones) or the correction would change nothing."""
        name, value = (name or "").strip(), (value.strip() if isinstance(value, str) else value)
        with self._reading() as con:
            name, value = self._checked(con, action, name, value, article_id)
        correction = Correction(0, uuid.uuid4().hex, _utcnow(), by or who(), action, name, value, article_id)
        with self._applying(**_applies(action, name)) as con:
            correction = replace(correction, id=_exec(con, "SELECT coalesce(max(id), 0) + 1 FROM corrections")[0][0])
            _insert(con, correction)
        return correction

    def undo_correction(self, number: int, *, by: str | None = None) -> Correction:
        """Undo correction ``number`` (its ``id``): it stays listed, with when and by whom it was
        undone, and no longer applies. Raises :class:`CorrectionError` for an unknown number or
        one undone already."""
        with self._reading() as con:
            found = _rows(con, "id = $id", {"id": int(number)})
        if not found:
            raise CorrectionError(f"no correction {number} in {self.path}: `corrections list` shows their numbers")
        if not found[0].in_force:
            raise CorrectionError(f"correction {number} was undone already, on {found[0].undone_at:%Y-%m-%d %H:%M} "
                                  f"by {found[0].undone_by}")
        with self._applying(**_applies(found[0].action, found[0].name)) as con:
            _exec(con, "UPDATE corrections SET undone_at = $now, undone_by = $by WHERE id = $id AND undone_at IS NULL",
                  {"now": _utcnow(), "by": by or who(), "id": int(number)})
        return replace(found[0], undone_at=_utcnow(), undone_by=by or who())

    def export_corrections(self, path: str | Path) -> int:
        """Write every correction (undone ones too) to the JSON file ``path``, for
        :meth:`import_corrections` into another store of the same corpus; returns how many."""
        return to_file(self.corrections(), path)

    def import_corrections(self, path: str | Path | bytes, *, name: str | None = None) -> int:
        """Add the corrections of a file written by :meth:`export_corrections` (``path``, or its
        content as bytes, called ``name`` in messages) that this store does not hold yet (by their
        ``uid``; importing a file twice adds nothing), keeping who made them and when, and apply
        them; one undone in the file is undone here too. Returns how many were added. Raises
        :class:`CorrectionError` for a file that is not a corrections file."""
        try:
            incoming = from_file(path, name=name)
        except ValueError as e:
            raise CorrectionError(str(e)) from e
        changed = added = 0
        with self._applying(actors=True, places=True, picks=None) as con:
            held = {c.uid: c for c in _rows(con)}
            number = _exec(con, "SELECT coalesce(max(id), 0) FROM corrections")[0][0]
            for c in incoming:
                if c.uid not in held:
                    number += 1
                    _insert(con, replace(c, id=number))
                    added += 1
                elif c.undone_at and held[c.uid].in_force:
                    _exec(con, "UPDATE corrections SET undone_at = $at, undone_by = $by WHERE uid = $uid",
                          {"at": c.undone_at, "by": c.undone_by, "uid": c.uid})
                    changed += 1
        return added

    def apply_corrections(self, *, actors: bool = True, places: bool = True) -> None:
        """Bring the actor tables (``actors``, ``actor_aliases``, ``article_actors``) and the place
        counts (``article_places``, ``place_counts``, ``country_counts``) in line with the
        corrections in force, in one transaction, without merging the names again (from
        ``actor_aliases.machine_actor``); a full :meth:`rebuild_actors` when the actor tables lag
        behind ``entities`` anyway."""
        if self.exists:
            with self._applying(actors=actors, places=places, picks=None if places else ()):
                pass

    @contextmanager
    def _applying(self, *, actors: bool, places: bool, picks: tuple[str, ...] | None = ()
                  ) -> Iterator[duckdb.DuckDBPyConnection]:
        """A transaction in which the caller changes ``corrections``, then (in the same
        transaction: all or nothing) the actor tables, the ``places`` rows of the texts ``picks``
        (None: every row; see :mod:`~components.store.place_picks`) and / or the place counts are
        brought in line with them (see :meth:`apply_corrections`); while the actor tables lag
        behind ``entities``, a full :meth:`rebuild_actors` follows instead."""
        stale = actors and self.actors_stale()
        with self._transaction() as con:
            yield con
            if picks is None or picks:
                apply_place_picks(con, texts=picks)
            if places:
                _exec(con, "INSERT OR IGNORE INTO meta VALUES ('counts_refill', 'yes')")
            if actors and not stale:
                machine = dict(_exec(con, "SELECT alias, machine_actor FROM actor_aliases"
                                          " WHERE machine_actor IS NOT NULL AND alias <> machine_actor"))
                _write_actors(con, _mapping_table(machine, apply_to_names(machine, in_force(con))), None)
            elif places:
                _refresh_place_counts(con)
        if stale:
            self.rebuild_actors()

    def _checked(self, con: duckdb.DuckDBPyConnection, action: str, name: str, value: str | None,
                 article_id: str | None) -> tuple[str, str | None]:
        """``(name, value)`` of a correction about to be made, checked against the store (see
        :meth:`correct`), a place text as the store spells it most often."""
        if action not in ACTIONS:
            raise CorrectionError(f"unknown correction {action!r}: one of {', '.join(ACTIONS)}")
        if not name:
            raise CorrectionError("give the name the correction applies to")
        if action == "place_hide":
            return _checked_place(con, name, article_id), None
        if action == "place_pick":
            return _checked_pick(con, name, value, article_id)
        actors = {r[0] for r in _exec(con, "SELECT actor FROM actors")}
        if action == "split":
            return _checked_split(con, name), None
        if name not in actors:
            alias = _exec(con, "SELECT actor FROM actor_aliases WHERE alias = $n AND NOT hidden", {"n": name})
            if not (alias and action == "merge"):
                hint = f'; it is a name of "{alias[0][0]}"' if alias else _close(name, sorted(actors))
                raise CorrectionError(f'no actor "{name}"{hint}')
        if action == "merge":
            if value == name:
                raise CorrectionError(f'cannot merge "{name}" into itself')
            if value not in actors:
                raise CorrectionError(f'no actor "{value}" to merge into' + _close(value or "", sorted(actors - {name})))
        elif action == "rename":
            if not value:
                raise CorrectionError("give the new name")
            if value in actors:
                raise CorrectionError(f'"{value}" is an actor already: merge "{name}" into it instead')
        elif action == "retype":
            value = (value or "").lower()
            if value not in ACTOR_TYPES:
                raise CorrectionError(f"unknown type {value!r}: one of {', '.join(ACTOR_TYPES)}")
            if _exec(con, "SELECT actor_type FROM actors WHERE actor = $n", {"n": name}) == [(value,)]:
                raise CorrectionError(f'"{name}" is a {value} already')
        return name, value


def _checked_split(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """The name as found to split off its actor (see :meth:`Correcting.correct`)."""
    found = _exec(con, "SELECT actor FROM actor_aliases WHERE alias = $n AND NOT hidden", {"n": name})
    if not found:
        names = [r[0] for r in _exec(con, "SELECT alias FROM actor_aliases WHERE alias <> actor AND NOT hidden")]
        raise CorrectionError(f'no name "{name}" merged into another actor{_close(name, names)}')
    if found[0][0] == name:
        others = [r[0] for r in _exec(con, "SELECT alias FROM actor_aliases WHERE actor = $n AND alias <> $n"
                                           " ORDER BY n_mentions DESC LIMIT 5", {"n": name})]
        raise CorrectionError(f'"{name}" is the actor\'s own name' + (
            ": split off one of its other names (" + ", ".join(f'"{o}"' for o in others) + ")" if others
            else ", merged with no other name: nothing to split"))
    return name


def _checked_place(con: duckdb.DuckDBPyConnection, text: str, article_id: str | None) -> str:
    """The place text to hide, as the store spells it most often (see :meth:`Correcting.correct`)."""
    if article_id is not None and not _exec(con, "SELECT 1 FROM articles WHERE id = $id", {"id": article_id}):
        raise CorrectionError(f"no article {article_id!r} in the store")
    params = {"t": text, **({"a": article_id} if article_id else {})}
    where = "lower(text) = lower($t)" + (" AND article_id = $a" if article_id else "")
    shown = PLACE_SHOWN.format(p="p")
    found = _exec(con, f"SELECT text FROM places p WHERE {where} AND {shown} GROUP BY text ORDER BY count(*) DESC"
                       " LIMIT 1", params)
    if found:
        return found[0][0]
    scope = f" in article {article_id}" if article_id else ""
    if _exec(con, f"SELECT 1 FROM places p WHERE {where} LIMIT 1", params):
        raise CorrectionError(f'the place "{text}" is hidden{scope} already (`corrections list` says by which correction)')
    texts = [r[0] for r in _exec(con, f"SELECT DISTINCT text FROM places p WHERE {shown}"
                                      + (" AND article_id = $a" if article_id else ""),
                                 {"a": article_id} if article_id else None)]
    raise CorrectionError(f'no place "{text}"{scope}' + _close(text, texts))


def _checked_pick(con: duckdb.DuckDBPyConnection, text: str, value: str | dict | None,
                  article_id: str | None) -> tuple[str, str]:
    """The place text and the place picked for it (as JSON), checked (see :meth:`Correcting.correct`)."""
    try:
        value = place_value(value if isinstance(value, dict) else json.loads(value or "null"))
    except (ValueError, TypeError) as e:
        raise CorrectionError(f"pick one of the gazetteer's places for \"{text}\" ({e})") from e
    text = _checked_place(con, text, article_id)
    place = json.loads(value)
    params = {"t": text, "a": article_id, **place}
    differ = " OR ".join(f"{c} IS DISTINCT FROM ${c}" for c in place)
    if not _exec(con, f"SELECT 1 FROM places p WHERE lower(text) = lower($t) AND ($a IS NULL OR article_id = $a)"
                      f" AND {PLACE_SHOWN.format(p='p')} AND ({differ}) LIMIT 1", params):
        scope = f" in article {article_id}" if article_id else ""
        raise CorrectionError(f'"{text}" is {place_words(value)} already{scope}')
    return text, value


def _applies(action: str, name: str) -> dict:
    """What a correction's ``action`` on ``name`` changes, as :meth:`Correcting._applying` takes it."""
    return {"actors": action not in PLACE_ACTIONS, "places": action in PLACE_ACTIONS,
            "picks": (name,) if action == "place_pick" else ()}


def _insert(con: duckdb.DuckDBPyConnection, c: Correction) -> None:
    _exec(con, f"INSERT INTO corrections ({_COLUMNS}) VALUES ($id, $uid, $made_at, $made_by, $action, $name,"
               " $value, $article_id, $undone_at, $undone_by)", vars(c))
