"""Timeline: articles and mentions per day (per week or month over a long span), by top actors;
a click on a bar keeps its period, a box drag (Box Select in the chart's toolbar) a date range."""
from __future__ import annotations

import streamlit as st

from components import charts, query
from components.filters import DATE_WINDOW_TEXT
from dashboard import cached, linked_charts, notices, on_demand, state

KEY = "timeline"

f = state.get_filter()
st.title("Timeline")
if notices.store_is_empty():
    st.stop()

span = cached.run("date_span", f)
period = query.period_for(span["first"], span["last"])
per_day = cached.run("timeline", f, period=period)
left_out = [f"{span['undated']:,} {'is' if span['undated'] == 1 else 'are'} undated"] if span["undated"] else []
left_out += ([f"{span['outside']:,} {'is' if span['outside'] == 1 else 'are'} dated outside {DATE_WINDOW_TEXT}"]
             if span["outside"] else [])
left_out_text = f"of the articles that match, {' and '.join(left_out)} (the Articles page lists them)."
if per_day.empty:
    if left_out:
        st.info(f"Nothing to plot by date: {left_out_text}", icon=":material/event_busy:")
    else:
        notices.no_match("dated articles")
    st.stop()

top = st.slider("Actors drawn as lines", min_value=0, max_value=15, value=6, key=f"{KEY}_top",
                help="The most mentioned actors under the current filter")
by_actor = (cached.run("timeline_by_actor", f, period=period, actors=cached.line_actors(f, top))
            if top else None)
st.caption(("" if period == "day" else f"One bar per {period}: the dates span {span['first']} to {span['last']}. ")
           + f"Click a bar to keep only that {period}. For a date range, pick **Box Select** in the chart's "
           "toolbar (top right) and drag across the chart; a plain drag zooms in, a double click zooms out. "
           "Remove the date chip in the sidebar to see all dates again."
           + (f" Not drawn: {left_out_text}" if left_out else ""))
linked_charts.chart(charts.timeline(per_day, by_actor, period=period), name="timeline", key=f"{KEY}_chart",
                    file="timeline", selection_mode=("points", "box"), height=480)

st.subheader(f"Per {period}")
linked_charts.table(per_day, key=f"{KEY}_table", file="timeline")
if by_actor is not None and not by_actor.empty:
    box = on_demand.expander(f"Mentions per {period} of the top actors", key=f"{KEY}_by_actor_box")
    if box:
        with box:
            linked_charts.table(by_actor, key=f"{KEY}_by_actor", file="timeline-by-actor")
