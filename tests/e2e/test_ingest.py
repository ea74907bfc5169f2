"""The Data page's ingest in Chromium, on a server of its own: started there, it goes on while the
analyst reads another page (a page's own script run is stopped as the analyst leaves it), that
page is drawn again by itself when the ingest ends, and the Data page shows its report when the
analyst comes back."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from dashboard.ingest_bar import ANALYSING

from .conftest import APP, ROOT, SHOTS, _free_port, running_app
from .test_browser import go_to, metric, open_page, shot

pytestmark = [pytest.mark.e2e, pytest.mark.model]

#: Synthetic stories ingested: more than one batch of the app's ingest (256 articles a transaction).
STORIES = 400


def test_an_ingest_goes_on_while_the_analyst_reads_another_page(browser_context, tmp_path):
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, "-m", "components", "demo", str(corpus), "--n", str(STORIES)],
                   cwd=ROOT, check=True, capture_output=True)
    port = _free_port()
    env = {**os.environ, "DATELINE_DB": str(tmp_path / "store.duckdb"), "DATELINE_INGEST_ROOTS": str(tmp_path),
           "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true"]
    with running_app(cmd, port=port, env=env, cwd=ROOT, log_path=SHOTS / "server-ingest.log") as (url, _):
        page = browser_context.new_page()
        try:
            open_page(page, f"{url}/data")
            page.locator(".st-key-data_folder input").fill(str(corpus))
            page.locator(".st-key-data_folder input").press("Enter")
            page.locator(".st-key-data_ingest_folder button").click()
            # the model loaded, the articles being analysed: leave for the Overview, as an analyst
            # does while it runs (leaving only once the first batch is stored raced the last one)
            page.get_by_text(ANALYSING).first.wait_for(timeout=120_000)
            go_to(page, "Overview")
            page.get_by_text("An ingest is running").first.wait_for(timeout=30_000)  # (the sidebar says so)
            # Once it ends the Overview is drawn again by itself, with every article it stored.
            page.wait_for_function(f"""() => [...document.querySelectorAll('[data-testid="stMetric"]')].some(
                m => m.innerText.startsWith('Articles') && m.innerText.includes('{STORIES}'))""", timeout=120_000)
            # (and the sidebar's line gone once that run ends: until then the old one stays on screen)
            page.get_by_text("An ingest is running").first.wait_for(state="detached", timeout=30_000)
            go_to(page, "Data")
            page.get_by_text(f"{STORIES} articles read: {STORIES} added").first.wait_for(timeout=120_000)
            shot(page, "data-ingest-went-on")
            assert metric(page, "Articles") == STORIES
        finally:
            page.close()
