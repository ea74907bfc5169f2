"""Ingest: turn files, folders and archives into :class:`~components.records.Article` records, and
everything that cannot be read into a :class:`~components.records.Problem` naming it and saying
why — never an exception, so one bad file never takes a batch down.

What is read (details in the modules):

- folders, recursively, in name order; hidden files and junk skipped; files of other types
  skipped and counted in one Problem per folder (:mod:`.walk`);
- zips and tar archives (.tar, .tar.gz, .tgz, .tar.bz2, .tar.xz), in memory (a JSON Lines file in
  them streamed, whatever its size), one level of nesting;
  unsafe member paths, archive bombs and oversize or broken archives refused (:mod:`.archives`);
  any readable file gzip-compressed (``wire.jsonl.gz``), read as the file inside it: a JSON Lines
  file streamed, another expanded up to one file's size limit;
- .txt with a ``date YYYY-MM-DD PLACE/PLACE:`` header or a wire dateline split into date,
  dateline places and source (:mod:`.header`); .json/.jsonl/.csv/.tsv records with
  id/text/date/title/source/url columns under common aliases (:mod:`.structured`), and .xlsx
  workbooks' rows (:mod:`.spreadsheets`); .docx, .odt and .rtf documents (:mod:`.documents`) and .pdf files
  (:mod:`.pdfs`); agencies' NITF and NewsML-G2 XML (:mod:`.iptc`); .html pages through
  trafilatura (:mod:`.webpages`; saved as .mhtml too, :mod:`.mhtml`); .eml e-mails and their
  attachments (:mod:`.emails`; Outlook's .msg too, :mod:`.outlook`); and RSS/Atom feeds, an
  article per item (:mod:`.feeds`); news databases' exports (LexisNexis, Nexis Uni and Factiva:
  text, .docx, .rtf, HTML), an article per story (:mod:`.news_databases`),
  cleaned of boilerplate lines and repeated story blocks (:mod:`.boilerplate`; .txt bodies lose
  boilerplate lines too) and with the site's name off the title (:mod:`.titles`);
- UTF-8, UTF-8/16/32 with a BOM, UTF-16 without one, Windows-1252/Latin-1 and other legacy
  encodings; binary, empty and undecodable files reported as such (:mod:`.decoding`).

Files uploaded in the app are read from memory by :func:`read_uploads`, never written to disk.

Every Article's id is the content hash of its text, so the same story read twice gets the same
id (the store keeps it once). ``origin`` names where it came from: ``folder/a.txt``,
``batch.zip!inner/b.txt``, ``file.jsonl:17`` (line 17), ``file.csv:5``, ``file.json#3`` (item 3),
``upload:report.txt`` (a file uploaded under that name).
"""
from __future__ import annotations

import contextlib
import gzip
import os
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Callable, Iterable, Iterator

from ..records import Article, Problem
from .archives import GZIP_ERRORS, Member, broken_gzip, count_members, gunzip, read_tar, read_zip
from .formats import FORMATS, format_of, gzipped, read_document, unsupported_reason
from .decoding import iter_lines
from .errors import Unreadable
from .limits import MB, default_limit, too_large
from .structured import read_jsonl_lines
from .walk import Source, iter_sources, os_reason, outside_roots

__all__ = ["read_paths", "count_files", "count_bytes", "read_uploads", "count_uploads", "upload_origin", "outside_roots",
           "FORMATS", "format_of"]

#: How an uploaded file is named in reports and in the store's ``origins``: ``upload:<name>``.
UPLOAD_PREFIX = "upload:"


