"""components.query.ingest_runs: recent runs, their counts as numbers, and the problems they logged."""
from __future__ import annotations

import pandas as pd

from components import query
from components.store import Store


def test_ingest_history(store: Store):
    runs, problems = query.ingest_history(store)
    assert runs["inputs"].tolist() == ["in/folder"]
    assert list(runs.columns) == ["run_id", "started_at", "seconds", "inputs", *query.RUN_COUNTS]
    assert runs["seconds"].iloc[0] >= 0
    assert problems[["origin", "reason"]].values.tolist() == [["in/folder/bad.bin", "binary file (NUL bytes)"]]
    assert problems["run_id"].tolist() == runs["run_id"].tolist()
    assert problems["started_at"].tolist() == runs["started_at"].tolist()


def test_a_run_logs_its_counts_as_numbers_and_a_run_without_them_counts_zero(tmp_path):
    store = Store(tmp_path / "runs.duckdb")
    done = store.start_run(["a/"])
    store.finish_run(done, added=3, duplicates=2, problems=1)
    running = store.start_run(["b/"])  # still running (or stopped before its end)
    runs = query.ingest_history(store)[0].set_index("run_id")
    assert runs.loc[done, ["added", "reextracted", "unchanged", "duplicates", "problems"]].tolist() == [3, 0, 0, 2, 1]
    assert runs.loc[running, ["added", "problems"]].tolist() == [0, 0]
    assert runs["seconds"].isna().tolist() == [True, False]  # newest first: the running one


def test_a_run_stopped_part_way_counts_the_articles_it_stored_first(tmp_path):
    from components.records import Article

    store = Store(tmp_path / "runs.duckdb")
    first = store.start_run(["a/"])
    store.add_articles([Article.from_text("One."), Article.from_text("Two.")], run_id=first)
    store.finish_run(first, added=2)
    stopped = store.start_run(["a/", "b/"])  # (Ctrl-C, or the server stopped, after one batch)
    store.add_articles([Article.from_text("One."), Article.from_text("Three."), Article.from_text("Four.")],
                       run_id=stopped)
    runs = query.ingest_history(store)[0].set_index("run_id")
    assert runs.loc[stopped, ["added", "unchanged"]].tolist() == [2, 0]  # (One. was the first run's)
    assert runs.loc[first, "added"] == 2 and pd.isna(runs.loc[stopped, "seconds"])
