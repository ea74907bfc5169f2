"""Data: the store being shown (switch it), ingest files, zips or a folder, the ingest history and
the analysts' corrections."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from components import query, settings
from components.filters import Filter
from components.store import Store, StoreError
from dashboard import cached, corrections_panel, ingest_panel, linked_charts, notices, state, versions, workbench

KEY = "data"

st.title("Data")

# --- the store ---
path = state.db_path()
st.subheader("Store")
st.text(str(path))
running = ingest_panel.busy(path)  # (one ingest at a time per store: its bar is below)


def store_summary(running: bool, redrawn: bool) -> None:
    """The store's row counts (and the articles of languages not analysed, or analysed by an
    older pipeline); ``running``: an ingest into the store runs; ``redrawn``: this is drawn again
    every second (then, once the versions are found and no ingest runs, the page once more)."""
    summary: dict | None = None
    with notices.store_errors():
        summary = cached.summary()
    if summary:
        shown = ("articles", "entities", "places", "quotes", "actors")
        for col, name in zip(st.columns(len(shown)), shown):
            col.metric(name.capitalize(), f"{summary.get(name, 0):,}")
        passed_over = cached.not_analysed(Filter())
        if passed_over:
            st.caption(query.other_languages_note(passed_over).capitalize()
                       + " (" + ", ".join(f"{lang}: {n:,}" for lang, n in passed_over.items()) + ").")
        current = versions.installed()  # (None while being found: then the store's latest stand in)
        found = cached.run("extraction_versions", installed=tuple(sorted(current.items())) if current else None)
        older = query.older_versions_note(found, str(path), installed=current is not None)
        if older:
            st.warning(older, icon=":material/history:")
            if st.button("Analyse them again here", key=f"{KEY}_reextract", disabled=running,
                         icon=":material/refresh:", help="Runs in the server, as an ingest does: its bar is "
                         "below, and leaving the page does not stop it."):
                if ingest_panel.run_reextract():
                    st.rerun()  # the page again: its bar, the buttons held until it ends
        with st.expander("Rows per table"):
            st.dataframe({"table": list(summary), "rows": list(summary.values())}, hide_index=True,
                         key=f"{KEY}_summary")
    elif summary is not None:
        st.info("This store does not exist yet: it is created by the first ingest below.",
                icon=":material/inbox:")
    if redrawn and not running and not versions.pending():
        st.rerun()  # the versions are found: the page once more, no longer redrawn every second


versions.start()  # (this Dateline's pipeline versions, found by a process of its own)
# Drawn again every second while an ingest runs (the store grows), or until the versions are found.
redrawn = running or versions.pending()
st.fragment(store_summary, run_every=ingest_panel.REDRAW_S if redrawn else None)(running, redrawn)

stores = sorted({str(p.resolve()) for p in (settings.PROJECT_ROOT / "data").glob("*.duckdb")} | {str(path)})
with st.form(f"{KEY}_switch", border=True):
    st.markdown("**Switch store**")
    picked = st.selectbox("Stores in data/", stores, index=stores.index(str(path)), key=f"{KEY}_store_pick")
    typed = st.text_input("…or a path to a DuckDB file (created on first ingest)", key=f"{KEY}_store_path",
                          placeholder="/path/to/corpus.duckdb")
    if st.form_submit_button("Open", icon=":material/folder_open:"):
        target = typed.strip() or picked
        try:
            Store(Path(target).expanduser()).check()
        except StoreError as err:  # a folder, not a DuckDB file, another program's database…
            st.error(str(err), icon=":material/error:")
        else:
            state.set_db_path(target)
            st.rerun()

# --- ingest ---
st.subheader("Add articles")
st.caption("Text, HTML (.mhtml too), e-mail (.eml, Outlook .msg), JSON/JSONL, CSV, Excel (.xlsx, .xls), "
           "Word (.docx, .doc), LibreOffice (.odt), RTF or PDF "
           "files, RSS/Atom feeds and agencies' XML (NITF, NewsML-G2), exports of LexisNexis, Nexis Uni and "
           "Factiva (a story each), gzipped too (.jsonl.gz), or zip and tar archives of them (.zip, .tar.gz…). "
           "Articles already in the store are skipped; files that cannot be read are listed with the reason.")
upload_col, folder_col = st.columns(2)
with upload_col:
    uploads = st.file_uploader("Upload files or archives", accept_multiple_files=True, key=f"{KEY}_uploads",
                               max_upload_size=ingest_panel.upload_limit_mb(),
                               help="Read in memory and recorded under their own names (`upload:name.txt`). "
                                    "A larger file or archive: put it in a folder and ingest the folder.")
    if st.button("Ingest uploaded files", key=f"{KEY}_ingest_uploads", disabled=not uploads or running,
                 icon=":material/upload:"):
        if ingest_panel.ingest_uploads(uploads):
            st.rerun()  # the page again: its bar, the buttons held until it ends
with folder_col:
    roots = settings.paths("ingest_roots")
    folder = st.text_input("Folder or file on this machine", key=f"{KEY}_folder",
                           placeholder="/path/to/articles",
                           help="Only under " + ", ".join(f"`{r}`" for r in roots) + " (setting "
                                f"`{settings.SETTINGS['ingest_roots'].env_var}`).")
    if st.button("Ingest folder", key=f"{KEY}_ingest_folder", disabled=not folder.strip() or running,
                 icon=":material/folder:"):
        if ingest_panel.ingest_folder(folder.strip(), roots):
            st.rerun()
ingest_panel.follow()
ingest_panel.show_last_report()

# --- history ---
st.subheader("Ingest history")
with notices.store_errors():
    runs, problems = cached.ingest_history(limit=20)
    if runs.empty:
        st.caption("No ingest runs recorded in this store yet.")
    else:
        linked_charts.table(runs, key=f"{KEY}_runs", file="ingest-runs")
        if not problems.empty:
            st.markdown("**Problems reported by these runs**")
            linked_charts.table(problems, key=f"{KEY}_problems", file="ingest-problems")

workbench.data_section()

# --- corrections ---
with notices.store_errors():
    corrections_panel.corrections_section()
