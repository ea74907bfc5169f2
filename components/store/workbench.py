"""The analyst's own records in the store: saved views (a named filter and the page it was saved
on). :class:`Workbench` holds the methods; :class:`~components.store.Store` inherits them.

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


def view_name(name: str) -> str:
    """``name`` as it is stored: whitespace runs made one space, trimmed. Raises ValueError for
    an empty or overlong name (the message says so)."""
    clean = " ".join(str(name or "").split())
    if not clean:
        raise ValueError("a saved view needs a name: type one")
    if len(clean) > MAX_NAME:
        raise ValueError(f"a saved view's name has at most {MAX_NAME} characters ({len(clean)} given)")
    return clean


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
    return {str(k): [str(x) for x in (v if isinstance(v, list) else [v])] for k, v in value.items()}
