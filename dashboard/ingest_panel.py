"""The Data page's ingest runner: files or a folder → :func:`components.corpus.ingest`, with a
progress bar, and the run's report (summary and per-file problems) kept for display."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Sequence

import pandas as pd
import streamlit as st

from components import corpus
from components.ingest import count_files
from components.store import StoreError

from . import bootstrap, queries, state


def run_ingest(paths: Sequence[str], *, shown_root: Path | None = None) -> bool:
    """Ingest ``paths`` into the current store with a progress bar; the report is stored under
    :data:`dashboard.state.LAST_INGEST` (summary line and a problems frame).

    shown_root: a folder whose path is cut from the file names shown (an upload's temporary
        folder, which means nothing to the user).
    Returns True when the ingest ran (False if the store stayed locked)."""
    total = max(1, count_files(paths))
    bar = st.progress(0.0, text="Loading the language model…")
    nlp = bootstrap.model()
    read = 0

    def on_file(origin: str) -> None:
        nonlocal read
        read += 1
        bar.progress(min(read / total, 1.0), text=f"Read {read:,} of {total:,} files ({Path(origin).name})")

    try:
        report = corpus.ingest(list(paths), store=queries.current_store(), nlp=nlp, on_file=on_file)
    except StoreError as err:
        bar.empty()
        st.error(str(err))
        return False
    bar.progress(1.0, text="Done")

    def shown(origin: str) -> str:
        if shown_root and origin.startswith(str(shown_root)):
            return origin[len(str(shown_root)):].lstrip("/\\")
        return origin

    problems = pd.DataFrame([(shown(p.origin), p.reason) for p in report.problems], columns=["file", "problem"])
    st.session_state[state.LAST_INGEST] = {"summary": report.summary(), "problems": problems}
    return True


def ingest_uploads(files: Sequence) -> bool:
    """Save uploaded files (Streamlit ``UploadedFile``s) to a temporary folder, ingest it, and
    remove the folder. Returns True when the ingest ran."""
    folder = Path(tempfile.mkdtemp(prefix="dateline-upload-"))
    try:
        for i, upload in enumerate(files):
            name = Path(upload.name).name or f"upload-{i}"
            target = folder / name
            if target.exists():
                target = folder / f"{i}-{name}"
            target.write_bytes(upload.getbuffer())
        return run_ingest([str(folder)], shown_root=folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def show_last_report() -> None:
    """The last ingest's summary and its per-file problems table, if any."""
    last = st.session_state.get(state.LAST_INGEST)
    if not last:
        return
    st.success(last["summary"], icon=":material/check_circle:")
    if not last["problems"].empty:
        st.markdown("**Files that could not be read**")
        st.dataframe(last["problems"], hide_index=True, key="data_last_problems")
