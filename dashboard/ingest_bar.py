"""The progress bar of an ingest in the app: the first start's sample corpus
(:mod:`dashboard.bootstrap`) and the Data page's folders, files and uploads
(:mod:`dashboard.ingest_panel`) show the same bar, moving the way the CLI's does."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import streamlit as st
from tqdm import tqdm

from components.ingest import count_bytes, count_files, count_uploads

#: The bar's text while the language model loads (once per process).
LOADING = "Loading the language model…"
#: The bar's text once the model is loaded, until the first batch is stored.
ANALYSING = "Analysing the first articles (the bar moves as each batch is stored)…"


class IngestCount:
    """How far one ingest of ``paths`` (files and folders on the server) and ``uploads``
    (``(name, content)`` pairs) has come, as a bar shows it: :attr:`done` (0–1) and :attr:`text`.
    Paths move it through their bytes (:func:`components.ingest.count_bytes`; each stored batch
    moves it to how far the run had read: "256 articles stored; 86% of 614kB read"); uploads alone,
    by files ("Read 3 of 5 files (a.txt)"). Pass :meth:`on_file` and :meth:`on_stored` to
    :func:`components.corpus.ingest` (its ``on_file`` and ``progress``); for a re-extraction of
    stored articles (no paths), :meth:`on_total` and :meth:`on_reanalysed` to
    :func:`components.corpus.reextract` (its ``total`` and ``progress``). Plain numbers, so that an
    ingest running in a thread of its own can move it while pages draw it
    (:mod:`dashboard.ingest_panel`)."""

    def __init__(self, paths: Sequence[str], uploads: Sequence[tuple[str, bytes]] = ()) -> None:
        self.size = count_bytes(paths)
        self.files = 0 if self.size else max(1, count_files(paths) + count_uploads(uploads))
        self.read = self.stored = 0
        self.to_analyse = 0  # (a re-extraction's articles: :meth:`on_total`)
        self.done, self.text = 0.0, LOADING

    def _moved(self) -> None:
        """Called after every change of :attr:`done` or :attr:`text` (:class:`IngestBar` draws)."""

    def analysing(self) -> None:
        """Say the model is loaded and the first articles are being analysed."""
        self.done, self.text = 0.0, ANALYSING
        self._moved()

    def on_file(self, origin: str) -> None:
        """One more input file read (``origin``: its path or upload name)."""
        self.read += 1
        if not self.size:
            self.done = min(self.read / self.files, 1.0)
            self.text = f"Read {self.read:,} of {self.files:,} files ({Path(origin).name})"
            self._moved()

    def on_stored(self, articles: int, bytes_read: int) -> None:
        """A batch of ``articles`` stored, the run having read ``bytes_read`` bytes of the paths."""
        self.stored += articles
        if self.size:
            self.done = min(bytes_read / self.size, 1.0)
            size = tqdm.format_sizeof(self.size, "B", 1024)  # (as the CLI's bar writes sizes)
            self.text = f"{self.stored:,} articles stored; {self.done:.0%} of {size} read"
            self._moved()

    def on_total(self, articles: int) -> None:
        """A re-extraction (:func:`components.corpus.reextract`'s ``total``) has ``articles`` to analyse again."""
        self.to_analyse = articles
        self.text = f"Analysing {articles:,} stored article{'s' if articles != 1 else ''} again…"
        self._moved()

    def on_reanalysed(self, articles: int) -> None:
        """A batch of ``articles`` analysed again and stored (:func:`components.corpus.reextract`'s ``progress``)."""
        self.stored += articles
        self.done = min(self.stored / max(1, self.to_analyse), 1.0)
        self.text = f"{self.stored:,} of {self.to_analyse:,} articles analysed again"
        self._moved()

    def finish(self, text: str = "Done") -> None:
        """Full, saying ``text``."""
        self.done, self.text = 1.0, text
        self._moved()


class IngestBar(IngestCount):
    """An :class:`IngestCount` drawn as a Streamlit progress bar where it is made, moving as
    the ingest runs in the same script run (the first start's)."""

    def __init__(self, paths: Sequence[str], uploads: Sequence[tuple[str, bytes]] = ()) -> None:
        super().__init__(paths, uploads)
        self._bar = st.progress(self.done, text=self.text)

    def _moved(self) -> None:
        self._bar.progress(self.done, text=self.text)

    def empty(self) -> None:
        """Take the bar off the page."""
        self._bar.empty()
