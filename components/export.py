"""Exports for a briefing: figures as PNG / SVG / standalone HTML, frames as CSV / XLSX / JSON,
and one standalone HTML briefing report of the current view. Everything returns bytes (ready for
a download button or a file) and works offline.

Static images are drawn by kaleido (>= 1) in a headless Chromium: Debian's ``/usr/bin/chromium``,
or the browser named by ``BROWSER_PATH``. One browser is started on first use and reused by
every later call (about 5 s to start, then well under a second per figure). Standalone HTML
inlines plotly.js, and the map's country outlines are inline GeoJSON with no tiles, so an
exported file opens with no network.
"""
from __future__ import annotations

import asyncio
import atexit
import base64
import csv
import html
import io
import json
import os
import shutil
import subprocess
import tempfile
import threading
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

# Size of static images when the figure does not set one (px), and the PNG pixel ratio.
DEFAULT_WIDTH = 1000
DEFAULT_HEIGHT = 500
PNG_SCALE = 2
RENDER_TIMEOUT_S = 60         # one figure; the first call also waits for the browser to start
BROWSER_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")
# Plotly config for exported HTML: no plotly logo in the modebar; charts follow the window size.
HTML_CONFIG = {"displaylogo": False, "responsive": True}
BRIEFING_QUOTES = 200         # quotes listed in a briefing (the rest are counted)
BRIEFING_TABLE_ROWS = 25      # rows of the actors and places tables
PDF_CHART_WIDTH = 900         # CSS px of a chart image in the PDF briefing (drawn at 2x)
PDF_CSS = "<style>@page { size: A4; margin: 14mm; } body { margin: 0; max-width: none; }</style>"
XLSX_SHEET = "data"
LIST_SEPARATOR = "; "         # how list cells (aliases, roles…) are written to CSV and XLSX
# A text cell that begins with one of these is read as a formula by spreadsheets (OWASP, CSV
# injection): = + - @, tab, carriage return, and the full-width = + - @ that some read alike.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")

BRIEFING_CSS = """
body { font-family: Helvetica, Arial, sans-serif; color: #222; margin: 2em auto; max-width: 1100px;
       padding: 0 1em; line-height: 1.4; }
h1 { font-size: 1.7em; margin-bottom: 0.1em; } h2 { font-size: 1.3em; margin-top: 1.6em;
     border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
.meta { color: #666; margin-top: 0; }
.chips span { display: inline-block; background: #eef3f8; border: 1px solid #c9d6e3;
              border-radius: 1em; padding: 0.1em 0.7em; margin: 0 0.3em 0.3em 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; margin: 0.5em 0; }
th, td { text-align: left; padding: 0.3em 0.6em; border-bottom: 1px solid #e5e5e5;
         vertical-align: top; }
th { background: #f6f6f6; } td.num { text-align: right; }
.chart { page-break-inside: avoid; margin-bottom: 1em; }
blockquote { margin: 0.8em 0; padding: 0.3em 0.9em; border-left: 4px solid #0072B2;
             background: #fafafa; page-break-inside: avoid; }
blockquote p { margin: 0 0 0.3em 0; } .src { color: #555; font-size: 0.9em; }
.note { color: #666; font-style: italic; }
"""


class ExportUnavailable(RuntimeError):
    """A static image cannot be drawn (no usable Chromium for kaleido); the message says why."""


# ---------------------------------------------------------------------------------------------
# static images through one reused browser


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


def _image(fig: go.Figure, fmt: str, width: int | None, height: int | None, scale: float) -> bytes:
    w = width or fig.layout.width or DEFAULT_WIDTH
    h = height or fig.layout.height or DEFAULT_HEIGHT
    return _RENDERER.render(fig, {"format": fmt, "width": int(w), "height": int(h), "scale": scale})


def figure_png(fig: go.Figure, *, width: int | None = None, height: int | None = None,
               scale: float = PNG_SCALE) -> bytes:
    """The figure as a PNG image.

    Args:
        fig: the figure.
        width / height: size in CSS pixels (default: the figure's own, else 1000 × 500).
        scale: pixel ratio (2 = sharp on a slide or in print).
    Returns:
        PNG bytes.
    Raises:
        ExportUnavailable: no Chromium to draw with.
    """
    return _image(fig, "png", width, height, scale)


