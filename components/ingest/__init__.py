"""Ingest: turn files, folders and zips into :class:`~components.records.Article` records.

(stub — being written; the signature is the interface)
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

from ..records import Article, Problem


def read_paths(paths: Iterable[str | Path]) -> Iterator[Article | Problem]:
    """Yield an Article for every article found under ``paths`` and a Problem for every file
    that could not be read."""
    for p in map(Path, paths):
        if p.suffix == ".jsonl":
            for line in p.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    d = json.loads(line)
                    yield Article.from_text(d["text"], date=d.get("date"), title=d.get("title"),
                                            source=d.get("source"), source_id=d.get("id"), origin=str(p))
        else:
            yield Article.from_text(p.read_text(encoding="utf-8"), origin=str(p))
