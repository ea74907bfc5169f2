"""Zip and tar archives, read in memory: members are never extracted to disk; and
gzip-compressed files (:func:`gunzip`), expanded in memory up to the size limit of one file.

Refused as a whole (one Problem naming the zip): a file that is not a zip or is truncated
("broken zip"), a zip whose members would expand beyond ``max_zip_bytes``, or whose expansion
ratio is absurd (a zip bomb), or one with an absurd number of entries. Skipped with a Problem
each, the rest of the zip still read: members with unsafe paths (absolute, a drive letter, a
".." component), symbolic links, encrypted members, members over ``max_file_bytes`` and members
that fail to decompress (bad CRC). Skipped silently: directories and junk (``__MACOSX/``,
``.DS_Store``, ``Thumbs.db``, hidden names). Members of other types are counted and named in one
Problem at the end, as for folders. A zip inside a zip is read (one level deep only).
Members come in the order of their path components, as a folder is walked.

A tar archive (plain, or compressed by gzip, bzip2 or xz: ``corpus.tar.gz``) is read as a stream,
once, in the archive's order (:func:`read_tar`): it has no directory to check first, so a tar
whose files add up to more than ``max_zip_bytes``, expand absurdly or hold too many entries
stops there with a Problem (what it held before is read), and one cut short or damaged is named
after the files before the break. Links and special files are skipped with a Problem each; the
rest is as for zips. A zip inside a tar and a tar inside a zip are read (one level deep only).
"""
from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import re
import stat
import tarfile
import zipfile
import zlib
from collections import Counter
from pathlib import Path
from typing import BinaryIO, Callable, Iterator, NamedTuple

from ..records import Problem
from .errors import Unreadable
from .formats import ARCHIVES, GZIP, SUPPORTED, format_of, skipped_reason
from .limits import bomb_reason, too_large

MAX_ENTRIES = 100_000
MAX_NESTING = 1
JUNK_DIRS = frozenset({"__MACOSX"})
JUNK_FILES = frozenset({"Thumbs.db", "desktop.ini", "ehthumbs.db"})
_DRIVE = re.compile(r"^[A-Za-z]:")
# What zipfile, zlib, bz2 and lzma raise for a damaged or unsupported member.
_MEMBER_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError,
                  NotImplementedError)


class Member(NamedTuple):
    """An archive's member to read: ``origin`` (``batch.zip!inner/b.txt``), ``fmt`` (see
    :func:`~components.ingest.formats.format_of`) and its bytes; or, for a JSON Lines member
    over the size limit of one file (:func:`streams`), ``stream``: the member as a stream to
    read line by line before the next member is asked for (``data`` then empty), and ``moved``:
    to call as it is read, to move a progress bar (None when there is none)."""

    origin: str
    fmt: str
    data: bytes
    stream: BinaryIO | None = None
    moved: Callable[[], None] | None = None


def streams(fmt: str, size: int, max_file_bytes: int) -> bool:
    """Whether an archive's member of format ``fmt`` and ``size`` bytes is streamed rather than
    held in memory: a JSON Lines file over the size limit of one file is, and a gzipped one of
    any size, as on disk (a corpus shipped as ``corpus.tar.gz`` of one large ``.jsonl``); it then
    counts towards ``max_zip_bytes`` only for the expansion ratio (a bomb), not for the memory
    held."""
    return fmt == f"{GZIP}jsonl" or (fmt == "jsonl" and size > max_file_bytes)


def read_zip(source: str | Path | bytes, origin: str, *, max_file_bytes: int, max_zip_bytes: int,
             on_member: Callable[[str], None] | None = None, at: Callable[[int], None] | None = None,
             _depth: int = 0) -> Iterator[Member | Problem]:
    """Yield the readable members of a zip, and a Problem for everything refused or skipped.

    source: the zip's path, or its bytes (a zip inside a zip).
    origin: the zip's name for reports; members are named ``origin!member/path``.
    max_file_bytes: largest member read; max_zip_bytes: largest total expansion.
    on_member: called with each member's origin once it has been dealt with (after the consumer
        has taken its Member), and once with ``origin`` for a zip that is refused as a whole;
        the calls match :func:`count_members`.
    at: called with how many of the zip's bytes have been read (the compressed sizes of the
        members dealt with, and how far into a streamed member's): after each member, and as a
        streamed member is read (its ``moved``), so that a bar moves through one large member.
    """
    opened = _open(source, origin, max_file_bytes=max_file_bytes, max_zip_bytes=max_zip_bytes)
    if isinstance(opened, Problem):
        yield opened
        if on_member:
            on_member(origin)
        return
    zf, infos = opened
    with zf:
        expansion = sum(i.file_size for i in infos)
        handled = done = 0
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
            moved = _reading_member(zf, info, done, at) if at else None
            item = _member(zf, info, where, fmt, max_file_bytes=max_file_bytes, moved=moved)
            yield from _nested(item, max_file_bytes=max_file_bytes, max_zip_bytes=max(0, max_zip_bytes - expansion),
                               depth=_depth)
            done += info.compress_size
            if on_member:
                on_member(where)
            if at:
                at(done)
        if others:
            yield Problem(origin, skipped_reason(others))
        elif not handled and not any(_is_unsafe(i.filename) for i in infos):
            yield Problem(origin, f"no readable files in the zip (looked for {SUPPORTED})")


