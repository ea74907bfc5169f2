"""dashboard.corrections_panel under AppTest, on a store of the five hand-made articles: each
correction of the Actors page, hiding a place in the reader and on the Map page, and the Data
page's list (undo, download, import); every page follows at once."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import components.actors
from components import query
from components.filters import Filter
from components.store import Store
from dashboard import state
from tests.components.query.five_articles import ALL, ID
from tests.dashboard.test_app import run_app


@pytest.fixture
def db(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setattr(components.actors, "merge_corpus", lambda counts, *_: {"Okafor": "Jane Okafor"})
    s = Store(tmp_path / "five.duckdb")
    s.write(list(ALL))
    s.rebuild_actors()
    return s.path


def opened(at: AppTest) -> AppTest:
    """The Actors page ``at`` with its "Correct this actor" box and its Table tab opened (their
    widgets are made only then), run."""
    at.session_state["correct_actor_box"] = True
    at.session_state["actors_tab"] = "Table"
    return at.run()


def profile_of(monkeypatch, db: Path, actor: str) -> AppTest:
    """The Actors page showing ``actor``'s profile, its corrections box and table open."""
    at = run_app(monkeypatch, db, page="views/actors.py")
    at.selectbox(key=state.PROFILE_ACTOR).select(actor)
    opened(at)
    assert not at.exception
    return at


def ranked(at: AppTest) -> list[str]:
    """The actors of the Actors page's table."""
    return list(at.dataframe(key="actors_table").value["actor"])


def said(at: AppTest) -> list[str]:
    """The messages shown (success, then errors), as the user reads them (markdown escapes undone)."""
    return [m.value.replace("\\", "") for m in [*at.success, *at.error]]


def reader_tab(at: AppTest, tab: str = "Places") -> AppTest:
    """The reader of ``at`` (the Articles page) showing its ``tab`` (a tab's contents are made
    only while it is shown), run."""
    at.session_state["articles_reader_tab"] = tab
    return at.run()


def reader_places(at: AppTest):
    """The reader's Places tab's table (a table without selection: AppTest does not know its key)."""
    return next(d.value for d in at.dataframe if "Found as" in d.value.columns)


def test_merge_from_the_profile_shows_on_every_page_at_once(monkeypatch, db):
    at = profile_of(monkeypatch, db, "Tom Reyes")
    at.selectbox(key="correct_merge_target").select("Jane Okafor").run()
    at.button(key="correct_merge").click().run()
    assert not at.exception
    assert said(at) == ['Done: merge "Tom Reyes" into "Jane Okafor". Every page shows it now.']
    # the toast that said "Applying…" while it ran says how it went, wherever the page is scrolled
    assert [t.value.replace("\\", "") for t in at.toast] == ['Done: merge "Tom Reyes" into "Jane Okafor".']
    assert "Tom Reyes" not in ranked(at) and at.selectbox(key=state.PROFILE_ACTOR).value == "Jane Okafor"
    at.switch_page("views/quotes.py").run()
    assert "Tom Reyes" not in set(at.dataframe[0].value["speaker"])
    assert [c.action for c in Store(db).corrections()] == ["merge"]


def test_rename_follows_into_the_filter_and_the_profile(monkeypatch, db):
    at = opened(run_app(monkeypatch, db, page="views/actors.py", params={"actors": "Tom Reyes"}))
    at.text_input(key="correct_rename_to").input("Thomas Reyes")
    at.button(key="correct_rename").click().run()
    assert not at.exception
    assert at.session_state[state.FILTER].actors == ("Thomas Reyes",)
    assert at.selectbox(key=state.PROFILE_ACTOR).value == "Thomas Reyes" and "Thomas Reyes" in ranked(at)
    at.switch_page("views/overview.py").run()
    assert at.metric[0].value == "2"  # the articles that mention him, under his new name


def test_an_empty_new_name_is_refused_with_a_message(monkeypatch, db):
    at = profile_of(monkeypatch, db, "Tom Reyes")
    at.button(key="correct_rename").click().run()
    assert said(at) == ["give the new name"] and Store(db).corrections() == []


