"""Statements stopped at their time limit: one daemon thread per process interrupts a DuckDB
connection whose statement runs past its deadline (:meth:`Store.query
<components.store.Store.query>`'s ``time_limit``: a runaway statement would hold the store file
and block an ingest)."""
from __future__ import annotations

import itertools
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb


class _Watchdog:
    """One daemon thread that interrupts statements running past their deadline (a timer
    thread per statement cost ~2 ms, as much as a small statement)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._due: dict[int, tuple[float, duckdb.DuckDBPyConnection]] = {}  # token → (deadline, con)
        self._tokens = itertools.count()
        self._thread: threading.Thread | None = None

    def arm(self, con: duckdb.DuckDBPyConnection, seconds: float) -> int:
        """Interrupt ``con`` in ``seconds`` unless :meth:`disarm` comes first; returns the token."""
        with self._cond:
            token = next(self._tokens)
            self._due[token] = (time.monotonic() + seconds, con)
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="dateline-watchdog", daemon=True)
                self._thread.start()
            self._cond.notify()
            return token

    def disarm(self, token: int) -> None:
        """Cancel ``token``'s interrupt; once this returns it can no longer fire."""
        with self._cond:
            self._due.pop(token, None)

    def _watch(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                for token, (deadline, con) in list(self._due.items()):
                    if deadline <= now:
                        del self._due[token]
                        con.interrupt()
                nearest = min((deadline for deadline, _ in self._due.values()), default=None)
                self._cond.wait(None if nearest is None else nearest - now)


_watchdog = _Watchdog()


@contextmanager
def interrupt_after(con: duckdb.DuckDBPyConnection, seconds: float | None) -> Iterator[None]:
    """Interrupt what ``con`` runs if the block lasts longer than ``seconds`` (None: never). The
    interrupt can only fire while the block runs, never into a later statement."""
    if not seconds:
        yield
        return
    token = _watchdog.arm(con, seconds)
    try:
        yield
    finally:
        _watchdog.disarm(token)


def _reset_after_fork() -> None:
    """In a forked child: a watchdog of its own (the parent's thread does not run in it)."""
    global _watchdog
    _watchdog = _Watchdog()


os.register_at_fork(after_in_child=_reset_after_fork)