def figure_svg(fig: go.Figure, *, width: int | None = None, height: int | None = None) -> bytes:
    """The figure as an SVG document (UTF-8 bytes); sizes as :func:`figure_png`. A map's
    outlines and circles are drawn as an embedded raster inside the SVG (the map layer is
    WebGL).

    Raises:
        ExportUnavailable: no Chromium to draw with.
    """
    return _image(fig, "svg", width, height, 1)


def figure_pdf(fig: go.Figure, *, width: int | None = None, height: int | None = None) -> bytes:
    """The figure as a one-page PDF (vector where plotly draws SVG); sizes as
    :func:`figure_png`.

    Raises:
        ExportUnavailable: no Chromium to draw with.
    """
    return _image(fig, "pdf", width, height, 1)


def figure_html(fig: go.Figure, *, title: str | None = None) -> bytes:
    """The figure as a standalone, interactive HTML page that works offline (plotly.js inlined,
    no MathJax, no CDN).

    Args:
        fig: the figure.
        title: the page title (default: the figure's title, else "Dateline chart").
    Returns:
        UTF-8 HTML bytes.
    """
    name = title or _figure_title(fig) or "Dateline chart"
    page = fig.to_html(include_plotlyjs=True, full_html=True, include_mathjax=False,
                       config=HTML_CONFIG, default_width="100%", default_height="100%")
    return page.replace("</head>", f"    <title>{html.escape(name)}</title>\n</head>", 1).encode("utf-8")


def _figure_title(fig: go.Figure) -> str:
    title = fig.layout.title.text if fig.layout.title else None
    return str(title) if title else ""


# ---------------------------------------------------------------------------------------------
# frames


def _cell(value):
    """A list or array cell joined with :data:`LIST_SEPARATOR`; any other value as it is."""
    if isinstance(value, (list, tuple)) or (hasattr(value, "tolist") and not isinstance(value, str)
                                            and getattr(value, "ndim", 0) > 0):
        return LIST_SEPARATOR.join("" if v is None else str(v) for v in list(value))
    return value


def _plain(df: pd.DataFrame, *, join_lists: bool) -> pd.DataFrame:
    """A copy of ``df`` fit for export: datetimes at midnight become ISO days (``2024-12-02``),
    other datetimes ISO timestamps, timezone-aware ones UTC; list cells joined with
    :data:`LIST_SEPARATOR` when ``join_lists``."""
    out = df.reset_index(drop=True).copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_datetime64_any_dtype(s):
            if getattr(s.dt, "tz", None) is not None:
                s = s.dt.tz_convert("UTC").dt.tz_localize(None)
            midnight = s.dropna().eq(s.dropna().dt.normalize()).all()
            fmt = "%Y-%m-%d" if midnight else "%Y-%m-%dT%H:%M:%S"
            out[col] = [None if pd.isna(v) else v.strftime(fmt) for v in s]
        elif s.dtype == object:
            out[col] = [v.isoformat() if isinstance(v, (date, datetime)) else
                        (_cell(v) if join_lists else (list(v) if hasattr(v, "tolist")
                                                      and not isinstance(v, str) else v))
                        for v in s]
    return out


