"""Exports for a briefing: figures as PNG / SVG / PDF / standalone HTML, frames as CSV / XLSX /
JSON, and one standalone HTML (or PDF) briefing report of the current view. Everything returns
bytes (ready for a download button or a file) and works offline.

=====================  ==========================================================================
module                 what it writes
=====================  ==========================================================================
:mod:`.figures`        :func:`figure_png`, :func:`figure_svg`, :func:`figure_pdf`, :func:`figure_html`
:mod:`.tables`         :func:`frame_csv`, :func:`frame_json`, :func:`frame_xlsx`; :func:`csv_safe`
:mod:`.briefing`       :func:`briefing_html`, :func:`briefing_pdf`
:mod:`.graph_files`    :func:`graph_gexf`, :func:`graph_graphml`: the co-occurrence network for Gephi
:mod:`.browser`        the headless Chromium static images are drawn with (:func:`warm_up`)
=====================  ==========================================================================

Static images are drawn by kaleido (>= 1) in a headless Chromium: Debian's ``/usr/bin/chromium``,
or the browser named by ``BROWSER_PATH``. Standalone HTML inlines plotly.js, and the map's country
outlines are inline GeoJSON with no tiles, so an exported file opens with no network.
"""
from __future__ import annotations

from .briefing import briefing_html, briefing_pdf
from .browser import ExportUnavailable, warm_up
from .graph_files import graph_gexf, graph_graphml
from .figures import PNG_SCALE, figure_html, figure_pdf, figure_png, figure_svg
from .tables import LIST_SEPARATOR, csv_safe, frame_csv, frame_json, frame_xlsx

__all__ = [
    "LIST_SEPARATOR", "PNG_SCALE", "ExportUnavailable", "briefing_html", "briefing_pdf", "csv_safe",
    "figure_html", "figure_pdf", "figure_png", "figure_svg", "frame_csv", "frame_json", "frame_xlsx",
    "graph_gexf", "graph_graphml", "warm_up",
]
