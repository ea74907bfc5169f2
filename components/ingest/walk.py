"""From the paths a user names to the files to read: folders walked recursively in sorted order.

Policy (what an analyst pointing Dateline at a pile of files expects):

- A path that does not exist, or is neither a file nor a folder, is a Problem.
- A file named explicitly is read whatever its name: by its extension, as plain text when it has
  none; an unsupported extension (``report.pdf``) is a Problem that lists the supported ones.
- In a folder (and likewise in a zip) only supported files are read. Hidden files and folders
  (``.git``, ``.DS_Store``) and junk (``__MACOSX``, ``Thumbs.db``) are skipped silently; other
  files (images, PDFs, files without an extension) are skipped too but counted, and one Problem
  per folder says how many of which kind — so that a folder of PDFs never gives "0 articles"
  without a word, and a folder with a few pictures costs one line in the report.
- Folders are walked in name order, files and sub-folders interleaved (``a.txt``, ``b/``,
  ``c.txt``), so every run reads the same files in the same order. Symbolic links to folders are
  not followed (no loops, no way out) and each is named in a Problem; links to files are read
  when the file they lead to is inside the folder being walked, and otherwise skipped with a
  Problem naming the link (a folder never reads, say, ``/etc/passwd`` through a link planted in
  it).
- :func:`outside_roots` tells whether a path lies outside a set of folders, or names a hidden
  file or folder in one (the app reads only under its ``ingest_roots``; the command line reads
  whatever its user can).
"""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from ..records import Problem
from .archives import JUNK_DIRS, JUNK_FILES
from .formats import SUPPORTED, format_of, skipped_reason, unsupported_reason


class Source(NamedTuple):
    """A file to read: its ``path``, its ``origin`` for reports (the path as the user wrote it,
    joined with the path inside a folder), and its format (see
    :func:`~components.ingest.formats.format_of`)."""

    path: Path
    origin: str
    fmt: str


def iter_sources(paths: Iterable[str | os.PathLike]) -> Iterator[Source | Problem]:
    """Yield the files to read under ``paths``, in order, and a Problem for each path that
    cannot be used (see the module's policy)."""
    for raw in paths:
        path = Path(raw)
        origin = os.fspath(raw)
        try:
            if path.is_dir():
                yield from _walk_folder(path, origin)
            elif path.is_file():
                fmt = format_of(path.name)
                if fmt is None:
                    yield Problem(origin, unsupported_reason(path.suffix))
                else:
                    yield Source(path, origin, fmt)
            elif path.exists():
                yield Problem(origin, "not a regular file or folder")
            else:
                yield Problem(origin, "file or folder not found")
        except OSError as err:
            yield Problem(origin, os_reason(err))


def outside_roots(path: str | os.PathLike, roots: Iterable[str | os.PathLike]) -> bool:
    """Whether ``path`` lies outside every folder in ``roots``, or inside one but in a hidden
    file or folder below it (``~/.ssh/id_rsa``: folder walks skip hidden entries, so a typed path
    may not name one either). Both are resolved first (``~`` expanded, symbolic links and ``..``
    followed), so neither a link nor ``a/../..`` gets out."""
    target = Path(path).expanduser().resolve()
    for root in roots:
        base = Path(root).expanduser().resolve()
        if target == base or base in target.parents:
            return any(part.startswith(".") for part in target.relative_to(base).parts)
    return True


def os_reason(err: OSError) -> str:
    """A Problem reason for an operating-system error ("permission denied")."""
    if isinstance(err, PermissionError):
        return "permission denied"
    if isinstance(err, FileNotFoundError):
        return "file not found (removed while reading?)"
    return (err.strerror or str(err)).lower()


def _walk_folder(folder: Path, origin: str) -> Iterator[Source | Problem]:
    others: Counter[str] = Counter()
    found = reported = 0
    base = folder.resolve()
    # Depth-first; each folder's entries are pushed in reverse name order, so they pop in order.
    pending = _entries(folder, origin, base)
    while pending:
        path, where, is_dir = pending.pop()
        if isinstance(path, Problem):
            reported += 1
            yield path
        elif is_dir:
            pending.extend(_entries(path, where, base))
        elif fmt := format_of(path.name):
            found += 1
            yield Source(path, where, fmt)
        else:
            others[path.suffix.lower() or "(no extension)"] += 1
    if others:
        yield Problem(origin, skipped_reason(others))
    elif not found and not reported:
        yield Problem(origin, f"no readable files in the folder (looked for {SUPPORTED})")


def _entries(folder: Path, where: str, base: Path) -> list[tuple[Path | Problem, str, bool]]:
    """The visible entries of ``folder`` as ``(path, origin, is_dir)`` in reverse name order (for
    popping); a single Problem entry when the folder cannot be listed, and one for each symbolic
    link to a file outside ``base`` (the resolved folder being walked)."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name, reverse=True)
    except OSError as err:
        return [(Problem(where, os_reason(err)), where, False)]
    out: list[tuple[Path | Problem, str, bool]] = []
    for e in entries:
        if e.name.startswith(".") or e.name in JUNK_FILES or e.name in JUNK_DIRS:
            continue
        origin = os.path.join(where, e.name)
        try:
            is_dir = e.is_dir(follow_symlinks=False)
            if e.is_symlink() and e.is_dir():
                out.append((Problem(origin, "symbolic link to a folder: not followed (name that folder "
                                            "itself to read it)"), origin, False))
                continue
            if not is_dir and not e.is_file():
                continue
            if e.is_symlink() and base not in Path(e.path).resolve().parents:
                out.append((Problem(origin, "symbolic link to a file outside the folder: not followed"), origin, False))
                continue
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
            continue
        out.append((Path(e.path), origin, is_dir))
    return out
