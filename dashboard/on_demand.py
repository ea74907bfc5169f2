"""Boxes whose contents are made only while they are open.

A page opened by a link draws everything it makes at once: in Chromium at a million articles
each table costs ~0.1 s to draw and each widget a little. What sits in a closed expander or a tab
not shown is made only once the analyst opens it: opening reruns the page (its queries come from
the cache), and the contents appear.
"""
from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator


def expander(label: str, *, key: str, icon: str | None = None) -> DeltaGenerator | None:
    """An ``st.expander`` whose contents the caller makes only while it is open.

    label: its title (it may change between runs, say with a count in it: the new expander then
        opens as the last one was left, as Streamlit would otherwise take it for a new one, closed).
    key: its widget key, unique on the page.
    icon: a Material icon (``":material/edit:"``).
    Returns the expander to write into (``with box:``) when open, None when closed."""
    was_open = f"{key}_was_open"
    box = st.expander(label, key=key, icon=icon, on_change="rerun", expanded=st.session_state.get(was_open, False))
    st.session_state[was_open] = box.open
    return box if box.open else None
