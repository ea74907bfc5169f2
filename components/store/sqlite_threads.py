"""SQLite set up so that connections in different threads do not wait on each other.

By default SQLite keeps statistics of its memory (``SQLITE_CONFIG_MEMSTATUS``): every allocation,
in every connection of the process, takes one process-wide mutex. FTS5 allocates for every hit it
ranks or marks, so the search's parts (:mod:`components.store.search_hits`: one connection per
CPU, each ranking a range of the articles) took turns instead of running side by side: two threads
ranked the 251,000 hits of a search in 0.30 s, where one took 0.20 s; without the statistics, 0.12 s.

Python's ``sqlite3`` module does not offer ``sqlite3_config()`` (the process-wide settings, as
against a connection's), so it is called through ``ctypes`` on the SQLite library that module
uses. SQLite accepts it only before it initialises, which the ``sqlite3`` module does when first
imported: :mod:`components.store` calls :func:`stop_memory_statistics` before any of its modules
imports ``sqlite3``. Nothing in Dateline reads the statistics (``sqlite3_memory_used()``, the heap
limits): they are what SQLite stops keeping. Where the call cannot be made (another library
imported ``sqlite3`` first, a Python whose SQLite is built in without the symbol, a system other
than Linux, whose calling convention for C's variable arguments differs), nothing changes but
the speed of searches in threads.
"""
from __future__ import annotations

import ctypes
import importlib.util
import sys

#: From SQLite's ``sqlite3.h``: the setting, and the result code of a call that succeeded.
SQLITE_CONFIG_MEMSTATUS = 9
SQLITE_OK = 0


def stop_memory_statistics() -> bool:
    """Turn off SQLite's memory statistics for this process, if SQLite has not started yet;
    True if it is now off."""
    if not sys.platform.startswith("linux") or "_sqlite3" in sys.modules:
        return False
    spec = importlib.util.find_spec("_sqlite3")
    if spec is None or not spec.origin:
        return False
    try:
        # loading the module's file runs none of it: Python's import finds it loaded, then runs it
        config = ctypes.CDLL(spec.origin).sqlite3_config  # (looked up in the module and the libraries it loads)
    except (OSError, AttributeError):
        return False
    config.argtypes, config.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK
