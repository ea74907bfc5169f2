"""The Data page's ingest runner: uploaded files (read in memory) or a folder under the app's
ingest roots → :func:`components.corpus.ingest`, with a progress bar, and the run's report (summary
and per-file problems) kept for display."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import pandas as pd
import streamlit as st

from components import settings
from components.ingest import outside_roots
from components.store import StoreError

from . import bootstrap, cached, state
from .ingest_bar import IngestBar


def upload_limit_mb() -> int:
    """The largest file (or zip) the upload box takes, in MB: the ``max_file_mb`` setting, or
    Streamlit's ``server.maxUploadSize`` if that is smaller (the server refuses anything larger,
    whatever the box says)."""
    return max(1, min(int(settings.get("max_file_mb")), int(st.get_option("server.maxUploadSize"))))


def ingest_folder(typed: str, roots: Sequence[Path]) -> bool:
    """Ingest the folder or file ``typed`` on the Data page if it lies under one of ``roots``
    (resolved: no link or ``..`` gets out); otherwise an error naming the roots. Returns True when
    the ingest ran."""
    target = Path(typed).expanduser()
    if outside_roots(target, roots):  # checked first: says nothing about what exists elsewhere
        env = settings.SETTINGS["ingest_roots"].env_var
        st.error(f"{typed} is hidden or outside the folders this app reads from: {', '.join(str(r) for r in roots)}. "
                 f"Move the files under one of them, add a folder to {env}, or run "
                 "`python -m components ingest PATH` in a shell.", icon=":material/block:")
        return False
    if not target.exists():
        st.error(f"Nothing at {typed}")
        return False
    return run_ingest([str(target.resolve())])


def run_ingest(paths: Sequence[str], *, uploads: Sequence[tuple[str, bytes]] = ()) -> bool:
    """Ingest ``paths`` and ``uploads`` (``(name, content)`` pairs) into the current store with a
    progress bar; the report is stored under :data:`dashboard.state.LAST_INGEST` (summary line and
    a problems frame). Returns True when the ingest ran (False if the store could not be written)."""
    bar = IngestBar(paths, uploads)
    nlp = bootstrap.model()
    bar.analysing()
    try:
        from components import corpus  # imports spaCy: only when an ingest runs

        report = corpus.ingest(list(paths), uploads=list(uploads), store=cached.current_store(), nlp=nlp,
                               on_file=bar.on_file, progress=bar.on_stored)
    except StoreError as err:
        bar.empty()
        st.error(str(err))
        return False
    bar.finish()
    problems = pd.DataFrame([(p.origin, p.reason) for p in report.problems], columns=["file", "problem"])
    st.session_state[state.LAST_INGEST] = {"summary": report.summary(), "problems": problems}
    return True


def ingest_uploads(files: Sequence) -> bool:
    """Ingest uploaded files (Streamlit ``UploadedFile``s) from memory, each under its own name
    (``upload:<name>``); nothing is written to disk. Returns True when the ingest ran."""
    return run_ingest([], uploads=[(f.name, f.getvalue()) for f in files])


def show_last_report() -> None:
    """The last ingest's summary and its per-file problems table, if any."""
    last = st.session_state.get(state.LAST_INGEST)
    if not last:
        return
    st.success(last["summary"], icon=":material/check_circle:")
    if not last["problems"].empty:
        st.markdown("**Problems: files that could not be read, dates not used**")
        st.dataframe(last["problems"], hide_index=True, key="data_last_problems")