def _reading_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, done: int, at: Callable[[int], None]
                    ) -> Callable[[], None]:
    """The ``moved`` of the streamed member ``info`` of ``zf``: tells ``at`` the bytes ``done``
    before it plus how far into its compressed data the zip's file has been read."""
    def moved() -> None:
        at(done + min(max(zf.fp.tell() - info.header_offset, 0), info.compress_size))
    return moved


def count_members(source: str | Path | bytes, *, max_file_bytes: int, max_zip_bytes: int) -> int:
    """How many members :func:`read_zip` will report through ``on_member`` (1 for a zip that is
    refused as a whole); reads only the zip's directory. source: the zip's path or its bytes."""
    opened = _open(source, "zip", max_file_bytes=max_file_bytes, max_zip_bytes=max_zip_bytes)
    if isinstance(opened, Problem):
        return 1
    zf, infos = opened
    with zf:
        return sum(1 for i in infos if not (i.is_dir() or _is_junk(i.filename) or _is_unsafe(i.filename))
                   and format_of(i.filename))


def _open(source: str | Path | bytes, origin: str, *, max_file_bytes: int, max_zip_bytes: int
          ) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]] | Problem:
    """Open the zip and check it as a whole; a Problem if it is broken or refused (its members
    held in memory expanding beyond ``max_zip_bytes``: see :func:`streams`)."""
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
    held = sum(i.file_size for i in infos if not streams(format_of(i.filename) or "", i.file_size, max_file_bytes))
    if len(infos) > MAX_ENTRIES:
        reason = f"zip refused: {len(infos):,} entries (more than {MAX_ENTRIES:,})"
    elif held > max_zip_bytes:
        reason = too_large(held, max_zip_bytes, setting="max_zip_mb", what="zip refused: expands to")
    else:
        reason = bomb_reason("zip refused", expansion, size)
    if reason:
        zf.close()
        return Problem(origin, reason)
    return zf, infos


def _nested(item: Member | Problem, *, max_file_bytes: int, max_zip_bytes: int, depth: int) -> Iterator[Member | Problem]:
    """``item``, a member of an archive at nesting ``depth``; the members of an archive it is."""
    if isinstance(item, Problem) or item.fmt not in ARCHIVES:
        yield item
    elif depth >= MAX_NESTING:
        yield Problem(item.origin, "an archive inside an archive inside an archive: only one level of nesting is read")
    else:
        read = read_zip if item.fmt == "zip" else read_tar
        yield from read(item.data, item.origin, max_file_bytes=max_file_bytes, max_zip_bytes=max_zip_bytes,
                        _depth=depth + 1)


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, where: str, fmt: str, *,
            max_file_bytes: int, moved: Callable[[], None] | None = None) -> Member | Problem:
    if stat.S_ISLNK(info.external_attr >> 16):
        return Problem(where, "symbolic link in zip (skipped)")
    if info.flag_bits & 0x1:
        return Problem(where, "encrypted zip member (password-protected; unpack it yourself)")
    if streams(fmt, info.file_size, max_file_bytes):
        try:
            return Member(where, fmt, b"", stream=zf.open(info), moved=moved)
        except _MEMBER_ERRORS as err:
            return Problem(where, f"broken zip member: {err or type(err).__name__}")
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


#: What tarfile and its decompressors raise for a damaged or truncated tar archive.
_TAR_ERRORS = (tarfile.TarError, EOFError, zlib.error, lzma.LZMAError, OSError, ValueError)