def csv_safe(value):
    """``value`` made safe to open in a spreadsheet, following the OWASP advice on CSV (formula)
    injection: a string that begins with a character a spreadsheet reads as the start of a
    formula (see :data:`FORMULA_STARTS`: ``=``, ``+``, ``-``, ``@``, tab, carriage return and
    their full-width forms) gets a leading single quote, so ``=HYPERLINK(…)`` is written as
    ``'=HYPERLINK(…)`` and shown as text.

    Only strings are changed: a number (an int or float cell such as -3) stays a number, and
    None / NaN stay missing. Every CSV that Dateline writes passes its cells through here; the
    ``csv`` writer then quotes the cell and doubles its embedded quotes as CSV requires.

    Args:
        value: one cell.
    Returns:
        The cell to write: ``value`` itself, or for a string that starts a formula, ``"'" + value``.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def frame_csv(df: pd.DataFrame) -> bytes:
    """The frame as UTF-8 CSV with a header row and no index; dates as ISO days, list cells
    joined with "; ". Every text cell (header included) is quoted and passed through
    :func:`csv_safe`, so a text that a spreadsheet would run as a formula ("=…", "+…", "-…",
    "@…") starts with a single quote; numbers are written as numbers (-3 stays -3)."""
    plain = _plain(df, join_lists=True)
    plain.columns = [csv_safe(str(c)) for c in plain.columns]
    for col in plain.columns:
        if not pd.api.types.is_numeric_dtype(plain[col]):
            plain[col] = [csv_safe(v) for v in plain[col]]
    return plain.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC).encode("utf-8")


def frame_json(df: pd.DataFrame) -> bytes:
    """The frame as a UTF-8 JSON array of row objects (``[{"column": value, …}, …]``); dates
    as ISO strings, lists as arrays, missing values as null."""
    rows = _plain(df, join_lists=False).astype(object).where(lambda d: d.notna(), None)
    records = rows.to_dict(orient="records")
    return json.dumps(records, ensure_ascii=False, indent=1, default=_json_default).encode("utf-8")


def _json_default(value):
    if hasattr(value, "item"):       # numpy scalars
        return value.item()
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def frame_xlsx(df: pd.DataFrame, *, sheet: str = XLSX_SHEET) -> bytes:
    """The frame as an Excel workbook (one sheet, header row frozen, columns sized to fit).

    Every string is stored as a string: text that starts with "=" stays text (no formula),
    addresses are not turned into links, digits are not turned into numbers.

    Args:
        df: the frame.
        sheet: the sheet name.
    Returns:
        XLSX bytes.
    """
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    plain = _plain(df, join_lists=True)
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        plain.to_excel(writer, sheet_name=sheet, index=False)
        worksheet = writer.sheets[sheet]
        worksheet.freeze_panes(1, 0)
        for i, col in enumerate(plain.columns):
            longest = max([len(str(col))] + [len(str(v)) for v in plain[col].head(500) if v is not None])
            worksheet.set_column(i, i, min(max(8, longest + 2), 80))
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# the briefing report


def _text(value) -> str:
    """Any value as escaped HTML text ('' for missing)."""
    if value is None or (not isinstance(value, (list, tuple, str)) and pd.isna(value)):
        return ""
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return html.escape(pd.Timestamp(value).strftime("%Y-%m-%d"))
    return html.escape(str(value))


def _table(df: pd.DataFrame | None, columns: Mapping[str, str], *, limit: int) -> str:
    """An escaped HTML table of ``columns`` (``{column: heading}``) of the first ``limit`` rows
    of ``df`` (columns it lacks are skipped)."""
    if df is None or len(df) == 0:
        return '<p class="note">Nothing for this filter.</p>'
    cols = [c for c in columns if c in df.columns]
    head = "".join(f"<th>{html.escape(columns[c])}</th>" for c in cols)
    rows = []
    for record in df.head(limit).to_dict(orient="records"):
        cells = []
        for c in cols:
            numeric = isinstance(record[c], (int, float)) and not isinstance(record[c], bool)
            cells.append(f'<td class="num">{_text(record[c])}</td>' if numeric
                         else f"<td>{_text(record[c])}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = (f'<p class="note">Showing {limit} of {len(df)}.</p>' if len(df) > limit else "")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{more}"


def _quotes(df: pd.DataFrame | None, *, limit: int) -> str:
    if df is None or len(df) == 0:
        return '<p class="note">No quotes for this filter.</p>'
    parts = []
    for record in df.head(limit).to_dict(orient="records"):
        source = " · ".join(p for p in (_text(record.get("date")), _text(record.get("source")),
                                        _text(record.get("title"))) if p)
        speaker = _text(record.get("speaker")) or "unattributed"
        parts.append(f"<blockquote><p>“{_text(record.get('quote'))}”</p>"
                     f'<div class="src">— <b>{speaker}</b>{" · " + source if source else ""}</div>'
                     "</blockquote>")
    if len(df) > limit:
        parts.append(f'<p class="note">Showing {limit} of {len(df)} quotes.</p>')
    return "".join(parts)


def _chip_labels(filter_chips: Iterable) -> list[str]:
    labels = []
    for chip in filter_chips or ():
        labels.append(str(chip[-1]) if isinstance(chip, (tuple, list)) else str(chip))
    return labels


def briefing_html(filter_chips, figures: Mapping[str, go.Figure], top_actors: pd.DataFrame,
                  top_places: pd.DataFrame, quotes: pd.DataFrame, *,
                  title: str = "Dateline briefing", generated_at: datetime | None = None,
                  counts: Mapping[str, int] | None = None) -> bytes:
    """One standalone, offline HTML page of the current view, for a briefing.

    Args:
        filter_chips: the active filter, as :meth:`Filter.chips` gives it (``(field, value,
            label)`` tuples) or as plain labels; empty means the whole corpus.
        figures: ``{heading: figure}``, drawn in order, interactive (plotly.js inlined once).
        top_actors: as :func:`components.query.top_actors` (actor, actor_type, n_mentions,
            n_articles, n_quotes).
        top_places: as :func:`components.query.places` (name, country_code, n_mentions,
            n_articles).
        quotes: as :func:`components.query.quotes` (date, speaker, quote, title, source, …).
        title: the page heading.
        generated_at: when the report was made (default: now, UTC).
        counts: optional overview counts (``{"articles": 41, …}``) shown under the heading.
    Returns:
        UTF-8 HTML bytes. Every text that comes from articles is escaped.
    """
    from plotly.offline import get_plotlyjs

    charts = []
    for i, (heading, fig) in enumerate(figures.items()):
        div = fig.to_html(full_html=False, include_plotlyjs=False, include_mathjax=False,
                          config=HTML_CONFIG, div_id=f"chart-{i}", default_width="100%")
        charts.append(f'<div class="chart"><h3>{html.escape(str(heading))}</h3>{div}</div>')
    head = f'<script type="text/javascript">{get_plotlyjs()}</script>'
    return _briefing_page(filter_chips, charts, top_actors, top_places, quotes, head=head,
                          title=title, generated_at=generated_at, counts=counts)


def briefing_pdf(filter_chips, figures: Mapping[str, go.Figure], top_actors: pd.DataFrame,
                 top_places: pd.DataFrame, quotes: pd.DataFrame, *,
                 title: str = "Dateline briefing", generated_at: datetime | None = None,
                 counts: Mapping[str, int] | None = None) -> bytes:
    """The briefing of :func:`briefing_html` as a printable PDF (A4): the charts as sharp
    images (drawn by kaleido), the filter, tables and quotes as real text, printed by headless
    Chromium. Arguments as :func:`briefing_html`.

    Returns:
        PDF bytes.
    Raises:
        ExportUnavailable: no Chromium to draw or print with.
    """
    charts = []
    for heading, fig in figures.items():
        png = figure_png(fig, width=PDF_CHART_WIDTH)
        data = base64.b64encode(png).decode("ascii")
        charts.append(f'<div class="chart"><h3>{html.escape(str(heading))}</h3>'
                      f'<img alt="{html.escape(str(heading))}" style="width:100%" '
                      f'src="data:image/png;base64,{data}"></div>')
    page = _briefing_page(filter_chips, charts, top_actors, top_places, quotes, head=PDF_CSS,
                          title=title, generated_at=generated_at, counts=counts)
    return _print_pdf(page)


def _print_pdf(page: bytes) -> bytes:
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


def _briefing_page(filter_chips, charts: list[str], top_actors: pd.DataFrame | None,
                   top_places: pd.DataFrame | None, quotes: pd.DataFrame | None, *, head: str,
                   title: str, generated_at: datetime | None,
                   counts: Mapping[str, int] | None) -> bytes:
    """The briefing document around ``charts`` (ready HTML blocks); ``head`` goes into <head>
    as is (trusted: scripts or styles we made)."""
    when = (generated_at or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    chips = _chip_labels(filter_chips)
    chips_html = ("".join(f"<span>{html.escape(c)}</span>" for c in chips) if chips
                  else "<span>Whole corpus (no filter)</span>")
    counts_html = ""
    if counts:
        counts_html = ('<p class="meta">' + " · ".join(
            f"{html.escape(str(v))} {html.escape(str(k))}" for k, v in counts.items()) + "</p>")
    actors_table = _table(top_actors, {"actor": "Actor", "actor_type": "Type",
                                       "n_mentions": "Mentions", "n_articles": "Articles",
                                       "n_quotes": "Quotes"}, limit=BRIEFING_TABLE_ROWS)
    places_table = _table(top_places, {"name": "Place", "country_code": "Country",
                                       "n_mentions": "Mentions", "n_articles": "Articles"},
                          limit=BRIEFING_TABLE_ROWS)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>{BRIEFING_CSS}</style>
{head}
</head>
<body>
<h1>{html.escape(title)}</h1>
<p class="meta">Generated {html.escape(when)} by Dateline.</p>
{counts_html}
<h2>Filter</h2>
<div class="chips">{chips_html}</div>
<h2>Charts</h2>
{''.join(charts) or '<p class="note">No charts.</p>'}
<h2>Top actors</h2>
{actors_table}
<h2>Top places</h2>
{places_table}
<h2>Quotes</h2>
{_quotes(quotes, limit=BRIEFING_QUOTES)}
</body>
</html>
"""
    return page.encode("utf-8")
