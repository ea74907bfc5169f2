"""Which pipeline versions this Dateline analyses with, for the Data page's word on articles that
another model or other rules analysed (:func:`components.query.older_versions_note`).

Finding them imports spaCy (about a second and 60 MB), which the server otherwise does only for an
ingest; so ``python -m components versions --json`` finds them in a process of its own, started
by the first page that asks (the Data page, which draws its store's summary again when they are
found: :func:`pending`).
"""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

from components import settings

#: Seconds the process may take; then it is stopped and the store's latest versions stand in.
GIVE_UP_S = 60.0

_lock = threading.Lock()
_process: subprocess.Popen | None = None
_started = 0.0
_found: dict[str, str] | None = None


def start() -> None:
    """Start finding the versions (once per server process)."""
    global _process, _started
    with _lock:
        if _process is None:
            _started = time.monotonic()
            _process = subprocess.Popen([sys.executable, "-m", "components", "versions", "--json"],
                                        cwd=settings.PROJECT_ROOT, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True)


def pending() -> bool:
    """Whether the versions are being found (its process started, still running, and not for
    longer than :data:`GIVE_UP_S`: then it is stopped, and nothing was found)."""
    global _found
    with _lock:
        if _process is None or _found is not None or _process.poll() is not None:
            return False
        if time.monotonic() - _started > GIVE_UP_S:
            _process.kill()
            _process.communicate()
            _found = {}
            return False
        return True


def installed(wait: float = 0.0) -> dict[str, str] | None:
    """``{language code: pipeline version}`` of this Dateline's installed pipelines, waiting at
    most ``wait`` seconds for them (starting to find them if nothing did); None while they are
    being found, or if that failed or found no pipeline."""
    global _found
    start()
    with _lock:
        if _found is None:
            try:  # (after a timeout, the next call reads on where this one stopped)
                out, _ = _process.communicate(timeout=max(wait, 0.01))
            except subprocess.TimeoutExpired:
                return None
            try:
                _found = {str(k): str(v) for k, v in json.loads(out or "{}").items()}
            except ValueError:
                _found = {}
        return _found or None
