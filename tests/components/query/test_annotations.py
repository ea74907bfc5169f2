"""components.query.annotations: the tags and notes of the filtered articles and of the given
actors, only items that have any, actors in the order given then articles newest first."""
from __future__ import annotations

import pytest

from components import query
from components.filters import Filter
from components.store import Store

from .five_articles import ALL, ID


@pytest.fixture(scope="module")
def noted(tmp_path_factory) -> Store:
    s = Store(tmp_path_factory.mktemp("noted") / "n.duckdb", timeout=10)
    s.write(list(ALL))
    s.set_tags("article", ID["A1"], ["port", "Check"])
    s.add_note("article", ID["A3"], "first")
    s.add_note("article", ID["A3"], "second")
    s.set_tags("actor", "Tom Reyes", ["watch"])
    s.add_note("actor", "Harbour Council", "a note")
    return s


def test_annotations_of_the_filtered_articles_and_the_given_actors(noted: Store):
    frame = query.annotations(noted, Filter(), actors=("Tom Reyes", "Jane Okafor", "Harbour Council"))
    assert list(frame.columns) == list(query.ANNOTATION_COLUMNS)
    assert [(r.what, r.which) for r in frame.itertuples()] == [
        ("actor", "Tom Reyes"), ("actor", "Harbour Council"), ("article", ID["A3"]), ("article", ID["A1"])]
    rows = frame.set_index("which")
    assert rows.loc[ID["A1"], "tags"] == ["Check", "port"] and rows.loc[ID["A1"], "notes"] == []
    assert [n["text"] for n in rows.loc[ID["A3"], "notes"]] == ["first", "second"]
    assert rows.loc["Tom Reyes", "tags"] == ["watch"]


def test_articles_outside_the_filter_are_left_out(noted: Store):
    frame = query.annotations(noted, Filter(sources=("gazette",)))  # A2, A5: neither annotated
    assert frame.empty and list(frame.columns) == list(query.ANNOTATION_COLUMNS)
    frame = query.annotations(noted, Filter(places=("Nairobi",)))
    assert list(frame["which"]) == [ID["A3"]]