def test_retype_split_and_hide_from_the_profile(monkeypatch, db):
    at = profile_of(monkeypatch, db, "Harbour Council")
    at.selectbox(key="correct_type_Harbour Council").select("group").run()
    at.button(key="correct_retype").click().run()
    assert at.metric[0].value == "Group"
    at.selectbox(key=state.PROFILE_ACTOR).select("Jane Okafor").run()
    at.selectbox(key="correct_split_alias").select("Okafor").run()
    at.button(key="correct_split").click().run()
    assert "Okafor" in ranked(at)
    at.selectbox(key=state.PROFILE_ACTOR).select("Harbour Council").run()
    at.button(key="correct_hide").click().run()
    assert not at.exception and "Harbour Council" not in ranked(at)
    assert [c.action for c in Store(db).corrections()] == ["retype", "split", "hide"]


def test_the_undo_button_beside_the_message_undoes_it(monkeypatch, db):
    at = profile_of(monkeypatch, db, "Kenya")
    at.button(key="correct_hide").click().run()
    assert "Kenya" not in ranked(at)
    at.button(key="correct_actor_undo").click().run()
    assert said(at) == ['Undone: hide "Kenya".'] and "Kenya" in ranked(at)
    assert [t.value.replace("\\", "") for t in at.toast] == ['Undone: hide "Kenya".']


def test_the_reader_hides_a_place_in_its_article_or_everywhere(monkeypatch, db):
    at = reader_tab(run_app(monkeypatch, db, page="views/articles.py", params={"article": ID["A4"]}))
    assert at.selectbox(key=state.ARTICLE).value == ID["A4"]
    at.selectbox(key="correct_reader_text").select("London").run()
    at.button(key="correct_reader_hide_here").click().run()
    assert not at.exception and said(at)[0].startswith('Done: hide the place "London" in article')
    london = query.places(Store(db), Filter()).set_index("name").loc["London"]
    assert london["n_articles"] == 1 and any(c.value.startswith("No places found in this article") for c in at.caption)
    at.selectbox(key=state.ARTICLE).select(ID["A1"]).run()
    at.selectbox(key="correct_reader_text").select("London").run()
    at.button(key="correct_reader_hide_all").click().run()
    assert "London" not in set(query.places(Store(db), Filter())["name"])


def test_the_map_page_hides_a_place_by_the_words_it_was_found_as(monkeypatch, db):
    at = run_app(monkeypatch, db, page="views/map.py")
    at.session_state["correct_map_box"] = True  # (its widgets are made once it is open)
    at.run()
    at.selectbox(key="correct_map_place").select("Paris").run()
    found_as = at.selectbox(key="correct_map_text_Paris")
    assert found_as.value == "Paris" and found_as.format_func("Paris") == "“Paris” (1 mention)"
    at.button(key="correct_map_hide_all").click().run()
    at.session_state["map_tab"] = "Places"
    at.run()
    assert not at.exception and "Paris" not in list(at.dataframe(key="map_places").value["name"])


def test_the_map_page_takes_a_place_as_another_of_the_gazetteers(monkeypatch, db):
    at = run_app(monkeypatch, db, page="views/map.py")
    at.session_state["correct_map_box"] = True  # (its widgets are made once it is open)
    at.run()
    at.selectbox(key="correct_map_place").select("Paris").run()
    assert at.button(key="correct_map_pick_all").disabled  # (nothing picked yet)
    choice = at.selectbox(key="correct_map_choice_Paris")
    texas = next(i for i in choice.options if "Texas" in i)
    choice.select(texas).run()
    at.button(key="correct_map_pick_all").click().run()
    assert not at.exception and said(at)[0].startswith('Done: take the place "Paris" as Paris (US, 33.66, -95.56)')
    paris = query.places(Store(db), Filter()).set_index("name").loc["Paris"]
    assert (paris["country_code"], round(paris["lat"], 1)) == ("US", 33.7)
    at.button(key="correct_map_undo").click().run()
    paris = query.places(Store(db), Filter()).set_index("name").loc["Paris"]
    assert paris["country_code"] == "FR" and said(at)[0].startswith('Undone: take the place "Paris"')


