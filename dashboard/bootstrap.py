"""First start: when the default store does not exist yet, fill it with the bundled sample
corpus (``data/seed`` and ``data/demo``), showing progress, so that ``streamlit run
dashboard/app.py`` opens on something to explore. Also the spaCy model as a shared resource.

spaCy (through ``components.corpus`` and ``components.nlp``) is imported only when a model is
loaded or an ingest runs, never on a page view."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import streamlit as st

from components import settings

from . import cached
from .ingest_bar import LOADING, IngestBar

#: The bundled sample corpus: the seed article and the fictional demo stories.
SAMPLE_DIRS = tuple(settings.PROJECT_ROOT / "data" / name for name in ("seed", "demo"))

#: Articles per store transaction while the sample store is built: the bar moves as each batch is
#: stored, and the whole sample (~40 articles) would otherwise be one batch.
SAMPLE_BATCH = 8

_lock = threading.Lock()


@st.cache_resource(show_spinner=LOADING)
def model():
    """The configured spaCy pipelines, one per language, loaded once per app process."""
    from components import nlp

    return nlp.load_pipelines()


def is_default_store(path: Path) -> bool:
    """Whether ``path`` is the store of the ``db`` setting's *default* (not one the user named
    with ``DATELINE_DB`` or picked on the Data page): only that one is filled automatically."""
    default = Path(str(settings.SETTINGS["db"].default)).expanduser().resolve()
    return path == default and settings.SETTINGS["db"].env_var not in os.environ


def unfinished_mark(path: Path) -> Path:
    """The file beside the store ``path`` that says its sample is not all in yet: made before
    the first article is stored, removed once the last one is."""
    return Path(str(path) + ".first-start")


def ensure_sample(path: Path) -> None:
    """Ingest the sample corpus into ``path`` if it is the default store and does not exist, or
    its sample was not all stored (a first start stopped part way: the browser tab closed or
    left, the server stopped), with a progress bar; the articles already stored are skipped. A
    second session arriving meanwhile says so and waits for the first, then takes over from
    where it stopped if it stopped."""
    mark = unfinished_mark(path)
    if (path.exists() and not mark.exists()) or not is_default_store(path):
        return
    sources = [str(p) for p in SAMPLE_DIRS if p.exists()]
    if not sources:
        return
    box = st.empty()
    if not _lock.acquire(blocking=False):
        box.info("The sample store is being built for another tab or window; this page opens when it is ready.",
                 icon=":material/hourglass_top:")
        _lock.acquire()
    try:
        if path.exists() and not mark.exists():
            box.empty()
            return
        with box.container():
            st.info("First start: building the sample store from the bundled corpus in `data/` "
                    "(the seed article and fictional demo stories). This takes less than a minute.")
            bar = IngestBar(sources)
            nlp = model()
            bar.analysing()
            from components import corpus

            mark.touch()
            report = corpus.ingest(sources, store=cached.store_for(str(path)), nlp=nlp, commit_every=SAMPLE_BATCH,
                                   on_file=bar.on_file, progress=bar.on_stored)
            mark.unlink(missing_ok=True)
            bar.finish(report.summary())
        box.empty()
    finally:
        _lock.release()
    st.toast(f"Sample corpus ready: {report.summary()}", icon=":material/check_circle:")
