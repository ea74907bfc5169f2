"""The analyst's kept work, in terms of :class:`~components.filters.Filter`: saved views (a named
Filter and the page it was saved on), over the store's ``saved_views`` table
(:class:`~components.store.workbench.Workbench`); and the kept-work file (saved views, tags and
notes as one JSON document) exported and imported as bytes, for the command line and the app.

A view's Filter is stored as its URL query parameters (:meth:`Filter.to_query_params`) and read
back with :meth:`Filter.from_query_params`, so opening a saved view gives exactly the Filter a
copied link would, and a view saved before the Filter gained a field still opens.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from .filters import Filter
from .store import SavedViewRow, Store
from .store.workbench import MAX_NAME

__all__ = ["MAX_NAME", "SavedView", "export_work", "find_view", "import_summary", "import_work", "save_view",
           "saved_views", "views_of"]


@dataclass(frozen=True)
class SavedView:
    """A saved view.

    name: its name (unique in the store). filter: the Filter it reopens. page: the URL path of
    the page it was saved on ("" for the first page). saved_at: when (UTC). saved_by: who (OS user).
    """

    name: str
    filter: Filter
    page: str
    saved_at: datetime
    saved_by: str

    def describe(self) -> str:
        """One line saying what the view shows: its filters' chip labels, or "no filter"."""
        labels = [label for _, _, label in self.filter.chips()]
        return "; ".join(labels) if labels else "no filter (the whole store)"


def saved_views(store: Store) -> list[SavedView]:
    """Every saved view of ``store``, by name; ``[]`` when there is none (or no store)."""
    return views_of(store.saved_views())


def views_of(rows: Sequence[SavedViewRow]) -> list[SavedView]:
    """The saved views of ``rows`` (from :meth:`Store.saved_views`), each with its Filter."""
    return [SavedView(row.name, Filter.from_query_params(row.params), row.page, row.saved_at, row.saved_by)
            for row in rows]


def save_view(store: Store, name: str, f: Filter, page: str = "", *, replace: bool = False) -> str:
    """Save ``f`` seen on ``page`` (a URL path) as the view ``name`` in ``store``. Raises
    :class:`~components.store.ViewExists` when the name is taken and ``replace`` is False, and
    ValueError for an empty name. Returns the name as stored (whitespace tidied)."""
    return store.save_view(name, f.to_query_params(), page, replace=replace)


def find_view(store: Store, name: str) -> SavedView | None:
    """The saved view called ``name`` (whitespace tidied as when saved), or None."""
    wanted = " ".join(str(name).split())
    return next((v for v in saved_views(store) if v.name == wanted), None)


def export_work(store: Store) -> bytes:
    """The kept-work file of ``store``: every saved view, tag and note as one JSON document
    (UTF-8, indented), as :meth:`Store.export_work <components.store.Store.export_work>` gives it."""
    return (json.dumps(store.export_work(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def import_work(store: Store, data: bytes | str) -> dict[str, dict[str, int]]:
    """Import a kept-work file's content (``data``) into ``store``, idempotently (see
    :meth:`Store.import_work <components.store.Store.import_work>`). Raises ValueError, saying
    what is wrong, for content that is not such a file."""
    try:
        parsed = json.loads(data)
    except (UnicodeDecodeError, ValueError) as err:
        raise ValueError(f"this is not a Dateline work file: it is not JSON ({err})") from None
    return store.import_work(parsed)


def import_summary(counts: dict[str, dict[str, int]]) -> str:
    """What an import did, in one line: "added 2 saved views, 5 tags, 1 note; 3 already here;
    1 saved view not imported: a different view has its name here (yours is kept)"."""
    names = {"saved_views": ("saved view", "saved views"), "tags": ("tag", "tags"), "notes": ("note", "notes")}

    def amount(n: int, table: str) -> str:
        return f"{n} {names[table][n != 1]}"

    added = [amount(c["added"], t) for t, c in counts.items() if c["added"]]
    line = "added " + ", ".join(added) if added else "nothing new"
    present = sum(c["present"] for c in counts.values())
    if present:
        line += f"; {present} already here"
    conflicts = counts.get("saved_views", {}).get("conflicts", 0)
    if conflicts:
        line += (f"; {amount(conflicts, 'saved_views')} not imported: a different view has "
                 f"{'its name' if conflicts == 1 else 'their names'} here (yours {'is' if conflicts == 1 else 'are'} kept)")
    return line
