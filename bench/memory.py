"""Memory of an ingest as the corpus grows: for each size N, a synthetic JSON Lines corpus of N
fictional wire stories (:mod:`components.synthetic`, one record per line with its date and
dateline) is written, then ``python -m components ingest FILE --db NEW.duckdb`` runs on it in a
child process whose resident memory (with its spaCy workers, if any) is sampled from /proc four
times a second. Prints, per size, the seconds, articles/s, the peak RSS, and the RSS at a
quarter, half and three quarters of the run's time (flat memory: those stay level while the
articles grow). A benchmark: prints figures, never fails on a time or a size. The load average
is printed before and after each run (other processes slow it, not its memory).

usage: python bench/memory.py [--sizes 10000,100000] [--folder /tmp/dateline-memory] [--workers 1] [--keep]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # (this checkout's Dateline, not an installed one)
from components.ingest.header import split_header  # noqa: E402
from components.synthetic import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def write_jsonl(path: Path, n: int) -> int:
    """Write ``n`` synthetic stories to ``path`` as JSON Lines (id, date, dateline, text); returns
    the file's size in bytes. A file already there with ``n`` lines is kept."""
    if path.exists() and sum(1 for _ in path.open("rb")) == n:
        return path.stat().st_size
    with path.open("w", encoding="utf-8") as f:
        for name, text in generate(n):
            head = split_header(text)
            f.write(json.dumps({"id": name.removesuffix(".txt"), "date": head.date, "dateline": list(head.dateline),
                                "text": head.body}, ensure_ascii=False) + "\n")
    return path.stat().st_size


def rss_mb(pid: int) -> float:
    """Resident memory of process ``pid`` and its children (MB), from /proc; 0 once it is gone."""
    total = 0
    pids = [pid] + [int(p) for p in _children(pid)]
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _children(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []


def run_ingest(corpus: Path, db: Path, workers: int) -> tuple[float, list[float]]:
    """Seconds of an ingest of ``corpus`` into a new store ``db``, and its RSS samples (MB)."""
    for stale in (db, db.with_suffix(db.suffix + ".wal")):
        stale.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    cmd = [sys.executable, "-m", "components", "ingest", str(corpus), "--db", str(db), "-q", "--workers", str(workers)]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    samples: list[float] = []

    def sample() -> None:
        while proc.poll() is None:
            samples.append(rss_mb(proc.pid))
            time.sleep(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    seconds = time.perf_counter() - t
    sampler.join()
    if proc.returncode:
        print(out, file=sys.stderr)
    return seconds, [s for s in samples if s > 0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000", help="corpus sizes, comma-separated")
    ap.add_argument("--folder", type=Path, default=Path("/tmp/dateline-memory"), help="where corpora and stores go")
    ap.add_argument("--workers", type=int, default=1, help="spaCy processes of the ingest")
    ap.add_argument("--keep", action="store_true", help="keep the stores (the corpora are always kept)")
    a = ap.parse_args()
    a.folder.mkdir(parents=True, exist_ok=True)
    for n in (int(s) for s in a.sizes.split(",")):
        corpus = a.folder / f"synthetic-{n}.jsonl"
        size = write_jsonl(corpus, n)
        load = os.getloadavg()[0]
        seconds, samples = run_ingest(corpus, a.folder / f"memory-{n}.duckdb", a.workers)
        at = [samples[int(len(samples) * q)] for q in (0.25, 0.5, 0.75)] if samples else [0.0] * 3
        print(f"{n:>9,} articles ({size / 2**20:,.0f} MB JSONL): {seconds:8.1f} s, {n / seconds:6.1f} articles/s, "
              f"peak RSS {max(samples, default=0):6.0f} MB (at 1/4, 1/2, 3/4 of the run: "
              f"{at[0]:.0f}, {at[1]:.0f}, {at[2]:.0f} MB); workers={a.workers}; "
              f"load {load:.2f} before, {os.getloadavg()[0]:.2f} after, on {os.cpu_count()} cores", flush=True)
        if not a.keep:
            for path in a.folder.glob(f"memory-{n}.duckdb*"):
                path.unlink() if path.is_file() else shutil.rmtree(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
