"""The Data page's ingest runner: uploaded files (read in memory) or a folder under the app's
ingest roots → :func:`components.corpus.ingest` (or the stored articles an older model or older
rules analysed → :func:`components.corpus.reextract`), in a thread of the server of its own (an
:class:`IngestJob`), so that going to another page, closing the tab or starting another session
does not stop it (a page's own run is stopped as the analyst leaves it); the Data page shows its
bar while it runs, and the run's report (summary and per-file problems) once it ends."""
from __future__ import annotations

import itertools
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import pandas as pd
import streamlit as st

from components import settings
from components.ingest import outside_roots
from components.store import Store, StoreError

from . import state
from .ingest_bar import LOADING, IngestCount

log = logging.getLogger(__name__)
#: Seconds between two redraws of a running ingest's bar.
REDRAW_S = 1.0
#: The session's key of the ingest it started or saw running (its :attr:`IngestJob.number`):
#: its report is shown there once it ends.
WATCHED = "ingest_watched"


@dataclass
class IngestJob:
    """One ingest into the store ``store`` (its path), run by a thread of the server.

    count: how far it has come (the bar). report: once it ended, the
    :class:`components.corpus.IngestReport` (or a re-extraction's :class:`Reanalysed`), or
    ``error``: a line saying why it stopped. number: unique per process."""

    store: str
    count: IngestCount
    number: int = field(default_factory=itertools.count(1).__next__)
    report: object | None = None
    error: str | None = None
    thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        """Whether its thread still runs."""
        return self.thread is not None and self.thread.is_alive()


#: What a job's thread runs once the model is loaded: ``work(job, pipelines)`` → its report.
Work = Callable[[IngestJob, Any], object]

_jobs: dict[str, IngestJob] = {}  # store path → its last ingest (one at a time per store)
_jobs_lock = threading.Lock()
#: Held by the ingest that runs: ingests into different stores take turns, as they share the
#: process's spaCy pipelines (and its CPUs).
_running = threading.Lock()


def job_for(store: str | Path) -> IngestJob | None:
    """The last ingest started into the store at ``store`` in this server (running or ended), or None."""
    return _jobs.get(str(store))


def busy(store: str | Path) -> bool:
    """Whether an ingest into the store at ``store`` is running."""
    job = job_for(store)
    return job is not None and job.running


def upload_limit_mb() -> int:
    """The largest file (or zip) the upload box takes, in MB: the ``max_file_mb`` setting, or
    Streamlit's ``server.maxUploadSize`` if that is smaller (the server refuses anything larger,
    whatever the box says)."""
    return max(1, min(int(settings.get("max_file_mb")), int(st.get_option("server.maxUploadSize"))))


def ingest_folder(typed: str, roots: Sequence[Path]) -> bool:
    """Ingest the folder or file ``typed`` on the Data page if it lies under one of ``roots``
    (resolved: no link or ``..`` gets out); otherwise an error naming the roots. Returns True when
    the ingest started."""
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


@dataclass(frozen=True)
class Reanalysed:
    """What a re-extraction started on the Data page reports, as an ingest's report does: its
    :meth:`summary` and (none) ``problems``. articles: how many were analysed again."""

    articles: int
    problems: tuple = ()

    def summary(self) -> str:
        """One line for the page."""
        if not self.articles:
            return "Every article was up to date: none was analysed again."
        return (f"{self.articles:,} article{'s' if self.articles != 1 else ''} analysed again by this Dateline's "
                "model and rules; the actors were rebuilt.")


def run_ingest(paths: Sequence[str], *, uploads: Sequence[tuple[str, bytes]] = ()) -> bool:
    """Start ingesting ``paths`` and ``uploads`` (``(name, content)`` pairs) into the current store
    in a thread of its own (:class:`IngestJob`), which loads the model first (once per process);
    the page shows its bar and then its report (:func:`follow`). Returns True when it started
    (False, saying why, while another ingest into the store runs)."""
    def ingest(job: IngestJob, pipelines) -> object:
        from components import corpus

        return corpus.ingest(paths, uploads=uploads, store=Store(job.store), nlp=pipelines,
                             on_file=job.count.on_file, progress=job.count.on_stored)

    return _start(IngestCount(paths, uploads), ingest)


def run_reextract() -> bool:
    """Start analysing again, in a thread of its own, the current store's articles that another
    version of the model or rules analysed (:func:`components.corpus.reextract`: the ``reextract``
    command), as :func:`run_ingest` runs an ingest: the same bar, then a :class:`Reanalysed`
    report. Returns True when it started."""
    def reextract(job: IngestJob, pipelines) -> Reanalysed:
        from components import corpus

        return Reanalysed(corpus.reextract(store=Store(job.store), nlp=pipelines, total=job.count.on_total,
                                           progress=job.count.on_reanalysed))

    return _start(IngestCount([]), reextract)


