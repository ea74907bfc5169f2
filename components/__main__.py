"""Command line: ``python -m components VERB …`` — thin over the same functions as the app.

Verbs: ``ingest`` (files → store), ``extract`` (files → JSONL of the extraction contract),
``reextract`` (bring a store to the current pipeline version), ``export`` (store → Parquet),
``info`` (what a store holds, and which pipeline versions analysed it), ``versions`` (the
pipeline versions this Dateline stores), ``upgrade`` (bring a store of an older Dateline to this one's
schema), ``search-index`` (build the search index of a store that has none, or bring it up to
date), ``demo`` (write a synthetic corpus of fictional stories); the analysts' corrections:
``actors`` (merge, split, rename, retype, hide), ``places`` (hide) and ``corrections`` (list,
export, import, undo), in :mod:`components.cli_corrections`; ``views`` and ``work`` (saved views,
tags and notes, see :mod:`components.workbench_cli`). The engine options of ``ingest`` and
``reextract`` (``--engine dask`` …) are in :mod:`components.cli_engine`.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from tqdm import tqdm

from . import settings
from .cli_engine import add_engine_options, engine_problem
from .ctrl_c import end_quietly, lost_presses_raised_again
from .records import Problem


def _add_nlp_options(p: argparse.ArgumentParser) -> None:
    for name in ("model", "models", "batch_size", "workers"):
        s = settings.SETTINGS[name]
        p.add_argument("--" + name.replace("_", "-"), type=type(s.default), default=s.value(), help=s.help)


def _pipelines(a: argparse.Namespace):
    """The pipelines of ``--model`` and ``--models``, each note about a language whose pipeline
    is not installed printed on one line."""
    from .nlp import load_pipelines

    pipelines = load_pipelines(a.model, a.models)
    for note in pipelines.notes():
        print(f"note: {note}", file=sys.stderr)
    return pipelines


def cmd_extract(a: argparse.Namespace) -> int:
    from .extraction import extract_articles, merge_actors_across
    from .ingest import read_paths

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

    nlp = _pipelines(a)
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


def _open_store(a: argparse.Namespace):
    """The store named by ``--db``, checked before any work starts (StoreError if it cannot be
    one: a folder, not a DuckDB file, another program's database)."""
    from .store import Store

    return Store.opened(a.db)


def _ingest_bar(a: argparse.Namespace, desc: str) -> tuple[tqdm, Callable[[int, int], None]]:
    """A terminal bar through the bytes of ``a.paths`` (one large JSON Lines file moves it too),
    the articles read so far beside it, and the ``progress`` callback of an ingest that moves it."""
    from .ingest import count_bytes

    bar = tqdm(desc=desc, total=count_bytes(a.paths), unit="B", unit_scale=True, unit_divisor=1024,
               disable=a.quiet, postfix={"articles": 0})
    articles = 0

    def progress(n: int, bytes_read: int) -> None:
        nonlocal articles
        articles += n
        bar.update(max(0, min(bytes_read, bar.total) - bar.n))
        bar.set_postfix(articles=articles)

    return bar, progress


def cmd_ingest(a: argparse.Namespace) -> int:
    from .corpus import ingest

    if problem := engine_problem(a):
        print(problem, file=sys.stderr)
        return 2
    store = _open_store(a)
    if a.engine == "dask":
        return _ingest_dask(a, store)
    nlp = _pipelines(a)
    bar, progress = _ingest_bar(a, "ingest")
    with bar:
        report = ingest(a.paths, store=store, nlp=nlp, batch_size=a.batch_size, workers=a.workers,
                        progress=progress)
    _report(report.problems, f"{report.summary()} -> {a.db}")
    return 1 if report.problems and not report.articles else 0


@contextmanager
def _cluster(a: argparse.Namespace):
    """The Dask client of ``--engine dask`` for the block: a LocalCluster of ``--workers``
    processes, or the cluster at ``--scheduler``; the pipelines' notes (and a missing model)
    said here rather than by every worker, and the dashboard's address when there is one."""
    from .cluster import dask_client

    with dask_client(a.scheduler, workers=a.workers, dashboard=a.dashboard) as client:
        _pipelines(a)
        if a.dashboard or a.scheduler:
            print(f"Dask dashboard: {client.dashboard_link}", file=sys.stderr)
        yield client


def _ingest_dask(a: argparse.Namespace, store) -> int:
    """``ingest --engine dask`` (see :func:`_cluster`); a progress bar through the inputs as
    their partitions are stored."""
    from .cluster import ingest_dask

    with _cluster(a) as client:
        bar, progress = _ingest_bar(a, "ingest (dask)")
        with bar:
            report = ingest_dask(a.paths, store=store, client=client, model=a.model, models=a.models,
                                 partition_size=a.partition_size, batch_size=a.batch_size, progress=progress)
    _report(report.problems, f"{report.summary()} -> {a.db}")
    return 1 if report.problems and not report.articles else 0


def cmd_reextract(a: argparse.Namespace) -> int:
    from .corpus import reextract

    if problem := engine_problem(a):
        print(problem, file=sys.stderr)
        return 2
    store = _open_store(a)
    with tqdm(desc="re-extract" + (" (dask)" if a.engine == "dask" else ""), unit=" articles",
              disable=a.quiet) as bar:
        if a.engine == "dask":
            from .cluster import reextract_dask

            with _cluster(a) as client:
                n = reextract_dask(store=store, client=client, model=a.model, models=a.models,
                                   partition_size=a.partition_size, batch_size=a.batch_size,
                                   progress=bar.update, total=lambda n: bar.reset(total=n))
        else:
            n = reextract(store=store, nlp=_pipelines(a), batch_size=a.batch_size,
                          workers=a.workers, progress=bar.update, total=lambda n: bar.reset(total=n))
    print(f"{n} articles re-extracted in {a.db}", file=sys.stderr)
    return 0


def cmd_export(a: argparse.Namespace) -> int:
    files = _open_store(a).export_parquet(a.output)
    for f in files:
        print(f)
    return 0


def cmd_info(a: argparse.Namespace) -> int:
    store = _open_store(a)
    summary = store.summary()
    if not summary:
        from .store import no_store_yet

        print(no_store_yet(a.db))
        return 1
    for table, n in summary.items():
        print(f"{table:20} {n:>10,}")
    meta = store.meta()
    print(f"{'actors built':20} {meta.get('actors_built_at', 'never')}")
    from . import query
    from .nlp.installed import installed_versions

    versions = query.extraction_versions(store, installed_versions())
    for version, n in zip(versions["version"], versions["n_articles"]):
        print(f"{'analysed by':20} {version} ({n:,} article{'s' if n != 1 else ''})")
    older = query.older_versions_note(versions, a.db)
    if older:
        print(older)
    if store.actors_stale():
        print(f"actors and actor_aliases are out of date (an ingest stopped before rebuilding them): "
              f"`python -m components reextract --db {a.db}` rebuilds them")
    return 0


def cmd_versions(a: argparse.Namespace) -> int:
    from .nlp.installed import installed_versions

    found = installed_versions()
    if a.json:
        print(json.dumps(found))
        return 0
    for lang, version in found.items():
        print(f"{lang}  {version}")
    return 0 if found else 1


def cmd_upgrade(a: argparse.Namespace) -> int:
    import time

    store = _open_store(a)
    if not store.exists:
        from .store import no_store_yet

        print(no_store_yet(a.db))
        return 1
    print(f"upgrading {a.db} to this Dateline's schema (one transaction; about 20 s per million articles) …",
          file=sys.stderr)
    t0 = time.monotonic()
    before, after = store.migrate()
    if before == after:
        print(f"{a.db} is up to date (store schema {after}): nothing to do")
    else:
        print(f"{a.db} upgraded from store schema {before} to {after} in {time.monotonic() - t0:.1f} s")
    return 0


def cmd_search_index(a: argparse.Namespace) -> int:
    import time

    store = _open_store(a)
    if not store.exists:
        from .store import no_store_yet

        print(no_store_yet(a.db))
        return 1
    if not store.search_index_behind():
        print(f"{store.search_index_path} is up to date: nothing to do")
        return 0
    t0 = time.monotonic()
    with tqdm(desc="search index", unit=" articles", disable=a.quiet) as bar:
        def step(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        n = store.build_search_index(progress=step)
    print(f"{n:,} articles indexed into {store.search_index_path} in {time.monotonic() - t0:.1f} s", file=sys.stderr)
    return 0


def cmd_demo(a: argparse.Namespace) -> int:
    from .synthetic import write_corpus

    paths = write_corpus(a.output, a.n, seed=a.seed)
    print(f"{len(paths)} fictional stories written to {a.output}", file=sys.stderr)
    return 0


def _report(problems: list[Problem], summary: str) -> None:
    print(summary, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) (files that could not be read, dates not used):", file=sys.stderr)
        for p in problems:
            print(f"  {p.origin}: {p.reason}", file=sys.stderr)


def _add_store_verbs(sub) -> None:
    """The sub-parsers of the verbs that read or keep up a store (export, info, versions, upgrade,
    search-index)."""
    p = sub.add_parser("export", help="write every table of the store as Parquet")
    p.add_argument("output", help="folder to write the .parquet files into")
    settings.with_db(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("info", help="row counts of the store's tables")
    settings.with_db(p)
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("versions", help="the pipeline versions an ingest would store now, per language "
                                        "(read without loading a model)")
    p.add_argument("--json", action="store_true", help="as one JSON object {language: version}")
    p.set_defaults(func=cmd_versions)

    p = sub.add_parser("upgrade", help="bring a store written by an older Dateline to this one's schema")
    settings.with_db(p)
    p.set_defaults(func=cmd_upgrade)

    p = sub.add_parser("search-index", help="build the search index of a store, or bring it up to date")
    settings.with_db(p)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_search_index, interrupted=RESUME)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m components`` with one sub-parser per verb."""
    ap = argparse.ArgumentParser(prog="python -m components", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="verb", required=True)

    p = sub.add_parser("extract", help="extract entities, places and quotes to JSONL")
    p.add_argument("inputs", nargs="+", help="JSONL files, or any file, folder or archive that ingest reads")
    p.add_argument("-o", "--output", required=True, help="JSONL file to write")
    p.add_argument("--force", action="store_true", help="overwrite OUTPUT if it exists")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _add_nlp_options(p)
    p.set_defaults(func=cmd_extract, interrupted="nothing was written (the output is written at the end)")

    p = sub.add_parser("ingest", help="read files/folders/zips/tar archives into the store")
    p.add_argument("paths", nargs="+", help="files (.txt .html .mhtml .eml .msg .json .jsonl .csv .tsv .xlsx .docx .odt .rtf "
                                           ".pdf, LexisNexis and Factiva exports among them; .rss .atom .xml: feeds, "
                                           "NITF and NewsML-G2 stories; "
                                           "any gzipped), folders (recursive), zips or tar archives (.tar .tar.gz .tgz "
                                           ".tar.bz2 .tar.xz); README: What ingest reads")
    settings.with_db(p)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _add_nlp_options(p)
    add_engine_options(p)
    p.set_defaults(func=cmd_ingest, interrupted=RESUME)

    p = sub.add_parser("reextract", help="re-run extraction where the pipeline version changed")
    settings.with_db(p)
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _add_nlp_options(p)
    add_engine_options(p)
    p.set_defaults(func=cmd_reextract, interrupted=RESUME)

    _add_store_verbs(sub)

    p = sub.add_parser("demo", help="write a synthetic corpus of fictional wire stories")
    p.add_argument("output", help="folder to write .txt stories into")
    p.add_argument("--n", type=int, default=40, help="number of stories")
    p.add_argument("--seed", type=int, default=7, help="random seed (same seed, same corpus)")
    p.set_defaults(func=cmd_demo)

    from .cli_corrections import add_parsers
    from .workbench_cli import add_verbs

    add_parsers(sub)  # actors, places, corrections (the analysts' corrections)
    add_verbs(sub)  # views, work (the analyst's kept work)
    return ap


#: What an interrupted verb that writes the store in batches says (its ``interrupted`` default).
RESUME = ("what was stored before stays stored; run the same command again to go on "
          "(what is stored and up to date is skipped)")


def main(argv: list[str] | None = None) -> int:
    """Run the verb named in ``argv``; returns the process exit code (2 when the store cannot be
    used, a setting's variable is malformed or the model is not installed: the message, which says
    what to do, is printed without a traceback; 130 after Ctrl-C, with a line saying what was
    kept)."""
    from .settings import SettingError
    from .store import StoreError, stopped_by_ctrl_c

    a = None
    try:
        settings.check()
        a = build_parser().parse_args(argv)
        return a.func(a)
    except (StoreError, SettingError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, RuntimeError) as err:  # (after StoreError, a RuntimeError)
        if not stopped_by_ctrl_c(err):
            raise
        if __name__ == "__main__":  # (the command, not a caller of main() in its own process)
            end_quietly(130)
        hint = getattr(a, "interrupted", None)
        print(f"\ninterrupted{': ' + hint if hint else ''}", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the output was piped into a reader that stopped (`| head`): no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # (Python's docs, "Note on SIGPIPE")
        return 1


if __name__ == "__main__":
    lost_presses_raised_again()
    sys.exit(main())
