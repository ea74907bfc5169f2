"""What the machine's CPUs did while a benchmark ran, read from ``/proc/stat`` (Linux).

The load average is a poor guide on a virtual machine: it counts tasks waiting in the kernel as
well as those that want a CPU, and on this project's 2-CPU machines it was seen at 1.5–3 while
``vmstat`` showed both CPUs idle. What tells whether a benchmark had the CPUs to itself is how busy
they were while it ran (all processes, this one included: a benchmark that keeps both CPUs busy
reads ~100%) and how much of their time the host took for other guests (*steal*)::

    with CpuUse() as cpu:
        run()
    print(cpu)   # "CPUs 97% busy, 2% taken by the host (2 CPUs, 33.4 s)"
"""
from __future__ import annotations

import os
import time
from pathlib import Path

STAT = Path("/proc/stat")


def _ticks() -> tuple[int, int, int] | None:
    """(busy, steal, total) clock ticks of all CPUs since boot, None where ``/proc/stat`` is missing.
    Busy: user, nice, system, irq and softirq; idle and iowait count as free; guest time is
    part of user time already."""
    try:
        fields = [int(x) for x in STAT.read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    user, nice, system, idle, iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    busy = user + nice + system + irq + softirq
    return busy, steal, busy + steal + idle + iowait


#: Additions in :func:`machine_speed`'s Python loop.
SPEED_LOOP = 2_000_000
#: :func:`machine_speed`'s DuckDB statement, on one thread: memory-bound, as the store's are.
SPEED_SQL = "SELECT count(DISTINCT i % 1000003), sum(i) FROM range(10000000) t(i)"


def _loop(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def machine_speed(rounds: int = 3) -> str:
    """How fast one CPU of this machine runs Python and DuckDB, in one line: the fastest of
    ``rounds`` timings of a fixed Python loop (:data:`SPEED_LOOP` integer additions in a
    function) and of a fixed DuckDB statement on one thread (:data:`SPEED_SQL`, a distinct count
    over ten million numbers: it reads memory as the store's statements do). The same code's
    figures from two machines compare only after scaling by these (the benches print them
    first); the two can differ in how much they change from one machine to another."""
    import duckdb

    con = duckdb.connect()
    con.execute("SET threads = 1")
    python = min(_timed(lambda: _loop(SPEED_LOOP)) for _ in range(rounds))
    sql = min(_timed(lambda: con.execute(SPEED_SQL).fetchall()) for _ in range(rounds))
    return (f"this machine (fastest of {rounds}; less is faster): Python {SPEED_LOOP:,} additions in "
            f"{python * 1000:.0f} ms; DuckDB on one thread, a distinct count of 10,000,000 numbers in {sql * 1000:.0f} ms")


#: :func:`machine_scaling`'s probes: Python code that does a fixed piece of work, run by a fresh
#: interpreter (one BLAS thread) that prints its seconds. Integer additions in Python (the CPU
#: alone); products of 256 × 256 float32 matrices (vector units, as a model's layers); reads of
#: random rows of a 24 MB table (about a CPU's shared last-level cache, which two processes that
#: each keep that much in use share) and of a 400 MB table (memory bandwidth, shared with the
#: host's other guests).
SCALING_PROBES = {
    "Python": "import time\nt = time.perf_counter()\ns = 0\nfor i in range(40_000_000): s += i\n"
              "print(time.perf_counter() - t)",
    "matrix products": "import time, numpy as np\na = np.ones((256, 256), np.float32)\nt = time.perf_counter()\n"
                       "for _ in range(12000): a @ a\nprint(time.perf_counter() - t)",
    "cache-sized reads": "import time, numpy as np\ntable = np.ones((375_000, 16), np.float32)\n"
                         "rows = np.random.default_rng(0).integers(0, len(table), 100_000)\nt = time.perf_counter()\n"
                         "for _ in range(400): table[rows].sum()\nprint(time.perf_counter() - t)",
    "memory reads": "import time, numpy as np\ntable = np.ones((1_600_000, 64), np.float32)\n"
                    "rows = np.random.default_rng(0).integers(0, len(table), 100_000)\nt = time.perf_counter()\n"
                    "for _ in range(80): table[rows].sum()\nprint(time.perf_counter() - t)",
}


def machine_scaling(processes: int) -> str:
    """How much more work ``processes`` processes do at once than one on this machine, per kind
    of work (:data:`SCALING_PROBES`), in one line: each probe timed alone, then ``processes``
    copies at once, then alone again; the speed-up is ``processes`` × (the quicker time alone) /
    (the copies' mean time), so that a pause of the host during one run alone does not count.
    Where two free CPUs give less than 2× here, the machine (cores that share a physical core,
    caches or memory bandwidth, or a clock that drops with more cores busy) caps any program's
    speed-up at that moment, Dateline's included; on a virtual machine the figures move from one
    run to the next with the host's other guests."""
    import subprocess
    import sys

    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

    def run(code: str, n: int) -> list[float]:
        procs = [subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
                 for _ in range(n)]
        return [float(p.communicate()[0]) for p in procs]

    out = []
    for name, code in SCALING_PROBES.items():
        first = run(code, 1)[0]
        together = run(code, processes)
        alone = min(first, run(code, 1)[0])
        out.append(f"{name} {processes * alone / (sum(together) / len(together)):.2f}x")
    return f"this machine's own speed-up of {processes} processes over 1: " + ", ".join(out)


def _timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


class CpuUse:
    """A context manager measuring the CPUs' use between its entry and exit: :attr:`busy` and
    :attr:`stolen` (shares of all CPUs' time, 0–1; None without ``/proc/stat``) and
    :attr:`seconds` (wall time); ``str()`` says it in one line."""

    def __init__(self) -> None:
        self.busy: float | None = None
        self.stolen: float | None = None
        self.seconds = 0.0

    def __enter__(self) -> "CpuUse":
        self._start, self._t0 = _ticks(), time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        end = _ticks()
        self.seconds = time.perf_counter() - self._t0
        if self._start is None or end is None or end[2] <= self._start[2]:
            return
        busy, steal, total = (b - a for a, b in zip(self._start, end))
        self.busy, self.stolen = busy / total, steal / total

    def __str__(self) -> str:
        if self.busy is None:
            return f"CPU use unknown (no {STAT}; {self.seconds:.1f} s)"
        return (f"CPUs {self.busy:.0%} busy, {self.stolen:.0%} taken by the host "
                f"({os.cpu_count()} CPUs, {self.seconds:.1f} s)")
