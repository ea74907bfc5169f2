"""Time every dashboard page in a real browser: the app served by ``streamlit run``, driven by
Debian's Chromium through Playwright, on one store.

    python bench/pages_browser.py --db /tmp/dateline1m.duckdb

How: a fresh server (so every query cache is empty) and one browser tab. Per page, in menu order,
three figures in seconds, each from the action to the page *settled* (Streamlit reports no script
run in progress and every plotly chart on the page has drawn):

- ``first``: the first visit through the sidebar menu, no filter (queries run cold);
- ``again``: back to it after visiting another page (cached results: what going back costs);
- ``filter``: the page opened with the store's most mentioned actor in the URL (a new session:
  the queries run again under that Filter).

Then the server process's resident memory, now and at its peak (``VmRSS``/``VmHWM``). Benchmarks
print figures; they never fail on a time.
"""
from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.routes import PAGES  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 120_000
#: True once Streamlit runs no script and every plotly chart of the page has drawn.
SETTLED_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    return [...document.querySelectorAll('.js-plotly-plot')].every(gd => gd._fullLayout && gd.querySelector('.main-svg'));
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, log: Path) -> subprocess.Popen:
    """``streamlit run dashboard/app.py`` on ``port`` serving ``db``, once it answers its health check."""
    env = {**os.environ, "DATELINE_DB": str(db), "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
            return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"streamlit exited with {proc.returncode}; see {log}")
            time.sleep(0.5)
    proc.terminate()
    raise SystemExit(f"streamlit did not answer within 120 s; see {log}")


def memory_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of process ``pid`` in MB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return tuple(int(fields[k].split()[0]) / 1024 for k in ("VmRSS", "VmHWM"))


def settle(page, title: str) -> None:
    """Wait for ``title``'s heading, then for the page to settle (see :data:`SETTLED_JS`)."""
    page.get_by_role("heading", name=title).first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function(SETTLED_JS, timeout=TIMEOUT_MS, polling=50)


def timed(action, page, title: str) -> float:
    t0 = time.perf_counter()
    action()
    settle(page, title)
    return time.perf_counter() - t0


def run(db: Path, url: str, filter_query: str) -> list[tuple[str, float, float, float]]:
    """(title, first, again, filter) seconds per page (see the module's docstring)."""
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        first_title = PAGES[0][1]
        open_first = timed(lambda: page.goto(url), page, first_title)
        menu = lambda title: page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()  # noqa: E731
        for i, (_, title, path) in enumerate(PAGES):
            first = open_first if i == 0 else timed(lambda: menu(title), page, title)
            other = PAGES[1 if i == 0 else 0][1]
            timed(lambda: menu(other), page, other)
            again = timed(lambda: menu(title), page, title)
            target = f"{url}/{'' if i == 0 else path}?{filter_query}"
            filtered = timed(lambda: page.goto(target), page, title)
            timed(lambda: page.goto(f"{url}/{'' if i == 0 else path}"), page, title)  # back to no filter
            rows.append((title, first, again, filtered))
        browser.close()
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="the store to serve")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        parser.error(f"{CHROMIUM} is missing: run `sh tests/setup-browser.sh`")
    from components import query
    from components.filters import Filter
    from components.store import Store

    top = query.top_actors(Store(args.db), Filter(), limit=1)
    picked = Filter(actors=(str(top["actor"].iloc[0]),)) if len(top) else Filter(text="the")
    filter_query = urllib.parse.urlencode(picked.to_query_params(), doseq=True)
    port = _free_port()
    log = Path("/tmp") / f"dateline-pages-browser-{port}.log"
    server = start_server(args.db, port, log)
    try:
        rows = run(args.db, f"http://127.0.0.1:{port}", filter_query)
        now, peak = memory_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"\nseconds until the page settled in Chromium, {args.db} ({Store(args.db).summary().get('articles', 0):,} articles)")
    print(f"filter: {filter_query}")
    print(f"  {'page':<10} {'first':>7} {'again':>7} {'filter':>7}")
    for title, first, again, filtered in rows:
        print(f"  {title:<10} {first:7.2f} {again:7.2f} {filtered:7.2f}")
    print(f"  server memory: {now:,.0f} MB now, {peak:,.0f} MB at its peak")


if __name__ == "__main__":
    main()
