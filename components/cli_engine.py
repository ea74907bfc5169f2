"""The command line's engine options, shared by ``ingest`` and ``reextract``: where the parsing
runs (``--engine local`` in this process, ``--engine dask`` on a Dask cluster: README, On a
cluster), and the check of what was given."""
from __future__ import annotations

import argparse


def add_engine_options(p: argparse.ArgumentParser) -> None:
    """Add the engine options (``--engine``, ``--scheduler``, ``--partition-size``, ``--dashboard``) to ``p``."""
    g = p.add_argument_group("engine", "where the parsing runs (README: On a cluster)")
    g.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local: this process (and --workers spaCy processes); dask: a Dask cluster")
    g.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="with --engine dask: a running scheduler (tcp://host:8786); default: a LocalCluster "
                        "of --workers worker processes on this machine")
    g.add_argument("--partition-size", type=int, default=256, metavar="N",
                   help="with --engine dask: articles per partition (one task, one store transaction)")
    g.add_argument("--dashboard", action="store_true",
                   help="with --engine dask: serve Dask's dashboard (LocalCluster: on 127.0.0.1:8787)")


def engine_problem(a: argparse.Namespace) -> str | None:
    """What is wrong with the engine options of ``a`` (ingest, reextract), in a line, or None."""
    if a.engine != "dask" and (a.scheduler or a.dashboard):
        return "error: --scheduler and --dashboard need --engine dask"
    if a.partition_size < 1:
        return "error: --partition-size must be at least 1"
    return None