def read_tar(source: str | Path | bytes, origin: str, *, max_file_bytes: int, max_zip_bytes: int,
             at: Callable[[int], None] | None = None, _depth: int = 0) -> Iterator[Member | Problem]:
    """Yield the readable members of a tar archive (plain or compressed by gzip, bzip2 or xz),
    and a Problem for everything refused or skipped, reading the archive once as a stream.

    source: the archive's path, or its bytes (an archive inside an archive).
    origin: its name for reports; members are named ``origin!member/path``.
    max_file_bytes: largest member read; max_zip_bytes: the most its members may add up to (the
        archive stops there with a Problem, as it does past :data:`MAX_ENTRIES` entries or
        :data:`~.limits.MAX_RATIO` times its own size).
    at: called after each member with how far into ``source`` (compressed bytes) it has read.
    An archive cut short is named after the members before the cut, also when the cut falls
    between two members (its end-of-archive blocks, or its compressed stream's end, are missing).
    """
    size = len(source) if isinstance(source, bytes) else os.path.getsize(source)
    expansion = held = entries = handled = passed_on = 0
    others: Counter[str] = Counter()
    raw = io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")  # (OSError: the caller names it)
    try:
        with raw, _Counted(_decompressed(raw)) as stream, tarfile.open(fileobj=stream, mode="r|") as tf:
            for info in tf:
                entries += 1
                name, where = info.name, f"{origin}!{info.name}"
                fmt = None if info.isdir() or _is_junk(name) or _is_unsafe(name) else format_of(name)
                if _is_unsafe(name):
                    yield Problem(where, f"unsafe path in tar archive: {name} (skipped, nothing written)")
                elif not info.isdir() and not _is_junk(name) and not fmt:
                    others[Path(name).suffix.lower() or "(no extension)"] += 1
                handled += bool(fmt)
                expansion += info.size if fmt and info.isreg() else 0
                held += info.size if fmt and info.isreg() and not streams(fmt, info.size, max_file_bytes) else 0
                if stop := _tar_limit(entries, held, expansion, size, max_zip_bytes):
                    yield Problem(origin, stop)
                    return
                if fmt:
                    moved = (lambda: at(raw.tell())) if at else None
                    item = _tar_member(tf, info, where, fmt, max_file_bytes=max_file_bytes, moved=moved)
                    yield from _nested(item, max_file_bytes=max_file_bytes,
                                       max_zip_bytes=max(0, max_zip_bytes - expansion), depth=_depth)
                    passed_on += 1
                    if at:
                        at(raw.tell())
            _check_end(stream, tf.offset)
    except _TAR_ERRORS as err:
        detail = ("not a tar archive, or cut short" if isinstance(err, tarfile.ReadError) and not entries
                  else "cut short: its compressed data ends early" if isinstance(err, EOFError) else err)
        after = " (the files before the break were read)" if passed_on else ""
        yield Problem(origin, f"broken tar archive: {detail or type(err).__name__}{after}")
        return
    if others:
        yield Problem(origin, skipped_reason(others))
    elif not handled:
        yield Problem(origin, f"no readable files in the tar archive (looked for {SUPPORTED})")


class _Counted(io.RawIOBase):
    """A binary stream read through, counting the bytes read from it (``count``)."""

    def __init__(self, stream: BinaryIO) -> None:
        super().__init__()
        self.stream, self.count = stream, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.count += len(data)
        return data


#: Magic numbers of the compressions a tar archive comes in, and their readers.
_COMPRESSED: tuple[tuple[bytes, Callable[[BinaryIO], BinaryIO]], ...] = (
    (b"\x1f\x8b", lambda raw: gzip.GzipFile(fileobj=raw)), (b"BZh", bz2.BZ2File), (b"\xfd7zXZ\x00", lzma.LZMAFile))


def _decompressed(raw: BinaryIO) -> BinaryIO:
    """The stream of ``raw`` decompressed (by its magic number; as it is when it is none of
    :data:`_COMPRESSED`): a stream cut short then raises EOFError once read to its end."""
    head = raw.read(6)
    raw.seek(0)
    for magic, reader in _COMPRESSED:
        if head.startswith(magic):
            return reader(raw)
    return raw


def _check_end(stream: _Counted, offset: int, *, most: int = 16 << 20) -> None:
    """Read the tar ``stream`` to its end (at most ``most`` bytes more: an archive's padding is
    small) after its last member, which ended at ``offset``; raises tarfile.ReadError when the
    two zero blocks that end an archive are missing (it was cut between two members), and the
    decompressor's error when the compressed stream is cut short."""
    while stream.read(1 << 16) and stream.count - offset < most:
        pass
    if stream.count - offset < 2 * tarfile.BLOCKSIZE:
        raise tarfile.ReadError("it ends without its end-of-archive blocks (cut short?)")


def _tar_limit(entries: int, held: int, expansion: int, size: int, max_zip_bytes: int) -> str | None:
    """Why a tar archive of ``size`` bytes stops being read at its ``entries``-th entry, its
    members so far adding up to ``expansion`` bytes, ``held`` of them in memory (not streamed:
    :func:`streams`); None while it may go on."""
    if entries > MAX_ENTRIES:
        return f"tar archive read up to here: it holds more than {MAX_ENTRIES:,} entries"
    if held > max_zip_bytes:
        return too_large(held, max_zip_bytes, setting="max_zip_mb", what="tar archive read up to here: its files add up to")
    return bomb_reason("tar archive read up to here", expansion, size, so_far=True, kind="an archive bomb")


def _tar_member(tf: tarfile.TarFile, info: tarfile.TarInfo, where: str, fmt: str, *,
                max_file_bytes: int, moved: Callable[[], None] | None = None) -> Member | Problem:
    if info.issym() or info.islnk():
        return Problem(where, "link in tar archive (skipped)")
    if not info.isreg():
        return Problem(where, "not a regular file in tar archive (skipped)")
    if streams(fmt, info.size, max_file_bytes):
        return Member(where, fmt, b"", stream=tf.extractfile(info), moved=moved)
    if info.size > max_file_bytes:
        return Problem(where, too_large(info.size, max_file_bytes, setting="max_file_mb"))
    f = tf.extractfile(info)
    return Member(where, fmt, f.read() if f else b"")


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

