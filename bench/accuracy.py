"""Accuracy on the ../shared/eval dev sets: runs ``python -m components extract`` on each and
prints the scorer's output, then (unless ``--no-errors``) a breakdown of the remaining errors by
category (bench/error_breakdown.py). A benchmark: it prints figures and never fails on a score.

usage: python bench/accuracy.py [--sets conll2003 geowebnews lgl polnear] [--out DIR] [--model NAME]
                                [--no-errors]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import error_breakdown

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SETS = {  # name: (gold file, scorer)
    "conll2003": ("conll2003/dev.jsonl", "ner_score.py"),
    "geowebnews": ("geowebnews/dev.jsonl", "geo_score.py"),
    "lgl": ("lgl/dev.jsonl", "geo_score.py"),
    "polnear": ("polnear/dev.jsonl", "quote_score.py"),
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="+", choices=sorted(SETS), default=list(SETS))
    ap.add_argument("--out", default="/tmp/dateline-accuracy", help="where predictions are written")
    ap.add_argument("--model", default=None, help="spaCy model (default: the configured one)")
    ap.add_argument("--errors", action=argparse.BooleanOptionalAction, default=True,
                    help="print an error breakdown after each set's scores (default: on)")
    a = ap.parse_args()
    if not EVAL.is_dir():
        print(f"no evaluation data at {EVAL}", file=sys.stderr)
        return 2
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    summary = []
    known = None  # gazetteer facts for the places breakdowns, loaded once
    for name in a.sets:
        gold, scorer = SETS[name]
        pred = out / f"{name}.jsonl"
        cmd = [sys.executable, "-m", "components", "extract", str(EVAL / gold), "-o", str(pred), "--force", "-q"]
        if a.model:
            cmd += ["--model", a.model]
        t = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True)
        took = time.perf_counter() - t
        res = subprocess.run([sys.executable, str(EVAL / "score" / scorer), str(pred), str(EVAL / gold)],
                             cwd=ROOT, check=True, capture_output=True, text=True)
        print(f"== {name} (extract {took:.0f} s) ==")
        print(res.stdout.rstrip())
        if a.errors:
            if name in ("geowebnews", "lgl") and known is None:
                known = error_breakdown.gazetteer_facts()
            print("\n".join(error_breakdown.breakdown(name, pred, EVAL / gold, score_dir=EVAL / "score",
                                                       known=known)))
        summary.append(res.stdout.strip().splitlines()[-1])
    print("\n== summary ==")
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
