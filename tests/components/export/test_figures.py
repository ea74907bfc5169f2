"""components.export.figures: standalone offline HTML (a map carries its outlines inline), PNG and SVG."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pandas as pd
import pytest

from components import charts, export

from .offline import external_refs


def test_figure_html_is_standalone_and_offline():
    fig = charts.actors_bar(pd.DataFrame({"actor": ["A <i>"], "actor_type": ["person"],
                                          "n_mentions": [2], "n_articles": [1], "n_quotes": [0]}))
    page = export.figure_html(fig).decode("utf-8")
    assert page.lower().startswith("<!doctype html>")
    assert "<title>Most mentioned actors</title>" in page
    assert "plotly.js v" in page                       # the library is inlined…
    assert external_refs(page) == []                  # …and nothing is loaded from outside
    assert '"A \\u003ci\\u003e"' in page             # names sit in the figure JSON, "<" escaped


@pytest.mark.browser
@pytest.mark.parametrize("outlines_url", [None, "/dateline-outlines.geojson"])  # (the app's map names them)
def test_map_html_carries_its_outlines_inline_and_its_picture_for_a_page_opened_as_a_file(outlines_url):
    places = pd.DataFrame({"name": ["Oslo"], "country_code": ["NO"], "feature": ["city"],
                           "lat": [59.9], "lon": [10.7], "n_mentions": [3], "n_articles": [1]})
    page = export.figure_html(charts.places_map(places, outlines_url=outlines_url)).decode("utf-8")
    assert '"FeatureCollection"' in page and '"white-bg"' in page
    assert "dateline-outlines" not in page
    assert external_refs(page) == []
    assert page.count('<img src="data:image/png;base64,') == 1 and 'location.protocol === "file:"' in page
    bars = export.figure_html(charts.bars(pd.DataFrame({"name": ["Oslo"], "n": [3]}), "name", "n")).decode("utf-8")
    assert '<img src="data:image/png' not in bars  # only a map needs its picture


@pytest.mark.browser
def test_png_and_svg_are_valid_images():
    fig = charts.bars(pd.DataFrame({"name": ["Oslo", "Lima"], "n": [3, 1]}), "name", "n",
                      title="Places")
    png = export.figure_png(fig, width=400, height=300)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png[16:20], "big")
    assert width == 400 * export.PNG_SCALE
    svg = export.figure_svg(fig, width=400, height=300)
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert b"Places" in svg
