"""The analyst's own records in the store: saved views (a named filter and the page it was saved
on), and the kept-work file that carries them with the tags and notes
(:mod:`~components.store.annotations`) from one store to another. :class:`Workbench` holds the
methods; :class:`~components.store.Store` inherits them.

Every row records who wrote it (the OS user, :func:`analyst`) and when (UTC). The store knows a
filter only as its URL query parameters (``Filter.to_query_params()``, kept as JSON): turning them
back into a :class:`~components.filters.Filter` is :mod:`components.workbench`'s job.
"""
from __future__ import annotations

import getpass
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from .connection import StoreError, _exec
from .schema import _utcnow

#: Longest name of a saved view, in characters.
MAX_NAME = 120


def analyst() -> str:
    """Who records something: the OS user's login name, "unknown" when it cannot be told."""
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # noqa: BLE001 - no login name (no USER variable, no passwd entry)
        return "unknown"


class ViewExists(StoreError):
    """A saved view of that name exists already: save it with ``replace=True`` to overwrite it."""


@dataclass(frozen=True)
class SavedViewRow:
    """One ``saved_views`` row.

    name: the view's name (unique). params: the filter as URL query parameters (field → values).
    page: the URL path of the page it was saved on ("" for the first page). saved_at: when (UTC).
    saved_by: who (OS user)."""

    name: str
    params: dict[str, list[str]]
    page: str
    saved_at: datetime
    saved_by: str


def one_line(text: str, *, what: str, limit: int) -> str:
    """``text`` as a name or tag is stored: whitespace runs made one space, trimmed. Raises
    ValueError, saying so of ``what`` ("a saved view's name"), when it is empty or longer than
    ``limit`` characters."""
    clean = " ".join(str(text or "").split())
    if not clean:
        raise ValueError(f"{what} cannot be empty: type one")
    if len(clean) > limit:
        raise ValueError(f"{what} has at most {limit} characters ({len(clean)} given)")
    return clean


def view_name(name: str) -> str:
    """``name`` as it is stored (see :func:`one_line`)."""
    return one_line(name, what="a saved view's name", limit=MAX_NAME)


class Workbench:
    """The store methods for the analyst's records (mixed into :class:`~components.store.Store`,
    whose ``_transaction`` and ``_reading`` they use)."""

    def save_view(self, name: str, params: Mapping[str, Sequence[str]], page: str = "", *,
                  replace: bool = False) -> str:
        """Save the filter ``params`` (URL query parameters: field → values) seen on ``page``
        (a page's URL path) as the view ``name``. Raises :class:`ViewExists` when a view of that
        name exists, unless ``replace`` (then it is overwritten: filter, page, when and who);
        ValueError for an empty name. Returns the name as stored (see :func:`view_name`)."""
        name = view_name(name)
        plain = {str(k): [str(v) for v in values] for k, values in params.items() if values}
        with self._transaction() as con:
            if not replace and _exec(con, "SELECT 1 FROM saved_views WHERE name = $name", {"name": name}):
                raise ViewExists(f"a saved view named {name!r} exists already: replace it, or pick another name")
            _exec(con, "INSERT OR REPLACE INTO saved_views VALUES ($name, $filter, $page, $at, $by)",
                  {"name": name, "filter": json.dumps(plain, sort_keys=True, ensure_ascii=False),
                   "page": str(page or ""), "at": _utcnow(), "by": analyst()})
        return name

    def saved_views(self) -> list[SavedViewRow]:
        """Every saved view, by name (case-insensitively); ``[]`` for a store that does not exist."""
        with self._reading() as con:
            rows = _exec(con, "SELECT name, filter, page, saved_at, saved_by FROM saved_views"
                              " ORDER BY lower(name), name")
        return [SavedViewRow(name, _params(raw), page, at, by) for name, raw, page, at, by in rows]

    def export_work(self) -> dict:
        """Every saved view, tag and note, as one JSON-ready dict (the kept-work file:
        ``{"format": "dateline-work", "version": 1, "exported_at", "exported_by", "saved_views":
        […], "tags": […], "notes": […]}``, rows as ``docs/store.md`` documents their tables, the
        saved views' filters as objects), from one consistent snapshot."""
        with self._reading() as con:
            tables = {table: _export_rows(con, table) for table in WORK_TABLES}
        return {"format": WORK_FORMAT, "version": WORK_VERSION,
                "exported_at": _utcnow().isoformat(timespec="seconds"), "exported_by": analyst(), **tables}

    def import_work(self, data: object) -> dict[str, dict[str, int]]:
        """Add the saved views, tags and notes of a kept-work file (``data``: its parsed JSON, as
        :meth:`export_work` makes it) in ONE transaction. Idempotent: a row already here (same
        view name, same item and tag, same note id) is left as it is, so importing a file twice,
        or a colleague's file that holds some of yours, adds only what is new. A saved view whose
        name is taken by a different view here is not imported (``conflicts``): yours is kept.
        Returns ``{table: {"added": n, "present": n, "conflicts": n}}``. Raises ValueError for a
        file that is not a work file (nothing is imported)."""
        rows = read_work(data)
        counts = {table: {"added": 0, "present": 0, "conflicts": 0} for table in WORK_TABLES}
        with self._transaction() as con:
            for table, records in rows.items():
                columns, key = WORK_TABLES[table]
                for row in records:
                    match = " AND ".join(f"{k} = ${k}" for k in key)
                    found = _exec(con, f"SELECT {', '.join(columns)} FROM {table} WHERE {match}",
                                  {k: row[k] for k in key})
                    if not found:
                        _exec(con, f"INSERT INTO {table} VALUES ({', '.join('$' + c for c in columns)})", row)
                        counts[table]["added"] += 1
                    elif table == "saved_views" and (_params(found[0][1]), found[0][2]) != (
                            _params(row["filter"]), row["page"]):
                        counts[table]["conflicts"] += 1
                    else:
                        counts[table]["present"] += 1
        return counts

    def delete_view(self, name: str) -> bool:
        """Delete the saved view ``name``; returns False when there was none of that name."""
        if not self.exists:
            return False
        with self._transaction() as con:
            return bool(_exec(con, "DELETE FROM saved_views WHERE name = $name RETURNING name",
                              {"name": " ".join(str(name).split())}))


