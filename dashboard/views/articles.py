"""Articles: the filtered list (under a search best match first, with a passage showing the
hits), and a reader with the entities and the search's hits highlighted."""
from __future__ import annotations

import html

import streamlit as st

from components.query import EXPORT_ROWS, day_text
from dashboard import annotations, cached, corrections_panel, highlight, linked_charts, notices, paging, search, state

KEY = "articles"


def _dateline(value) -> str:
    """A dateline (a list of place names, or a string) as one line of text."""
    if value is None or isinstance(value, str):
        return value or ""
    return ", ".join(str(v) for v in list(value))


f = state.get_filter()
st.title("Articles")
if notices.store_is_empty():
    st.stop()

first = paging.offset(KEY, cached.filter_key(f))
frame = cached.run("articles", f, marks=True, limit=paging.PAGE_ROWS, offset=first)
paging.back_to_first_if_past_end(KEY, frame, first)
if frame.empty:
    notices.no_match()
    st.stop()

total = int(frame.attrs.get("total", len(frame)))
order = (f"best match first, hits marked {'…'.join(search.CELL_MARKS)}" if f.text
         else paging.date_order(cached.run("date_span", f)))
st.caption(f"{paging.caption(total, first, len(frame), 'articles')}, {order}. Pick a row to read the article.")
shown = frame
if "snippet" in frame:  # the passage beside the title
    shown = frame.assign(snippet=frame["snippet"].map(search.in_cell))
    shown = shown[["article_id", "date", "title", "snippet", *[c for c in frame.columns if c not in (
        "article_id", "date", "title", "snippet")]]]
linked_charts.table(shown, key=f"{KEY}_table", file="articles", height=320,
                    on_row=lambda row: st.session_state.__setitem__(state.ARTICLE, str(row["article_id"])),
                    overrides={"title": st.column_config.TextColumn("Title", width="medium"),
                               "snippet": st.column_config.TextColumn("Where it matches", width="large")},
                    every_row=cached.deferred("articles", f, limit=EXPORT_ROWS),
                    download_note=paging.download_note(total, "articles"))
paging.picker(KEY, total)

ids = list(frame["article_id"].astype(str))
titles = dict(zip(ids, frame["title"].fillna("").astype(str)))
places = dict(zip(ids, frame["dateline"].map(_dateline)))
dates = dict(zip(ids, frame["date"].map(day_text)))
wanted = st.session_state.get(state.ARTICLE)
linked = st.session_state.get(state.LINKED_ARTICLE) == (wanted, f)
opened = cached.article(wanted) if linked and wanted not in ids else None
if opened:  # a link to an article not on this page of the list: open, first in the picker, until the Filter changes
    ids.insert(0, wanted)
    titles[wanted], dates[wanted] = opened.get("display_title") or "", day_text(opened.get("date"))
elif wanted not in ids:
    st.session_state[state.ARTICLE] = ids[0]
article_id = st.selectbox("Read", ids, key=state.ARTICLE,
                          format_func=lambda a: f"{dates.get(a, '')} · {titles.get(a) or places.get(a) or a}")
state.mirror_to_url(article=article_id)  # a copied link reopens this article

doc = opened if opened and article_id == wanted else cached.article(article_id)
if not doc:
    st.warning("This article is no longer in the store.")
    st.stop()
st.divider()
# Article fields are shown as text: escaped HTML, never markdown.
hits = cached.article_hits(article_id, f)
title = doc.get("title")
heading = (highlight.with_hits(title, 0, len(title), hits["title"]) if title
           else html.escape(doc.get("display_title") or _dateline(doc.get("dateline")) or "(untitled)"))
st.html(f"<h3 style='margin:0'>{heading}</h3>")
language = f"language: {doc['language']}" if doc.get("language") else None
meta = [str(v) for v in (day_text(doc.get("date")), doc.get("source"), language, _dateline(doc.get("dateline")),
                         doc.get("url")) if v]
st.text(" · ".join(meta))
annotations.section("article", article_id, label="this article")
# (a tab's contents are made only while it is shown: choosing a tab reruns the page)
read_tab, plain_tab, entities_tab, quotes_tab, places_tab = st.tabs(
    ["Highlighted", "Plain text", "Entities", "Quotes", "Places"], key=f"{KEY}_reader_tab", on_change="rerun")
if read_tab.open:
    with read_tab:
        st.html(highlight.legend_html(search=bool(hits["text"] or hits["title"])))
        st.html(highlight.annotated_html(doc.get("text") or "", doc["entities"], doc["quotes"], hits=hits["text"]))
if plain_tab.open:
    with plain_tab:
        st.text(doc.get("text") or "")
if entities_tab.open:
    with entities_tab:
        linked_charts.table(doc["entities"], key=f"{KEY}_entities", file=f"article-{article_id}-entities")
if quotes_tab.open:
    with quotes_tab:
        if doc["quotes"].empty:
            st.caption("No quotes found in this article.")
        else:
            linked_charts.table(doc["quotes"][["speaker", "quote", "kind", "cue", "start_char", "end_char"]],
                                key=f"{KEY}_quotes", file=f"article-{article_id}-quotes")
if places_tab.open:
    with places_tab:
        corrections_panel.article_places(article_id, doc["places"])