def read_paths(paths: Iterable[str | os.PathLike] | str | os.PathLike, *,
               max_file_bytes: int | None = None, max_zip_bytes: int | None = None,
               on_file: Callable[[str], None] | None = None,
               on_bytes: Callable[[int], None] | None = None) -> Iterator[Article | Problem]:
    """Yield an Article for every article found under ``paths`` and a Problem for every file,
    zip member or record that could not be read, in a deterministic order.

    paths: files, folders and zips (one path alone is accepted too).
    max_file_bytes: largest file or zip member read, in bytes (default: setting ``max_file_mb``);
        larger ones are refused before they are read.
    max_zip_bytes: largest total a zip may expand to (default: setting ``max_zip_mb``).
    on_file: called with a file's (or zip member's) origin once it has been read, whatever it
        gave — for a progress bar whose total is :func:`count_files`.
    on_bytes: called with the number of the inputs' bytes just read: before each article (or
        problem), its line's bytes in a large JSON Lines file as it streams (:func:`_stream_jsonl`)
        and its share of a file read whole (:func:`_spread`); an archive's compressed bytes as
        its members are read (one large member too); the calls add up to :func:`count_bytes`
        (for a progress bar that moves through one large file too).
    Never raises for bad input.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    max_file = default_limit("max_file_mb") if max_file_bytes is None else max_file_bytes
    max_zip = default_limit("max_zip_mb") if max_zip_bytes is None else max_zip_bytes
    for src in iter_sources(paths):
        if isinstance(src, Problem):
            yield src
        elif src.fmt in ("zip", "tar"):  # (the bar moves by their compressed bytes read)
            at = _Position(on_bytes) if on_bytes else None
            read = _read_zip if src.fmt == "zip" else _read_tar
            yield from read(src.path, src.origin, max_file_bytes=max_file, max_zip_bytes=max_zip, at=at,
                            on_file=on_file)
            if at:
                at(_size(src.path))
        else:
            at = _Position(on_bytes) if on_bytes else None
            yield from _guarded(_read_file(src, max_file_bytes=max_file, at=at), src.origin)
            if on_file:
                on_file(src.origin)
            if at:
                at(_size(src.path))  # (the rest of it: a file read whole, or one that could not be read)


def upload_origin(name: str) -> str:
    """The origin of an uploaded file called ``name``: ``upload:<name>``, any folder part of the
    name dropped (a browser sends the bare name; a client could send anything)."""
    return UPLOAD_PREFIX + (PurePosixPath(name.replace("\\", "/")).name or "unnamed")


def read_uploads(files: Iterable[tuple[str, bytes]], *, max_file_bytes: int | None = None,
                 max_zip_bytes: int | None = None,
                 on_file: Callable[[str], None] | None = None) -> Iterator[Article | Problem]:
    """Like :func:`read_paths`, for files uploaded through the app and held in memory: nothing is
    written to disk, and each is reported and stored under its own name (:func:`upload_origin`).

    files: ``(name, content)`` pairs: the file's name on the user's machine and its bytes. A file
        is read by its extension (as plain text without one), a zip as a zip.
    max_file_bytes, max_zip_bytes, on_file: as for :func:`read_paths`; ``on_file`` is called as
        many times as :func:`count_uploads` counts.
    Never raises for bad input."""
    max_file = default_limit("max_file_mb") if max_file_bytes is None else max_file_bytes
    max_zip = default_limit("max_zip_mb") if max_zip_bytes is None else max_zip_bytes
    for name, data in files:
        origin = upload_origin(name)
        fmt = format_of(origin)
        if fmt is None:
            yield Problem(origin, unsupported_reason(PurePosixPath(origin).suffix))
        elif fmt in ("zip", "tar"):
            read = _read_zip if fmt == "zip" else _read_tar
            yield from read(bytes(data), origin, max_file_bytes=max_file, max_zip_bytes=max_zip, on_file=on_file)
        else:
            yield from _guarded(_read_bytes(bytes(data), origin, fmt, max_file_bytes=max_file), origin)
            if on_file:
                on_file(origin)


def count_uploads(files: Iterable[tuple[str, bytes]], *, max_file_bytes: int | None = None,
                  max_zip_bytes: int | None = None) -> int:
    """How many files and zip members :func:`read_uploads` will read (its ``on_file`` calls)."""
    max_file = default_limit("max_file_mb") if max_file_bytes is None else max_file_bytes
    max_zip = default_limit("max_zip_mb") if max_zip_bytes is None else max_zip_bytes
    n = 0
    for name, data in files:
        fmt = format_of(upload_origin(name))
        if fmt == "zip":
            n += count_members(bytes(data), max_file_bytes=max_file, max_zip_bytes=max_zip)
        elif fmt is not None:
            n += 1
    return n


def count_files(paths: Iterable[str | os.PathLike] | str | os.PathLike, *,
                max_file_bytes: int | None = None, max_zip_bytes: int | None = None) -> int:
    """How many files and zip members :func:`read_paths` will read (the number of ``on_file``
    calls): walks the folders and reads the zips' directories, nothing else."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    max_file = default_limit("max_file_mb") if max_file_bytes is None else max_file_bytes
    max_zip = default_limit("max_zip_mb") if max_zip_bytes is None else max_zip_bytes
    n = 0
    for src in iter_sources(paths):
        if isinstance(src, Source):
            n += count_members(src.path, max_file_bytes=max_file, max_zip_bytes=max_zip) if src.fmt == "zip" else 1
    return n


