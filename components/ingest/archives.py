"""Zip archives, read in memory: members are never extracted to disk; and gzip-compressed
files (:func:`gunzip`), expanded in memory up to the size limit of one file.

Refused as a whole (one Problem naming the zip): a file that is not a zip or is truncated
("broken zip"), a zip whose members would expand beyond ``max_zip_bytes``, or whose expansion
ratio is absurd (a zip bomb), or one with an absurd number of entries. Skipped with a Problem
each, the rest of the zip still read: members with unsafe paths (absolute, a drive letter, a
".." component), symbolic links, encrypted members, members over ``max_file_bytes`` and members
that fail to decompress (bad CRC). Skipped silently: directories and junk (``__MACOSX/``,
``.DS_Store``, ``Thumbs.db``, hidden names). Members of other types are counted and named in one
Problem at the end, as for folders. A zip inside a zip is read (one level deep only).
Members come in the order of their path components, as a folder is walked.
"""
from __future__ import annotations

import gzip
import io
import os
import re
import stat
import zipfile
import zlib
from collections import Counter
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

from ..records import Problem
from .errors import Unreadable
from .formats import SUPPORTED, format_of, skipped_reason
from .limits import too_large

# Expansion ratio (uncompressed / archive size) above which a zip is refused as a bomb, and the
# size it must expand to before the ratio is checked (tiny repetitive files compress well too).
MAX_RATIO = 100
RATIO_CHECKED_ABOVE = 1 << 20
MAX_ENTRIES = 100_000
MAX_NESTING = 1
JUNK_DIRS = frozenset({"__MACOSX"})
JUNK_FILES = frozenset({"Thumbs.db", "desktop.ini", "ehthumbs.db"})
_DRIVE = re.compile(r"^[A-Za-z]:")
# What zipfile, zlib, bz2 and lzma raise for a damaged or unsupported member.
_MEMBER_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError,
                  NotImplementedError)


class Member(NamedTuple):
    """A zip member to read: ``origin`` (``batch.zip!inner/b.txt``), ``fmt`` (see
    :func:`~components.ingest.formats.format_of`) and its bytes."""

    origin: str
    fmt: str
    data: bytes


def read_zip(source: str | Path | bytes, origin: str, *, max_file_bytes: int, max_zip_bytes: int,
             on_member: Callable[[str], None] | None = None, _depth: int = 0
             ) -> Iterator[Member | Problem]:
    """Yield the readable members of a zip, and a Problem for everything refused or skipped.

    source: the zip's path, or its bytes (a zip inside a zip).
    origin: the zip's name for reports; members are named ``origin!member/path``.
    max_file_bytes: largest member read; max_zip_bytes: largest total expansion.
    on_member: called with each member's origin once it has been dealt with (after the consumer
        has taken its Member), and once with ``origin`` for a zip that is refused as a whole;
        the calls match :func:`count_members`.
    """
    opened = _open(source, origin, max_zip_bytes=max_zip_bytes)
    if isinstance(opened, Problem):
        yield opened
        if on_member:
            on_member(origin)
        return
    zf, infos = opened
    with zf:
        expansion = sum(i.file_size for i in infos)
        handled = 0
        others: Counter[str] = Counter()
        for info in sorted(infos, key=lambda i: i.filename.replace("\\", "/").split("/")):
            name = info.filename
            where = f"{origin}!{name}"
            if info.is_dir() or _is_junk(name):
                continue
            if _is_unsafe(name):
                yield Problem(where, f"unsafe path in zip: {name} (skipped, nothing written)")
                continue
            fmt = format_of(name)
            if not fmt:
                others[Path(name).suffix.lower() or "(no extension)"] += 1
                continue
            handled += 1
            item = _member(zf, info, where, fmt, max_file_bytes=max_file_bytes, depth=_depth)
            if isinstance(item, Member) and fmt == "zip":
                yield from read_zip(item.data, where, max_file_bytes=max_file_bytes,
                                    max_zip_bytes=max(0, max_zip_bytes - expansion), _depth=_depth + 1)
            else:
                yield item
            if on_member:
                on_member(where)
        if others:
            yield Problem(origin, skipped_reason(others))
        elif not handled and not any(_is_unsafe(i.filename) for i in infos):
            yield Problem(origin, f"no readable files in the zip (looked for {SUPPORTED})")