def _start(count: IngestCount, work: Work) -> bool:
    """Start ``work(job, pipelines)`` (an ingest or a re-extraction into the current store, which
    returns its report) in a thread of its own, its bar moved through ``count``; False, saying
    why, while another ingest into the store runs."""
    store = str(state.db_path())
    with _jobs_lock:
        if busy(store):
            st.warning("An ingest into this store is already running (from this or another tab): its bar is "
                       "below; start this one when it has ended.", icon=":material/hourglass_top:")
            return False
        if _running.locked():
            count.text = "Waiting for the ingest into another store to end…"
        job = _jobs[store] = IngestJob(store=store, count=count)
        job.thread = threading.Thread(target=_run, args=(job, work), name=f"dateline-ingest-{job.number}",
                                      daemon=True)
        job.thread.start()
    st.session_state[WATCHED] = job.number
    return True


def _run(job: IngestJob, work: Work) -> None:
    """The job's thread: the model (loaded once per process, as the first start's), then
    ``work`` (see :func:`_start`), its report or why it stopped kept in ``job``."""
    try:
        from components import nlp  # imports spaCy: only when an ingest runs

        with _running:  # (the bar says it waits: see _start)
            job.count.text = LOADING
            pipelines = nlp.load_pipelines()
            job.count.analysing()
            job.report = work(job, pipelines)
        job.count.finish()
    except (StoreError, settings.SettingError) as err:  # (a missing model says how to install it)
        job.error = str(err)
    except Exception as err:  # noqa: BLE001 - said in a line on the page, the traceback in the log
        log.exception("The ingest into %s stopped", job.store)
        job.error = (f"The ingest stopped ({type(err).__name__}); what it stored is kept, and ingesting the "
                     "same files again goes on from there. The details are in the server log.")


def follow() -> None:
    """The current store's ingest on the Data page: its bar, redrawn every :data:`REDRAW_S`
    seconds while it runs (then the page is drawn again, with the new articles); once it has
    ended, its report, in the session that started it or saw it run."""
    job = job_for(state.db_path())
    if job is None:
        return
    if job.running:
        st.session_state[WATCHED] = job.number
        _moving(job)
    elif st.session_state.get(WATCHED) == job.number:
        del st.session_state[WATCHED]
        if job.error:
            st.session_state[state.LAST_INGEST] = None
            st.error(job.error, icon=":material/error:")
            return
        problems = pd.DataFrame([(p.origin, p.reason) for p in job.report.problems], columns=["file", "problem"])
        st.session_state[state.LAST_INGEST] = {"summary": job.report.summary(), "problems": problems}


def sidebar_note() -> None:
    """A line under the sidebar while an ingest into the current store runs (on every page),
    redrawn every :data:`REDRAW_S` seconds: how far it has come, a button that draws the page
    again with the articles stored since it was drawn, and the whole page drawn again once the
    ingest ends (so the views end up showing everything it stored)."""
    job = job_for(state.db_path())
    if job is not None and job.running:
        _sidebar_moving(job, job.count.stored)


@st.fragment(run_every=REDRAW_S)
def _sidebar_moving(job: IngestJob, shown: int) -> None:
    """The sidebar's line on the running ``job``; ``shown``: the articles it had stored when the
    page was drawn."""
    if not job.running:
        st.rerun()
    st.caption(f"An ingest is running ({job.count.text[:1].lower() + job.count.text[1:]}). Its bar is on "
               "the Data page; this page is drawn again when it ends.")
    new = job.count.stored - shown
    if new > 0 and st.button(f"Show the {new:,} articles stored since", key="ingest_show_new",
                             icon=":material/refresh:"):
        st.rerun()


@st.fragment(run_every=REDRAW_S)
def _moving(job: IngestJob) -> None:
    """The bar of the running ``job``; the whole page again once it has ended."""
    if job.running:
        st.progress(job.count.done, text=job.count.text)
        st.caption("It goes on if you leave this page or close the tab; the other pages show its "
                   "articles as they are stored.")
    else:
        st.rerun()


def ingest_uploads(files: Sequence) -> bool:
    """Ingest uploaded files (Streamlit ``UploadedFile``s) from memory, each under its own name
    (``upload:<name>``); nothing is written to disk. Returns True when the ingest started."""
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
