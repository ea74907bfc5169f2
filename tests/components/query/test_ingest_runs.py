"""components.query.ingest_runs: recent runs and the problems they logged."""
from __future__ import annotations

from components import query
from components.store import Store


def test_ingest_history(store: Store):
    runs, problems = query.ingest_history(store)
    assert runs["inputs"].tolist() == ["in/folder"] and '"articles": 5' in runs["counts"].iloc[0]
    assert problems[["origin", "reason"]].values.tolist() == [["in/folder/bad.bin", "binary file (NUL bytes)"]]
    assert problems["run_id"].tolist() == runs["run_id"].tolist()
