"""dashboard.map_outlines: the app's server sends the country outlines the maps name by URL."""
from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from streamlit import config
from starlette.requests import Request

from components.charts.outlines import country_outlines
from dashboard import map_outlines


def _get(path: str, headers: dict[str, str] | None = None):
    scope = {"type": "http", "method": "GET", "path": path, "query_string": b"",
             "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]}
    # in a thread of its own, as the server's loop runs it (a test run earlier in this process may
    # have left an event loop marked running in this thread, where asyncio.run refuses to start)
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, map_outlines._send(Request(scope))).result()


def test_the_server_sends_the_outlines_and_answers_a_browser_that_holds_them_with_304():
    sent = _get(map_outlines.url())
    assert sent.status_code == 200 and sent.media_type == "application/geo+json"
    assert [f["id"] for f in json.loads(sent.body)["features"]] == [f["id"] for f in country_outlines()["features"]]
    tag = sent.headers["etag"]
    again = _get(map_outlines.url(), {"If-None-Match": tag})
    assert again.status_code == 304 and not again.body and again.headers["etag"] == tag
    assert _get(map_outlines.url(), {"If-None-Match": '"older"'}).status_code == 200


@pytest.mark.parametrize("base, expected", [("", "/dateline-outlines.geojson"),
                                            ("/team/dateline/", "/team/dateline/dateline-outlines.geojson")])
def test_the_url_and_the_route_follow_the_server_s_base_path(base, expected):
    before = config.get_option("server.baseUrlPath")
    config.set_option("server.baseUrlPath", base)
    try:
        assert map_outlines.url() == expected
        assert map_outlines.route().path == expected
    finally:
        config.set_option("server.baseUrlPath", before)
