"""Fixtures of the store's tests."""
from __future__ import annotations

from pathlib import Path

import pytest

import components.actors
from components.store import Store
from tests.components.query.five_articles import ALL

MERGES = {"Okafor": "Jane Okafor"}


@pytest.fixture
def store(tmp_path: Path, monkeypatch) -> Store:
    """The five articles, "Okafor" merged into "Jane Okafor" by the (stand-in) automatic merge."""
    monkeypatch.setattr(components.actors, "merge_corpus", lambda counts, *_: dict(MERGES))
    s = Store(tmp_path / "c.duckdb", timeout=10)
    s.write(list(ALL))
    s.rebuild_actors()
    return s
