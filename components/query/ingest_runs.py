"""The store's ingest log: recent runs and the problems they logged (:func:`ingest_history`)."""
from __future__ import annotations

import pandas as pd

from ..store import Store
from .frames import typed

#: The counts an ingest run logs (``ingest_runs.counts``, a JSON object; see
#: :meth:`Store.finish_run <components.store.Store.finish_run>`), each a column of
#: :func:`ingest_history`'s runs: 0 where a run logged none (a run written by an older Dateline,
#: or one that stopped before its end).
RUN_COUNTS = ("added", "reextracted", "unchanged", "duplicates", "problems")


def ingest_history(store: Store, *, limit: int = 20) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``limit`` most recent ingest runs and the problems those runs logged, newest first.

    Runs: run_id, started_at, seconds (how long it ran; None while running or if it stopped
    before its end), inputs (the paths or uploaded names, joined with ", "), then one column per
    count of :data:`RUN_COUNTS` (ints). Problems: run_id, started_at (of its run), origin (the
    file, ``upload:<name>`` for an upload), reason."""
    counts = ", ".join(f"coalesce(TRY_CAST(json_extract_string(counts, '$.{c}') AS BIGINT), 0) AS {c}"
                       for c in RUN_COUNTS)
    runs = store.query(f"""
        SELECT run_id, started_at, round(epoch(finished_at) - epoch(started_at), 1) AS seconds,
               array_to_string(inputs, ', ') AS inputs, {counts}
        FROM ingest_runs ORDER BY started_at DESC, run_id DESC LIMIT $lim""",
                       {"lim": int(limit)}, limit=max(int(limit), 0))
    problems = store.query("""
        SELECT p.run_id, r.started_at, p.origin, p.reason FROM ingest_problems p
        JOIN (SELECT run_id, started_at FROM ingest_runs ORDER BY started_at DESC, run_id DESC
              LIMIT $lim) r USING (run_id)
        ORDER BY r.started_at DESC, p.logged_at DESC, p.origin""", {"lim": int(limit)}, limit=10_000)
    return (typed(runs, ("run_id", "started_at", "seconds", "inputs", *RUN_COUNTS), ints=RUN_COUNTS,
                  floats=("seconds",)),
            typed(problems, ("run_id", "started_at", "origin", "reason")))
