"""The analyst's kept work in the app: saved views in the sidebar, the Data page's download and
import of the kept-work file (saved views, tags and notes), and the co-occurrence network's
downloads for Gephi (GEXF, GraphML).

A saved view is a named Filter and the page it was saved on (:mod:`components.workbench`).
Opening one sets the Filter and goes to its page exactly as a copied link would: the Filter
through :func:`dashboard.state.set_filter` (so the URL follows), the page with :func:`dashboard.state.switch_page`.
"""
from __future__ import annotations

import streamlit as st

from components import workbench
from components.store import StoreOutdated, ViewExists

from . import cached, downloads, markdown, notices, state
from .routes import PAGES

#: Session keys: the name typed to save the view as, and a save waiting for the analyst to
#: confirm replacing a view of the same name ``(name, Filter, page)``.
VIEW_NAME = "wb_view_name"
PENDING_REPLACE = "wb_view_pending"
#: Key prefix of the buttons that open a saved view (``wb_open_<name>``).
OPEN_PREFIX = "wb_open_"


def saved_views() -> list[workbench.SavedView]:
    """The current store's saved views, read once until the store is written."""
    return workbench.views_of(cached.stored("saved_views"))


def page_title(url_path: str) -> str:
    """The title of the page at ``url_path`` ("" is the first page); the path itself if no page has it."""
    if not url_path:
        return PAGES[0][1]
    return next((title for _, title, url in PAGES if url == url_path), url_path)


def page_file(url_path: str) -> str | None:
    """The script of the page at ``url_path`` ("" is the first page), or None if no page has it."""
    if not url_path:
        return PAGES[0][0]
    return next((file for file, _, url in PAGES if url == url_path), None)


def _save(f, page: str, *, replace: bool) -> None:
    """Save ``f`` seen on ``page`` under the typed name; a taken name waits for confirmation."""
    name = st.session_state.get(VIEW_NAME) or ""
    try:
        saved = workbench.save_view(cached.current_store(), name, f, page, replace=replace)
    except ViewExists:
        st.session_state[PENDING_REPLACE] = (name, f, page)
        return
    except ValueError as err:
        st.toast(str(err).capitalize() + ".", icon=":material/error:")
        return
    st.session_state[PENDING_REPLACE] = None
    st.session_state[VIEW_NAME] = ""
    st.toast(f"View “{markdown.escape(saved)}” saved.", icon=":material/bookmark_added:")


@notices.guarded
def _save_current(page: str) -> None:
    _save(state.get_filter(), page, replace=False)


@notices.guarded
def _replace_pending() -> None:
    pending = st.session_state.get(PENDING_REPLACE)
    if pending:
        name, f, page = pending
        st.session_state[VIEW_NAME] = name
        _save(f, page, replace=True)


@notices.guarded
def _cancel_pending() -> None:
    st.session_state[PENDING_REPLACE] = None


@notices.guarded
def _delete(name: str) -> None:
    if cached.current_store().delete_view(name):
        st.toast(f"View “{markdown.escape(name)}” deleted.", icon=":material/delete:")


def open_view(view: workbench.SavedView) -> None:
    """Make ``view``'s Filter the current one and go to its page (as its link would)."""
    state.set_filter(view.filter)
    target = page_file(view.page)
    if target:
        state.switch_page(target)
    st.rerun()


def _view_help(view: workbench.SavedView) -> str:
    return markdown.escape(f"{view.describe()} — {page_title(view.page)} page, saved by {view.saved_by} "
                           f"on {view.saved_at:%Y-%m-%d %H:%M} UTC")


