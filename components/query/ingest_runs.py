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
    count of :data:`RUN_COUNTS` (ints; a run that has not ended, running or stopped part way,
    logged none: its ``added`` is the articles it has stored first, its other counts 0). Problems: run_id, started_at (of its run), origin (the
    file, ``upload:<name>`` for an upload), reason."""
    # (a run that has not ended logged no counts: it added the articles it stored first, u.n)
    counts = ", ".join(f"coalesce({'u.n, ' if c == 'added' else ''}"
                       f"TRY_CAST(json_extract_string(r.counts, '$.{c}') AS BIGINT), 0) AS {c}" for c in RUN_COUNTS)
    runs = store.query(f"""
        WITH recent AS (FROM ingest_runs ORDER BY started_at DESC, run_id DESC LIMIT $lim),
        unended AS (SELECT first_run_id AS run_id, count(*) AS n FROM articles
                    WHERE first_run_id IN (SELECT run_id FROM recent WHERE finished_at IS NULL) GROUP BY 1)
        SELECT r.run_id, r.started_at, round(epoch(r.finished_at) - epoch(r.started_at), 1) AS seconds,
               array_to_string(r.inputs, ', ') AS inputs, {counts}
        FROM recent r LEFT JOIN unended u USING (run_id) ORDER BY r.started_at DESC, r.run_id DESC""",
                       {"lim": int(limit)}, limit=max(int(limit), 0))
    problems = store.query("""
        SELECT p.run_id, r.started_at, p.origin, p.reason FROM ingest_problems p
        JOIN (SELECT run_id, started_at FROM ingest_runs ORDER BY started_at DESC, run_id DESC
              LIMIT $lim) r USING (run_id)
        ORDER BY r.started_at DESC, p.logged_at DESC, p.origin""", {"lim": int(limit)}, limit=10_000)
    return (typed(runs, ("run_id", "started_at", "seconds", "inputs", *RUN_COUNTS), ints=RUN_COUNTS,
                  floats=("seconds",)),
            typed(problems, ("run_id", "started_at", "origin", "reason")))