def count_members(source: str | Path | bytes, *, max_zip_bytes: int) -> int:
    """How many members :func:`read_zip` will report through ``on_member`` (1 for a zip that is
    refused as a whole); reads only the zip's directory. source: the zip's path or its bytes."""
    opened = _open(source, "zip", max_zip_bytes=max_zip_bytes)
    if isinstance(opened, Problem):
        return 1
    zf, infos = opened
    with zf:
        return sum(1 for i in infos if not (i.is_dir() or _is_junk(i.filename) or _is_unsafe(i.filename))
                   and format_of(i.filename))


def _open(source: str | Path | bytes, origin: str, *, max_zip_bytes: int
          ) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]] | Problem:
    """Open the zip and check it as a whole; a Problem if it is broken or refused."""
    try:
        if isinstance(source, bytes):
            size, zf = len(source), zipfile.ZipFile(io.BytesIO(source))
        else:
            size, zf = os.path.getsize(source), zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError) as err:
        detail = "not a zip file, or truncated" if isinstance(err, zipfile.BadZipFile) else str(err)
        return Problem(origin, f"broken zip: {detail or type(err).__name__}")
    except OSError as err:
        return Problem(origin, f"broken zip: {err.strerror or err}")
    infos = zf.infolist()
    expansion = sum(i.file_size for i in infos)
    reason = None
    if len(infos) > MAX_ENTRIES:
        reason = f"zip refused: {len(infos):,} entries (more than {MAX_ENTRIES:,})"
    elif expansion > max_zip_bytes:
        reason = too_large(expansion, max_zip_bytes, setting="max_zip_mb", what="zip refused: expands to")
    elif expansion > RATIO_CHECKED_ABOVE and expansion > MAX_RATIO * max(size, 1):
        reason = (f"zip refused: it would expand {expansion / max(size, 1):,.0f} times "
                  f"(to {expansion / 1e6:,.1f} MB) — a zip bomb?")
    if reason:
        zf.close()
        return Problem(origin, reason)
    return zf, infos


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, where: str, fmt: str, *,
            max_file_bytes: int, depth: int) -> Member | Problem:
    if fmt == "zip" and depth >= MAX_NESTING:
        return Problem(where, "zip inside a zip inside a zip: only one level of nesting is read")
    if stat.S_ISLNK(info.external_attr >> 16):
        return Problem(where, "symbolic link in zip (skipped)")
    if info.flag_bits & 0x1:
        return Problem(where, "encrypted zip member (password-protected; unpack it yourself)")
    if info.file_size > max_file_bytes:
        return Problem(where, too_large(info.file_size, max_file_bytes, setting="max_file_mb"))
    try:
        with zf.open(info) as f:
            data = f.read(max_file_bytes + 1)
    except _MEMBER_ERRORS as err:
        return Problem(where, f"broken zip member: {err or type(err).__name__}")
    if len(data) > max_file_bytes:
        return Problem(where, too_large(len(data), max_file_bytes, setting="max_file_mb"))
    return Member(where, fmt, data)


#: What gzip and zlib raise for a damaged or truncated gzip file.
GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)


def broken_gzip(err: Exception) -> str:
    """The Problem reason for a gzip file that raised ``err`` (one of :data:`GZIP_ERRORS`)."""
    return f"broken gzip file: {err or 'truncated'}"


def gunzip(data: bytes, *, max_file_bytes: int) -> bytes:
    """The bytes inside the gzip-compressed ``data`` (every member of it, as ``gzip -d`` gives).

    Raises :class:`Unreadable` when it is broken or truncated, or when it expands beyond
    ``max_file_bytes`` (setting ``max_file_mb``: a gzip bomb stops there, never expanded whole)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(max_file_bytes + 1)
    except GZIP_ERRORS as err:
        raise Unreadable(broken_gzip(err)) from None
    if len(out) > max_file_bytes:
        raise Unreadable(too_large(len(out), max_file_bytes, setting="max_file_mb", what="expands to more than"))
    return out


def _is_junk(name: str) -> bool:
    parts = [p for p in name.replace("\\", "/").split("/") if p]
    return (not parts or any(p in JUNK_DIRS for p in parts[:-1]) or parts[-1] in JUNK_FILES
            or any(p.startswith(".") and p not in (".", "..") for p in parts))


def _is_unsafe(name: str) -> bool:
    """True for member names that would land outside the folder they were extracted to."""
    norm = name.replace("\\", "/")
    return norm.startswith("/") or bool(_DRIVE.match(norm)) or ".." in norm.split("/")