def test_the_reader_takes_a_place_as_another_under_a_name_typed(monkeypatch, db):
    at = reader_tab(run_app(monkeypatch, db, page="views/articles.py", params={"article": ID["A4"]}))
    at.selectbox(key="correct_reader_text").select("London").run()
    at.text_input(key="correct_reader_lookup_London").input("London, Ontario").run()
    assert at.selectbox(key="correct_reader_choice_London, Ontario").options == []
    at.text_input(key="correct_reader_lookup_London").input("London").run()
    choice = at.selectbox(key="correct_reader_choice_London")
    choice.select(next(i for i in choice.options if "Ontario" in i)).run()
    at.button(key="correct_reader_pick_here").click().run()
    assert not at.exception and said(at)[0].endswith(f"in article {ID['A4']}. Every page shows it now.")
    places = query.places(Store(db), Filter())
    assert set(places[places["name"] == "London"]["country_code"]) == {"GB", "CA"}
    listed = reader_places(at)
    assert listed[["Found as", "Place", "Country", "Mentions"]].values.tolist() == [["London", "London", "Canada", 1]]


def test_the_readers_places_are_listed_once_per_text_with_country_names(monkeypatch, db):
    from components.records import Place
    from tests.components.query.five_articles import A1

    again = [*A1.places, Place(60, 66, "London", **{k: getattr(A1.places[0], k) for k in
                                                    ("name", "country_code", "lat", "lon", "geonameid", "feature")}),
             Place(None, None, "Atlantis")]
    store = Store(db)
    store.write([dataclasses.replace(A1, places=again)])
    store.rebuild_actors()
    at = reader_tab(run_app(monkeypatch, db, page="views/articles.py", params={"article": ID["A1"]}))
    assert not at.exception, at.exception[0].message
    listed = reader_places(at)
    assert listed[["Found as", "Place", "Country", "Mentions"]].values.tolist() == [
        ["London", "London", "United Kingdom", 2], ["Atlantis", "not in the gazetteer", "", 1]]


def test_the_data_page_lists_undoes_downloads_and_imports_corrections(monkeypatch, db, tmp_path):
    from streamlit.delta_generator import DeltaGenerator

    store = Store(db)
    store.correct("hide", "Kenya", by="ana")
    store.correct("place_hide", "Paris", by="bo")
    files = []
    original = DeltaGenerator.download_button

    def download_button(self, label, data, **kw):
        if kw.get("key") == "correct_data_download":
            files.append(data)
        return original(self, label, data, **kw)

    monkeypatch.setattr(DeltaGenerator, "download_button", download_button)
    at = run_app(monkeypatch, db, page="views/data.py")
    listed = [m.value.replace("\\", "") for m in at.markdown if m.value.startswith("\\#")]
    assert listed == ['#2 hide the place "Paris" everywhere', '#1 hide "Kenya"']
    assert [c.value.split(",")[0] for c in at.caption if c.value.startswith(("ana", "bo"))] == ["bo", "ana"]
    shared = files[-1]
    assert [c["uid"] for c in json.loads(shared)["corrections"]] == [c.uid for c in store.corrections()]
    at.button(key="correct_data_undo_1").click().run()
    assert said(at) == ['Undone: hide "Kenya".'] and "Kenya" in set(query.top_actors(store, Filter())["actor"])
    assert "undone by" in " ".join(c.value for c in at.caption)
    other = Store(tmp_path / "other.duckdb")
    other.write(list(ALL))
    other.rebuild_actors()
    at = run_app(monkeypatch, other.path, page="views/data.py")
    at.file_uploader(key="correct_data_upload").set_value(("team.json", shared.encode(), "application/json")).run()
    at.button(key="correct_data_import").click().run()
    assert not at.exception and said(at) == ["2 corrections added from team.json."]
    assert "Paris" not in set(query.places(other, Filter())["name"])
