"""One figure as a file: PNG / SVG / PDF (drawn by the shared browser of :mod:`.browser`) or a
standalone, interactive HTML page that works offline (plotly.js inlined; the map's country
outlines are inline GeoJSON with no tiles).

A map in an HTML page opened as a file (double-clicked, ``file://``) is drawn as a picture: plotly
draws maps with MapLibre, whose worker is a JavaScript module, and browsers load no module into a
page opened from a file, so the interactive map stays blank there. The page therefore carries
the map's PNG too, shown instead of it when it is opened from a file (:func:`map_picture`).
"""
from __future__ import annotations

import base64
import html

import plotly.graph_objects as go

from ..charts import standalone
from .browser import ExportUnavailable, render

#: Trace types drawn by MapLibre (see the module's docstring).
MAP_TRACES = ("scattermap", "choroplethmap", "densitymap")

# Size of static images when the figure does not set one (px), and the PNG pixel ratio.
DEFAULT_WIDTH = 1000
DEFAULT_HEIGHT = 500
PNG_SCALE = 2
# Plotly config for exported HTML: no plotly logo in the modebar; charts follow the window size.
HTML_CONFIG = {"displaylogo": False, "responsive": True}


def _image(fig: go.Figure, fmt: str, width: int | None, height: int | None, scale: float) -> bytes:
    w = width or fig.layout.width or DEFAULT_WIDTH
    h = height or fig.layout.height or DEFAULT_HEIGHT
    return render(standalone(fig), {"format": fmt, "width": int(w), "height": int(h), "scale": scale})


def figure_png(fig: go.Figure, *, width: int | None = None, height: int | None = None,
               scale: float = PNG_SCALE) -> bytes:
    """The figure as a PNG image.

    Args:
        fig: the figure.
        width / height: size in CSS pixels (default: the figure's own, else 1000 × 500).
        scale: pixel ratio (2 = sharp on a slide or in print).
    Returns:
        PNG bytes.
    Raises:
        ExportUnavailable: no Chromium to draw with.
    """
    return _image(fig, "png", width, height, scale)


def figure_svg(fig: go.Figure, *, width: int | None = None, height: int | None = None) -> bytes:
    """The figure as an SVG document (UTF-8 bytes); sizes as :func:`figure_png`. A map's
    outlines and circles are drawn as an embedded raster inside the SVG (the map layer is
    WebGL).

    Raises:
        ExportUnavailable: no Chromium to draw with.
    """
    return _image(fig, "svg", width, height, 1)


def figure_pdf(fig: go.Figure, *, width: int | None = None, height: int | None = None) -> bytes:
    """The figure as a one-page PDF (vector where plotly draws SVG); sizes as
    :func:`figure_png`.

    Raises:
        ExportUnavailable: no Chromium to draw with.
    """
    return _image(fig, "pdf", width, height, 1)


def figure_html(fig: go.Figure, *, title: str | None = None) -> bytes:
    """The figure as a standalone, interactive HTML page that works offline (plotly.js inlined,
    no MathJax, no CDN).

    Args:
        fig: the figure.
        title: the page title (default: the figure's title, else "Dateline chart").
    Returns:
        UTF-8 HTML bytes.
    """
    name, fig = title or _figure_title(fig) or "Dateline chart", standalone(fig)
    page = fig.to_html(include_plotlyjs=True, full_html=True, include_mathjax=False, div_id="dateline-chart",
                       config=HTML_CONFIG, default_width="100%", default_height="100%")
    page = page.replace("</body>", map_picture(fig, "dateline-chart") + "\n</body>", 1)
    return page.replace("</head>", f"    <title>{html.escape(name)}</title>\n</head>", 1).encode("utf-8")


def map_picture(fig: go.Figure, div_id: str) -> str:
    """HTML to put after plotly's wrapper of the div ``div_id`` that draws ``fig`` in a page
    (``fig.to_html(div_id=…)``): for a map (a trace of
    :data:`MAP_TRACES`), its PNG and a line saying why, shown instead of the div when the page is
    opened from a file (see the module's docstring); "" for any other figure, or when no picture
    can be drawn (no Chromium: the page keeps the interactive map only)."""
    if not any(t.type in MAP_TRACES for t in fig.data):
        return ""
    try:
        png = figure_png(fig, scale=1)
    except ExportUnavailable:
        return ""
    picture = f"{div_id}-picture"
    return (f'<figure id="{picture}" hidden style="margin:0">'
            f'<img src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}" '
            f'alt="{html.escape(_figure_title(fig) or "Map")}" style="max-width:100%;height:auto">'
            '<figcaption style="font:13px sans-serif;color:#555">Opened from a file, the map is a picture: '
            "browsers do not run the interactive map in a page opened from a file. Open the page through "
            "a web server, or use the map in Dateline, to zoom and hover.</figcaption></figure>"
            # (the div's parent: plotly's wrapper around the div and its scripts keeps the map's height)
            f'<script>if (location.protocol === "file:") {{ document.getElementById("{div_id}").parentElement'
            f'.style.display = "none"; document.getElementById("{picture}").hidden = false; }}</script>')


def _figure_title(fig: go.Figure) -> str:
    title = fig.layout.title.text if fig.layout.title else None
    return str(title) if title else ""
