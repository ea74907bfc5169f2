"""The country outlines every map draws, sent by the app's own server (a route of ``st.App``, see
:mod:`dashboard.app`) at :func:`url`, which the maps' figures name instead of carrying them.

Inline, the outlines (~190 kB of GeoJSON) were copied and serialised by plotly whenever a page
built a map (about 0.08 s of each run of the Overview and the Map page) and sent to the browser with
every redraw; named by URL, the browser reads them once per page it opens (plotly.js keeps what it
fetched by URL), from this machine: nothing leaves localhost. Exports put them back inline
(:func:`components.charts.standalone`).
"""
from __future__ import annotations

import asyncio
import hashlib
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from components import charts
from components.charts.outlines import outlines_geojson

#: The file name of the outlines under the app's URL path.
NAME = "dateline-outlines.geojson"


def url() -> str:
    """The absolute URL path of the outlines on the app's server: :data:`NAME` under the
    ``server.baseUrlPath`` setting (``/dateline-outlines.geojson`` by default)."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/{NAME}" if base else f"/{NAME}"


@lru_cache(maxsize=1)
def _body() -> tuple[bytes, str]:
    """The outlines' GeoJSON and its entity tag (a digest of it), made once per process."""
    body = outlines_geojson()
    return body, '"' + hashlib.sha1(body).hexdigest()[:20] + '"'


async def _send(request: Request) -> Response:
    """The outlines, or 304 Not Modified to a browser that holds this version already."""
    body, tag = await asyncio.to_thread(_body)
    headers = {"ETag": tag, "Cache-Control": "no-cache"}  # (kept, but checked again each time)
    if request.headers.get("if-none-match") == tag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/geo+json", headers=headers)


def places_map(places: pd.DataFrame, countries: pd.DataFrame) -> go.Figure:
    """:func:`components.charts.places_map` of ``places`` and ``countries`` as the app draws it:
    the outlines named by :func:`url`."""
    return charts.places_map(places, countries, outlines_url=url())


def route() -> Route:
    """The server's route answering GET :func:`url` with the outlines."""
    return Route(url(), _send, methods=["GET"])
