"""Time a full run of every dashboard page, on the sample corpus and on a 10,000-article store.

    python bench/pages.py [--sample-db FILE] [--large-db FILE] [--skip-large] [--skip-sample] [--repeat N]
                          [--search TEXT]

``--large-db /tmp/dateline1m.duckdb`` times the pages on the million-article store of
``bench/build_store.py`` (built there, not here).

How: Streamlit's ``AppTest`` runs ``dashboard/main.py`` (the script ``dashboard/app.py`` serves)
in this process (no browser, no websocket, no start-up warm-up), switched to each page in turn;
a page run is the wall time of ``AppTest.run()``: the whole script, sidebar included, queries
and figure building included, the browser's drawing excluded. Per page it prints three figures, in seconds:

- ``cold``: first run of the page with no filter after ``st.cache_data.clear()`` (every query
  runs against DuckDB);
- ``warm``: the same run again (query results come from the cache: what going back to a view
  costs);
- ``filter``: the run after a filter change (the store's most mentioned actor picked, so the
  queries run again under a new Filter: what a click on a bar costs; the process's kept sets are
  dropped first, so every repeat computes them as for a Filter not seen before);
- ``search``: the run after the search ``--search`` (default ``port -fees``) is typed instead (the
  search index is built or caught up first, untimed, as the app does once per store; the hits
  held in memory are dropped first, so every repeat reads them from the index);
- ``+filter``: the run after, under that search, its most mentioned actor is picked too (what a
  click on a bar costs after a search: the search's hits are held, the new Filter's sets are not).

After each store it prints the process's resident memory (now and its peak so far): the app
server's memory, as AppTest runs the app in this process.

The sample store (``data/seed`` + ``data/demo``) and the large store (``python -m components demo
DIR --n 10000`` then ``ingest``) are built only when their file is missing, with progress
printed; the large one takes several minutes. After each store it prints how busy the CPUs were
during its runs (:mod:`machine`: the busier beyond this process's own use, the more other work
slowed it). Benchmarks print figures; they never fail on a time.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from machine import CpuUse, machine_speed

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # (this checkout's Dateline, not an installed one)

APP = ROOT / "dashboard" / "main.py"
SAMPLE_DIRS = (ROOT / "data" / "seed", ROOT / "data" / "demo")
SAMPLE_DB = Path("/tmp/dateline_cache/pages_sample.duckdb")
LARGE_DIR = Path("/tmp/demo10k")
LARGE_DB = Path("/tmp/demo10k.duckdb")
LARGE_N = 10_000
TIMEOUT_S = 600


def build_sample(db: Path) -> None:
    """Ingest the bundled sample corpus into ``db`` (written under a temporary name, then
    renamed, so an interrupted build leaves nothing half-done)."""
    from components.corpus import ingest
    from components.store import Store

    db.parent.mkdir(parents=True, exist_ok=True)
    tmp = db.with_name(db.name + ".building")
    for stale in (tmp, Path(str(tmp) + ".wal")):
        stale.unlink(missing_ok=True)
    print(f"building the sample store {db} from {', '.join(str(d) for d in SAMPLE_DIRS)} …", flush=True)
    report = ingest([str(d) for d in SAMPLE_DIRS], store=Store(tmp))
    print("  " + report.summary(), flush=True)
    tmp.rename(db)


def build_large(db: Path, folder: Path, n: int) -> None:
    """Write ``n`` synthetic stories to ``folder`` (if it holds none) and ingest them into
    ``db`` with the CLI, its progress bar on the terminal."""
    db.parent.mkdir(parents=True, exist_ok=True)
    if not folder.exists() or not any(folder.iterdir()):
        print(f"writing {n:,} synthetic stories to {folder} …", flush=True)
        subprocess.run([sys.executable, "-m", "components", "demo", str(folder), "--n", str(n)],
                       cwd=ROOT, check=True)
    tmp = db.with_name(db.name + ".building")
    for stale in (tmp, Path(str(tmp) + ".wal")):
        stale.unlink(missing_ok=True)
    print(f"ingesting {folder} into {db} (several minutes) …", flush=True)
    subprocess.run([sys.executable, "-m", "components", "ingest", str(folder), "--db", str(tmp)],
                   cwd=ROOT, check=True)
    tmp.rename(db)


def _timed_run(at) -> tuple[float, int]:
    """Run ``at`` once; return (seconds, number of exceptions the page shows)."""
    t0 = time.perf_counter()
    at.run()
    return time.perf_counter() - t0, len(at.exception)


def bench_store(db: Path, *, repeat: int, search: str = "port -fees") -> list[tuple]:
    """Time every page on the store ``db``; returns (title, cold, warm, filter, search, search and
    filter, exceptions) per page, each time the median of ``repeat`` runs."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from components import query
    from components.filters import Filter
    from components.store import Store, drop_kept_tables, forget_hits
    from dashboard import state
    from dashboard.routes import PAGES

    os.environ["DATELINE_DB"] = str(db)
    top = query.top_actors(Store(db), Filter(), limit=1)
    picked = Filter(actors=(str(top["actor"].iloc[0]),)) if len(top) else Filter(text="the")
    Store(db).build_search_index()  # (once per store, as the app does on its first search)
    search_top = query.top_actors(Store(db), Filter(text=search), limit=1)
    narrowed = Filter(text=search, actors=(str(search_top["actor"].iloc[0]),) if len(search_top) else ())
    rows = []
    for file, title, _ in PAGES:
        cold, warm, filtered, searched, narrowed_runs, errors = [], [], [], [], [], 0
        for _ in range(repeat):
            st.cache_data.clear()
            at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
            at.run()                       # the default page, so the session is set up
            at.switch_page(file)
            st.cache_data.clear()
            for bucket in (cold, warm):
                seconds, n_errors = _timed_run(at)
                bucket.append(seconds)
                errors = max(errors, n_errors)
            at.session_state[state.FILTER] = picked
            drop_kept_tables()  # (as a Filter not seen before: its sets not kept from the last round)
            seconds, n_errors = _timed_run(at)
            filtered.append(seconds)
            at.session_state[state.FILTER] = Filter(text=search)
            drop_kept_tables()
            forget_hits()  # (a search not seen before: its hits read from the index)
            seconds, n_errors2 = _timed_run(at)
            searched.append(seconds)
            at.session_state[state.FILTER] = narrowed
            seconds, n_errors3 = _timed_run(at)
            narrowed_runs.append(seconds)
            errors = max(errors, n_errors, n_errors2, n_errors3)
        rows.append((title, statistics.median(cold), statistics.median(warm), statistics.median(filtered),
                     statistics.median(searched), statistics.median(narrowed_runs), errors))
    return rows


