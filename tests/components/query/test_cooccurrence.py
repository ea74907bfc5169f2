"""components.query.cooccurrence against a plain pair count, on a store of many small articles
built by hand: enough actors for both ways it keeps an article's set of actors (one 64-bit mask,
or a bit string past 64 actors), an alias, repeated mentions, two actor types and two sources."""
from __future__ import annotations

import random
from collections import Counter
from itertools import combinations

import pytest

from components import query
from components.filters import Filter
from components.store import Store

from .five_articles import make

NAMES = [f"Actor {i:02d}" for i in range(80)]
TYPE = {n: "person" if i % 2 else "organization" for i, n in enumerate(NAMES)}
ALIAS = "Actor Zero"  # a second name of "Actor 00", merged into it by the actors rebuild


def _articles() -> list[tuple[str, list[str]]]:
    """``(source, names mentioned)`` per article, the names as found (with repeats and the alias)."""
    rng = random.Random(11)
    weights = [1 / (i + 1) for i in range(len(NAMES))]  # a few actors in many articles
    out = []
    for k in range(150):
        names = rng.choices(NAMES, weights, k=rng.randint(1, 7))
        if k % 9 == 0:
            names.append(ALIAS)
        out.append(("wire" if k % 3 else "gazette", names))
    return out


@pytest.fixture(scope="module")
def crowd(tmp_path_factory) -> Store:
    """The articles of :func:`_articles` stored, with ``ALIAS`` merged into "Actor 00"."""
    import components.actors

    s = Store(tmp_path_factory.mktemp("cooc") / "c.duckdb", timeout=10)
    extractions = []
    for k, (source, names) in enumerate(_articles()):
        text = f"Story {k}: " + ", ".join(names) + "."
        extractions.append(make(text, day=f"2024-04-{k % 28 + 1:02d}", source=source, title=f"Story {k}",
                                entities=tuple((n, "PERSON", n, TYPE.get(n, "organization"), None) for n in names)))
    s.write(extractions)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(components.actors, "merge_corpus", lambda counts, *_: {ALIAS: "Actor 00"})
        s.rebuild_actors()
    return s


def _pair_count(f: Filter, ranked: list[str]) -> list[tuple[str, str, int]]:
    """The pairs of ``ranked`` actors in the same article, counted article by article in Python,
    in cooccurrence's order (most shared articles first, then by names)."""
    types = set(f.actor_types)
    counts: Counter = Counter()
    for source, names in _articles():
        actors = {"Actor 00" if n == ALIAS else n for n in names}
        if f.sources and source not in f.sources or f.actors and not actors & set(f.actors):
            continue
        if types:
            if not {TYPE[a] for a in actors} & types:
                continue
            actors = {a for a in actors if TYPE[a] in types}
        counts.update(combinations(sorted(actors & set(ranked)), 2))
    return sorted(((s, t, n) for (s, t), n in counts.items()), key=lambda p: (-p[2], p[0], p[1]))


@pytest.mark.parametrize("limit", [5, 40, 70])
@pytest.mark.parametrize("f", [Filter(), Filter(sources=("wire",)), Filter(actors=("Actor 03",)),
                               Filter(actor_types=("person",))], ids=["all", "wire", "actor", "people"])
def test_pairs_are_those_of_a_plain_count(crowd: Store, f: Filter, limit: int):
    ranked = list(query.top_actors(crowd, f, limit=limit)["actor"])
    assert limit != 70 or not f.is_empty or len(ranked) > 64  # past one 64-bit mask
    expected = _pair_count(f, ranked)
    assert expected and (limit < 40 or len(expected) < len(list(combinations(ranked, 2))))  # not every pair meets
    for got in (query.cooccurrence(crowd, f, limit=limit), query.cooccurrence(crowd, f, actors=tuple(ranked))):
        assert list(got.columns) == ["source", "target", "n_articles"]
        assert [tuple(row) for row in got.itertuples(index=False)] == expected


def test_actors_given_twice_or_unknown_change_nothing(crowd: Store):
    ranked = tuple(query.top_actors(crowd, Filter(), limit=10)["actor"])
    plain = query.cooccurrence(crowd, Filter(), actors=ranked)
    assert query.cooccurrence(crowd, Filter(), actors=ranked + ranked[:3] + ("Nobody", ALIAS)).equals(plain)
    assert query.cooccurrence(crowd, Filter(), actors=()).empty
    assert query.cooccurrence(crowd, Filter(), actors=("Actor 00",)).empty
