"""The analyst's kept work, in terms of :class:`~components.filters.Filter`: saved views (a named
Filter and the page it was saved on), over the store's ``saved_views`` table
(:class:`~components.store.workbench.Workbench`).

A view's Filter is stored as its URL query parameters (:meth:`Filter.to_query_params`) and read
back with :meth:`Filter.from_query_params`, so opening a saved view gives exactly the Filter a
copied link would, and a view saved before the Filter gained a field still opens.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .filters import Filter
from .store import Store
from .store.workbench import MAX_NAME

__all__ = ["MAX_NAME", "SavedView", "find_view", "save_view", "saved_views"]


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
    return [SavedView(row.name, Filter.from_query_params(row.params), row.page, row.saved_at, row.saved_by)
            for row in store.saved_views()]


def save_view(store: Store, name: str, f: Filter, page: str = "", *, replace: bool = False) -> str:
    """Save ``f`` seen on ``page`` (a URL path) as the view ``name`` in ``store``. Raises
    :class:`~components.store.ViewExists` when the name is taken and ``replace`` is False, and
    ValueError for an empty name. Returns the name as stored (whitespace tidied)."""
    return store.save_view(name, f.to_query_params(), page, replace=replace)


def find_view(store: Store, name: str) -> SavedView | None:
    """The saved view called ``name`` (whitespace tidied as when saved), or None."""
    wanted = " ".join(str(name).split())
    return next((v for v in saved_views(store) if v.name == wanted), None)
