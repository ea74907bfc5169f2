"""The store's ingest log: recent runs and the problems they logged (:func:`ingest_history`)."""
from __future__ import annotations

import pandas as pd

from ..store import Store
from .frames import typed


def ingest_history(store: Store, *, limit: int = 20) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``limit`` most recent ingest runs (run_id, started_at, finished_at, inputs: the paths
    joined with ", ", counts: the JSON text) and the problems logged by those runs (run_id,
    origin, reason), newest first."""
    runs = store.query("""
        SELECT run_id, started_at, finished_at, array_to_string(inputs, ', ') AS inputs,
               CAST(counts AS VARCHAR) AS counts
        FROM ingest_runs ORDER BY started_at DESC, run_id DESC LIMIT $lim""",
                       {"lim": int(limit)}, limit=max(int(limit), 0))
    problems = store.query("""
        SELECT p.run_id, p.origin, p.reason FROM ingest_problems p
        JOIN (SELECT run_id, started_at FROM ingest_runs ORDER BY started_at DESC, run_id DESC
              LIMIT $lim) r USING (run_id)
        ORDER BY r.started_at DESC, p.logged_at DESC, p.origin""", {"lim": int(limit)}, limit=10_000)
    return (typed(runs, ("run_id", "started_at", "finished_at", "inputs", "counts")),
            typed(problems, ("run_id", "origin", "reason")))