def sidebar(page: str) -> None:
    """Draw the sidebar's "Saved views": one button per view (opens it), and "Save this view"
    (a name and a button) for the current Filter on ``page`` (the current page's URL path).
    Nothing for a store that needs an upgrade (the page offers it)."""
    try:
        views = saved_views()
    except StoreOutdated:
        return
    with st.sidebar:
        st.subheader("Saved views")
        if not views:
            st.caption("None yet: name this view below to come back to it.")
        for view in views:
            if st.button(markdown.escape(view.name), key=OPEN_PREFIX + view.name, icon=":material/bookmark:",
                         help=_view_help(view), width="stretch"):
                open_view(view)
        st.text_input("Save this view as", key=VIEW_NAME, placeholder="a name for this filter and page",
                      max_chars=workbench.MAX_NAME)
        pending = st.session_state.get(PENDING_REPLACE)
        if pending:
            st.warning(f"A view named “{markdown.escape(pending[0])}” exists. Replace it with this one?",
                       icon=":material/warning:")
            yes, no = st.columns(2)
            yes.button("Replace", key="wb_view_replace", on_click=_replace_pending, type="primary")
            no.button("Cancel", key="wb_view_cancel", on_click=_cancel_pending)
        else:
            st.button("Save this view", key="wb_view_save", on_click=_save_current, args=(page,),
                      icon=":material/bookmark_add:", width="stretch")
        if views:
            with st.popover("Delete a saved view", icon=":material/delete:", width="stretch"):
                doomed = st.selectbox("Saved view", [v.name for v in views], key="wb_view_doomed")
                st.button("Delete", key="wb_view_delete", on_click=_delete, args=(doomed,),
                          icon=":material/delete:")


def _import_upload(upload) -> None:
    """Import the uploaded kept-work file into the current store and say what it did."""
    try:
        counts = workbench.import_work(cached.current_store(), upload.getvalue())
    except ValueError as err:
        st.error(f"{upload.name}: {err}", icon=":material/error:")
        return
    st.success(f"{upload.name}: {workbench.import_summary(counts)}.", icon=":material/check:")


def data_section() -> None:
    """The Data page's "Your saved views, tags and notes": download them as one JSON file, or
    import such a file (what is here already stays; importing twice adds nothing)."""
    st.subheader("Your saved views, tags and notes")
    st.caption("One JSON file to keep or share with your team (`python -m components work export FILE` "
               "writes the same). Importing adds what is new and keeps what is here, so importing a "
               "file twice adds nothing.")
    store = cached.current_store()
    down, up = st.columns(2)
    with down:
        st.download_button("Download (JSON)", lambda: workbench.export_work(store),
                           file_name=downloads.file_name("work", "json"), mime="application/json",
                           key="wb_work_download", icon=":material/download:", on_click="ignore")
    with up:
        upload = st.file_uploader("Import a work file", type=["json"], key="wb_work_upload")
        if st.button("Import", key="wb_work_import", disabled=upload is None, icon=":material/upload:"):
            _import_upload(upload)


def network_downloads(edges, actors, *, key: str) -> None:
    """GEXF and GraphML downloads of the co-occurrence network drawn from ``edges`` and ``actors``
    (the frames given to :func:`components.charts.network`), for Gephi and other network tools;
    the files are made on click."""
    from components import charts

    def make(kind: str):
        def build() -> bytes:
            from components import export

            return getattr(export, f"graph_{kind}")(charts.network_graph(edges, actors))
        return build

    row = st.container(horizontal=True, gap="small", width="content")
    row.download_button("GEXF (Gephi)", make("gexf"), file_name=downloads.file_name("actor-network", "gexf"),
                        mime="application/xml", key=f"{key}_dl_gexf", icon=":material/hub:", on_click="ignore",
                        width="content", help="The network for Gephi: actors with type, mentions, community "
                                              "and position; links weighted by shared articles")
    row.download_button("GraphML", make("graphml"), file_name=downloads.file_name("actor-network", "graphml"),
                        mime="application/xml", key=f"{key}_dl_graphml", icon=":material/hub:", on_click="ignore",
                        width="content", help="The same network for Cytoscape, yEd, networkx or igraph")
