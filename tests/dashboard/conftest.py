"""Fixtures of the dashboard's tests: the sample corpus's store (built once a session) and a
small hand-made one."""
from __future__ import annotations

from pathlib import Path

import pytest

from components.store import Store
from tests.components.store.test_store import make_extraction
from tests.conftest import ROOT

SAMPLE = [str(ROOT / "data" / "seed"), str(ROOT / "data" / "demo")]


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory, nlp) -> Path:
    """A store holding the bundled sample corpus (seed article + demo stories)."""
    from components import corpus

    path = tmp_path_factory.mktemp("app") / "sample.duckdb"
    corpus.ingest(SAMPLE, store=Store(path), nlp=nlp)
    return path


@pytest.fixture
def small_store(tmp_path: Path) -> Path:
    """A store of two hand-made articles (no model)."""
    path = tmp_path / "small.duckdb"
    Store(path).write([make_extraction(), make_extraction("Maria Zakharova", "Later.", origin="b.txt")])
    return path
