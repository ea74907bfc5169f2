"""Cached calls into :mod:`components.query` and the store handle they run on, keyed on plain values.

A result is cached on (query name, store path, store version, Filter as its query-string form,
keyword options), so going back to an earlier filter, or another page with the same filter, is
instant; the store version (file size and modification time) changes when an ingest writes, so
nothing stale is shown after an ingest.
"""
from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from components import query
from components.filters import Filter
from components.store import Store

from . import state

#: Cached results kept per query function.
MAX_ENTRIES = 64


@st.cache_resource(show_spinner=False)
def store_for(path: str) -> Store:
    """The store handle for ``path`` (one per path per process)."""
    return Store(path)


def current_store() -> Store:
    """The store the app shows (see :func:`dashboard.state.db_path`)."""
    return store_for(str(state.db_path()))


def store_version(path: str | Path) -> tuple[int, ...]:
    """Something that changes whenever the store at ``path`` is written (:attr:`Store.version`)."""
    return store_for(str(path)).version


def filter_key(f: Filter) -> str:
    """The Filter as a plain, stable string (its query-string form)."""
    return json.dumps(f.to_query_params(), sort_keys=True)


@st.cache_data(show_spinner=False, max_entries=MAX_ENTRIES)
def _run(name: str, path: str, version: tuple, fkey: str, _f: Filter | None, args: tuple, options: tuple):
    func = getattr(query, name)
    store = store_for(path)
    return func(store, *args, *(() if _f is None else (_f,)), **dict(options))


def _call(name: str, *args, f: Filter | None = None, **options):
    """``components.query.<name>(store, *args, f, **options)`` on the current store, cached on
    plain values (``args`` and ``options`` must be plain: strings, numbers)."""
    return _call_at(str(state.db_path()), name, *args, f=f, **options)


def _call_at(path: str, name: str, *args, f: Filter | None = None, **options):
    """As :func:`_call`, on the store at ``path`` (a resolved path string)."""
    return _run(name, path, store_version(path), filter_key(f) if f is not None else "", f,
                args, tuple(sorted(options.items())))


def prefetch(path: str | Path, name: str, f: Filter | None = None, **options) -> None:
    """Put ``components.query.<name>(store, f, **options)`` on the store at ``path`` into the
    cache, exactly as :func:`run` caches it for a page showing that store; for the server's
    start-up (:mod:`dashboard.warm`), which has no session and so no current store."""
    _call_at(str(Path(path).expanduser().resolve()), name, f=f, **options)


def prefetch_summary(path: str | Path) -> None:
    """Put :func:`summary` of the store at ``path`` into the cache (as :func:`prefetch`)."""
    resolved = str(Path(path).expanduser().resolve())
    _stored(resolved, store_version(resolved), "summary", ())


def run(name: str, f: Filter | None = None, **options):
    """``components.query.<name>(store, f, **options)`` on the current store, cached.

    name: a function of :mod:`components.query`.
    f: the Filter (None for functions that take none, e.g. ``date_bounds``, ``choices``).
    options: keyword options of that function (plain values).
    Returns what the query function returns (treat it as read-only: it is shared)."""
    return _call(name, f=f, **options)


#: Actors every ranking of top actors fetches (the longest list a page shows), so that the
#: Overview's 15 and the Actors page's 30 and 40 share one query per Filter.
TOP_ACTORS = 40


def top_actors(f: Filter, limit: int):
    """The ``limit`` (at most :data:`TOP_ACTORS`) first rows of ``components.query.top_actors``
    for ``f``, from the one cached ranking of :data:`TOP_ACTORS` actors."""
    return run("top_actors", f, limit=max(int(limit), TOP_ACTORS)).head(int(limit))


def line_actors(f: Filter, top: int) -> tuple[str, ...]:
    """The ``top`` actors a timeline draws as lines under ``f``: the Filter's own actors first
    (those the ranking holds), then the most mentioned (from :func:`top_actors`)."""
    ranked = list(top_actors(f, TOP_ACTORS)["actor"])
    names = [a for a in f.actors if a in ranked] + [a for a in ranked if a not in f.actors]
    return tuple(names[:max(int(top), 0)])


def not_analysed(f: Filter) -> dict[str, int]:
    """``components.query.not_analysed`` under ``f`` on the current store, cached; asked under a
    filter only when the whole store has such articles (counted once per store version), so a
    store analysed throughout spares every filter change that query."""
    everywhere = run("not_analysed", Filter())
    return run("not_analysed", f) if everywhere and not f.is_empty else everywhere


def deferred(name: str, f: Filter, **options):
    """A function that runs ``components.query.<name>(store, f, **options)`` when called, not
    cached, on the store the app shows *now* (for large results fetched on a click, such as a
    download of every matching row: the click runs outside the page's script)."""
    store = current_store()
    return lambda: getattr(query, name)(store, f, **options)


def profile(actor: str, f: Filter) -> dict:
    """``components.query.actor_profile`` for ``actor`` within ``f`` on the current store, cached."""
    return _call("actor_profile", actor, f=f)


def profile_places(actor: str, f: Filter):
    """``components.query.actor_places`` (the places of ``actor``'s articles within ``f``) on
    the current store, cached."""
    return _call("actor_places", actor, f=f)


def article(article_id: str) -> dict | None:
    """``components.query.article`` on the current store, cached."""
    return _call("article", article_id)


def article_hits(article_id: str, f: Filter) -> dict:
    """``components.query.article_hits`` (where ``f``'s search hits the article) on the current
    store, cached; no index is opened without a search."""
    if not f.text:
        return {"title": [], "text": []}
    return _call("article_hits", f=f, article_id=article_id)


def place_texts(name: str, f: Filter):
    """``components.query.place_texts`` for the place ``name`` within ``f`` on the current store, cached."""
    return _call("place_texts", name, f=f)


@st.cache_data(show_spinner="Looking the name up in the gazetteer…", max_entries=MAX_ENTRIES)
def place_choices(name: str) -> list[tuple[str, dict]]:
    """The gazetteer's places called ``name``, best known first, as (label, place) pairs
    (:func:`components.places.choices.choices`; the gazetteer is loaded on the first call)."""
    from components.places.choices import choices

    return [(c.label, c.place) for c in choices(name)]


def stored(method: str, *args):
    """``Store.<method>(*args)`` on the current store (a read: ``summary``, ``corrections``,
    ``saved_views``, ``tags_of``…), cached until the store is written, as :func:`run` caches
    queries (``args`` must be plain values)."""
    path = str(state.db_path())
    return _stored(path, store_version(path), method, args)


@st.cache_data(show_spinner=False, max_entries=MAX_ENTRIES)
def _stored(path: str, version: tuple, method: str, args: tuple):
    return getattr(store_for(path), method)(*args)


def corrections() -> list:
    """Every correction of the current store (:meth:`Store.corrections`), oldest first, cached."""
    return stored("corrections")


def forget() -> None:
    """Drop every cached result (after a correction: the next run of a page queries again, even
    if the store's version did not visibly change)."""
    _run.clear()
    _stored.clear()


def ingest_history(limit: int = 20):
    """``components.query.ingest_history`` on the current store, cached."""
    return _call("ingest_history", limit=limit)


def summary() -> dict[str, int]:
    """Row count per store table (``{}`` for a store that does not exist), cached."""
    return stored("summary")
