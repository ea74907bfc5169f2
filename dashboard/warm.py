"""The server's start-up work (the lifespan of ``st.App``, see :mod:`dashboard.app`): what the
first page of every session would otherwise wait for, done once per server process.

Before the server answers (about a second at a million articles):

- the modules every page imports (:data:`MODULES`: pandas and pyarrow, plotly's figures, the app's
  own modules), about 0.5 s of the first script run otherwise;
- the country outlines of the map (``components.charts.outlines.country_outlines``, read from
  ``countryinfo``, and the GeoJSON text :mod:`dashboard.map_outlines` sends), about 0.5 s;
- the names the sidebar's lists show for country and language codes
  (``components.filters.value_label``, from ``countryinfo`` and ``pycountry``), about 0.2 s;

and what they loaded is frozen out of the garbage collector's sight (:func:`gc.freeze`), so that
the full collection Streamlit runs after every script run does not walk it again each time.

Then, in a background thread that the server waits for at most :data:`PREFETCH_WAIT` seconds
(so that a store another process holds never keeps it from answering): for the store the app
opens on (the ``db`` setting), if it exists, its row counts and the queries the sidebar and the
Overview run with no filter (:data:`FIRST_PAGE`), into the cache the pages read
(:func:`dashboard.cached.prefetch`); about 0.5 s at a million articles. A session that arrives
while it still runs waits for those results instead of running the queries again (Streamlit
computes a cached value once).

Nothing here stops the server: a failure is logged in a line and the pages do the work as usual.
"""
from __future__ import annotations

import asyncio
import gc
import importlib
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from components import settings

log = logging.getLogger(__name__)

#: The modules the pages import, loaded at start-up (the views are scripts: their imports are these).
MODULES = (
    "pandas", "plotly.graph_objects", "components.charts", "components.query", "components.selection",
    "dashboard.bootstrap", "dashboard.cached", "dashboard.downloads", "dashboard.highlight",
    "dashboard.ingest_panel", "dashboard.linked_charts", "dashboard.markdown", "dashboard.notices",
    "dashboard.paging", "dashboard.sidebar", "dashboard.state",
)
#: (query, under the empty Filter?, options) as ``dashboard/sidebar.py`` and ``dashboard/views/overview.py``
#: run them with no filter: the first page of a session. A query missing here only runs on that page.
FIRST_PAGE: tuple[tuple[str, bool, dict], ...] = (
    ("choices", False, {}), ("date_span", False, {}),
    ("overview", True, {}), ("not_analysed", True, {}), ("top_actors", True, {"limit": 40}),  # dashboard.cached.TOP_ACTORS
    ("places", True, {}), ("countries", True, {"articles": False}), ("busiest_days", True, {"limit": 10}),
)
#: Longest wait, in seconds, for the first page's queries before the server answers.
PREFETCH_WAIT = 5.0


@asynccontextmanager
async def lifespan(_app) -> AsyncIterator[None]:
    """``st.App``'s start-up hook: :func:`load_modules`, then :func:`prefetch_first_page` for the
    ``db`` setting's store in a background thread, both before the server answers (the second
    for at most :data:`PREFETCH_WAIT` seconds)."""
    await asyncio.to_thread(load_modules)
    # What start-up loaded lives as long as the process: moved out of the garbage collector's
    # sight, Streamlit's full collection after every script run (``runner.postScriptGC``) no longer
    # walks it: 0.01–0.03 s a run instead of about 0.1 s, which delayed every page's last message.
    gc.freeze()
    prefetch = threading.Thread(target=prefetch_first_page, args=(settings.get("db"),),
                                name="dateline-prefetch", daemon=True)
    prefetch.start()
    # Answer once it is done (else a link with a filter opened at once waits behind it for the
    # store), but never wait longer than PREFETCH_WAIT for a store another process holds.
    await asyncio.to_thread(prefetch.join, PREFETCH_WAIT)
    yield


def load_modules() -> None:
    """Import :data:`MODULES` and read the country outlines and the names of country and language
    codes (each failure logged, none raised)."""
    for name in MODULES:
        try:
            importlib.import_module(name)
        except Exception as err:  # noqa: BLE001 - start-up work is optional: the page imports it again
            log.warning("Start-up: could not import %s (%s: %s); the first page will.", name,
                        type(err).__name__, err)
    for what, read in (("the country outlines", _read_outlines), ("the names of codes", _read_code_names)):
        try:
            read()
        except Exception as err:  # noqa: BLE001 - as above
            log.warning("Start-up: could not read %s (%s: %s); the first page will.", what,
                        type(err).__name__, err)


def _read_outlines() -> None:
    from components.charts.outlines import outlines_geojson

    outlines_geojson()  # (reads them first)


def _read_code_names() -> None:
    from components.filters import value_label

    value_label("countries", "GH")  # (each table is read on its first use)
    value_label("languages", "en")


def prefetch_first_page(path: str | Path) -> None:
    """Cache the row counts and the :data:`FIRST_PAGE` queries of the store at ``path``, if it
    exists (a new default store is filled by the first session, see :mod:`dashboard.bootstrap`)."""
    if not Path(path).expanduser().is_file():
        return
    from components.filters import Filter

    from . import cached

    try:
        cached.prefetch_summary(path)
        for name, filtered, options in FIRST_PAGE:
            cached.prefetch(path, name, Filter() if filtered else None, **options)
    except Exception as err:  # noqa: BLE001 - the page runs the query itself and shows any error
        log.warning("Start-up: could not read the store %s (%s: %s); the first page will.", path,
                    type(err).__name__, err)