def _params(raw: str | None) -> dict[str, list[str]]:
    """A stored filter (JSON) back as query parameters; ``{}`` for anything unreadable (a
    hand-edited row never breaks the list)."""
    try:
        value = json.loads(raw or "{}")
    except (TypeError, ValueError):
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): [str(x) for x in (v if isinstance(v, list) else [v])] for k, v in value.items() if v}


#: The kept-work file's format: its marker key and version.
WORK_FORMAT = "dateline-work"
WORK_VERSION = 1
#: Per table of the kept work: its columns in file order, and the columns that identify a row
#: (an import adds only rows whose identity is new: importing a file twice adds nothing).
WORK_TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "saved_views": (("name", "filter", "page", "saved_at", "saved_by"), ("name",)),
    "tags": (("what", "which", "tag", "tagged_at", "tagged_by"), ("what", "which", "tag")),
    "notes": (("note_id", "what", "which", "text", "written_at", "written_by"), ("note_id",)),
}


def _export_rows(con, table: str) -> list[dict]:
    columns, key = WORK_TABLES[table]
    rows = _exec(con, f"SELECT {', '.join(columns)} FROM {table} ORDER BY {', '.join(key)}")
    out = []
    for row in rows:
        record = dict(zip(columns, row))
        for name, value in record.items():
            if isinstance(value, datetime):
                record[name] = value.isoformat()
        if table == "saved_views":
            record["filter"] = _params(record["filter"])
        out.append(record)
    return out


def _import_row(table: str, record: object, n: int) -> dict:
    """One record of the file checked and made ready for the INSERT (ValueError saying which)."""
    columns, _ = WORK_TABLES[table]
    if not isinstance(record, dict) or any(not isinstance(record.get(c), (str, dict)) for c in columns):
        raise ValueError(f"{table} entry {n + 1} is not an object with the fields {', '.join(columns)}")
    row = {c: record[c] for c in columns}
    for c in columns:
        if c.endswith("_at"):
            try:
                row[c] = datetime.fromisoformat(row[c])
            except ValueError:
                raise ValueError(f"{table} entry {n + 1}: {c} is not a date and time ({row[c]!r})") from None
    if table == "saved_views":
        row["name"] = view_name(row["name"])
        row["filter"] = json.dumps(_params(json.dumps(row["filter"])), sort_keys=True, ensure_ascii=False)
    elif row["what"] not in ("article", "actor"):
        raise ValueError(f"{table} entry {n + 1}: what must be 'article' or 'actor', not {row['what']!r}")
    elif table == "tags":
        row["tag"] = " ".join(row["tag"].split())
    if table != "saved_views" and not (row.get("tag", row.get("text")) or "").strip():
        raise ValueError(f"{table} entry {n + 1} is empty")
    return row


def read_work(data: object) -> dict[str, list[dict]]:
    """The rows of a kept-work file (its parsed JSON), checked: ``{table: [row, …]}``. Raises
    ValueError, saying what is wrong, for anything that is not such a file."""
    if not isinstance(data, dict) or data.get("format") != WORK_FORMAT:
        raise ValueError("this is not a Dateline work file (tags, notes and saved views exported by "
                         "`python -m components work export` or the Data page)")
    if data.get("version") != WORK_VERSION:
        raise ValueError(f"this work file has version {data.get('version')!r}; this Dateline reads version "
                         f"{WORK_VERSION}: export it again with this Dateline, or upgrade Dateline")
    rows = {}
    for table in WORK_TABLES:
        records = data.get(table) or []
        if not isinstance(records, list):
            raise ValueError(f"'{table}' in this work file is not a list")
        rows[table] = [_import_row(table, r, n) for n, r in enumerate(records)]
    return rows
