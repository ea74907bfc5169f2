"""Analysts' corrections: what they are (:class:`Correction`, one row of the ``corrections``
table), how the actor ones change the automatic merge's names (:func:`apply_to_names`), and the
JSON file a team shares them as (:func:`to_file`, :func:`from_file`).

A correction names actors and places as the analyst saw them, never by a row: it applies to
whatever the store holds when the actors are rebuilt, so it survives re-ingest and re-extraction
with a new pipeline version (a correction whose names are gone applies to nothing, and applies
again if they come back). The actor corrections apply in the order they were made, each to the
names the earlier ones left:

- ``merge`` NAME → TARGET: every name the actor NAME stands for now counts for TARGET (NAME being
  only a name of another actor: that one name moves);
- ``split`` ALIAS: the name becomes an actor of its own, whatever the automatic merge said;
- ``rename`` NAME → NEW: the actor NAME is called NEW;
- ``retype`` NAME → TYPE: the actor's type (person, organization, state or group);
- ``hide`` NAME: the actor and its names are left out of every table, count, view and export
  (its ``entities`` rows stay);
- ``place_hide`` TEXT (in one article, or everywhere): the places found as that text (any case)
  are left out of every count, list and map (its ``places`` rows stay);
- ``place_pick`` TEXT → PLACE (in one article, or everywhere): the places found as that text (any
  case) are PLACE, another of the gazetteer's places (:func:`place_value`): the ``places`` rows
  take its name, country, point, GeoNames id and feature, and keep what the machine chose in
  ``places.machine`` (:mod:`components.store.place_picks`); where picks overlap, the later one
  applies.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterable

#: The corrections' actions, each with what its ``value`` holds (None: it has none).
ACTIONS: dict[str, str | None] = {
    "merge": "the actor it was merged into",
    "split": None,
    "rename": "the new name",
    "retype": "the new type",
    "hide": None,
    "place_hide": None,
    "place_pick": "the place picked (JSON, see place_value)",
}
#: What a ``place_pick`` correction's value holds of the place picked, as the ``places`` columns
#: of the same names do.
PLACE_FIELDS = ("name", "country_code", "lat", "lon", "geonameid", "feature")
#: The features a place can have (``places.feature``).
PLACE_FEATURES = ("country", "admin", "city", "other")
#: The actions about places (the others are about actors).
PLACE_ACTIONS = ("place_hide", "place_pick")
#: The types an actor can be given.
ACTOR_TYPES = ("person", "organization", "state", "group")
#: What a corrections file says it is (``format`` of :func:`to_file`).
FILE_FORMAT = "dateline-corrections/1"


@dataclass(frozen=True)
class Correction:
    """One analyst's correction, as stored in ``corrections`` (see docs/store.md).

    id: its number in this store (what ``corrections undo ID`` takes); uid: its identity in every
    store it is imported into; made_at: when (UTC); made_by: the OS user; action: one of
    :data:`ACTIONS`; name: the actor, name or place text it applies to; value: the merge target,
    new name or new type (None for the others); article_id: for ``place_hide``, the one article
    it applies in (None: everywhere); undone_at / undone_by: when and by whom it was undone (None
    while in force)."""

    id: int
    uid: str
    made_at: datetime
    made_by: str
    action: str
    name: str
    value: str | None = None
    article_id: str | None = None
    undone_at: datetime | None = None
    undone_by: str | None = None

    @property
    def in_force(self) -> bool:
        """Whether it applies (not undone)."""
        return self.undone_at is None

    def describe(self) -> str:
        """What it does, in a few words: ``merge "Okafor" into "Jane Okafor"``."""
        what = {"merge": f'merge "{self.name}" into "{self.value}"', "split": f'split "{self.name}" off its actor',
                "rename": f'rename "{self.name}" to "{self.value}"', "retype": f'make "{self.name}" a {self.value}',
                "hide": f'hide "{self.name}"', "place_hide": f'hide the place "{self.name}"',
                "place_pick": f'take the place "{self.name}" as {place_words(self.value)}'}[self.action]
        return what + (f" in article {self.article_id}" if self.article_id else
                       " everywhere" if self.action in PLACE_ACTIONS else "")


@dataclass
class Corrected:
    """The actor corrections applied to the automatic merge (see :func:`apply_to_names`).

    actors: name as found → actor, for the names that do not stand for themselves; types: actor →
    the type a correction gave it; hidden: the actors hidden (every name standing for one of
    them is hidden)."""

    actors: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    hidden: set[str] = field(default_factory=set)


def apply_to_names(machine: dict[str, str], corrections: Iterable[Correction]) -> Corrected:
    """The names after ``corrections`` (those in force, in the order given: the order they were
    made), each applied to what the earlier ones left. machine: name as found → actor as the
    automatic merge chose, for the names that move (the others stand for themselves)."""
    out = Corrected(actors=dict(machine))
    actors = out.actors
    for c in corrections:
        if not c.in_force or c.action in PLACE_ACTIONS:
            continue
        if c.action in ("merge", "rename") and c.value and c.value != c.name:
            names = [a for a, x in actors.items() if x == c.name]
            if actors.get(c.name, c.name) == c.name or not names:
                names.append(c.name)  # (its own name; or the one name moved, when only a name of another)
            for a in names:
                actors[a] = c.value
            _follow(out, c.name, c.value if c.action == "rename" else None)
        elif c.action == "split":
            actors[c.name] = c.name
        elif c.action == "retype" and c.value:
            out.types[c.name] = c.value
        elif c.action == "hide":
            out.hidden.add(c.name)
    out.actors = {a: x for a, x in actors.items() if a != x}
    return out


def _follow(out: Corrected, old: str, new: str | None) -> None:
    """The type and hiding of actor ``old`` after it was renamed ``new`` (None: merged into
    another actor, which keeps its own)."""
    kind = out.types.pop(old, None)
    was_hidden = old in out.hidden
    out.hidden.discard(old)
    if new is not None:
        if kind:
            out.types[new] = kind
        if was_hidden:
            out.hidden.add(new)


def place_value(place: dict) -> str:
    """A ``place_pick`` correction's value: the place (a dict with the keys of
    :data:`PLACE_FIELDS`; others are ignored), checked, as JSON. Raises ValueError, saying what is
    wrong, for a place without a name, with a point off the globe, a GeoNames id that is none or
    an unknown feature."""
    try:
        out = {"name": str(place["name"]).strip(),
               "country_code": str(place["country_code"]).upper() if place.get("country_code") else None,
               "lat": float(place["lat"]), "lon": float(place["lon"]),
               "geonameid": int(place["geonameid"]) if place.get("geonameid") is not None else None,
               "feature": str(place["feature"])}
    except (KeyError, TypeError, ValueError, OverflowError) as e:  # (OverflowError: an infinite GeoNames id)
        raise ValueError(f"not a place: {e}") from e
    if not out["name"] or not (-90 <= out["lat"] <= 90 and -180 <= out["lon"] <= 180):
        raise ValueError(f"not a place: {place!r} (a name and a point on the globe are needed)")
    if out["geonameid"] is not None and not 0 < out["geonameid"] < 2 ** 63:
        raise ValueError(f"not a GeoNames id: {out['geonameid']}")
    if out["feature"] not in PLACE_FEATURES:
        raise ValueError(f"unknown feature {out['feature']!r}: one of {', '.join(PLACE_FEATURES)}")
    return json.dumps(out, ensure_ascii=False, sort_keys=True)


def picked_place(value: str | None) -> dict:
    """The place of a ``place_pick`` correction's ``value`` (see :func:`place_value`), a dict with
    the keys of :data:`PLACE_FIELDS`. Raises ValueError for a value that is not one."""
    try:
        return json.loads(place_value(json.loads(value or "")))
    except (TypeError, AttributeError, json.JSONDecodeError) as e:
        raise ValueError(f"not a place: {value!r}") from e


def place_words(value: str | None) -> str:
    """A picked place in a few words: ``Georgia (US, 32.88, -83.22)``."""
    try:
        p = picked_place(value)
    except ValueError:
        return repr(value)
    point = f"{p['lat']:.2f}, {p['lon']:.2f}"
    return f"{p['name']} ({p['country_code'] + ', ' if p['country_code'] else ''}{point})"


def to_file(corrections: Iterable[Correction], path: str | Path) -> int:
    """Write ``corrections`` (undone ones too: an undo is shared like a correction) as a JSON file
    that :func:`from_file` reads back; returns how many."""
    made = list(corrections)
    Path(path).write_text(to_json(made), encoding="utf-8")
    return len(made)


def to_json(corrections: Iterable[Correction]) -> str:
    """``corrections`` as the text of a corrections file (see :func:`to_file`)."""
    rows = []
    for c in corrections:
        row = asdict(c)
        row.pop("id")
        row.update(made_at=c.made_at.isoformat(), undone_at=c.undone_at.isoformat() if c.undone_at else None)
        rows.append(row)
    return json.dumps({"format": FILE_FORMAT, "corrections": rows}, ensure_ascii=False, indent=1) + "\n"


def from_file(path: str | Path | bytes, *, name: str | None = None) -> list[Correction]:
    """The corrections of a file written by :func:`to_file` (their ``id`` 0: the store numbers
    them). path: the file, or its content (bytes); name: what to call it in messages (default:
    the path; "the file" for bytes). Raises ValueError, saying what is wrong, for a file that is
    not one."""
    path_name = name or ("the file" if isinstance(path, bytes) else str(path))
    try:
        data = json.loads(path.decode("utf-8") if isinstance(path, bytes) else Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ValueError(f"cannot read corrections from {path_name}: {e}") from e
    if not isinstance(data, dict) or data.get("format") != FILE_FORMAT or not isinstance(data.get("corrections"), list):
        raise ValueError(f"{path_name} is not a Dateline corrections file (exported by `corrections export` "
                         "or the Data page's download)")
    out = []
    for i, row in enumerate(data["corrections"], 1):
        try:
            if row["action"] not in ACTIONS:
                raise ValueError(f"unknown action {row['action']!r}")
            if row["action"] == "place_pick":
                picked_place(row.get("value"))
            out.append(Correction(
                id=0, uid=str(row["uid"]), made_at=datetime.fromisoformat(row["made_at"]),
                made_by=str(row["made_by"]), action=row["action"], name=str(row["name"]),
                value=row.get("value"), article_id=row.get("article_id"),
                undone_at=datetime.fromisoformat(row["undone_at"]) if row.get("undone_at") else None,
                undone_by=row.get("undone_by")))
        except (KeyError, TypeError, ValueError) as e:
            raise ValueError(f"{path_name}: correction {i} is malformed ({e})") from e
    return out