def count_bytes(paths: Iterable[str | os.PathLike] | str | os.PathLike) -> int:
    """How many bytes :func:`read_paths` will report through ``on_bytes``: the sizes of the files
    (and zips) it reads; walks the folders, reads nothing."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return sum(_size(src.path) for src in iter_sources(paths) if isinstance(src, Source))


def _size(path: Path) -> int:
    """The size of the file at ``path`` in bytes (0 when it cannot be read)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


class _Position:
    """How far the reading of one file has got: called with a position in the file (bytes from
    its start, never going back), it passes the bytes since the last position on to ``on_bytes``
    (:func:`read_paths`'), so each reader of a file says only where it is."""

    def __init__(self, on_bytes: Callable[[int], None]) -> None:
        self.on_bytes, self.at = on_bytes, 0

    def __call__(self, position: int) -> None:
        if position > self.at:
            self.on_bytes(position - self.at)
            self.at = position


#: A JSON Lines file larger than this is streamed, one line at a time (:func:`_stream_jsonl`).
STREAM_JSONL_BYTES = 4 * MB


def _read_file(src: Source, *, max_file_bytes: int, at: _Position | None = None) -> Iterator[Article | Problem]:
    """The articles and problems of the file ``src``; ``at``: told how far its reading has got."""
    size = src.path.stat().st_size
    if (src.fmt == "jsonl" and size > STREAM_JSONL_BYTES) or gzipped(src.fmt) == "jsonl":
        yield from _stream_jsonl(src, max_line_bytes=max_file_bytes, at=at)
        return
    if size > max_file_bytes:
        yield Problem(src.origin, too_large(size, max_file_bytes, setting="max_file_mb"))
        return
    with open(src.path, "rb") as f:
        data = f.read(max_file_bytes + 1)  # more than the limit if it grew since stat()
    items = _read_bytes(data, src.origin, src.fmt, max_file_bytes=max_file_bytes)
    yield from _spread(items, len(data), at) if at else items


