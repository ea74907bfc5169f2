"""Throughput of ``extract`` against bare ``nlp.pipe``, side by side in one run, on the same
texts (../shared/eval/bbc/all.jsonl) with the same model and batch size. Words are counted as
``len(text.split())``. A benchmark: prints figures, never fails on a time.

usage: python bench/throughput.py [--limit N] [--batch-size 64] [--rounds 1]
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from components.extraction import extract_articles
from components.ingest import read_paths
from components.nlp import load_model
from components.records import Article

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "eval" / "bbc" / "all.jsonl"


def bare(nlp, texts, batch_size) -> float:
    """Seconds for nlp.pipe over ``texts``, consuming every Doc."""
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - t


def full(nlp, articles, batch_size) -> float:
    """Seconds for the extract path over ``articles``, including the contract JSON encoding."""
    t = time.perf_counter()
    for ex in extract_articles(articles, nlp=nlp, batch_size=batch_size):
        json.dumps(ex.to_contract(), ensure_ascii=False)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="first N BBC articles (default: all 2,225)")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--rounds", type=int, default=1, help="alternate bare/extract this many times")
    a = ap.parse_args()
    if not BBC.exists():
        print(f"no BBC data at {BBC}", file=sys.stderr)
        return 2
    articles = [x for x in read_paths([BBC]) if isinstance(x, Article)][: a.limit]
    texts = [x.text for x in articles]
    words = sum(x.n_words for x in articles)
    nlp = load_model()
    # Warm-up: load the model's and the rule steps' lazy resources (gazetteer index…) once.
    list(extract_articles(articles[:5], nlp=nlp, batch_size=a.batch_size))
    t_bare = t_full = 0.0
    for _ in range(a.rounds):
        t_bare += bare(nlp, texts, a.batch_size)
        t_full += full(nlp, articles, a.batch_size)
    wps_bare = words * a.rounds / t_bare
    wps_full = words * a.rounds / t_full
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"texts={len(texts)} words={words:,} batch_size={a.batch_size} rounds={a.rounds} model={nlp.meta['name']}")
    print(f"bare nlp.pipe : {wps_bare:8.0f} words/s ({t_bare:.1f} s)")
    print(f"extract       : {wps_full:8.0f} words/s ({t_full:.1f} s)")
    print(f"ratio extract/bare = {wps_full / wps_bare:.3f}   peak RSS {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
