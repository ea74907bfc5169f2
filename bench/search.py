"""Time full-text search on a store: the index build, its size, and searches with and without
other filters.

    python bench/search.py --db FILE [--rebuild] [--repeat N]

The store must be writable where it lies (its index is ``FILE.search``, beside it): copy a store
you may not write to (e.g. the million-article one of ``bench/build_store.py``) first. It prints:

- the index build (``Store.build_search_index``, what ``python -m components search-index`` runs):
  seconds, articles per second, and the index file's size beside the store's (``--rebuild``
  deletes an existing index first; otherwise an up-to-date index is only checked);
- per search (a word, a phrase, a NOT, a prefix; each alone and with another filter: the store's
  most mentioned actor), the articles it matches and, in seconds (median of ``--repeat``
  runs): ``hits`` (the index alone: every article it matches, what the Filter reads), ``ranked``
  (the same with each one's bm25 rank, what the Articles list orders by), ``list`` (the Articles list's
  first page, ranked, with snippets: ``query.articles(marks=True)``, its hits and filtered set
  computed anew), ``overview`` (``query.overview`` under the same Filter, hits already fetched);
- the load average before and after (timings on a shared machine are indicative only).

Benchmarks print figures; they never fail on a time.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: The searches timed: (what, text). The words are those of the synthetic corpus (python -m
#: components demo), which the stores of bench/pages.py and bench/build_store.py hold.
SEARCHES = [("word", "talks"), ("phrase", '"lasting damage"'), ("not", "talks -resume"), ("prefix", "clim*"),
            ("rare word", "tariffs")]


def _size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists()) / 2**20


def _median(fn, repeat: int, reset) -> tuple[float, object]:
    """Median seconds of ``repeat`` calls of ``fn()`` (each after ``reset()``) and its last result."""
    times, result = [], None
    for _ in range(repeat):
        reset()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def build(store, rebuild: bool) -> None:
    """Build (or check) the index and print its time and size."""
    index = store.search_index_path
    if rebuild:
        for p in (index, Path(f"{index}-wal"), Path(f"{index}-shm")):
            p.unlink(missing_ok=True)
    n_articles = store.summary()["articles"]
    t0 = time.perf_counter()
    n = store.build_search_index()
    seconds = time.perf_counter() - t0
    rate = f", {n / seconds:,.0f} articles/s" if n else " (it was up to date: every article's stamp compared)"
    print(f"index build: {n:,} of {n_articles:,} articles indexed in {seconds:.1f} s{rate}")
    print(f"index size: {_size_mb(index):,.0f} MB ({index}); store: {_size_mb(store.path):,.0f} MB")


def searches(store, repeat: int) -> None:
    """Time every search of :data:`SEARCHES`, alone and with the top actor."""
    from components import query
    from components.filters import Filter
    from components.store import connection, search_hits, searching

    def reset() -> None:  # nothing kept: the search's hits and its filtered set computed anew
        searching._hits_cache.clear()
        connection.kept_tables().clear()

    top = query.top_actors(store, Filter(), limit=1)
    actor = str(top["actor"].iloc[0]) if len(top) else None
    print(f"\n{'search':<26} {'filter':<22} {'articles':>9} {'hits s':>7} {'ranked s':>8} {'list s':>7} "
          f"{'overview s':>10}")
    for what, text in SEARCHES:
        for extra in ((), ("actors", actor)) if actor else ((),):
            f = Filter(text=text, **({extra[0]: (extra[1],)} if extra else {}))
            match = query.search_syntax.match_of(text)
            t_hits, _ = _median(lambda: search_hits.hits(store.path, match, "articles"), repeat, reset)
            t_ranked, _ = _median(lambda: search_hits.hits(store.path, match, "ranked"), repeat, reset)
            t_list, page = _median(lambda: query.articles(store, f, marks=True), repeat, reset)
            t_over, _ = _median(lambda: query.overview(store, f), repeat, lambda: None)
            label = f"{what}: {text}"
            print(f"{label:<26} {('actor ' + actor) if extra else 'none':<22.22} {page.attrs['total']:>9,} "
                  f"{t_hits:7.3f} {t_ranked:8.3f} {t_list:7.3f} {t_over:10.3f}", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="the store (its index is written beside it)")
    parser.add_argument("--rebuild", action="store_true", help="delete the index first and time its build")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median printed)")
    args = parser.parse_args(argv)
    from components.store import Store

    store = Store(args.db)
    if not store.exists:
        parser.error(f"{args.db} does not exist: build one with bench/build_store.py or python -m components ingest")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    build(store, args.rebuild)
    searches(store, args.repeat)
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
