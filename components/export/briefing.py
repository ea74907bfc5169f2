"""The briefing report: one standalone, offline HTML page of the current view (filter, charts,
top actors and places, quotes), or the same page printed to PDF; every text from articles is
escaped."""
from __future__ import annotations

import base64
import html
from datetime import date, datetime, timezone
from typing import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go

from ..charts import standalone
from .browser import print_pdf
from .figures import HTML_CONFIG, figure_png, map_picture

BRIEFING_QUOTES = 200         # quotes listed in a briefing (the rest are counted)
BRIEFING_TABLE_ROWS = 25      # rows of the actors and places tables
PDF_CHART_WIDTH = 900         # CSS px of a chart image in the PDF briefing (drawn at 2x)
PDF_CSS = "<style>@page { size: A4; margin: 14mm; } body { margin: 0; max-width: none; }</style>"

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


def _annotations(df: pd.DataFrame | None) -> str:
    """The "Tags and notes" section's body: per actor, then per article (as
    :func:`components.query.annotations` gives them), its tags and its notes with who and when;
    all escaped, a note's line breaks kept."""
    if df is None or len(df) == 0:
        return '<p class="note">No tags or notes on the actors and articles of this briefing.</p>'
    parts = []
    for record in df.to_dict(orient="records"):
        kind = "Actor" if record.get("what") == "actor" else "Article"
        day = _text(record.get("date"))
        heading = f"{kind}: <b>{_text(record.get('title') or record.get('which'))}</b>" + (f" · {day}" if day else "")
        tags = "".join(f"<span>{_text(t)}</span>" for t in record.get("tags") or [])
        notes = "".join(
            f"<blockquote><p>{'<br>'.join(_text(line) for line in str(n.get('text') or '').splitlines())}</p>"
            f'<div class="src">— {_text(n.get("written_by"))}, {_text(n.get("written_at"))}</div></blockquote>'
            for n in record.get("notes") or [])
        parts.append(f'<div class="annotated"><p>{heading}</p>'
                     + (f'<div class="chips">{tags}</div>' if tags else "") + notes + "</div>")
    return "".join(parts)


def _chip_labels(filter_chips: Iterable) -> list[str]:
    labels = []
    for chip in filter_chips or ():
        labels.append(str(chip[-1]) if isinstance(chip, (tuple, list)) else str(chip))
    return labels


def briefing_html(filter_chips, figures: Mapping[str, go.Figure], top_actors: pd.DataFrame,
                  top_places: pd.DataFrame, quotes: pd.DataFrame, *,
                  title: str = "Dateline briefing", generated_at: datetime | None = None,
                  counts: Mapping[str, int] | None = None, annotations: pd.DataFrame | None = None) -> bytes:
    """One standalone, offline HTML page of the current view, for a briefing.

    Args:
        filter_chips: the active filter, as :meth:`Filter.chips` gives it (``(field, value,
            label)`` tuples) or as plain labels; empty means the whole corpus.
        figures: ``{heading: figure}``, drawn in order, interactive (plotly.js inlined once); a map
            also as its picture, shown when the page is opened as a file (:func:`.figures.map_picture`).
        top_actors: as :func:`components.query.top_actors` (actor, actor_type, n_mentions,
            n_articles, n_quotes).
        top_places: as :func:`components.query.places` (name, country_code, country, n_mentions,
            n_articles; a frame without ``country`` shows no country).
        quotes: as :func:`components.query.quotes` (date, speaker, quote, title, source, …).
        title: the page heading.
        generated_at: when the report was made (default: now, UTC).
        counts: optional overview counts (``{"articles": 41, …}``) shown under the heading.
        annotations: the analyst's tags and notes on the actors and articles covered, as
            :func:`components.query.annotations` gives them (a "Tags and notes" section); None
            for no such section.
    Returns:
        UTF-8 HTML bytes. Every text that comes from articles is escaped.
    """
    from plotly.offline import get_plotlyjs

    charts = []
    for i, (heading, fig) in enumerate(figures.items()):
        fig = standalone(fig)
        div = fig.to_html(full_html=False, include_plotlyjs=False, include_mathjax=False,
                          config=HTML_CONFIG, div_id=f"chart-{i}", default_width="100%")
        charts.append(f'<div class="chart"><h3>{html.escape(str(heading))}</h3>{div}'
                      f'{map_picture(fig, f"chart-{i}")}</div>')
    head = f'<script type="text/javascript">{get_plotlyjs()}</script>'
    return _briefing_page(filter_chips, charts, top_actors, top_places, quotes, head=head,
                          title=title, generated_at=generated_at, counts=counts, annotations=annotations)


def briefing_pdf(filter_chips, figures: Mapping[str, go.Figure], top_actors: pd.DataFrame,
                 top_places: pd.DataFrame, quotes: pd.DataFrame, *,
                 title: str = "Dateline briefing", generated_at: datetime | None = None,
                 counts: Mapping[str, int] | None = None, annotations: pd.DataFrame | None = None) -> bytes:
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
                          title=title, generated_at=generated_at, counts=counts, annotations=annotations)
    return print_pdf(page)


def _briefing_page(filter_chips, charts: list[str], top_actors: pd.DataFrame | None,
                   top_places: pd.DataFrame | None, quotes: pd.DataFrame | None, *, head: str,
                   title: str, generated_at: datetime | None,
                   counts: Mapping[str, int] | None, annotations: pd.DataFrame | None = None) -> bytes:
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
    places_table = _table(top_places, {"name": "Place", "country": "Country",
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
{"" if annotations is None else "<h2>Tags and notes</h2>" + _annotations(annotations)}
</body>
</html>
"""
    return page.encode("utf-8")
