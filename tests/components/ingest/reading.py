"""What the ingest tests share: splitting what a reader yields, and reading a folder while checking
both progress bars."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from components.ingest import count_bytes, count_files, read_paths
from components.records import Article, Problem


def articles_and_problems(items: Iterable[Article | Problem]) -> tuple[list[Article], list[Problem]]:
    """What a reader yielded, as (its articles, its problems), each in order."""
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Problem)]


def read_with_bars(folder: Path) -> list[Article]:
    """The articles of ``folder``, which holds one file read as a stream, after checking the bars
    an ingest shows: the bytes bar moved several times (as the file was read, not once at its end)
    and added up to the file's size, and the files bar counted one file."""
    moved: list[int] = []
    files: list[str] = []
    articles, _ = articles_and_problems(read_paths(folder, on_bytes=moved.append, on_file=files.append))
    assert len(moved) > 1
    assert sum(moved) == count_bytes(folder) == sum(p.stat().st_size for p in folder.iterdir())
    assert len(files) == count_files(folder) == 1
    return articles
