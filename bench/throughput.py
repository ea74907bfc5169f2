"""Throughput of ``extract`` against bare ``nlp.pipe``, side by side in one run, on the same
texts (../shared/eval/bbc/all.jsonl) with the same batch size. "Bare" is the model as spaCy
loads it, its full default pipeline (``spacy.load(model)``: every pipe, nothing replaced, no rule
step); ``extract`` is Dateline's whole path (its pipeline with the rule steps, the language
routing, the records and their JSON encoding). Words are counted as ``len(text.split())``.
A benchmark: prints figures, never fails on a time. For each number of workers it prints how
busy the CPUs were and how much of their time the host took (:mod:`machine`; with N workers on
N free CPUs, ~100% busy and ~0% taken); the load average (1 minute) is printed before and after
too, though on a virtual machine it counts more than work for the CPUs.

With ``--workers N`` (N > 1) both also run in N spawned spaCy processes (``n_process``), and the
speed-up of N processes over one is printed for each, then the machine's own speed-up of N
processes on fixed pieces of work (:func:`machine.machine_scaling`: what caps any program's);
the peak memory is printed for the parent and for the largest worker. For each run the parent's
CPU seconds (``getrusage(RUSAGE_SELF)``, user + system, less this script's memory sampler) are
printed, in all and per 1,000 articles: with
N processes, what the parent does while the workers parse (sending texts, reading results,
building records and JSON); CPU time barely changes with the machine's load, unlike wall time.

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

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # (this checkout's Dateline, not an installed one)
from components.extraction import extract_articles  # noqa: E402
from components import settings  # noqa: E402
from components.ingest import read_paths  # noqa: E402
from components.nlp import load_pipelines  # noqa: E402
from components.records import Article  # noqa: E402
from machine import CpuUse, machine_scaling, machine_speed  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "eval" / "bbc" / "all.jsonl"


class WorkerMemory:
    """Samples, twice a second while running, the resident memory of this process's children (the
    spaCy workers) from /proc; :attr:`peak_mb` is the largest one seen. (``getrusage`` cannot
    tell: a spawned child's peak counts the parent's memory it shared before ``exec``.)"""

    def __init__(self) -> None:
        self.peak_mb = 0.0
        self.cpu_s = 0.0   # CPU seconds the sampling thread used (not the measured work's)
        self._stop = threading.Event()

    def __enter__(self) -> "WorkerMemory":
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, daemon=True)
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
        self.cpu_s += time.thread_time()


def parent_cpu() -> float:
    """CPU seconds (user + system) this process has used so far (its children not counted)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def bare(nlp, texts, batch_size, workers) -> tuple[float, float]:
    """(seconds, parent CPU seconds) for ``nlp.pipe`` over ``texts`` (every pipe of ``nlp``),
    consuming every Doc."""
    t, cpu = time.perf_counter(), parent_cpu()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=workers):
        pass
    return time.perf_counter() - t, parent_cpu() - cpu


def full(nlp, articles, batch_size, workers) -> tuple[float, float]:
    """(seconds, parent CPU seconds) for the extract path over ``articles``, including the
    contract JSON encoding."""
    t, cpu = time.perf_counter(), parent_cpu()
    for ex in extract_articles(articles, nlp=nlp, batch_size=batch_size, workers=workers):
        json.dumps(ex.to_contract(), ensure_ascii=False)
    return time.perf_counter() - t, parent_cpu() - cpu


def measure(bare_nlp, nlp, articles, a, workers: int) -> dict[str, float]:
    """Over ``a.rounds`` alternated rounds with ``workers`` processes: seconds (``t_bare``,
    ``t_full``), the parent's CPU seconds (``cpu_bare``, ``cpu_full``, the memory sampler's own
    left out) and the largest worker's MB (``mb_bare``, ``mb_full``)."""
    texts = [x.text for x in articles]
    m = dict.fromkeys(("t_bare", "t_full", "cpu_bare", "cpu_full"), 0.0)
    bare_workers, full_workers = WorkerMemory(), WorkerMemory()
    for _ in range(a.rounds):   # alternated, so that a change of load weighs on both alike
        with bare_workers:
            t, cpu = bare(bare_nlp, texts, a.batch_size, workers)
        m["t_bare"] += t
        m["cpu_bare"] += cpu
        with full_workers:
            t, cpu = full(nlp, articles, a.batch_size, workers)
        m["t_full"] += t
        m["cpu_full"] += cpu
    m["cpu_bare"] -= bare_workers.cpu_s
    m["cpu_full"] -= full_workers.cpu_s
    return {**m, "mb_bare": bare_workers.peak_mb, "mb_full": full_workers.peak_mb}


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
    words = sum(x.n_words for x in articles) * a.rounds
    nlp = load_pipelines()
    bare_nlp = spacy.load(settings.get("model"))
    load_before = os.getloadavg()[0]
    multiprocessing.set_start_method("spawn", force=True)   # as extract does
    # Warm-up: load the model's and the rule steps' lazy resources (gazetteer index…) once.
    list(extract_articles(articles[:5], nlp=nlp, batch_size=a.batch_size))
    list(bare_nlp.pipe([x.text for x in articles[:5]]))
    print(machine_speed())
    print(f"texts={len(articles)} words={words // a.rounds:,} batch_size={a.batch_size} rounds={a.rounds} "
          f"model={bare_nlp.meta['name']}; bare pipes: {', '.join(bare_nlp.pipe_names)}; "
          f"extract pipes: {', '.join(nlp.default.pipe_names)}")
    results = {}
    per_k = 1000 / (len(articles) * a.rounds)
    for workers in sorted({1, a.workers}):
        with CpuUse() as cpu:
            results[workers] = m = measure(bare_nlp, nlp, articles, a, workers)
        memory = f"; largest worker {m['mb_bare']:.0f} MB (bare), {m['mb_full']:.0f} MB (extract)" if workers > 1 else ""
        print(f"workers={workers}: bare nlp.pipe {words / m['t_bare']:7.0f} words/s ({m['t_bare']:.1f} s)   "
              f"extract {words / m['t_full']:7.0f} words/s ({m['t_full']:.1f} s)   ratio extract/bare = "
              f"{m['t_bare'] / m['t_full']:.3f}{memory}")
        print(f"workers={workers}: parent CPU bare {m['cpu_bare']:.1f} s ({m['cpu_bare'] * per_k:.2f} s per 1,000 "
              f"articles)   extract {m['cpu_full']:.1f} s ({m['cpu_full'] * per_k:.2f} s per 1,000 articles)")
        print(f"workers={workers}: {cpu}")
    if a.workers > 1:
        one, many = results[1], results[a.workers]
        print(f"speed-up of {a.workers} processes over 1: bare {one['t_bare'] / many['t_bare']:.2f}x, "
              f"extract {one['t_full'] / many['t_full']:.2f}x")
        print(machine_scaling(a.workers))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (parent) {rss:.0f} MB; load average (1 min) {load_before:.2f} before, "
          f"{os.getloadavg()[0]:.2f} after, on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
