"""The Dask engine's throughput per worker, and what a store costs per million articles: ingests
the first N BBC texts (../shared/eval/bbc/all.jsonl) into a new store with a LocalCluster of 1,
then 2, … workers, and prints words/s in all and per worker, the store's size per article and
what that makes for 10 million articles (workers needed for one night of 8 hours, disk).

The cluster is started and the model loaded on every worker (a warm-up ingest of a few articles)
before the clock starts. Words are counted as the store does (``Article.n_words``). A benchmark:
prints figures, never fails on a time; it prints the load average too, since a shared machine
slows every worker.

usage: python bench/cluster.py [--limit 800] [--workers 1,2] [--partition-size 64] [--data PATH]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from components.cluster import dask_client, ingest_dask  # noqa: E402
from components.store import Store  # noqa: E402

BBC = next((p for p in (ROOT.parent / "shared" / "eval" / "bbc" / "all.jsonl",
                        Path("/work/shared/eval/bbc/all.jsonl")) if p.exists()), None)
NIGHT_S = 8 * 3600
TARGET = 10_000_000


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def sample(data: Path, limit: int, folder: Path) -> tuple[Path, Path]:
    """The first ``limit`` records of ``data`` as a JSONL, and the 4 after them for the warm-up."""
    lines = data.read_text(encoding="utf-8").splitlines()[:limit + 4]
    main, warm = folder / "sample.jsonl", folder / "warm.jsonl"
    main.write_text("\n".join(lines[:limit]) + "\n", encoding="utf-8")
    warm.write_text("\n".join(lines[limit:]) + "\n", encoding="utf-8")
    return main, warm


def run(workers: int, main: Path, warm: Path, folder: Path, partition_size: int) -> dict:
    store = Store(folder / f"w{workers}.duckdb")
    with dask_client(workers=workers) as client:
        ingest_dask([str(warm)], store=store, client=client, partition_size=2)
        empty = store.path.stat().st_size  # the file's fixed cost (DuckDB allocates in blocks)
        before = load()
        t0 = time.perf_counter()
        report = ingest_dask([str(main)], store=store, client=client, partition_size=partition_size)
        seconds = time.perf_counter() - t0
    return {"workers": workers, "articles": report.articles, "words": report.words, "seconds": seconds,
            "load": f"{before} -> {load()}", "bytes": store.path.stat().st_size - empty}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=800)
    ap.add_argument("--workers", default="1,2", help="worker counts to try, comma-separated")
    ap.add_argument("--partition-size", type=int, default=64)
    ap.add_argument("--data", type=Path, default=BBC)
    a = ap.parse_args()
    if a.data is None or not a.data.exists():
        print("no data: pass --data FILE.jsonl (the BBC texts are in ../shared/eval/bbc/all.jsonl)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="dateline-cluster-") as tmp:
        main_file, warm = sample(a.data, a.limit, Path(tmp))
        print(f"{a.data.name}: first {a.limit} records; {os.cpu_count()} cores; load before: {load()}")
        print(f"{'workers':>7} {'articles':>8} {'words':>9} {'seconds':>8} {'words/s':>8} {'per worker':>10}  load (1/5/15 min)")
        per_worker = 0.0
        for w in (int(x) for x in a.workers.split(",")):
            r = run(w, main_file, warm, Path(tmp), a.partition_size)
            rate = r["words"] / r["seconds"]
            per_worker = max(per_worker, rate / w)
            print(f"{w:>7} {r['articles']:>8} {r['words']:>9,} {r['seconds']:>8.1f} {rate:>8,.0f} {rate / w:>10,.0f}  {r['load']}")
        per_article = r["bytes"] / r["articles"]
        words_per_article = r["words"] / r["articles"]
        need = TARGET * words_per_article / (per_worker * NIGHT_S)
        print(f"store: +{r['bytes'] / 2**20:.1f} MiB for {r['articles']} articles = {per_article / 1024:.1f} KiB per article"
              f" -> ~{per_article * 1e6 / 2**30:.1f} GiB per million articles (extrapolated, linear)")
        print(f"10 million articles of {words_per_article:.0f} words in 8 h at {per_worker:,.0f} words/s per worker"
              f" (the best seen above): ~{need:.0f} workers (one core each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
