"""components.charts.style: an empty frame gives a note, never an exception; names from articles are
drawn as text, not markup, by every builder."""
from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from components import charts


def _annotations(fig: go.Figure) -> list[str]:
    return [a.text for a in fig.layout.annotations]


EMPTY_CASES = [
    lambda: charts.actors_bar(pd.DataFrame(columns=["actor", "actor_type", "n_mentions",
                                                    "n_articles", "n_quotes"])),
    lambda: charts.network(pd.DataFrame(columns=["source", "target", "n_articles"]),
                           pd.DataFrame(columns=["actor", "actor_type", "n_mentions"])),
    lambda: charts.places_map(pd.DataFrame(columns=["name", "country_code", "feature", "lat",
                                                    "lon", "n_mentions", "n_articles"])),
    lambda: charts.places_map(pd.DataFrame({"name": ["X"], "lat": [None], "lon": [None],
                                            "n_mentions": [1]})),
    lambda: charts.timeline(pd.DataFrame(columns=["day", "n_articles", "n_mentions"]), None),
    lambda: charts.bars(pd.DataFrame(columns=["day", "n_articles"]), "day", "n_articles"),
    lambda: charts.actors_bar(pd.DataFrame()),            # not even the columns
]


@pytest.mark.parametrize("build", EMPTY_CASES)
def test_empty_frame_gives_a_note_not_an_exception(build):
    fig = build()
    assert isinstance(fig, go.Figure)
    assert charts.EMPTY_MESSAGE in _annotations(fig)
    assert len(fig.data) == 0


def test_names_from_articles_are_drawn_as_text_not_markup(places):
    name = '<a href="http://evil.example">Lena</a>'
    top = pd.DataFrame({"actor": [name], "actor_type": ["person"], "n_mentions": [3],
                        "n_articles": [1], "n_quotes": [0]})
    bar = charts.actors_bar(top).data[0]
    assert bar.customdata[0][0] == name                # the id stays exactly as stored
    assert list(bar.y) == ['&lt;a href="http://evil.example"&gt;Lena&lt;/a&gt;']
    node = charts.network(pd.DataFrame(columns=["source", "target", "n_articles"]), top).data[0]
    assert "<a" not in node.text[0] and node.customdata[0][0] == name
    spot = charts.places_map(places.assign(name=["<b>Oslo</b>", "Lima", "Nowhere"])).data[2]
    assert spot.text[0] == "&lt;b&gt;Oslo&lt;/b&gt;" and spot.customdata[0][0] == "<b>Oslo</b>"
    assert charts.bars(top, "actor", "n_mentions", title="Mentions of <i>x</i>").layout.title.text \
        == "Mentions of &lt;i&gt;x&lt;/i&gt;"


def test_every_builder_gives_a_figure_plotly_accepts_as_it_is(top_actors, edges, places, days):
    # (figures are built without plotly's validators, for speed: here they check every property,
    # as a misspelt one would draw nothing in the browser rather than fail, and that they would
    # change nothing: a value they rewrite, such as a named colour scale, which plotly.py and
    # plotly.js read differently, would be drawn otherwise than it was checked)
    by_actor = pd.DataFrame({"day": days["day"].repeat(2).to_numpy(), "actor": ["Lena Marsh", "Norway"] * 3,
                             "n_mentions": [3, 1, 2, 2, 5, 1]})
    figures = [charts.actors_bar(top_actors), charts.network(edges, top_actors), charts.places_map(places),
               charts.places_map(places, outlines_url="/outlines.geojson"), charts.timeline(days),
               charts.timeline(days, by_actor, period="week"), charts.bars(top_actors, "actor", "n_mentions"),
               charts.bars(days, "day", "n_articles"), charts.empty_figure("Nothing")]
    for fig in figures:
        checked = go.Figure(fig.to_dict())  # raises ValueError for a property plotly does not know
        assert json.loads(checked.to_json()) == json.loads(fig.to_json())
        assert fig.data or fig is figures[-1]
    with pytest.raises(ValueError):
        go.Figure({"data": [{"type": "bar", "colour": "red"}]})  # (what the check catches)
