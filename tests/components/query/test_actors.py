"""components.query.actors: top actors (aliases merged, types filtered), co-occurrence and the actor profile."""
from __future__ import annotations

from datetime import date

from components import query
from components.filters import Filter
from components.store import Store


def test_top_actors_merge_aliases_and_count_quotes(store: Store):
    top = query.top_actors(store, Filter())
    assert list(top.columns) == ["actor", "actor_type", "n_mentions", "n_articles", "n_quotes"]
    jane = top.set_index("actor").loc["Jane Okafor"]
    assert (jane["actor_type"], jane["n_mentions"], jane["n_articles"], jane["n_quotes"]) == \
        ("person", 2, 2, 1)
    assert "Okafor" not in set(top["actor"])
    assert top["n_mentions"].is_monotonic_decreasing
    assert len(query.top_actors(store, Filter(), limit=2)) == 2


def test_top_actors_show_only_the_filtered_types(store: Store):
    top = query.top_actors(store, Filter(actor_types=("person",)))
    assert set(top["actor"]) == {"Jane Okafor", "Tom Reyes"}
    assert set(top["actor_type"]) == {"person"}


def test_top_actors_within_a_date_range(store: Store):
    top = query.top_actors(store, Filter(date_from=date(2024, 3, 2))).set_index("actor")
    assert top.loc["Jane Okafor", "n_mentions"] == 1 and top.loc["Tom Reyes", "n_articles"] == 1


def test_cooccurrence_pairs_actors_of_the_same_article(store: Store):
    pairs = query.cooccurrence(store, Filter())
    assert list(pairs.columns) == ["source", "target", "n_articles"]
    got = {(s, t): n for s, t, n in pairs.itertuples(index=False)}
    assert got == {("Harbour Council", "Jane Okafor"): 1, ("Jane Okafor", "Tom Reyes"): 1}
    assert query.cooccurrence(store, Filter(sources=("wire",)))["target"].tolist() == ["Jane Okafor"]


def test_actor_profile(store: Store):
    p = query.actor_profile(store, "Jane Okafor", Filter(actors=("Tom Reyes",)))
    assert p["actor_type"] == "person" and sorted(p["aliases"]) == ["Jane Okafor", "Okafor"]
    assert p["roles"] == ["trade minister"] and (p["n_mentions"], p["n_articles"]) == (2, 2)
    assert p["timeline"]["day"].dt.strftime("%Y-%m-%d").tolist() == ["2024-03-01", "2024-03-03"]
    scope = query.profile_scope("Jane Okafor", Filter(actors=("Tom Reyes",), sources=("wire", "gazette")))
    assert scope == Filter(actors=("Jane Okafor",), sources=("wire", "gazette"))
    assert set(query.actor_places(store, "Jane Okafor", Filter(actors=("Tom Reyes",)))["name"]) == {"London", "Paris"}
    assert query.quotes(store, scope)["quote"].tolist() == ["We are ready."]  # by her, not by the filter's Reyes
    narrowed = query.actor_profile(store, "Jane Okafor", Filter(sources=("gazette",)))
    assert narrowed["n_mentions"] == 1
    assert query.quotes(store, query.profile_scope("Jane Okafor", Filter(sources=("gazette",)))).empty
    unknown = query.actor_profile(store, "Nobody", Filter())
    assert unknown["n_mentions"] == 0 and unknown["timeline"].empty
    assert query.actor_places(store, "Nobody", Filter()).empty
    assert list(query.actor_places(store, "Nobody", Filter()).columns) == ["name", "country_code", "country", "n_articles"]


def test_cooccurrence_of_actors_ranked_already_is_that_of_the_same_ranking(store: Store):
    ranked = tuple(query.top_actors(store, Filter(), limit=40)["actor"])
    assert query.cooccurrence(store, Filter(), actors=ranked).equals(query.cooccurrence(store, Filter(), limit=40))
    people = Filter(actor_types=("person",))
    ranked_people = tuple(query.top_actors(store, people, limit=40)["actor"])
    assert query.cooccurrence(store, people, actors=ranked_people).equals(query.cooccurrence(store, people))
    wire = Filter(sources=("wire",))
    ranked_wire = tuple(query.top_actors(store, wire, limit=40)["actor"])
    assert query.cooccurrence(store, wire, actors=ranked_wire).equals(query.cooccurrence(store, wire))
    only = query.cooccurrence(store, Filter(), actors=("Jane Okafor", "Tom Reyes", "Okafor"))  # an alias is no actor
    assert only.values.tolist() == [["Jane Okafor", "Tom Reyes", 1]]


def test_with_no_filter_the_ranking_comes_from_the_actors_table_with_the_same_counts(store: Store):
    fast = query.top_actors(store, Filter())
    # the same ranking computed from the mentions (what a Filter of every source computes)
    every_source = Filter(sources=tuple(query.choices(store)["sources"]))
    assert len(query.articles(store, every_source)) == len(query.articles(store, Filter()))
    assert fast.equals(query.top_actors(store, every_source))
    assert query.overview(store, Filter())["actors"] == query.overview(store, every_source)["actors"]


FILTERS = (Filter(sources=("gazette",)), Filter(date_from=date(2024, 3, 2)), Filter(places=("London",)),
           Filter(actors=("Jane Okafor",)), Filter(text="ready"))


def test_counts_per_article_and_actor_give_what_every_mention_gives(store: Store, monkeypatch):
    """Under a filter the actor views count from ``article_actors`` (a row per article and actor);
    they give the same actors, types and counts as counting every mention in ``entities``."""
    from components.query import actors, counts, per_day, sql

    def views(f: Filter) -> tuple:
        top = query.top_actors(store, f)
        profile = query.actor_profile(store, "Jane Okafor", f)
        return (top, query.overview(store, f)["actors"],
                query.timeline_by_actor(store, f, actors=tuple(top["actor"]), period="week"),
                (profile["n_mentions"], profile["n_articles"], profile["timeline"].to_csv()))

    fast = [views(f) for f in FILTERS]
    assert sql.actor_rows_serve(store, FILTERS[0]) and all(len(v[0]) and len(v[2]) for v in fast[:2])
    for module in (actors, counts, per_day):
        monkeypatch.setattr(module, "actor_rows_serve", lambda store, f: False)
    for f, (top, n_actors, lines, profile) in zip(FILTERS, fast):
        slow = views(f)
        assert top.equals(slow[0]) and n_actors == slow[1] and lines.equals(slow[2]) and profile == slow[3], f