def _spread(items: Iterator[Article | Problem], size: int, at: _Position) -> Iterator[Article | Problem]:
    """``items``, the articles and problems of a file of ``size`` bytes read whole, each after
    ``at`` is told its share of the bytes: the file is parsed first, so that a bar moves through
    a file of thousands of records as they are stored, not at once. An error while parsing is
    raised after the items parsed before it (as if they had been yielded one by one)."""
    parsed: list[Article | Problem] = []
    error: Exception | None = None
    try:
        parsed.extend(items)
    except Exception as err:  # noqa: BLE001 - raised again below, for _guarded to report
        error = err
    for i, item in enumerate(parsed, start=1):
        at(size * i // len(parsed))
        yield item
    if error is not None:
        raise error


def _stream_jsonl(src: Source, *, max_line_bytes: int, at: _Position | None = None) -> Iterator[Article | Problem]:
    """The articles of a large JSON Lines file on disk, or of a gzip-compressed one of any size,
    read line by line (:func:`_jsonl_stream`); ``at``: told before each article or problem how
    far the file (the compressed one) has been read."""
    with open(src.path, "rb") as raw:
        yield from _jsonl_stream(raw, src.origin, src.fmt, max_line_bytes=max_line_bytes,
                                 moved=(lambda: at(raw.tell())) if at else None)


def _jsonl_stream(raw: BinaryIO, origin: str, fmt: str, *, max_line_bytes: int,
                  moved: Callable[[], None] | None = None) -> Iterator[Article | Problem]:
    """The articles of the JSON Lines stream ``raw`` (gzip-compressed when ``fmt`` says so),
    read line by line: whatever its size, one line is in memory at a time, so a file of a million
    articles is a stream of them, never refused for its size; a line over ``max_line_bytes``
    (setting ``max_file_mb``) is a Problem at its line. Its encoding is told from its first
    64 KiB (:func:`.decoding.iter_lines`). ``moved``: called before each article or problem (to
    move a bar). A gzip stream broken or cut short is a Problem after the articles read before
    the break."""
    try:
        with (gzip.GzipFile(fileobj=raw) if gzipped(fmt) else contextlib.nullcontext(raw)) as f:
            for item in read_jsonl_lines(iter_lines(f, max_line_bytes=max_line_bytes), origin):
                if moved:
                    moved()
                yield item
    except Unreadable as err:
        yield Problem(origin, err.reason)
    except GZIP_ERRORS as err:
        yield Problem(origin, broken_gzip(err))


def _read_bytes(data: bytes, origin: str, fmt: str, *, max_file_bytes: int) -> Iterator[Article | Problem]:
    if len(data) > max_file_bytes:
        yield Problem(origin, too_large(len(data), max_file_bytes, setting="max_file_mb"))
        return
    if (inner := gzipped(fmt)) is not None:
        try:
            data, fmt = gunzip(data, max_file_bytes=max_file_bytes), inner
        except Unreadable as err:
            yield Problem(origin, err.reason)
            return
    yield from read_document(data, origin, fmt)


def _read_zip(source: Path | bytes, origin: str, *, max_file_bytes: int, max_zip_bytes: int,
              at: Callable[[int], None] | None = None,
              on_file: Callable[[str], None] | None = None) -> Iterator[Article | Problem]:
    """The articles and problems of a zip; ``on_file`` called after each member, ``at`` with
    how many of its bytes have been read (:func:`.archives.read_zip`)."""
    members = read_zip(source, origin, max_file_bytes=max_file_bytes,
                       max_zip_bytes=max_zip_bytes, on_member=on_file, at=at)
    yield from _read_members(members, origin, max_file_bytes=max_file_bytes)


def _read_tar(source: Path | bytes, origin: str, *, max_file_bytes: int, max_zip_bytes: int,
              at: Callable[[int], None] | None = None,
              on_file: Callable[[str], None] | None = None) -> Iterator[Article | Problem]:
    """The articles and problems of a tar archive; ``on_file`` called once at its end (it counts
    as one file), ``at`` with how far into it (compressed bytes) the reading has got."""
    members = read_tar(source, origin, max_file_bytes=max_file_bytes, max_zip_bytes=max_zip_bytes, at=at)
    yield from _read_members(members, origin, max_file_bytes=max_file_bytes)
    if on_file:
        on_file(origin)


def _read_members(members: Iterator[Member | Problem], origin: str, *, max_file_bytes: int) -> Iterator[Article | Problem]:
    """The articles and problems of an archive's ``members`` (named ``origin``)."""
    for item in _guarded(members, origin):
        if isinstance(item, Problem):
            yield item
        elif item.stream is not None:  # (a large JSON Lines member, read before the next is asked for)
            yield from _guarded(_jsonl_stream(item.stream, item.origin, item.fmt, max_line_bytes=max_file_bytes,
                                              moved=item.moved), item.origin)
        else:
            yield from _guarded(_read_bytes(item.data, item.origin, item.fmt, max_file_bytes=max_file_bytes),
                                item.origin)


def _guarded(items: Iterator, origin: str) -> Iterator:
    """Pass ``items`` through; an error while producing them becomes a Problem for ``origin``."""
    try:
        yield from items
    except OSError as err:
        yield Problem(origin, os_reason(err))
    except Exception as err:  # noqa: BLE001 - a bad file must never take the batch down
        yield Problem(origin, f"could not be read ({type(err).__name__}: {err})")
