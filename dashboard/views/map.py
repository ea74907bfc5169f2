"""Map: places mentioned, sized by mentions, over country outlines; a click filters."""
from __future__ import annotations

import streamlit as st

from dashboard import cached, corrections_panel, linked_charts, map_outlines, notices, state

KEY = "map"

f = state.get_filter()
st.title("Map")
if notices.store_is_empty():
    st.stop()

places = cached.run("places", f)
countries = cached.run("countries", f)
if places.empty and countries.empty:
    notices.no_match("places")
    st.stop()

# The tables are made only while their tab is open: in a link visit at a million articles the two
# took ~0.2 s of the page's 1.55 s to draw in Chromium. Opening a tab reruns the page (its queries
# from the cache).
map_tab, places_tab, countries_tab = st.tabs(["Map", "Places", "Countries"], key=f"{KEY}_tab", on_change="rerun")
if map_tab.open:
    with map_tab:
        st.caption("Circles: places mentioned, sized by mentions; countries shaded by mentions. "
                   "Click a place to filter every view to it.")
        linked_charts.chart(map_outlines.places_map(places, countries), name="map", key=f"{KEY}_map", file="map",
                            height=600)
if places_tab.open:
    with places_tab:
        st.caption("Pick a row to filter to that place.")
        linked_charts.table(places, key=f"{KEY}_places", file="places", filter_field="places", value_column="name",
                            height=500)
if countries_tab.open:
    with countries_tab:
        st.caption("Pick a row to filter to that country.")
        linked_charts.table(countries, key=f"{KEY}_countries", file="countries", filter_field="countries",
                            value_column="country_code", height=500)
corrections_panel.map_places(places)
