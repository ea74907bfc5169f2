"""Time every dashboard page in a real browser: the app served by ``streamlit run``, driven by
Debian's Chromium through Playwright, on one store.

    python bench/pages_browser.py --db /tmp/dateline1m.duckdb

How: a fresh server (so every query cache is empty) and one browser tab; with ``--repeat N``,
N such rounds (each on a new server and a new browser), and per figure the median visit. Per
page, in menu order, five figures in seconds, each from the action to the page *settled*
(Streamlit reports no script run in progress, no element is waiting for its JavaScript, and
every plotly chart has drawn):

- ``first``: the first visit through the sidebar menu, no filter (queries run cold); for the
  first page, the app opened in a new tab (the browser's cache empty) on the just-started server;
- ``again``: back to it after visiting another page (cached results: what going back costs);
- ``filter``: the page opened with the store's most mentioned actor in the URL (a new session:
  the queries run again under that Filter);
- ``click``: the store's second most mentioned actor picked in the sidebar's Actors list (typed,
  then Enter; timed from the Enter) on the page open with no filter, as an analyst changes the
  Filter: the same session, no page load, the queries run again under the new Filter (another
  actor than ``filter``'s, whose results the cache holds);
- ``new+f``: the same link opened on a server started just before (a new process: nothing
  loaded, nothing cached), in the same tab (the app's JavaScript in the browser's cache);
- ``day``: the page's link, no filter, opened by a browser started anew on a profile that opened
  the app once before (its disk cache holds Streamlit's and plotly's JavaScript, which Streamlit
  serves as immutable) on a server started just before: an analyst's first visit of a day, where
  ``first`` is the first visit ever of a browser.

Then the same visits split into where their time went, ``load + server + draw``: ``load`` until
the browser sent the page's request over the WebSocket (the HTML and JavaScript of a page opened
by its URL; about 0 for a menu click), ``server`` from that request to the last message of the
run (the script, its queries and figures, and the transfer), ``draw`` from there until settled
(the browser laying out the page and drawing the charts). Then the first server's resident
memory, now and at its peak (``VmRSS``/``VmHWM``). Last, for scale, the first visit of four
pages that are not Dateline's (a title alone; a title and one plotly chart; a sidebar like
Dateline's and one chart; a title and one map), each in a new browser, a visit by a link right
after, and a day's first visit (as ``day``): what Streamlit and plotly cost before any of
Dateline's work. Benchmarks print figures; they never fail on a time.
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
from machine import CpuUse, machine_speed  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 120_000
#: True once Streamlit runs no script, no element waits for its code (a grey placeholder,
#: ``stSkeleton``, stands in for an element whose JavaScript is still loading: the first chart or
#: table of a new tab) and every plotly chart of the page (Streamlit's ``stPlotlyChart``: its
#: plotly element is made only as plotly starts drawing) has drawn: its figure laid out, nothing
#: it waits for pending (``_promises``: the country outlines a map reads by URL) and each of its
#: maps done loading and drawing (MapLibre's ``loaded()``: a map's outlines and circles are drawn
#: after the chart's frame, ~1 s later on the BBC texts' Map page in this machine's Chromium).
SETTLED_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
    const maps = layout => Object.keys(layout).filter(k => /^map[0-9]*$/.test(k)).map(k => layout[k]._subplot);
    return [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(chart => {
        const gd = chart.querySelector('.js-plotly-plot');
        return gd && gd._fullLayout && gd.querySelector('.main-svg') && !(gd._promises || []).length
            && maps(gd._fullLayout).every(sub => sub && sub.map && sub.map.loaded());
    });
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, log: Path, script: Path = ROOT / "dashboard" / "app.py") -> subprocess.Popen:
    """``streamlit run dashboard/app.py`` (or ``script``) on ``port`` serving ``db``, once it
    answers its health check."""
    env = {**os.environ, "DATELINE_DB": str(db), "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log.open("a"), stderr=subprocess.STDOUT)
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
    """Wait for ``title``'s heading, then for the page to settle (see :data:`SETTLED_JS`). The
    heading is matched whole: the Overview's "Top actors" would otherwise pass for the Actors
    page's title, and a menu click from the Overview count as settled before the page changed."""
    page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function(SETTLED_JS, timeout=TIMEOUT_MS, polling=50)


