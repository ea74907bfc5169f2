"""Analysts' corrections in the app: "Correct this actor" under the actor profile, correcting a
place (hide it, or take it as another of the gazetteer's places) in the reader and on the map, and
the Data page's list of corrections (undo, download, import).

Each correction is one click: the store records and applies it (:meth:`Store.correct
<components.store.correcting.Correcting.correct>`), the cached queries are dropped
(:func:`dashboard.cached.forget`), and the page, run again, shows it everywhere, with a message
saying what was done and an Undo button beside it.
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from components.store import ACTOR_TYPES, Correction, StoreError
from components.store.corrections import to_json
from dashboard import cached, markdown, notices, on_demand, state

KEY = "correct"
#: Shown while a correction or an undo is applied (a few seconds at a million articles).
WORKING = "Applying the correction to every article it touches…"
#: Corrections the Data page lists with their own Undo button, newest first.
LISTED = 50


def _note(where: str, kind: str, text: str, number: int | None = None) -> None:
    st.session_state[state.CORRECTION_NOTE] = (where, kind, text, number)


def _applied(where: str, change: Callable[[], Correction], *, undo: bool = False) -> Correction | None:
    """(In a button's callback.) Run ``change`` (a correction, or with ``undo`` an undo, on the
    store shown) and say under ``where`` how it went; returns what it did, or None when the store
    refused it (the reason said there). Meanwhile a toast says it is being applied (a few seconds
    at a million articles), wherever the page is scrolled (what a callback writes on the page goes
    to its top), and then says how it went."""
    working = st.toast(WORKING, icon=":material/hourglass_top:", duration="infinite")
    try:
        made = change()
    except StoreError as err:
        working.toast("Nothing was undone." if undo else "The correction was not made.", icon=":material/error:",
                      duration="short")
        _note(where, "error", str(err))
        return None
    cached.forget()
    word = "Undone" if undo else "Done"
    said = f"{word}: {made.describe()}."
    working.toast(f"{word}: {markdown.escape(made.describe())}.", icon=":material/check_circle:", duration="short")
    if undo:
        _note(where, "undone", said)
    else:
        _note(where, "done", f"{said} Every page shows it now.", made.id)
    return made


def _made(where: str, action: str, name: str | None, value: str | dict | None = None, *, article_id: str | None = None,
          name_key: str | None = None, value_key: str | None = None,
          then: Callable[[Correction], None] | None = None) -> None:
    """(A button's callback.) Make a correction on the store shown, say so under ``where``; a
    correction that cannot be made says why there instead. ``name_key`` / ``value_key``: the
    widgets holding the name / value, read at the click (a text typed but not yet entered too)."""
    if name_key:
        name = st.session_state.get(name_key)
    if value_key:
        value = st.session_state.get(value_key)
    done = _applied(where, lambda: cached.current_store().correct(action, (name or "").strip(), value,
                                                                  article_id=article_id))
    if done and then:
        then(done)


def _undo(where: str, number: int) -> None:
    """(A button's callback.) Undo correction ``number`` and say so under ``where``."""
    _applied(where, lambda: cached.current_store().undo_correction(number), undo=True)


def show_note(where: str) -> None:
    """The message of the last correction made under ``where`` (with its Undo button), if any,
    shown once."""
    note = st.session_state.get(state.CORRECTION_NOTE)
    if not note or note[0] != where:
        return
    st.session_state[state.CORRECTION_NOTE] = None  # (said once: the next click elsewhere clears it)
    _, kind, text, number = note
    if kind == "error":
        st.error(markdown.escape(text), icon=":material/error:")
        return
    st.success(markdown.escape(text), icon=":material/check_circle:")
    if number is not None:
        st.button("Undo", key=f"{KEY}_{where}_undo", icon=":material/undo:",
                  on_click=notices.guarded(_undo), args=(where, number))


def _follow_actor(done: Correction) -> None:
    """After an actor was merged or renamed (into ``done.value``) or hidden: the profile shows the
    actor it is now (none when hidden), and a Filter on it is on that one instead."""
    old, new = done.name, done.value if done.action in ("merge", "rename") else None
    st.session_state[state.PROFILE_ACTOR] = new
    st.session_state[f"{KEY}_merge_target"] = None  # (done: the box would offer the profile's own actor)
    f = state.get_filter()
    if old in f.actors:
        f = f.toggle("actors", old)
        if new is not None and new not in f.actors:
            f = f.toggle("actors", new)
        state.set_filter(f)


def actor_panel(actor: str, profile: dict, actors: list[str]) -> None:
    """"Correct this actor": merge it into another actor (one of ``actors``, the most mentioned,
    or any typed), split off one of its names
    (``profile["aliases"]``), rename it, change its type, hide it."""
    box = on_demand.expander("Correct this actor", key=f"{KEY}_actor_box", icon=":material/edit:")
    if not box:
        return
    with box:
        show_note("actor")
        st.caption("Corrections are kept in the store with your name and apply to every page, download and "
                   "export, also after a re-extraction; the Data page lists them and undoes any.")
        merge_col, split_col = st.columns(2)
        others = [a for a in actors if a != actor]
        with merge_col:
            target = st.selectbox("Merge into", others, index=None, key=f"{KEY}_merge_target", accept_new_options=True,
                                  placeholder="Another actor…",
                                  help="Every name of this actor counts for that one. The most mentioned actors "
                                       "are listed; type the name of any other.")
            st.button("Merge", key=f"{KEY}_merge", icon=":material/merge:", disabled=target is None,
                      on_click=notices.guarded(_made), args=("actor", "merge", actor),
                      kwargs={"value_key": f"{KEY}_merge_target", "then": _follow_actor})
        with split_col:
            names = [a for a in profile.get("aliases") or [] if a != actor]
            alias = st.selectbox("Split off a name", names, index=None, key=f"{KEY}_split_alias",
                                 placeholder="One of its names…" if names else "No other name",
                                 help="That name becomes an actor of its own.")
            st.button("Split off", key=f"{KEY}_split", icon=":material/call_split:", disabled=alias is None,
                      on_click=notices.guarded(_made), args=("actor", "split", None),
                      kwargs={"name_key": f"{KEY}_split_alias"})
        rename_col, type_col = st.columns(2)
        with rename_col:
            st.text_input("Rename to", key=f"{KEY}_rename_to", placeholder=actor)
            st.button("Rename", key=f"{KEY}_rename", icon=":material/edit:",
                      on_click=notices.guarded(_made), args=("actor", "rename", actor),
                      kwargs={"value_key": f"{KEY}_rename_to", "then": _follow_actor})
        with type_col:
            kind = profile.get("actor_type")
            picked = st.selectbox("Type", ACTOR_TYPES, index=ACTOR_TYPES.index(kind) if kind in ACTOR_TYPES else None,
                                  key=f"{KEY}_type_{actor}", format_func=str.capitalize, placeholder="Pick a type…")
            st.button("Change type", key=f"{KEY}_retype", icon=":material/category:",
                      disabled=picked is None or picked == kind,
                      on_click=notices.guarded(_made), args=("actor", "retype", actor),
                      kwargs={"value_key": f"{KEY}_type_{actor}"})
        st.button("Hide this actor", key=f"{KEY}_hide", icon=":material/visibility_off:",
                  help="Not an actor: it leaves every view, count, network and export (nothing is deleted).",
                  on_click=notices.guarded(_made), args=("actor", "hide", actor), kwargs={"then": _follow_actor})


def article_places(article_id: str, places: pd.DataFrame) -> None:
    """The places found in the reader's article, and correcting one of them: hide it, or take it
    as another of the gazetteer's places (here or everywhere)."""
    show_note("reader")
    if places.empty:
        st.caption("No places found in this article (or all of them hidden).")
        return
    st.dataframe(_per_text(places), hide_index=True, key=f"{KEY}_reader_places")
    texts = list(dict.fromkeys(places["text"].astype(str)))
    text = st.selectbox("Correct a place", texts, index=None, key=f"{KEY}_reader_text", placeholder="Found as…")
    if text is not None:
        _place_actions("reader", text, article_id)


#: What the reader calls a place text the gazetteer knows no place of.
UNKNOWN_PLACE = "not in the gazetteer"


def _per_text(places: pd.DataFrame) -> pd.DataFrame:
    """The reader's places (one row per mention, see :func:`components.query.article`) as the
    Places tab lists them: one row per text and place, in the order first found, with its
    mentions and whether the dateline names it."""
    rows = places.assign(name=places["name"].fillna(UNKNOWN_PLACE), country=places["country"].fillna(""))
    shown = (rows.groupby(["text", "name", "country"], sort=False, dropna=False)
             .agg(mentions=("text", "size"), from_dateline=("from_dateline", "any")).reset_index())
    return shown.rename(columns={"text": "Found as", "name": "Place", "country": "Country", "mentions": "Mentions",
                                 "from_dateline": "In the dateline"})


def map_places(places: pd.DataFrame) -> None:
    """Correcting a place of the map: pick it, then the text it was found as; hide that text, or
    take it as another of the gazetteer's places."""
    box = on_demand.expander("Correct a place", key=f"{KEY}_map_box", icon=":material/edit_location_alt:")
    if not box:
        return
    with box:
        show_note("map")
        name = st.selectbox("Place", list(places["name"]), index=None, key=f"{KEY}_map_place",
                            placeholder="A place on the map…")
        if name is None:
            st.caption("Pick a place to see the words it was found as (\"Arctic\" in \"Arctic Research Forum\"), "
                       "then hide them or say which place they are.")
            return
        texts = cached.place_texts(name, state.get_filter())
        if texts.empty:
            return
        counts = dict(zip(texts["text"], texts["n_mentions"]))
        text = st.selectbox("Found as", list(counts), key=f"{KEY}_map_text_{name}",
                            format_func=lambda t: f"“{t}” ({counts[t]:,} mention{'s' if counts[t] != 1 else ''})")
        _place_actions("map", text, None)


def _place_actions(where: str, text: str, article_id: str | None) -> None:
    """Hide the place text ``text``, or take it as another of the gazetteer's places, in article
    ``article_id`` (with a button for everywhere too) or everywhere (None)."""
    st.caption(f"Not a place? Hide “{text}”; nothing is deleted.")
    row = st.container(horizontal=True, gap="small")
    if article_id is not None:
        row.button("Hide in this article", key=f"{KEY}_{where}_hide_here", icon=":material/location_off:",
                   on_click=notices.guarded(_made), args=(where, "place_hide", text), kwargs={"article_id": article_id})
    row.button("Hide everywhere", key=f"{KEY}_{where}_hide_all", icon=":material/wrong_location:",
               help=f"Every place found as “{text}” leaves the map, the counts and the lists.",
               on_click=notices.guarded(_made), args=(where, "place_hide", text))
    st.caption(f"Another place? Pick which of the gazetteer's places “{text}” is.")
    lookup_col, choice_col = st.columns([1, 3])
    lookup = lookup_col.text_input("Look up", value=text, key=f"{KEY}_{where}_lookup_{text}",
                                   help="The gazetteer's places of this name; type another name to see its places "
                                        "(\"Gaza Strip\" for \"the Strip\").").strip()
    offered = cached.place_choices(lookup) if lookup else []
    chosen = choice_col.selectbox("It is", range(len(offered)), index=None, key=f"{KEY}_{where}_choice_{lookup}",
                                  format_func=lambda i: offered[i][0],
                                  placeholder="Pick a place…" if offered else "The gazetteer knows no such place")
    place = offered[chosen][1] if chosen is not None else None
    row = st.container(horizontal=True, gap="small")
    if article_id is not None:
        row.button("Use in this article", key=f"{KEY}_{where}_pick_here", icon=":material/where_to_vote:",
                   disabled=place is None, on_click=notices.guarded(_made), args=(where, "place_pick", text, place),
                   kwargs={"article_id": article_id})
    row.button("Use everywhere", key=f"{KEY}_{where}_pick_all", icon=":material/edit_location_alt:",
               disabled=place is None, on_click=notices.guarded(_made), args=(where, "place_pick", text, place))


def corrections_section() -> None:
    """The Data page's corrections: who made which and when, Undo, download as JSON, import a file."""
    st.subheader("Corrections")
    show_note("data")
    made = cached.corrections()
    if not made:
        st.caption("No corrections yet. Correct an actor under its profile on the Actors page, or a place "
                   "in the reader or on the Map page.")
    for c in list(reversed(made))[:LISTED]:
        what_col, who_col, undo_col = st.columns([4, 2, 1], vertical_alignment="center")
        what_col.markdown(("~~" if not c.in_force else "") + markdown.escape(f"#{c.id} {c.describe()}")
                          + ("~~" if not c.in_force else ""))
        when = f"{c.made_by}, {c.made_at:%Y-%m-%d %H:%M} UTC"
        who_col.caption(when if c.in_force else f"{when}; undone by {c.undone_by}")
        if c.in_force:
            undo_col.button("Undo", key=f"{KEY}_data_undo_{c.id}", icon=":material/undo:",
                            on_click=notices.guarded(_undo), args=("data", c.id))
    if len(made) > LISTED:
        st.caption(f"The {LISTED} newest of {len(made):,} shown; the download holds every one.")
    download_col, upload_col = st.columns(2)
    download_col.download_button("Download as JSON", to_json(made), file_name="dateline-corrections.json",
                                 mime="application/json", key=f"{KEY}_data_download", icon=":material/download:",
                                 on_click="ignore", disabled=not made,
                                 help="To share with a team: import it into another store of the same corpus.")
    with upload_col:
        upload = st.file_uploader("Import a corrections file", type=["json"], key=f"{KEY}_data_upload")
        st.button("Import", key=f"{KEY}_data_import", icon=":material/upload:", disabled=upload is None,
                  on_click=notices.guarded(_imported), args=(upload,))


def _imported(upload) -> None:
    """(The Import button's callback.) Add the corrections of the uploaded file."""
    try:
        n = cached.current_store().import_corrections(upload.getvalue(), name=upload.name)
    except StoreError as err:
        _note("data", "error", str(err))
        return
    cached.forget()
    _note("data", "undone" if not n else "done",
          f"{n} correction{'s' if n != 1 else ''} added from {upload.name}" + (" (the others were here already)."
                                                                               if not n else "."))