def _rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MB (Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20, peak
    except (OSError, ValueError, IndexError):
        return float("nan"), peak


def _articles(db: Path) -> int:
    from components.store import Store

    return Store(db).summary().get("articles", 0)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample-db", type=Path, default=SAMPLE_DB,
                        help="store of the sample corpus (built if missing)")
    parser.add_argument("--large-db", type=Path, default=LARGE_DB,
                        help=f"store of {LARGE_N:,} synthetic articles (built if missing)")
    parser.add_argument("--large-dir", type=Path, default=LARGE_DIR,
                        help="folder for the synthetic stories of the large store")
    parser.add_argument("--skip-large", action="store_true", help="only the sample store")
    parser.add_argument("--skip-sample", action="store_true", help="only the large store")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median printed)")
    parser.add_argument("--search", default="port -fees", help="the search of the 'search' figure")
    args = parser.parse_args(argv)

    import logging

    logging.disable(logging.WARNING)  # AppTest outside a server warns "missing ScriptRunContext" on every run

    stores = [] if args.skip_sample else [("sample", args.sample_db)]
    if not args.skip_large:
        stores.append(("large", args.large_db))
    for label, db in stores:
        if not db.exists():
            if label == "sample":
                build_sample(db)
            elif db == LARGE_DB:
                build_large(db, args.large_dir, LARGE_N)
            else:
                parser.error(f"{db} does not exist: build it with bench/build_store.py --out {db}")
        else:
            from components.store import Store

            before, after = Store(db).migrate()  # a store built by an older Dateline: upgraded once
            if before != after:
                print(f"{db}: upgraded from store schema {before} to {after}", flush=True)

    print(machine_speed())
    print("\nseconds per full page run (AppTest, in-process: script + queries + figures, no browser)")
    print("cold = no filter, caches cleared; warm = same again; filter = after picking the top actor;")
    print(f"search = after searching {args.search!r} instead; +filter = then its top actor picked too")
    for label, db in stores:
        print(f"\n{label}: {db} ({_articles(db):,} articles)")
        print(f"  {'page':<10} {'cold':>7} {'warm':>7} {'filter':>7} {'search':>7} {'+filter':>7}  exceptions")
        with CpuUse() as cpu:
            for title, cold, warm, filtered, searched, narrowed, errors in bench_store(db, repeat=args.repeat,
                                                                                      search=args.search):
                print(f"  {title:<10} {cold:7.2f} {warm:7.2f} {filtered:7.2f} {searched:7.2f} {narrowed:7.2f}"
                      f"  {errors or ''}", flush=True)
        print(f"  during these runs: {cpu} (one CPU kept busy by the app's Python, both by DuckDB at times)")
        now, peak = _rss_mb()
        print(f"  memory of this process (the app server): {now:,.0f} MB now, {peak:,.0f} MB at its peak")


if __name__ == "__main__":
    main()
