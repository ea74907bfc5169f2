"""Part folders: one partition's rows written as Parquet files by a cluster worker, to be loaded
into the store later by the process that owns it (:meth:`Store.load_part`).

A part folder holds one ``<table>.parquet`` per table of a write batch (articles, entities, places,
quotes, problems: the Arrow tables of :class:`~components.store.writes._Batch`, so a part loads
exactly as a local write would) and a completion marker, ``done.json``, written last. A folder
appears under its final name only when complete (written under a temporary name, then renamed),
so a worker that dies half-way leaves nothing that looks finished.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from pathlib import Path
from typing import Any, Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from ..records import Extraction
from .writes import _SCHEMAS, _Batch

#: The completion marker of a part folder: JSON, whatever the writer passed as ``meta``.
MARKER = "done.json"


def schema_fingerprint() -> str:
    """12 hex characters naming the Arrow schemas of the part files: parts written by a Dateline
    with other tables are never loaded (their run folder has another name)."""
    return hashlib.sha256(repr(sorted((n, str(s)) for n, s in _SCHEMAS.items())).encode()).hexdigest()[:12]


def ids_digest(ids: Sequence[str]) -> str:
    """A digest of article ids in order: what a part's marker names, checked before it is loaded."""
    return hashlib.sha256("\0".join(ids).encode()).hexdigest()[:24]


def write_part(folder: str | Path, extractions: Sequence[Extraction], meta: dict[str, Any]) -> None:
    """Write the rows of ``extractions`` (as :meth:`Store.write` would store them) into ``folder``
    as Parquet, with ``meta`` (plain JSON values) as its completion marker. An existing folder of
    that name (a task run twice) is replaced."""
    folder = Path(folder)
    batch = _Batch.build(list(extractions), [], [], None)
    tmp = folder.with_name(f".{folder.name}.{uuid.uuid4().hex[:8]}.tmp")
    tmp.mkdir(parents=True)
    try:
        for name, table in batch.tables.items():
            pq.write_table(table, tmp / f"{name}.parquet")
        (tmp / MARKER).write_text(json.dumps(meta), encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(tmp, folder)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def part_meta(folder: str | Path) -> dict[str, Any] | None:
    """The completion marker of ``folder``, or None when the folder is missing or incomplete."""
    try:
        return json.loads((Path(folder) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def read_part(folder: str | Path) -> dict[str, pa.Table]:
    """The tables of a complete part folder, with the store's Arrow schemas."""
    folder = Path(folder)
    return {name: pq.read_table(folder / f"{name}.parquet").select(schema.names).cast(schema)
            for name, schema in _SCHEMAS.items()}
