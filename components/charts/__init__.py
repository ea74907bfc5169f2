"""Plotly figures for the views: pure functions from query frames to figures, never calling
streamlit. Every trace carries ids in ``customdata`` so that a click or box selection maps
back to a Filter change (:mod:`components.selection`).

The ``customdata`` of every point is a list whose first item is the id the point stands for and
whose second item names the :class:`~components.filters.Filter` field that id belongs to:

========================  =========================================  ===================
chart                     ``customdata[0]``                           ``customdata[1]``
========================  =========================================  ===================
:func:`actors_bar`        actor name                                  ``"actors"``
:func:`network` nodes     actor name                                  ``"actors"``
:func:`places_map`        place name (circles)                        ``"places"``
:func:`places_map`        ISO alpha-2 code (country outlines)         ``"countries"``
:func:`timeline`          ISO day ``"2024-12-02"`` (bars and lines)   ``"days"``
:func:`bars`              the ``x`` value (ISO day for dates)         ``field`` or ``x``
========================  =========================================  ===================

Items after the second only feed hover text. Network edges carry ``[source, target]`` pairs
and are not clickable. An empty frame gives a figure with a "No data for this filter" note,
never an exception. Nothing here fetches anything: the map has no tiles and no text on its map
layer.

Every text given to a builder (titles, names in the frames) is plain text and is escaped here:
plotly reads ``<b>`` or ``<a href>`` in labels as markup. Callers must not escape it themselves.

=========================  =====================================================================
module                     what it draws
=========================  =====================================================================
:mod:`.actors`             :func:`actors_bar`, :func:`network` (laid out by :mod:`.network_layout`),
                           :func:`network_graph` (the same network as nodes and edges)
:mod:`.geography`          :func:`places_map` (over the country outlines of :mod:`.outlines`),
                           :func:`standalone` (a map's outlines inline, for a file)
:mod:`.per_day`            :func:`timeline`
:mod:`.plain_bars`         :func:`bars`
:mod:`.style`              colours, fonts, the template; :func:`empty_figure`
:mod:`.columns`            reading frame columns into trace values
=========================  =====================================================================
"""
from __future__ import annotations

from .actors import NetworkGraph, NetworkNode, actors_bar, network, network_graph
from .geography import places_map, standalone
from .per_day import timeline
from .plain_bars import bars
from .style import (BAR_COLOUR, EMPTY_MESSAGE, LINE_COLOURS, TYPE_COLOURS, TYPE_LABELS, UNTYPED_COLOUR,
                    UNTYPED_LABEL, empty_figure, type_colour)

__all__ = [
    "BAR_COLOUR", "EMPTY_MESSAGE", "LINE_COLOURS", "TYPE_COLOURS", "TYPE_LABELS", "UNTYPED_COLOUR",
    "UNTYPED_LABEL", "NetworkGraph", "NetworkNode", "actors_bar", "bars", "empty_figure", "network", "network_graph",
    "places_map", "standalone", "timeline", "type_colour",
]
