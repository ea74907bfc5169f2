"""The tags filter of components.query.sql: articles tagged so, or mentioning an actor tagged so
(by the canonical name, so an alias's articles come along), any of the tags, combined with the
other fields; the tags in use are offered by ``choices``."""
from __future__ import annotations

import pytest

from components import query
from components.filters import Filter
from components.store import Store

from .five_articles import ALL, ID, ids


@pytest.fixture(scope="module")
def tagged(tmp_path_factory) -> Store:
    """The five articles, "Okafor" merged into "Jane Okafor"; A3 tagged "port", the actor Jane
    Okafor (A1, and A2 through her alias) tagged "minister", A5 tagged "port" and "fees"."""
    import components.actors

    s = Store(tmp_path_factory.mktemp("tags") / "t.duckdb", timeout=10)
    s.write(list(ALL))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(components.actors, "merge_corpus", lambda counts, *_: {"Okafor": "Jane Okafor"})
        s.rebuild_actors()
    s.set_tags("article", ID["A3"], ["port"])
    s.set_tags("article", ID["A5"], ["port", "fees"])
    s.set_tags("actor", "Jane Okafor", ["minister"])
    return s


@pytest.mark.parametrize("f, expected", [
    (Filter(tags=("port",)), {"A3", "A5"}),
    (Filter(tags=("minister",)), {"A1", "A2"}),  # the actor's articles, her alias's included
    (Filter(tags=("minister", "fees")), {"A1", "A2", "A5"}),  # any of
    (Filter(tags=("port",), sources=("gazette",)), {"A5"}),  # fields combined
    (Filter(tags=("nobody uses this",)), set()),
])
def test_the_tags_filter_selects_tagged_articles_and_articles_of_tagged_actors(tagged: Store, f, expected):
    assert ids(tagged, f) == expected


def test_tags_are_offered_in_the_sidebar_choices(tagged: Store):
    assert query.choices(tagged)["tags"] == ["fees", "minister", "port"]


def test_a_tags_filter_round_trips_through_the_url_and_shows_as_chips():
    f = Filter(tags=("port", "minister"))
    assert f.to_query_params() == {"tags": ["minister", "port"]}
    assert Filter.from_query_params({"tags": ["port", "minister"]}) == f
    assert [label for _, _, label in f.chips()] == ["Tag: minister", "Tag: port"]
    assert f.without("tags", "port") == Filter(tags=("minister",))
