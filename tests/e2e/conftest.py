"""End-to-end harness: the REAL dashboard in a subprocess, driven by headless Chromium.

Session fixtures build a store from the bundled sample corpus (``data/seed`` + ``data/demo``) in a
tmp folder, start ``streamlit run dashboard/app.py`` on a free port with ``DATELINE_DB`` pointing at
that store, and launch Debian's ``/usr/bin/chromium`` through Playwright (never a downloaded
browser; ``sh tests/setup-browser.sh`` installs it). Every request the browser makes during the
whole run is recorded in :data:`REQUESTS` so a test can assert that nothing left localhost.

Screenshots go to :data:`SHOTS` (``/tmp/dateline-e2e``), with the server's output (``server.log``)
and the distinct URLs the browser requested (``requests.txt``).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dashboard" / "app.py"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = Path(os.environ.get("DATELINE_E2E_SHOTS", "/tmp/dateline-e2e"))
SERVER_START_S = 90
"""Seconds the app may take to answer its health check (2 shared cores, cold imports)."""

REQUESTS: list[str] = []
"""Every URL the browser requested (HTTP and WebSocket) during the whole test session."""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _log_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no server log)"


@pytest.fixture(scope="session")
def e2e_store(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:
    """A DuckDB store holding the sample corpus: the seed article and the 40 demo stories
    (parsed with the session's model, shared with the tests marked ``model``)."""
    from components.corpus import ingest
    from components.store import Store

    path = tmp_path_factory.mktemp("e2e-store") / "dateline.duckdb"
    report = ingest([str(ROOT / "data" / "seed"), str(ROOT / "data" / "demo")], store=Store(path), nlp=nlp)
    assert report.added >= 41, report.summary()
    return path


@contextmanager
def running_app(cmd: list[str], *, port: int, env: dict[str, str], cwd: Path, log_path: Path
                ) -> Iterator[tuple[str, subprocess.Popen]]:
    """Run ``cmd`` (a ``streamlit run`` command serving on ``port``) in ``cwd`` with environment
    ``env``, its output in ``log_path``; yield ``(base URL on 127.0.0.1, process)`` once the app
    answers its health check, and stop it afterwards."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = open(log_path, "w")
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_S
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited with {proc.returncode}:\n{_log_tail(log_path)}")
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit did not answer within {SERVER_START_S}s:\n{_log_tail(log_path)}")
            time.sleep(0.3)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="session")
def app_url(e2e_store: Path) -> str:
    """Base URL (``http://127.0.0.1:<port>``) of the real app serving :func:`e2e_store`; the
    server is stopped when the session ends."""
    if not APP.exists():
        pytest.fail(f"{APP.relative_to(ROOT)} does not exist yet")
    SHOTS.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    env = {**os.environ, "DATELINE_DB": str(e2e_store), "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true",
           "--browser.gatherUsageStats", "false"]
    with running_app(cmd, port=port, env=env, cwd=ROOT, log_path=SHOTS / "server.log") as (url, _):
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (sync API), closed at the end."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `sh tests/setup-browser.sh`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def browser_context(browser):
    """One browser context for the run; every page it opens reports its requests to
    :data:`REQUESTS` (``context.on("request")`` sees the requests of all its pages and workers)."""
    ctx = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    ctx.set_default_timeout(30_000)
    ctx.on("request", lambda request: REQUESTS.append(request.url))
    yield ctx
    ctx.close()
    SHOTS.mkdir(parents=True, exist_ok=True)
    seen = sorted({u.split("?", 1)[0] for u in REQUESTS if not u.startswith("data:")})
    (SHOTS / "requests.txt").write_text("\n".join(seen) + "\n", encoding="utf-8")


@pytest.fixture
def page(browser_context):
    """A fresh tab (a fresh Streamlit session). WebSocket URLs are recorded too."""
    p = browser_context.new_page()
    p.on("websocket", lambda ws: REQUESTS.append(ws.url))
    yield p
    p.close()


@pytest.fixture(scope="session")
def requests_seen() -> list[str]:
    """The list every page appends its request URLs to (see :data:`REQUESTS`)."""
    return REQUESTS
