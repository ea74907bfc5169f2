"""How long an analyst's correction takes to apply, on a large store.

    python bench/corrections.py --db FILE [--keep]

Works on a copy of FILE (a store built by ``bench/build_store.py``, e.g. ``--copies 10`` for
100,000 articles), removed afterwards unless ``--keep``. Prints the seconds of: the upgrade to
this schema; each correction made through :meth:`Store.correct` (rename, merge, retype, hide an
actor; hide a place everywhere and in one article; take a place as another of the gazetteer's,
everywhere and in one article), each recorded and applied in full (the actor tables rebuilt from
``actor_aliases.machine_actor`` without merging the names again, or the ``places`` rows and the
place counts brought in line); undos; a full rebuild (the automatic merge of every name, then the
corrections) for comparison; and the first queries of the views after them. Then the load
average: timings under contention are indicative only. Benchmarks print figures; they never fail
on a time.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from components import query  # noqa: E402
from components.filters import Filter  # noqa: E402
from components.store import Store  # noqa: E402
from components.store.corrections import PLACE_FIELDS  # noqa: E402


def timed(label: str, fn):
    """Run ``fn``, print its seconds under ``label``, return its result."""
    t0 = time.perf_counter()
    result = fn()
    print(f"  {label:<58} {time.perf_counter() - t0:6.2f} s", flush=True)
    return result


def run(store: Store) -> None:
    """The corrections and queries timed on ``store`` (see the module's docstring)."""
    counts = store.summary()
    print(f"store: {counts.get('articles', 0):,} articles, {counts.get('entities', 0):,} entities, "
          f"{counts.get('places', 0):,} places, {counts.get('actor_aliases', 0):,} names")
    top = query.top_actors(store, Filter(), limit=10)
    a, b, c = (str(x) for x in top["actor"].iloc[:3])
    place = str(query.places(store, Filter(), limit=1)["name"].iloc[0])
    some_article = str(store.query("SELECT id FROM articles ORDER BY seq LIMIT 1")["id"].iloc[0])
    texts = store.query("SELECT p.text FROM places p JOIN articles a ON a.seq = p.article_seq WHERE a.id = $id"
                        " LIMIT 1", {"id": some_article})["text"]
    timed(f"rename {a!r}", lambda: store.correct("rename", a, a + " (renamed)"))
    timed(f"merge {b!r} into it", lambda: store.correct("merge", b, a + " (renamed)"))
    timed(f"retype {c!r}", lambda: store.correct("retype", c, "group"))
    hidden = timed(f"hide {c!r}", lambda: store.correct("hide", c))
    placed = timed(f"hide the place {place!r} everywhere", lambda: store.correct("place_hide", place))
    hidden_here = None
    if len(texts):
        hidden_here = timed(f"hide the place {texts.iloc[0]!r} in one article",
                            lambda: store.correct("place_hide", str(texts.iloc[0]), article_id=some_article))
    timed("undo the actor hidden", lambda: store.undo_correction(hidden.id))
    timed("undo the place hidden everywhere", lambda: store.undo_correction(placed.id))
    if hidden_here:
        store.undo_correction(hidden_here.id)
    other = _another_place(store, place)
    picked = timed(f"take the place {place!r} as {other['name']} ({other['country_code']}) everywhere",
                   lambda: store.correct("place_pick", place, other))
    if len(texts):
        here = _another_place(store, str(texts.iloc[0]))
        timed(f"take the place {texts.iloc[0]!r} as another in one article",
              lambda: store.correct("place_pick", str(texts.iloc[0]), here, article_id=some_article))
    timed("undo the place taken as another everywhere", lambda: store.undo_correction(picked.id))
    timed("full rebuild: merge every name, then the corrections", store.rebuild_actors)
    timed("first query after: top actors, no filter", lambda: query.top_actors(store, Filter()))
    timed("first query after: places, no filter", lambda: query.places(store, Filter()))
    by_language = Filter(languages=("en",))
    timed("places under a filter", lambda: query.places(store, by_language))
    timed("overview under a filter", lambda: query.overview(store, by_language))
    timed("articles filtered by a place (places read, hidden ones left out)",
          lambda: query.articles(store, Filter(places=(place,))))


def _another_place(store: Store, text: str) -> dict:
    """A place ``text`` may stand for other than the one the store holds most often: the
    gazetteer's next one, else the same moved one degree north."""
    from components.places.choices import choices

    held = store.query(f"SELECT {', '.join(PLACE_FIELDS)} FROM places WHERE text = $t"
                       " AND lat IS NOT NULL GROUP BY ALL ORDER BY count(*) DESC LIMIT 1", {"t": text})
    held = held.iloc[0].to_dict() if len(held) else {"name": text, "country_code": None, "lat": 0.0, "lon": 0.0,
                                                     "geonameid": None, "feature": "other"}
    others = [c.place for c in choices(text) if c.entry.geonameid != held["geonameid"]]
    return others[0] if others else {**held, "lat": min(89.0, float(held["lat"]) + 1)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="the store to copy (e.g. bench/build_store.py's)")
    parser.add_argument("--keep", action="store_true", help="keep the corrected copy (its path is printed)")
    args = parser.parse_args(argv)
    if not args.db.exists():
        parser.error(f"{args.db} does not exist: build one with `python bench/build_store.py --copies 10 --out FILE`")
    folder = Path(tempfile.mkdtemp(prefix="dateline-corrections-"))
    copy = folder / args.db.name
    shutil.copy(args.db, copy)
    store = Store(copy, timeout=120)
    try:
        timed("upgrade to this schema (once)", store.migrate)
        run(store)
    finally:
        if args.keep:
            print(f"kept: {copy}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg())
          + f" on {os.cpu_count()} cores — timings under contention are indicative only")


if __name__ == "__main__":
    main()
