"""components.store.correcting: each correction seen through the queries every view reads, kept
by re-extraction with another pipeline version, undone, and shared as a file."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import components.actors
from components import query
from components.filters import Filter
from components.store import CorrectionError, Store
from tests.components.query.five_articles import A4, ALL, ID



def actors(store: Store, f: Filter = Filter()) -> dict[str, tuple]:
    """actor → (type, mentions, quotes) as the Actors page lists them."""
    top = query.top_actors(store, f, limit=100)
    return {r.actor: (r.actor_type, r.n_mentions, r.n_quotes) for r in top.itertuples()}


def speakers(store: Store) -> dict[str, str | None]:
    """quote → speaker, as the Quotes page lists them."""
    q = query.quotes(store, Filter())
    return dict(zip(q["quote"], q["speaker"]))


def corrected_views(store: Store) -> dict:
    """What the views show of actors and places, with and without a filter (the corpus-level
    tables and the rows per article / per mention both)."""
    by_source = Filter(sources=("wire", "gazette"))
    return {"actors": actors(store), "filtered": actors(store, by_source), "speakers": speakers(store),
            "pairs": query.cooccurrence(store, Filter()).values.tolist(),
            "places": query.places(store, Filter())[["name", "n_mentions", "n_articles"]].values.tolist(),
            "filtered places": query.places(store, by_source)[["name", "n_articles"]].values.tolist(),
            "countries": query.countries(store, by_source)[["country_code", "n_mentions"]].values.tolist(),
            "overview": query.overview(store, by_source)}


def test_merge_makes_every_name_of_an_actor_count_for_another(store: Store):
    c = store.correct("merge", "Tom Reyes", "Jane Okafor", by="ana")
    assert (c.id, c.made_by, c.action, c.name, c.value) == (1, "ana", "merge", "Tom Reyes", "Jane Okafor")
    for views in (actors(store), actors(store, Filter(sources=("wire", "gazette")))):
        assert "Tom Reyes" not in views and views["Jane Okafor"][1:] == (4, 2)
    assert speakers(store)["Talks went well."] == "Jane Okafor"
    assert query.articles(store, Filter(actors=("Jane Okafor",)))["article_id"].tolist().count(ID["A4"]) == 1
    reader = query.article(store, ID["A2"])["entities"]
    assert set(reader["actor"]) == {"Jane Okafor"}
    aliases = store.query("SELECT aliases FROM actors WHERE actor = 'Jane Okafor'")["aliases"].iloc[0]
    assert sorted(aliases) == ["Jane Okafor", "Okafor", "Tom Reyes"]


def test_split_takes_a_name_off_the_actor_the_automatic_merge_gave_it(store: Store):
    store.correct("split", "Okafor")
    assert actors(store)["Okafor"][1] == 1 and actors(store)["Jane Okafor"][1] == 1
    assert speakers(store)["We are ready."] == "Okafor"
    assert set(query.article(store, ID["A2"])["entities"]["actor"]) == {"Okafor", "Tom Reyes"}


def test_rename_changes_the_name_every_view_shows(store: Store):
    store.correct("rename", "Jane Okafor", "Jane A. Okafor")
    assert "Jane Okafor" not in actors(store) and actors(store)["Jane A. Okafor"] == ("person", 2, 1)
    assert speakers(store)["We are ready."] == "Jane A. Okafor"
    assert len(query.articles(store, Filter(actors=("Jane A. Okafor",)))) == 2
    assert query.actor_profile(store, "Jane A. Okafor", Filter())["n_mentions"] == 2


def test_retype_changes_the_type_and_what_a_type_filter_selects(store: Store):
    store.correct("retype", "Harbour Council", "group")
    assert actors(store)["Harbour Council"][0] == "group"
    assert actors(store, Filter(actor_types=("group",))) == {"Harbour Council": ("group", 2, 1)}
    picked = set(query.articles(store, Filter(actor_types=("group",)))["article_id"])
    assert picked == {ID["A1"], ID["A3"]}
    assert set(query.article(store, ID["A3"])["entities"]["actor_type"]) == {"group"}


def test_hide_leaves_an_actor_out_of_every_view_and_export_but_deletes_nothing(store: Store, tmp_path: Path):
    entities = store.summary()["entities"]
    store.correct("hide", "Harbour Council")
    views = corrected_views(store)
    assert "Harbour Council" not in views["actors"] and "Harbour Council" not in views["filtered"]
    assert all("Harbour Council" not in pair for pair in views["pairs"])
    assert views["speakers"]["Rates stay."] is None and views["overview"]["actors"] == 3
    assert query.actor_profile(store, "Harbour Council", Filter())["n_mentions"] == 0
    assert "Harbour Council" not in query.choices(store)["actors"]
    assert query.articles(store, Filter(actors=("Harbour Council",))).empty
    reader = query.article(store, ID["A3"])["entities"]
    assert reader["actor"].isna().all() and reader["text"].tolist() == ["Harbour Council"]
    assert store.summary()["entities"] == entities
    folder = store.export_parquet(tmp_path / "export")[0].parent
    exported = pq.read_table(folder / "entities.parquet").to_pandas()
    assert "Harbour Council" not in set(exported["actor"].dropna()) and len(exported) == entities
    assert "Harbour Council" not in set(pq.read_table(folder / "quotes.parquet").column("speaker").to_pylist())
    assert pq.read_table(folder / "corrections.parquet").num_rows == 1


def test_hiding_a_place_everywhere_or_in_one_article(store: Store):
    rows = store.summary()["places"]
    store.correct("place_hide", "london", article_id=ID["A4"])  # (any case)
    assert {name: n for name, _, n in corrected_views(store)["places"]}["London"] == 1
    assert ID["A4"] not in set(query.articles(store, Filter(places=("London",)))["article_id"])
    assert query.article(store, ID["A4"])["places"].empty and len(query.article(store, ID["A1"])["places"]) == 1
    store.correct("place_hide", "London")
    views = corrected_views(store)
    assert "London" not in [p[0] for p in views["places"]] + [p[0] for p in views["filtered places"]]
    assert "GB" not in [c for c, _ in views["countries"]] and views["overview"]["places"] == 3
    assert query.articles(store, Filter(countries=("GB",))).empty
    assert "London" not in query.choices(store)["places"] and "GB" not in query.choices(store)["countries"]
    assert store.summary()["places"] == rows  # nothing deleted


def test_corrections_survive_reextraction_with_another_pipeline_version(store: Store):
    store.correct("merge", "Tom Reyes", "Jane Okafor")
    store.correct("retype", "Jane Okafor", "group")
    store.correct("hide", "Kenya")
    store.correct("place_hide", "Paris")
    before = corrected_views(store)
    store.write([replace(x, pipeline_version="v2") for x in ALL])  # every article extracted anew
    store.rebuild_actors()
    assert corrected_views(store) == before
    assert set(store.query("SELECT pipeline_version FROM entities")["pipeline_version"]) == {"v2"}
    assert actors(store)["Jane Okafor"] == ("group", 4, 2)


def test_a_new_article_with_a_corrected_name_follows_the_correction(store: Store):
    store.correct("rename", "Tom Reyes", "Thomas Reyes")
    later = replace(A4, article=replace(A4.article, id="later", text=A4.article.text + " "))
    store.write([later])
    store.rebuild_actors()
    assert actors(store)["Thomas Reyes"][1] == 3 and "Tom Reyes" not in actors(store)


def test_undo_restores_what_the_views_showed(store: Store):
    before = corrected_views(store)
    made = [store.correct("merge", "Tom Reyes", "Jane Okafor"), store.correct("hide", "Kenya"),
            store.correct("retype", "Jane Okafor", "group"), store.correct("place_hide", "Paris"),
            store.correct("split", "Okafor"), store.correct("rename", "Harbour Council", "The Council")]
    assert corrected_views(store) != before
    for c in reversed(made):
        undone = store.undo_correction(c.id, by="bo")
        assert undone.undone_by == "bo" and not undone.in_force
    assert corrected_views(store) == before
    listed = store.corrections()
    assert [c.id for c in listed] == [1, 2, 3, 4, 5, 6] and all(c.undone_by == "bo" for c in listed)
    with pytest.raises(CorrectionError, match="undone already"):
        store.undo_correction(1)
    with pytest.raises(CorrectionError, match="no correction 99"):
        store.undo_correction(99)


def test_export_then_import_into_a_fresh_store_of_the_corpus_gives_the_same_actors(store: Store, tmp_path: Path):
    store.correct("merge", "Tom Reyes", "Jane Okafor", by="ana")
    store.correct("hide", "Kenya")
    undone = store.correct("rename", "Harbour Council", "The Council")
    store.undo_correction(undone.id)
    store.correct("place_hide", "London", article_id=ID["A4"])
    path = tmp_path / "corrections.json"
    assert store.export_corrections(path) == 4
    fresh = Store(tmp_path / "fresh.duckdb")
    fresh.write(list(reversed(ALL)))
    fresh.rebuild_actors()
    assert fresh.import_corrections(path) == 4
    assert corrected_views(fresh) == corrected_views(store)
    assert fresh.import_corrections(path) == 0 and len(fresh.corrections()) == 4
    imported = {c.uid: c for c in fresh.corrections()}
    for c in store.corrections():
        assert replace(imported[c.uid], id=c.id) == c  # who, when, undone: all kept


def test_a_correction_applies_without_merging_the_names_again(store: Store, monkeypatch):
    def merge_corpus(counts, *_):
        raise AssertionError("merged again")

    monkeypatch.setattr(components.actors, "merge_corpus", merge_corpus)
    store.correct("rename", "Tom Reyes", "Thomas Reyes")
    store.correct("place_hide", "Paris")
    store.undo_correction(1)
    assert "Tom Reyes" in actors(store) and not store.actors_stale()


@pytest.mark.parametrize(("args", "says"), [
    (("merge", "Jane Okafr", "Tom Reyes"), 'no actor "Jane Okafr"; did you mean "Jane Okafor"?'),
    (("merge", "Tom Reyes", "Harbour Counsil"), 'no actor "Harbour Counsil" to merge into; did you mean "Harbour Council"?'),
    (("merge", "Tom Reyes", "Tom Reyes"), "into itself"),
    (("rename", "Tom Reyes", "Jane Okafor"), '"Jane Okafor" is an actor already: merge "Tom Reyes" into it'),
    (("retype", "Tom Reyes", "alien"), "unknown type 'alien': one of person, organization, state, group"),
    (("hide", "Okafor"), 'no actor "Okafor"; it is a name of "Jane Okafor"'),
    (("split", "Jane Okafor"), '"Jane Okafor" is the actor\'s own name: split off one of its other names ("Okafor")'),
    (("split", "Okafr"), 'no name "Okafr" merged into another actor; did you mean "Okafor"?'),
    (("place_hide", "Londn"), 'no place "Londn"; did you mean "London"?'),
    (("undo", "x"), "unknown correction 'undo'"),
    (("retype", "Tom Reyes", "person"), '"Tom Reyes" is a person already'),
])
def test_a_correction_that_cannot_be_made_says_why_with_close_names(store: Store, args, says):
    with pytest.raises(CorrectionError) as err:
        store.correct(*args)
    assert says in str(err.value)
    assert store.corrections() == []


def test_a_place_hidden_already_is_not_hidden_twice(store: Store):
    store.correct("place_hide", "London", article_id=ID["A4"])
    with pytest.raises(CorrectionError, match=f'the place "London" is hidden in article {ID["A4"]} already'):
        store.correct("place_hide", "London", article_id=ID["A4"])
    store.correct("place_hide", "london")
    with pytest.raises(CorrectionError, match='the place "London" is hidden already'):
        store.correct("place_hide", "London")
    assert len(store.corrections()) == 2


def test_a_place_hidden_in_an_article_must_be_found_there(store: Store):
    with pytest.raises(CorrectionError, match=f"no place \"Paris\" in article {ID['A1']}"):
        store.correct("place_hide", "Paris", article_id=ID["A1"])
    with pytest.raises(CorrectionError, match="no article 'nope'"):
        store.correct("place_hide", "Paris", article_id="nope")


def test_merging_only_a_name_of_another_actor_moves_that_name(store: Store):
    store.correct("merge", "Okafor", "Tom Reyes")
    assert actors(store)["Jane Okafor"][1] == 1 and actors(store)["Tom Reyes"][1] == 3
    assert speakers(store)["We are ready."] == "Tom Reyes"


def test_a_store_from_before_corrections_is_upgraded_and_takes_them(store: Store):
    from components.store import schema
    from tests.components.store.test_store import _as_version_5

    with store._attached(str(store.path), read_only=False) as con:
        _as_version_5(con)
        schema._set_meta(con, "schema_version", "5")
    assert store.migrate() == (5, schema.SCHEMA_VERSION)
    rows = store.query("SELECT alias, actor, machine_actor, hidden FROM actor_aliases WHERE alias = 'Okafor'")
    assert rows.values.tolist() == [["Okafor", "Jane Okafor", "Jane Okafor", False]]
    store.correct("split", "Okafor")
    assert "Okafor" in actors(store)


def test_tags_and_notes_on_an_actor_follow_it_through_a_merge_and_a_rename_and_back_on_undo(store: Store):
    store.set_tags("actor", "Tom Reyes", ["watch"])
    store.add_note("actor", "Tom Reyes", "met the minister")
    watched = Filter(tags=("watch",))

    def ids(f: Filter) -> set[str]:
        return set(query.articles(store, f)["article_id"])

    assert ids(watched) == ids(Filter(actors=("Tom Reyes",)))
    merge = store.correct("merge", "Tom Reyes", "Jane Okafor")
    assert store.tags_of("actor", "Jane Okafor") == ["watch"]
    assert [n.text for n in store.notes_of("actor", "Jane Okafor")] == ["met the minister"]
    assert store.annotations("actor", ["Jane Okafor"])[0] == {"Jane Okafor": ["watch"]}
    assert ids(watched) == ids(Filter(actors=("Jane Okafor",)))  # every article of the merged actor
    rename = store.correct("rename", "Jane Okafor", "Jane A. Okafor")
    assert store.tags_of("actor", "Jane A. Okafor") == ["watch"]
    store.set_tags("actor", "Jane A. Okafor", [])  # removing it there removes it
    assert store.tags_of("actor", "Jane A. Okafor") == [] and query.articles(store, watched).empty
    store.set_tags("actor", "Tom Reyes", ["watch"])
    for c in (rename, merge):
        store.undo_correction(c.id)
    assert store.tags_of("actor", "Tom Reyes") == ["watch"] and store.tags_of("actor", "Jane Okafor") == []
    assert [n.text for n in store.notes_of("actor", "Tom Reyes")] == ["met the minister"]