class Frames:
    """When the page's WebSocket messages went out and came in (``time.perf_counter``), to split
    a visit into load, server and draw time (see the module's docstring)."""

    def __init__(self, page) -> None:
        self.sent: list[float] = []
        self.received: list[float] = []
        page.on("websocket", self._watch)

    def _watch(self, ws) -> None:
        ws.on("framesent", lambda _: self.sent.append(time.perf_counter()))
        ws.on("framereceived", lambda _: self.received.append(time.perf_counter()))

    def split(self, t0: float, t1: float) -> tuple[float, float, float]:
        """(load, server, draw) seconds of the visit that started at ``t0`` and settled at ``t1``."""
        asked = min((t for t in self.sent if t >= t0), default=t0)
        answered = max((t for t in self.received if asked <= t <= t1), default=asked)
        return asked - t0, answered - asked, t1 - answered


def timed(action, page, title: str, frames: Frames) -> tuple[float, tuple[float, float, float]]:
    """(seconds from ``action`` until ``title``'s page settled, its (load, server, draw) split)."""
    t0 = time.perf_counter()
    action()
    settle(page, title)
    t1 = time.perf_counter()
    return t1 - t0, frames.split(t0, t1)


#: The figures of one page: (title, {column: (seconds, (load, server, draw))}).
Row = tuple[str, dict[str, tuple[float, tuple[float, float, float]]]]
COLUMNS = ("first", "again", "filter", "click", "new+f", "day")


def pick_actor(page, actor: str) -> float:
    """Pick ``actor`` in the sidebar's Actors list as an analyst does (type, Enter), and wait
    until the Filter took it (the URL names it); the caller waits for the page to settle.
    Returns the ``time.perf_counter()`` of the Enter."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Actors").first
    box.locator("input").click()
    page.keyboard.type(actor)
    t0 = time.perf_counter()
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_url(lambda u: "actors=" in u, timeout=TIMEOUT_MS)
    return t0


def timed_pick(page, title: str, actor: str, frames: "Frames") -> tuple[float, tuple[float, float, float]]:
    """(seconds from the Enter that picks ``actor`` until ``title``'s page settled, its split)."""
    t0 = pick_actor(page, actor)
    settle(page, title)
    t1 = time.perf_counter()
    return t1 - t0, frames.split(t0, t1)


def run(url: str, filter_query: str, restart, actor: str | None = None) -> list[Row]:
    """One :data:`Row` per page (see the module's docstring); ``restart()`` starts a new server
    on the same URL (for the ``new+f`` column)."""
    from playwright.sync_api import sync_playwright

    rows: list[Row] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        frames = Frames(page)
        first_title = PAGES[0][1]
        open_first = timed(lambda: page.goto(url), page, first_title, frames)
        menu = lambda title: page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()  # noqa: E731
        for i, (_, title, path) in enumerate(PAGES):
            figures = {"first": open_first if i == 0 else timed(lambda: menu(title), page, title, frames)}
            other = PAGES[1 if i == 0 else 0][1]
            timed(lambda: menu(other), page, other, frames)
            figures["again"] = timed(lambda: menu(title), page, title, frames)
            target = f"{url}/{'' if i == 0 else path}?{filter_query}"
            figures["filter"] = timed(lambda: page.goto(target), page, title, frames)
            unfiltered = f"{url}/{'' if i == 0 else path}"
            timed(lambda: page.goto(unfiltered), page, title, frames)  # no filter
            if actor:
                figures["click"] = timed_pick(page, title, actor, frames)
                timed(lambda: page.goto(unfiltered), page, title, frames)
            rows.append((title, figures))
        for i, (_, title, path) in enumerate(PAGES):
            page.goto("about:blank")  # else the tab reconnects to the new server and warms it
            restart()
            target = f"{url}/{'' if i == 0 else path}?{filter_query}"
            rows[i][1]["new+f"] = timed(lambda: page.goto(target), page, title, frames)
        browser.close()
        for i, (_, visit) in enumerate(returning_visits(pw, url, restart)):
            rows[i][1]["day"] = visit
    return rows


def day_visit(pw, profile: str, url: str, title: str) -> tuple[float, tuple[float, float, float]]:
    """A browser started anew on the profile folder ``profile`` opens ``url``: the visit's
    seconds until ``title``'s page settled, and its split (see :func:`timed`)."""
    context = pw.chromium.launch_persistent_context(profile, executable_path=str(CHROMIUM), headless=True,
                                                    args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 1000})
    try:
        page = context.pages[0] if context.pages else context.new_page()
        return timed(lambda: page.goto(url), page, title, Frames(page))
    finally:
        context.close()


