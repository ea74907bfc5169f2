"""Overview: counts, top actors, places, busiest days, and the briefing report."""
from __future__ import annotations

import streamlit as st

from components import charts, query
from components.filters import DATE_WINDOW_TEXT
from dashboard import cached, downloads, linked_charts, map_outlines, notices, state

KEY = "overview"

f = state.get_filter()
st.title("Overview")
if notices.store_is_empty():
    st.stop()

counts = cached.run("overview", f)
labels = (("articles", "Articles"), ("actors", "Actors"), ("places", "Places"), ("quotes", "Quotes"),
          ("sources", "Sources"), ("days", "Days"))
#: What a count of none means where it is no finding but missing data.
UNKNOWN = {"sources": "No article here names its source (its file gave none).",
           "days": "No article here has a date."}
for col, (name, label) in zip(st.columns(len(labels)), labels):
    n = counts.get(name, 0)
    if not n and name in UNKNOWN and counts.get("articles"):
        col.metric(label, "—", help=UNKNOWN[name])
    else:
        col.metric(label, f"{n:,}")
if not counts.get("articles"):
    notices.no_match()
    st.stop()
passed_over = cached.not_analysed(f)
if passed_over:
    st.caption(query.other_languages_note(passed_over).capitalize()
               + f" ({', '.join(passed_over)}): they have no actors, places or quotes; each language "
               "is read only by a model of that language (English and French by default).")
if counts.get("undated"):
    st.caption(f"{counts['undated']:,} of these {counts['articles']:,} articles "
               f"{'is' if counts['undated'] == 1 else 'are'} undated: undated articles count everywhere but on "
               "time charts, and a date range leaves them out.")

top = cached.top_actors(f, 15)
places = cached.run("places", f)
countries = cached.run("countries", f, articles=False)  # (the map shades by mentions alone)
days = cached.run("busiest_days", f, limit=10)


def _briefing() -> bytes:
    """The briefing report of the current view (built on click)."""
    from components import export

    span = cached.run("date_span", f)
    period = query.period_for(span["first"], span["last"])
    figures = {"Top actors": charts.actors_bar(top), "Places": charts.places_map(places, countries),
               "Timeline": charts.timeline(cached.run("timeline", f, period=period),
                                           cached.run("timeline_by_actor", f, period=period,
                                                      actors=cached.line_actors(f, 8)),
                                           period=period)}
    return export.briefing_html(f.chips(), figures, top, places.head(25), cached.run("quotes", f, limit=500),
                                counts=counts, annotations=cached.run("annotations", f, actors=tuple(top["actor"])))


downloads.briefing_button(_briefing, key=KEY)

# Plain charts side by side; the map full width (a map drawn inside a column starts at zero
# size in the browser and stays blank).
left, right = st.columns(2)
with left:
    st.subheader("Top actors")
    if top.empty:
        notices.no_match("actors")
    else:
        linked_charts.chart(charts.actors_bar(top), name="actors", key=f"{KEY}_actors", file="top-actors")
with right:
    st.subheader("Busiest days")
    if days.empty and counts.get("undated"):
        st.info("No dates to rank: the articles here are undated or dated outside "
                f"{DATE_WINDOW_TEXT}.", icon=":material/event_busy:")
    elif days.empty:
        notices.no_match("dated articles")
    else:
        linked_charts.chart(charts.bars(days, "day", "n_articles", title="Articles on the busiest days"),
                            name="timeline", key=f"{KEY}_days", file="busiest-days")

st.subheader("Places")
if places.empty:
    notices.no_match("places")
else:
    linked_charts.chart(map_outlines.places_map(places, countries), name="map", key=f"{KEY}_map",
                        file="places-map", height=460)
