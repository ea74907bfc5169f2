"""Command line: ``python -m components VERB …`` — thin over the same functions as the app.

Verbs: ``ingest`` (files → store), ``extract`` (files → JSONL of the extraction contract),
``export`` (store → Parquet), ``info`` (what a store holds).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tqdm import tqdm

from . import settings
from .records import Problem


def _add_nlp_options(p: argparse.ArgumentParser) -> None:
    for name in ("model", "batch_size", "workers"):
        s = settings.SETTINGS[name]
        p.add_argument("--" + name.replace("_", "-"), type=type(s.default), default=s.value(), help=s.help)


def cmd_extract(a: argparse.Namespace) -> int:
    from .extraction import extract_articles, merge_actors_across
    from .ingest import read_paths
    from .nlp import load_model

    out = Path(a.output)
    if out.exists() and not a.force:
        print(f"error: {out} exists; pass --force to overwrite it", file=sys.stderr)
        return 2
    problems: list[Problem] = []

    def articles():
        for item in read_paths(a.inputs):
            if isinstance(item, Problem):
                problems.append(item)
            else:
                yield item

    nlp = load_model(a.model)
    results = []
    with tqdm(desc="extract", unit=" articles", disable=a.quiet) as bar:
        for ex in extract_articles(articles(), nlp=nlp, batch_size=a.batch_size, workers=a.workers):
            results.append(ex)
            bar.update(1)
    merge_actors_across(results)
    tmp = out.with_name(out.name + ".part")
    with tmp.open("w", encoding="utf-8") as f:
        for ex in results:
            f.write(json.dumps(ex.to_contract(), ensure_ascii=False) + "\n")
    tmp.replace(out)
    _report(problems, f"{len(results)} articles written to {out}")
    return 1 if problems and not results else 0


def _report(problems: list[Problem], summary: str) -> None:
    print(summary, file=sys.stderr)
    if problems:
        print(f"{len(problems)} file(s) could not be read:", file=sys.stderr)
        for p in problems:
            print(f"  {p.origin}: {p.reason}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m components", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="verb", required=True)

    p = sub.add_parser("extract", help="extract entities, places and quotes to JSONL")
    p.add_argument("inputs", nargs="+", help="JSONL files, or any file/folder/zip that ingest reads")
    p.add_argument("-o", "--output", required=True, help="JSONL file to write")
    p.add_argument("--force", action="store_true", help="overwrite OUTPUT if it exists")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _add_nlp_options(p)
    p.set_defaults(func=cmd_extract)

    a = ap.parse_args(argv)
    return a.func(a)


if __name__ == "__main__":
    sys.exit(main())
