"""The command line's verbs for the analyst's kept work (``python -m components views …``,
``work export | import``),
added to :func:`components.__main__.build_parser` by :func:`add_verbs`; thin over
:mod:`components.workbench`.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import settings


def _store(a: argparse.Namespace):
    """The store named by ``--db``, checked (StoreError when it cannot be one)."""
    from .store import Store

    return Store.opened(a.db)


def cmd_views_list(a: argparse.Namespace) -> int:
    """Print every saved view: name, page, who and when, and what it filters."""
    from .workbench import saved_views

    views = saved_views(_store(a))
    if not views:
        print(f"no saved views in {a.db} (save one from the app's sidebar)", file=sys.stderr)
        return 0
    for v in views:
        page = v.page or "overview"
        print(f"{v.name}\t{page}\t{v.saved_by}\t{v.saved_at:%Y-%m-%d %H:%M}\t{v.describe()}")
    return 0


def cmd_views_delete(a: argparse.Namespace) -> int:
    """Delete the saved view NAME (exit code 1 when there is none of that name)."""
    store = _store(a)
    if not store.delete_view(a.name):
        names = ", ".join(v.name for v in store.saved_views()) or "none"
        print(f"error: no saved view named {a.name!r} in {a.db} (saved views: {names})", file=sys.stderr)
        return 1
    print(f"saved view {a.name!r} deleted from {a.db}", file=sys.stderr)
    return 0


def cmd_work_export(a: argparse.Namespace) -> int:
    """Write every saved view, tag and note to FILE (refuses to overwrite without --force)."""
    from .workbench import export_work

    out = Path(a.file)
    if out.exists() and not a.force:
        print(f"error: {out} exists; pass --force to overwrite it", file=sys.stderr)
        return 2
    data = export_work(_store(a))
    part = out.with_name(out.name + ".part")
    part.write_bytes(data)
    part.replace(out)
    counts = json.loads(data)
    print(f"{len(counts['saved_views'])} saved views, {len(counts['tags'])} tags and {len(counts['notes'])} "
          f"notes written to {out}", file=sys.stderr)
    return 0


def cmd_work_import(a: argparse.Namespace) -> int:
    """Add the saved views, tags and notes of FILE to the store (what is here already stays)."""
    from .workbench import import_summary, import_work

    try:
        data = Path(a.file).read_bytes()
    except OSError as err:
        print(f"error: cannot read {a.file}: {err.strerror or err}", file=sys.stderr)
        return 2
    try:
        counts = import_work(_store(a), data)
    except ValueError as err:
        print(f"error: {a.file}: {err}", file=sys.stderr)
        return 2
    print(f"{a.file} -> {a.db}: {import_summary(counts)}", file=sys.stderr)
    return 0


def add_verbs(sub: argparse._SubParsersAction) -> None:
    """Add the verbs ``views`` (``list``, ``delete NAME``) and ``work`` (``export FILE``,
    ``import FILE``) to the sub-parsers ``sub``."""
    p = sub.add_parser("views", help="list or delete the saved views (named filters saved in the app)")
    actions = p.add_subparsers(dest="action", required=True)
    q = actions.add_parser("list", help="every saved view: name, page, who, when, filters")
    settings.with_db(q)
    q.set_defaults(func=cmd_views_list)
    q = actions.add_parser("delete", help="delete one saved view")
    q.add_argument("name", help="the saved view's name (quote it if it has spaces)")
    settings.with_db(q)
    q.set_defaults(func=cmd_views_delete)

    p = sub.add_parser("work", help="export or import your saved views, tags and notes as one JSON file")
    actions = p.add_subparsers(dest="action", required=True)
    q = actions.add_parser("export", help="write every saved view, tag and note to a JSON file")
    q.add_argument("file", help="the JSON file to write")
    q.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    settings.with_db(q)
    q.set_defaults(func=cmd_work_export)
    q = actions.add_parser("import", help="add the saved views, tags and notes of a JSON file (what is here stays)")
    q.add_argument("file", help="a file written by `work export` or the Data page")
    settings.with_db(q)
    q.set_defaults(func=cmd_work_import)
