"""The headless Chromium every static export draws with: one browser driven by kaleido (>= 1),
started on first use and reused by every later call (about 5 s to start, then well under a
second per figure), and a throw-away one that prints a page to PDF. It is Debian's
``/usr/bin/chromium``, or the browser named by ``BROWSER_PATH``."""
from __future__ import annotations

import asyncio
import atexit
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import plotly.graph_objects as go

RENDER_TIMEOUT_S = 60         # one figure; the first call also waits for the browser to start
BROWSER_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")


class ExportUnavailable(RuntimeError):
    """A static image cannot be drawn (no usable Chromium for kaleido); the message says why."""


class _Renderer:
    """One headless Chromium driven by kaleido in a background event loop, started on first use.

    kaleido's own ``start_sync_server`` is not used: when the browser cannot start its worker
    thread dies and every later call waits forever, and concurrent callers (Streamlit runs
    each session in a thread) share one unlocked result queue. Here calls wait at most
    :data:`RENDER_TIMEOUT_S` and a failed or crashed browser is started again on the next call.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None
        self._opening = None          # a concurrent.futures.Future while the browser starts

    def _ensure_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None or not self._loop.is_running():
            loop = asyncio.new_event_loop()
            ready = threading.Event()

            def run() -> None:
                asyncio.set_event_loop(loop)
                loop.call_soon(ready.set)
                loop.run_forever()

            threading.Thread(target=run, name="dateline-kaleido", daemon=True).start()
            ready.wait(10)
            self._loop = loop
        return self._loop

    async def _open(self):
        import kaleido

        k = kaleido.Kaleido(n=1, mathjax=False, timeout=RENDER_TIMEOUT_S, **_browser_kwargs())
        await k.open()
        return k

    def render(self, fig: go.Figure, opts: dict) -> bytes:
        """Draw ``fig`` with kaleido ``opts`` (format, width, height, scale); returns the bytes.

        Raises:
            ExportUnavailable: no browser could be started, or drawing failed or timed out.
        """
        with self._lock:
            loop = self._ensure_loop()
            if self._kaleido is None:
                self._start_locked(loop)
                opening, self._opening = self._opening, None
                try:
                    self._kaleido = opening.result(RENDER_TIMEOUT_S)
                except Exception as exc:  # browser missing or failing to start
                    opening.cancel()
                    raise ExportUnavailable(
                        f"cannot start Chromium for image export ({exc.__class__.__name__}: {exc}); "
                        "install Debian's chromium or set BROWSER_PATH") from exc
            future = asyncio.run_coroutine_threadsafe(self._kaleido.calc_fig(fig, opts=opts), loop)
            try:
                return future.result(RENDER_TIMEOUT_S + 5)
            except Exception as exc:
                future.cancel()
                self._close_locked()  # a crashed or stuck browser is replaced next time
                raise ExportUnavailable(
                    f"image export failed ({exc.__class__.__name__}: {exc})") from exc

    def _start_locked(self, loop: asyncio.AbstractEventLoop) -> None:
        if self._kaleido is None and self._opening is None:
            self._opening = asyncio.run_coroutine_threadsafe(self._open(), loop)

    def warm_up(self) -> None:
        """Start the browser in the background (returns at once), so the first export does
        not wait for it."""
        with self._lock:
            self._start_locked(self._ensure_loop())

    def _close_locked(self) -> None:
        k, self._kaleido = self._kaleido, None
        if k is not None and self._loop is not None and self._loop.is_running():
            try:
                asyncio.run_coroutine_threadsafe(k.close(), self._loop).result(10)
            except Exception:  # noqa: BLE001 - closing a broken browser is best effort
                pass

    def close(self) -> None:
        """Close the browser (it starts again on the next render)."""
        with self._lock:
            self._close_locked()


def _browser_kwargs() -> dict:
    """``path=`` for kaleido: ``BROWSER_PATH`` if set, else the first Chromium on PATH, else
    nothing (kaleido's own search)."""
    if os.environ.get("BROWSER_PATH"):
        return {"path": os.environ["BROWSER_PATH"]}
    for name in BROWSER_CANDIDATES:
        found = shutil.which(name)
        if found:
            return {"path": found}
    return {}


_RENDERER = _Renderer()
atexit.register(_RENDERER.close)


def warm_up() -> None:
    """Start the export browser in the background now (returns at once), so that the first
    PNG / SVG / PDF export does not wait about 5 s for Chromium. Optional: exports start it
    themselves. A browser that cannot start is reported by the export that needs it."""
    _RENDERER.warm_up()


def render(fig: go.Figure, opts: dict) -> bytes:
    """Draw ``fig`` with kaleido ``opts`` (format, width, height, scale) in the shared browser.

    Raises:
        ExportUnavailable: no browser could be started, or drawing failed or timed out.
    """
    return _RENDERER.render(fig, opts)


def print_pdf(page: bytes) -> bytes:
    """``page`` (a self-contained HTML document with no scripts) printed to PDF by headless
    Chromium in a throw-away profile."""
    browser = _browser_kwargs().get("path")
    if not browser:
        raise ExportUnavailable("no Chromium found to print the PDF; install Debian's chromium "
                                "or set BROWSER_PATH")
    with tempfile.TemporaryDirectory(prefix="dateline-pdf-") as tmp:
        folder = Path(tmp)
        (folder / "briefing.html").write_bytes(page)
        out = folder / "briefing.pdf"
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update",
                   "--disable-sync", "--disable-extensions", "--no-pdf-header-footer",
                   f"--user-data-dir={folder / 'profile'}", f"--print-to-pdf={out}",
                   (folder / "briefing.html").as_uri()]
        try:
            subprocess.run(command, capture_output=True, timeout=RENDER_TIMEOUT_S * 2, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ExportUnavailable(f"printing the PDF failed ({exc.__class__.__name__}: {exc})") from exc
        pdf = out.read_bytes() if out.exists() else b""
    if not pdf.startswith(b"%PDF"):
        raise ExportUnavailable("Chromium did not print the PDF")
    return pdf
