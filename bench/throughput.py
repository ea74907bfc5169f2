"""Throughput of ``extract`` against bare ``nlp.pipe``, side by side in one run, on the same
texts (../shared/eval/bbc/all.jsonl) with the same model and batch size. Words are counted as
``len(text.split())``. A benchmark: prints figures, never fails on a time.

With ``--workers N`` (N > 1) both run in N spawned spaCy processes (``n_process``); the peak
memory is then printed for the parent and for the largest worker (each worker loads the model, and
the gazetteer when it runs the rules).

usage: python bench/throughput.py [--limit N] [--batch-size 64] [--rounds 1] [--workers 1] [--data PATH]
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import sys
import threading
import time
from pathlib import Path

from components.extraction import extract_articles
from components.ingest import read_paths
from components.nlp import load_model
from components.records import Article

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "eval" / "bbc" / "all.jsonl"


class WorkerMemory:
    """Samples, twice a second while running, the resident memory of this process's children (the
    spaCy workers) from /proc; :attr:`peak_mb` is the largest one seen. (``getrusage`` cannot
    tell: a spawned child's peak counts the parent's memory it shared before ``exec``.)"""

    def __init__(self) -> None:
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "WorkerMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = str(os.getpid())
        while not self._stop.wait(0.5):
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    fields = stat.read_text().rsplit(")", 1)[1].split()
                    if fields[1] == me:                      # ppid
                        rss_pages = int((stat.parent / "statm").read_text().split()[1])
                        self.peak_mb = max(self.peak_mb, rss_pages * os.sysconf("SC_PAGE_SIZE") / 2**20)
                except (OSError, IndexError, ValueError):
                    continue


def parse_only(nlp) -> list[str]:
    """The pipes that are not the model's own (Dateline's rule steps, if the pipeline holds them)."""
    return [name for name in nlp.pipe_names if name.startswith("dateline_")]


def bare(nlp, texts, batch_size, workers) -> float:
    """Seconds for nlp.pipe over ``texts`` with the model's own pipes only, consuming every Doc."""
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=workers, disable=parse_only(nlp)):
        pass
    return time.perf_counter() - t


def full(nlp, articles, batch_size, workers) -> float:
    """Seconds for the extract path over ``articles``, including the contract JSON encoding."""
    t = time.perf_counter()
    for ex in extract_articles(articles, nlp=nlp, batch_size=batch_size, workers=workers):
        json.dumps(ex.to_contract(), ensure_ascii=False)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="first N BBC articles (default: all 2,225)")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--rounds", type=int, default=1, help="alternate bare/extract this many times")
    ap.add_argument("--data", type=Path, default=BBC, help=f"the articles, JSONL (default: {BBC})")
    ap.add_argument("--workers", type=int, default=1, help="spaCy processes (n_process) for both")
    a = ap.parse_args()
    if not a.data.exists():
        print(f"no BBC data at {a.data} (pass --data)", file=sys.stderr)
        return 2
    articles = [x for x in read_paths([a.data]) if isinstance(x, Article)][: a.limit]
    texts = [x.text for x in articles]
    words = sum(x.n_words for x in articles)
    nlp = load_model()
    if a.workers > 1:
        multiprocessing.set_start_method("spawn", force=True)   # as extract does
    # Warm-up: load the model's and the rule steps' lazy resources (gazetteer index…) once.
    list(extract_articles(articles[:5], nlp=nlp, batch_size=a.batch_size))
    t_bare = t_full = 0.0
    with WorkerMemory() as bare_workers:
        for _ in range(a.rounds):
            t_bare += bare(nlp, texts, a.batch_size, a.workers)
    with WorkerMemory() as full_workers:
        for _ in range(a.rounds):
            t_full += full(nlp, articles, a.batch_size, a.workers)
    wps_bare = words * a.rounds / t_bare
    wps_full = words * a.rounds / t_full
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"texts={len(texts)} words={words:,} batch_size={a.batch_size} rounds={a.rounds} workers={a.workers} "
          f"model={nlp.meta['name']}")
    print(f"bare nlp.pipe : {wps_bare:8.0f} words/s ({t_bare:.1f} s)")
    print(f"extract       : {wps_full:8.0f} words/s ({t_full:.1f} s)")
    workers = (f"; largest worker {bare_workers.peak_mb:.0f} MB (bare), {full_workers.peak_mb:.0f} MB (extract)"
               if a.workers > 1 else "")
    print(f"ratio extract/bare = {wps_full / wps_bare:.3f}   peak RSS {rss:.0f} MB{workers}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
