"""The store's saved views: saved with who and when, a taken name refused unless replaced,
listed by name, deleted; kept by an upgrade from schema 5 and in the Parquet export."""
from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from components.store import Store, ViewExists, analyst, schema
from components.store.workbench import view_name


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "s.duckdb")


def test_a_saved_view_comes_back_with_its_filter_page_who_and_when(store: Store):
    assert store.saved_views() == [] and not store.exists  # reading creates nothing
    name = store.save_view("  Grain   talks ", {"actors": ["Ada Obi"], "from": ["2024-12-01"], "places": []},
                           "actors")
    assert name == "Grain talks"
    [row] = store.saved_views()
    assert (row.name, row.params, row.page, row.saved_by) == (
        "Grain talks", {"actors": ["Ada Obi"], "from": ["2024-12-01"]}, "actors", analyst())
    assert row.saved_at.year >= 2024


def test_a_taken_name_is_refused_unless_replaced(store: Store):
    store.save_view("v", {"actors": ["A"]}, "actors")
    with pytest.raises(ViewExists, match="exists already"):
        store.save_view("v", {"actors": ["B"]}, "map")
    assert store.saved_views()[0].params == {"actors": ["A"]}
    store.save_view("v", {"actors": ["B"]}, "map", replace=True)
    [row] = store.saved_views()
    assert (row.params, row.page) == ({"actors": ["B"]}, "map")


def test_views_are_listed_by_name_and_deleted_by_name(store: Store):
    for name in ("beta", "Alpha", "gamma"):
        store.save_view(name, {}, "")
    assert [v.name for v in store.saved_views()] == ["Alpha", "beta", "gamma"]
    assert store.delete_view("beta") is True
    assert store.delete_view("beta") is False
    assert [v.name for v in store.saved_views()] == ["Alpha", "gamma"]


def test_deleting_from_a_store_that_does_not_exist_creates_nothing(store: Store):
    assert store.delete_view("x") is False and not store.exists


@pytest.mark.parametrize("name", ["", "   ", "x" * 121])
def test_an_empty_or_overlong_name_is_refused(name):
    with pytest.raises(ValueError):
        view_name(name)


def test_the_os_user_falls_back_to_unknown(monkeypatch):
    import getpass

    def no_user():
        raise OSError("no login name")

    monkeypatch.setattr(getpass, "getuser", no_user)
    assert analyst() == "unknown"


def test_a_store_of_schema_5_gains_the_tables_on_upgrade(store: Store):
    store.save_view("kept", {"q": ["grain"]}, "")
    from tests.components.store.test_store import _as_version_5

    with store._attached(str(store.path), read_only=False) as con:  # as a store written by Dateline with schema 5
        _as_version_5(con)
        schema._set_meta(con, "schema_version", "5")
    assert store.migrate() == (5, schema.SCHEMA_VERSION)
    assert store.saved_views() == [] and store.all_tags() == []
    store.save_view("again", {"q": ["grain"]}, "")
    store.set_tags("actor", "Ada Obi", ["watch"])
    store.add_note("article", "a1", "check")
    assert [v.name for v in store.saved_views()] == ["again"] and store.all_tags() == ["watch"]


def test_saved_views_are_in_the_parquet_export(store: Store, tmp_path):
    store.save_view("v", {"actors": ["Ada Obi"]}, "map")
    files = {p.name: p for p in store.export_parquet(tmp_path / "out")}
    rows = pq.read_table(files["saved_views.parquet"]).to_pylist()
    assert [(r["name"], r["page"]) for r in rows] == [("v", "map")]
    assert '"Ada Obi"' in rows[0]["filter"]


# --- the kept-work file ---------------------------------------------------------------------------

def _work(store: Store) -> None:
    store.save_view("Grain talks", {"actors": ["Ada Obi"]}, "actors")
    store.set_tags("article", "a1", ["port", "check"])
    store.set_tags("actor", "Ada Obi", ["watch"])
    store.add_note("actor", "Ada Obi", "Spokeswoman\nsince March.")


def test_the_work_file_carries_views_tags_and_notes_to_another_store(store: Store, tmp_path):
    _work(store)
    data = json.loads(json.dumps(store.export_work()))  # through JSON, as a file
    assert (data["format"], data["version"], data["exported_by"]) == ("dateline-work", 1, analyst())
    assert data["saved_views"][0]["filter"] == {"actors": ["Ada Obi"]}
    other = Store(tmp_path / "other.duckdb")
    counts = other.import_work(data)
    assert {t: c["added"] for t, c in counts.items()} == {"saved_views": 1, "tags": 3, "notes": 1}
    assert other.saved_views() == store.saved_views()
    assert other.notes_of("actor", "Ada Obi") == store.notes_of("actor", "Ada Obi")
    assert other.tags_of("article", "a1") == ["check", "port"]
    again = other.import_work(data)  # idempotent
    assert {t: (c["added"], c["present"]) for t, c in again.items()} == {
        "saved_views": (0, 1), "tags": (0, 3), "notes": (0, 1)}
    assert other.export_work()["notes"] == data["notes"]


def test_an_import_keeps_what_is_here_and_reports_a_view_name_taken(store: Store, tmp_path):
    _work(store)
    data = store.export_work()
    other = Store(tmp_path / "other.duckdb")
    other.save_view("Grain talks", {"places": ["Accra"]}, "map")
    other.set_tags("actor", "Ada Obi", ["watch", "mine"])
    counts = other.import_work(data)
    assert counts["saved_views"] == {"added": 0, "present": 0, "conflicts": 1}
    assert counts["tags"] == {"added": 2, "present": 1, "conflicts": 0}
    assert other.saved_views()[0].params == {"places": ["Accra"]}  # yours is kept
    assert other.tags_of("actor", "Ada Obi") == ["mine", "watch"]


@pytest.mark.parametrize("data, says", [
    ([], "not a Dateline work file"),
    ({"format": "other"}, "not a Dateline work file"),
    ({"format": "dateline-work", "version": 9}, "version 9"),
    ({"format": "dateline-work", "version": 1, "tags": {"a": 1}}, "'tags' in this work file is not a list"),
    ({"format": "dateline-work", "version": 1, "tags": [{"what": "article"}]}, "tags entry 1"),
    ({"format": "dateline-work", "version": 1, "notes": [
        {"note_id": "n", "what": "place", "which": "x", "text": "t", "written_at": "2024-01-01T00:00:00",
         "written_by": "me"}]}, "'article' or 'actor'"),
    ({"format": "dateline-work", "version": 1, "tags": [
        {"what": "actor", "which": "x", "tag": "t", "tagged_at": "yesterday", "tagged_by": "me"}]},
     "not a date and time"),
    ({"format": "dateline-work", "version": 1, "tags": [
        {"what": "actor", "which": "x", "tag": "  ", "tagged_at": "2024-01-01T00:00:00", "tagged_by": "me"}]},
     "tags entry 1 is empty"),
])
def test_a_file_that_is_not_a_work_file_imports_nothing(store: Store, data, says):
    store.set_tags("article", "a1", ["kept"])
    with pytest.raises(ValueError, match=says):
        store.import_work(data)
    assert store.export_work()["tags"][0]["tag"] == "kept" and len(store.export_work()["tags"]) == 1


def test_tags_and_notes_are_in_the_parquet_export(store: Store, tmp_path):
    _work(store)
    files = {p.name: p for p in store.export_parquet(tmp_path / "out")}
    assert len(pq.read_table(files["tags.parquet"])) == 3
    assert pq.read_table(files["notes.parquet"]).to_pylist()[0]["text"] == "Spokeswoman\nsince March."
