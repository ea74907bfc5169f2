"""The store the query tests share: :mod:`tests.components.query.five_articles` written once, the
actors rebuilt with "Okafor" merged into "Jane Okafor", and one logged ingest run."""
from __future__ import annotations

import pytest

from components.records import Problem
from components.store import Store

from .five_articles import ALL


@pytest.fixture(scope="package")
def store(tmp_path_factory) -> Store:
    """The five articles of :mod:`.five_articles`, with "Okafor" merged into "Jane Okafor" by the actors rebuild."""
    import components.actors

    s = Store(tmp_path_factory.mktemp("query") / "q.duckdb", timeout=10)
    s.write(list(ALL))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(components.actors, "merge_corpus", lambda counts, *_: {"Okafor": "Jane Okafor"})
        s.rebuild_actors()
    run = s.start_run(["in/folder"])
    s.add_articles([], problems=[Problem("in/folder/bad.bin", "binary file (NUL bytes)")], run_id=run)
    s.finish_run(run, articles=5)
    return s