def returning_visits(pw, url: str, restart) -> list[tuple[str, tuple[float, tuple[float, float, float]]]]:
    """Per page, ``(title, its day figure)`` (see the module's docstring): a browser profile
    opens the app once (filling its disk cache), then per page a new server and the same profile
    in a browser started anew open the page's link."""
    import tempfile

    out = []
    with tempfile.TemporaryDirectory() as profile:
        day_visit(pw, profile, url, PAGES[0][1])
        for i, (_, title, path) in enumerate(PAGES):
            restart()
            out.append((title, day_visit(pw, profile, f"{url}/{'' if i == 0 else path}", title)))
    return out


#: Pages that are not Dateline's, for what any Streamlit page costs on this machine: a title
#: alone, a title with one plotly chart of two bars, with a sidebar like Dateline's and one chart
#: of 40 bars, and with one plotly map of 1,000 circles.
FLOOR_PAGES = {
    "a title": "import streamlit as st\nst.title('Floor')\n",
    "a title and one plotly chart": ("import plotly.graph_objects as go\nimport streamlit as st\nst.title('Floor')\n"
                                     "st.plotly_chart(go.Figure(go.Bar(x=['a', 'b'], y=[1, 2])))\n"),
    # (a sidebar like Dateline's: a search box, seven lists of 500 choices and a date slider)
    "a sidebar and one chart of 40 bars": (
        "import datetime as dt\nimport plotly.graph_objects as go\nimport streamlit as st\nst.title('Floor')\n"
        "with st.sidebar:\n    st.text_input('Search', key='q')\n"
        "    for i in range(7):\n        st.multiselect(f'List {i}', [f'Choice {j}' for j in range(500)], key=f'm{i}')\n"
        "    st.slider('Dates', min_value=dt.date(2020, 1, 1), max_value=dt.date(2024, 12, 31), key='d',"
        " value=(dt.date(2020, 1, 1), dt.date(2024, 12, 31)))\n"
        "st.plotly_chart(go.Figure(go.Bar(y=[f'Actor {i}' for i in range(40)], x=list(range(40, 0, -1)),"
        " orientation='h')), height=900)\n"),
    # (plotly's MapLibre map as Dateline's maps draw it: no tiles; with no GPU, WebGL in software)
    "a title and one map of 1,000 circles": (
        "import numpy as np\nimport plotly.graph_objects as go\nimport streamlit as st\nst.title('Floor')\n"
        "rng = np.random.default_rng(0)\n"
        "st.plotly_chart(go.Figure(go.Scattermap(lat=rng.uniform(-60, 70, 1000), lon=rng.uniform(-180, 180, 1000),"
        " mode='markers'), layout=dict(map=dict(style='white-bg', zoom=0.5))))\n"),
}


def floor(port: int, log: Path, times: int = 3) -> dict[str, tuple[float, float, float]]:
    """Per page of :data:`FLOOR_PAGES`, the median seconds until settled of ``times`` first
    visits (a new browser each: nothing cached), of the visit by a link right after (the same
    tab: a new session, the JavaScript cached) and of a day's first visit (a browser started anew
    on a profile that opened the page before, on a server started just before; as ``day``): the
    part of each kind of visit that is Streamlit's and plotly's own."""
    import statistics
    import tempfile

    from playwright.sync_api import sync_playwright

    out: dict[str, tuple[float, float, float]] = {}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as pw:
        url = f"http://127.0.0.1:{port}/?again=1"
        for name, code in FLOOR_PAGES.items():
            script = Path(folder) / "floor.py"
            script.write_text(code)
            server = start_server(Path(folder) / "none.duckdb", port, log, script)
            first, link, day = [], [], []
            try:
                for _ in range(times):
                    browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
                    page = browser.new_page(viewport={"width": 1400, "height": 1000})
                    first.append(timed(lambda: page.goto(url), page, "Floor", Frames(page))[0])
                    page.goto("about:blank")
                    link.append(timed(lambda: page.goto(url), page, "Floor", Frames(page))[0])
                    browser.close()
                with tempfile.TemporaryDirectory() as profile:
                    for i in range(times + 1):  # (the first fills the profile's cache)
                        stop(server)
                        server = start_server(Path(folder) / "none.duckdb", port, log, script)
                        seconds = day_visit(pw, profile, url, "Floor")[0]
                        if i:
                            day.append(seconds)
            finally:
                stop(server)
            out[name] = (statistics.median(first), statistics.median(link), statistics.median(day))
    return out


