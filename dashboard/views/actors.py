"""Actors: ranked bars by type, the co-occurrence network, and one actor's profile."""
from __future__ import annotations

import streamlit as st

from components import charts, query
from components.filters import DATE_WINDOW_TEXT
from dashboard import annotations, cached, corrections_panel, linked_charts, markdown, notices, paging, state, workbench

KEY = "actors"
NETWORK_TAB = "Co-occurrence network"

f = state.get_filter()
st.title("Actors")
if notices.store_is_empty():
    st.stop()

ranked = cached.top_actors(f, cached.TOP_ACTORS)
top = ranked.head(30)
if top.empty:
    notices.no_match("actors")
    st.stop()

# The network is computed only while its tab is open (its query and layout are the page's
# slowest part, about 0.7 s at a million articles with no filter): opening a tab reruns the page.
bars_tab, network_tab, table_tab = st.tabs(["Ranking", NETWORK_TAB, "Table"], key=f"{KEY}_tab", on_change="rerun")
with bars_tab:
    st.caption("Click a bar to filter every view to that actor; remove it with its ✕ chip in the sidebar.")
    linked_charts.chart(charts.actors_bar(top), name="actors", key=f"{KEY}_bars", file="actors",
                        height=max(400, 22 * len(top)))
if network_tab.open:
    with network_tab:
        edges = cached.run("cooccurrence", f, actors=tuple(ranked["actor"]))
        if edges.empty:
            notices.no_match("pairs of actors in the same article")
        else:
            st.caption("Actors linked when they appear in the same article; click a node to filter.")
            linked_charts.chart(charts.network(edges, ranked), name="network", key=f"{KEY}_network",
                                file="actor-network", height=600)
            workbench.network_downloads(edges, ranked, key=f"{KEY}_network")
if table_tab.open:
    with table_tab:
        st.caption("Pick a row to filter to that actor.")
        linked_charts.table(top, key=f"{KEY}_table", file="actors", filter_field="actors", value_column="actor")

st.divider()
st.subheader("Actor profile")
names = list(top["actor"])
names += [a for a in f.actors if a not in names]
picked = st.session_state.get(state.PROFILE_ACTOR)
known = cached.run("choices")["actors"]
if picked and picked not in names and picked in known:  # (an actor just corrected into, off the ranking)
    names.append(picked)
if picked not in names:
    st.session_state[state.PROFILE_ACTOR] = f.actors[0] if f.actors else names[0]
actor = st.selectbox("Actor", names, key=state.PROFILE_ACTOR)
profile = cached.profile(actor, f)

cols = st.columns(4)
cols[0].metric("Type", charts.TYPE_LABELS.get(profile.get("actor_type") or "", profile.get("actor_type") or "—"))
cols[1].metric("Mentions", f"{profile.get('n_mentions', 0):,}")
cols[2].metric("Articles", f"{profile.get('n_articles', 0):,}")
if actor not in f.actors:
    cols[3].button("Filter to this actor", key=f"{KEY}_profile_filter", icon=":material/filter_alt:",
                   on_click=notices.guarded(lambda: state.set_filter(state.get_filter().toggle("actors", actor))))
corrections_panel.actor_panel(actor, profile, known)
names_col, roles_col = st.columns(2)
with names_col:
    st.markdown("**Also named**")
    st.text("\n".join(profile.get("aliases") or []) or "—")
with roles_col:
    st.markdown("**Roles and titles**")
    st.text("\n".join(profile.get("roles") or []) or "—")
annotations.section("actor", actor, label="this actor")

# One of the profile's three parts at a time, each made only while its tab is shown: the page
# draws a chart or a table less per visit (opening a tab reruns the page from the cache).
timeline_tab, places_tab, quotes_tab = st.tabs(["Mentions over time", "Places", "Quotes"],
                                               key=f"{KEY}_profile_tab", on_change="rerun")
if timeline_tab.open:
    with timeline_tab:
        if profile["timeline"].empty and profile.get("n_mentions"):
            st.caption(f"No dated mentions: the articles that mention {markdown.escape(actor)} are undated "
                       f"or dated outside {DATE_WINDOW_TEXT}.")
        elif profile["timeline"].empty:
            notices.no_match("dated mentions")
        else:
            linked_charts.chart(charts.timeline(profile["timeline"], period=profile["period"]),
                                name="timeline", key=f"{KEY}_profile_timeline", file=f"{actor}-timeline")
if places_tab.open:
    with places_tab:
        st.caption(f"Places in the articles that mention {markdown.escape(actor)}; pick a row to filter to it.")
        linked_charts.table(cached.profile_places(actor, f), key=f"{KEY}_profile_places", file=f"{actor}-places",
                            filter_field="places", value_column="name", height=300)
if quotes_tab.open:
    with quotes_tab:
        scope = query.profile_scope(actor, f)
        quotes = cached.run("quotes", scope)
        if quotes.empty:
            st.caption("No quotes attributed under the current filter.")
        else:
            total = int(quotes.attrs.get("total", len(quotes)))
            order = paging.date_order(cached.run("date_span", scope), "quotes")
            st.caption(f"{paging.caption(total, 0, len(quotes), 'quotes')} by {markdown.escape(actor)}, {order}"
                       + ("; every one on the Quotes page under this actor." if total > len(quotes) else "."))
            linked_charts.table(quotes, key=f"{KEY}_profile_quotes", file=f"{actor}-quotes",
                                every_row=cached.deferred("quotes", scope, limit=query.EXPORT_ROWS),
                                download_note=paging.download_note(total, "quotes"))
