"""Tags and notes on an article (the reader) or an actor (the actor profile): one call,
:func:`panel`, from the page.

Tags are a multiselect offering every tag in use, new ones typed in; notes are listed with who
wrote them and when, each with a delete button, under a box to write a new one. Everything an
analyst wrote is shown as text, never as markup (:func:`dashboard.markdown.escape`).
"""
from __future__ import annotations

import hashlib

import streamlit as st

from components.store import NoteRow

from . import cached, markdown, notices, on_demand

#: Prefix of every widget key of the panels (``wb_<what>_<digest of which>_…``).
PREFIX = "wb_"


def widget_key(what: str, which: str) -> str:
    """The key prefix of the panel of item (``what``, ``which``): stable, short, any name."""
    return f"{PREFIX}{what}_{hashlib.sha1(str(which).encode('utf-8')).hexdigest()[:12]}"


def read(what: str, which: str) -> tuple[list[str], list[NoteRow], list[str]]:
    """``(tags of the item, its notes, every tag in use)`` on the current store, cached until it
    is written."""
    return cached.stored("tags_of", what, which), cached.stored("notes_of", what, which), cached.stored("all_tags")


def note_markdown(text: str) -> str:
    """A note as markdown that shows exactly its text, line breaks kept."""
    return "  \n".join(markdown.escape(line) for line in str(text).splitlines()) or " "


@notices.guarded
def _set_tags(what: str, which: str, key: str) -> None:
    try:
        added, removed = cached.current_store().set_tags(what, which, st.session_state.get(key) or [])
    except ValueError as err:
        st.toast(str(err).capitalize() + ".", icon=":material/error:")
        st.session_state.pop(key + "_synced", None)  # show the stored tags again
        return
    if added or removed:
        said = [f"added {', '.join(added)}" if added else "", f"removed {', '.join(removed)}" if removed else ""]
        st.toast(markdown.escape("Tags: " + "; ".join(s for s in said if s)), icon=":material/sell:")


@notices.guarded
def _add_note(what: str, which: str, key: str) -> None:
    try:
        cached.current_store().add_note(what, which, st.session_state.get(key) or "")
    except ValueError as err:
        st.toast(str(err).capitalize() + ".", icon=":material/error:")
        return
    st.session_state[key] = ""


@notices.guarded
def _delete_note(note_id: str) -> None:
    if cached.current_store().delete_note(note_id):
        st.toast("Note deleted.", icon=":material/delete:")


def _sync_tags(key: str, tags: list[str]) -> None:
    """Set the tags widget from the store when the stored tags changed since it was last set
    (another session, an import), before the widget is created."""
    if st.session_state.get(key + "_synced") != tags:
        st.session_state[key] = list(tags)
        st.session_state[key + "_synced"] = list(tags)


def panel(what: str, which: str, *, label: str) -> None:
    """Tags and notes of the item (``what``: "article" or "actor"; ``which``: the article id or
    the actor's name), ``label`` naming it for the widgets ("this article")."""
    tags, notes, offered = read(what, which)
    key = widget_key(what, which)
    _sync_tags(key + "_tags", tags)
    st.multiselect(f"Tags on {label}", sorted(set(offered) | set(tags), key=str.casefold), key=key + "_tags",
                   accept_new_options=True, on_change=_set_tags, args=(what, which, key + "_tags"),
                   placeholder="Pick a tag, or type a new one",
                   help="Your labels; the sidebar's Tags filter shows what carries them")
    for note in notes:
        with st.container(border=True):
            st.markdown(note_markdown(note.text))
            when, del_col = st.columns([5, 1], vertical_alignment="center")
            when.caption(markdown.escape(f"{note.written_by} · {note.written_at:%Y-%m-%d %H:%M} UTC"))
            del_col.button("Delete", key=f"{key}_del_{note.note_id}", on_click=_delete_note,
                           args=(note.note_id,), icon=":material/delete:", type="tertiary")
    st.text_area(f"Note on {label}", key=key + "_note", height=80, placeholder="Write a note…",
                 label_visibility="collapsed")
    st.button("Add note", key=key + "_add", on_click=_add_note, args=(what, which, key + "_note"),
              icon=":material/note_add:")


def summary(tags: list[str], notes: list[NoteRow]) -> str:
    """The section's title: "Tags and notes", with the tags and the number of notes when any."""
    parts = ([", ".join(tags)] if tags else []) + ([f"{len(notes)} note{'' if len(notes) == 1 else 's'}"]
                                                   if notes else [])
    return "Tags and notes" + (": " + " · ".join(parts) if parts else "")


def section(what: str, which: str, *, label: str) -> None:
    """:func:`panel` in an expander whose title shows the item's tags and how many notes it has;
    the panel is made only while the expander is open."""
    tags, notes, _ = read(what, which)
    box = on_demand.expander(markdown.escape(summary(tags, notes)), key=widget_key(what, which) + "_box",
                             icon=":material/sell:")
    if box:
        with box:
            panel(what, which, label=label)