def medians(rounds: list[list[Row]]) -> list[Row]:
    """Per page and column, the visit of median seconds over ``rounds`` (its split with it)."""
    rows: list[Row] = []
    for i, (title, _) in enumerate(rounds[0]):
        figures = {}
        for column in rounds[0][i][1]:
            visits = sorted((r[i][1][column] for r in rounds), key=lambda visit: visit[0])
            figures[column] = visits[(len(visits) - 1) // 2]
        rows.append((title, figures))
    return rows


def print_rows(rows: list[Row]) -> None:
    """The seconds table, then the load + server + draw table."""
    print(f"  {'page':<10}" + "".join(f" {c:>7}" for c in COLUMNS))
    for title, figures in rows:
        print(f"  {title:<10}" + "".join(f" {figures[c][0]:7.2f}" if c in figures else f" {'—':>7}"
                                         for c in COLUMNS))
    print("\n  where the time went: load + server + draw (see the module's docstring)")
    print(f"  {'page':<10}" + "".join(f" {c:>16}" for c in COLUMNS))
    for title, figures in rows:
        print(f"  {title:<10}" + "".join(" {:>16}".format("{:.2f}+{:.2f}+{:.2f}".format(*figures[c][1])
                                                          if c in figures else "—") for c in COLUMNS))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="the store to serve")
    parser.add_argument("--port", type=int, default=0, help="the server's port (default: a free one)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of every visit, each on a new server and a new browser; medians printed")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        parser.error(f"{CHROMIUM} is missing: run `sh tests/setup-browser.sh`")
    from components import query
    from components.filters import Filter
    from components.store import Store

    print(machine_speed(), flush=True)
    top = query.top_actors(Store(args.db), Filter(), limit=2)
    picked = Filter(actors=(str(top["actor"].iloc[0]),)) if len(top) else Filter(text="the")
    clicked = str(top["actor"].iloc[1]) if len(top) > 1 else None
    filter_query = urllib.parse.urlencode(picked.to_query_params(), doseq=True)
    port = args.port or _free_port()
    log = Path("/tmp") / f"dateline-pages-browser-{port}.log"
    log.unlink(missing_ok=True)  # every server of this run appends to it
    servers = [start_server(args.db, port, log)]
    memory: list[tuple[float, float]] = []  # the first server's, measured before it stops

    def restart() -> None:
        if len(servers) == 1:
            memory.append(memory_mb(servers[0].pid))
        stop(servers[-1])
        servers.append(start_server(args.db, port, log))

    load_before = os.getloadavg()
    rounds: list[list[Row]] = []
    try:
        with CpuUse() as cpu:
            for i in range(max(args.repeat, 1)):
                if i:
                    restart()
                rounds.append(run(f"http://127.0.0.1:{port}", filter_query, restart, clicked))
    finally:
        stop(servers[-1])
    rows = medians(rounds)
    floors = floor(port, log)
    print(f"\nseconds until the page settled in Chromium (median of {len(rounds)} round{'s' if len(rounds) > 1 else ''}), {args.db} ({Store(args.db).summary().get('articles', 0):,} articles)")
    print(f"filter: {filter_query}" + (f"; click: actors={clicked}" if clicked else ""))
    print_rows(rows)
    now, peak = memory[0]
    print(f"  server memory: {now:,.0f} MB now, {peak:,.0f} MB at its peak")
    print("  load average (1, 5, 15 min): before {:.2f} {:.2f} {:.2f}, after {:.2f} {:.2f} {:.2f}".format(
        *load_before, *os.getloadavg()))
    print(f"  during the run: {cpu} (the browser and the server included)")
    print("  what any Streamlit page costs here (medians of 3; first visit in a new browser, then by a link,"
          " then a day's first visit): " + "; ".join(f"{name} {first:.2f} s, {link:.2f} s, {day:.2f} s"
                                                     for name, (first, link, day) in floors.items()))


def stop(server: subprocess.Popen) -> None:
    """Stop a server started by :func:`start_server` and wait for it."""
    server.terminate()
    server.wait(timeout=30)


if __name__ == "__main__":
    main()
