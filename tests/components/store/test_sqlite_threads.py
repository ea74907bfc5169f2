"""SQLite without its memory statistics, so that searches in threads run side by side
(components/store/sqlite_threads.py). Each case runs in a fresh interpreter: the setting is the
process's, and only a process whose SQLite has not started yet can take it."""
from __future__ import annotations

import subprocess
import sys

import pytest

#: Opens an SQLite database after ``{first}``, writes to it, and prints what SQLite counts as
#: allocated (``sqlite3_memory_used()``: 0 while the statistics are off).
_PROBE = """
{first}
import ctypes, sqlite3, _sqlite3
memory_used = ctypes.CDLL(_sqlite3.__file__).sqlite3_memory_used
memory_used.restype = ctypes.c_int64
con = sqlite3.connect(":memory:")
con.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
con.executemany("INSERT INTO t VALUES (?)", [(f"port of call {{i}}",) for i in range(500)])
assert con.execute("SELECT count(*) FROM t WHERE t MATCH 'port'").fetchone() == (500,)
print(memory_used())
"""


def _memory_used(first: str) -> int:
    out = subprocess.run([sys.executable, "-c", _PROBE.format(first=first)], capture_output=True, text=True,
                         check=True, timeout=60)
    return int(out.stdout.strip())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="set only on Linux")
def test_importing_the_store_turns_off_sqlites_memory_statistics():
    assert _memory_used("import components.store") == 0


def test_a_process_whose_sqlite_has_started_keeps_them_and_still_searches():
    # (sqlite3 imported first: SQLite refuses the setting, and the store imports all the same)
    assert _memory_used("import sqlite3\nimport components.store") > 0


def test_the_setting_is_refused_once_sqlite_has_started():
    out = subprocess.run([sys.executable, "-c", "import sqlite3\nfrom components.store.sqlite_threads import "
                          "stop_memory_statistics\nprint(stop_memory_statistics())"],
                         capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "False"
