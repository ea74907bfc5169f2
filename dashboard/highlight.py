"""The article reader's annotated view: the article text with its entity mentions marked, its
quotes underlined and the search's hits in bold, outlined, built as HTML in which *every* piece of article text is escaped
(``html.escape``), so nothing from an article is ever interpreted as HTML or markdown."""
from __future__ import annotations

import html

import pandas as pd

from .search import HIT_STYLE

#: Background colour per actor type (colour-blind-safe Okabe–Ito tints), and for mentions that
#: are not actors (places and other entities) by spaCy label.
COLOURS = {
    "person": "#cfe5f7",
    "organization": "#fbe3c6",
    "state": "#d5efe3",
    "group": "#f3d9ea",
    "GPE": "#eeeeee",
    "LOC": "#eeeeee",
    "FAC": "#eeeeee",
}
OTHER = "#f5f5dc"
#: How a quote's words are shown: underlined in the quotes' colour (vermillion, as the map's circles).
QUOTE_STYLE = "text-decoration:underline 2px #D55E00;text-underline-offset:4px"
LEGEND = (("person", "Person"), ("organization", "Organisation"), ("state", "State"),
          ("group", "Group"), ("GPE", "Place"))


def _colour(row) -> str:
    return COLOURS.get(row.get("actor_type") or "", COLOURS.get(row.get("label") or "", OTHER))


def annotated_html(text: str, entities: pd.DataFrame, quotes: pd.DataFrame | None = None, *,
                   hits: list[tuple[int, int]] = ()) -> str:
    """``text`` as an HTML fragment with each entity mention in a coloured ``<mark>`` whose
    tooltip gives its label and actor, and the words of each quote underlined (:data:`QUOTE_STYLE`)
    with its speaker in the tooltip.

    entities: columns start_char, end_char, label, actor, actor_type (character offsets into
        ``text``); overlapping or out-of-range mentions are skipped.
    quotes: columns start_char, end_char, speaker (as :func:`components.query.article` gives
        them), or None; out-of-range quotes are skipped.
    hits: the search's hits, ``(start, end)`` offsets into ``text`` (:func:`components.query.article_hits`),
        shown in bold with an outline (:data:`~dashboard.search.HIT_STYLE`), inside mentions and quotes too.
    Returns HTML in which all article text is escaped."""
    said = _quote_spans(text, quotes)
    hits = sorted((int(a), int(b)) for a, b in hits if 0 <= int(a) < int(b) <= len(text))
    pieces: list[str] = []
    pos = 0
    rows = entities.sort_values(["start_char", "end_char"]).to_dict("records") if len(entities) else []
    for row in rows:
        start, end = int(row["start_char"]), int(row["end_char"])
        if start < pos or end <= start or end > len(text):
            continue
        pieces.append(_plain(text, pos, start, said, hits))
        tip = " · ".join(str(v) for v in (row.get("label"), row.get("actor"), row.get("actor_type"))
                         if v and not (isinstance(v, float) and pd.isna(v)))
        quoted = ";" + QUOTE_STYLE if _speaker_at(said, start) is not None else ""
        pieces.append(f'<mark title="{html.escape(tip, quote=True)}" style="background:{_colour(row)};'
                      f'padding:0 2px;border-radius:3px{quoted}">{with_hits(text, start, end, hits)}</mark>')
        pos = end
    pieces.append(_plain(text, pos, len(text), said, hits))
    return ('<div style="white-space:pre-wrap;line-height:1.75;font-size:1rem;max-width:60rem">'
            + "".join(pieces) + "</div>")


def _quote_spans(text: str, quotes: pd.DataFrame | None) -> list[tuple[int, int, str]]:
    """The quotes' ``(start, end, speaker)`` within ``text``, in text order ("" for no speaker)."""
    if quotes is None or not len(quotes):
        return []
    spans = []
    for row in quotes.to_dict("records"):
        start, end = int(row["start_char"]), int(row["end_char"])
        if 0 <= start < end <= len(text):
            speaker = row.get("speaker")
            spans.append((start, end, "" if speaker is None or pd.isna(speaker) else str(speaker)))
    return sorted(spans)


def _speaker_at(said: list[tuple[int, int, str]], i: int) -> str | None:
    """The speaker of the quote that character ``i`` lies in ("" when unknown), or None."""
    return next((who for start, end, who in said if start <= i < end), None)


def with_hits(text: str, start: int, end: int, hits: list[tuple[int, int]]) -> str:
    """``text[start:end]`` escaped, the parts of it inside a hit of ``hits`` (``(start, end)``
    offsets into ``text``) in bold with an outline (:data:`~dashboard.search.HIT_STYLE`)."""
    cuts = sorted({start, end, *(b for s, e in hits for b in (s, e) if start < b < end)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = html.escape(text[a:b])
        inside = any(s <= a < e for s, e in hits)
        out.append(f'<b style="{HIT_STYLE}">{piece}</b>' if inside else piece)
    return "".join(out)


def _plain(text: str, start: int, end: int, said: list[tuple[int, int, str]],
           hits: list[tuple[int, int]] = ()) -> str:
    """``text[start:end]`` (no entity in it) escaped, its parts inside a quote underlined, those
    inside a search hit in bold (:func:`with_hits`)."""
    cuts = sorted({start, end, *(b for s, e, _ in said for b in (s, e) if start < b < end)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        who = _speaker_at(said, a)
        piece = with_hits(text, a, b, hits)
        if who is None:
            out.append(piece)
        else:
            tip = html.escape(f"Quote · {who or 'speaker unknown'}", quote=True)
            out.append(f'<span title="{tip}" style="{QUOTE_STYLE}">{piece}</span>')
    return "".join(out)


def legend_html(*, search: bool = False) -> str:
    """A one-line legend of the highlight colours and of the quotes' underline (and of the
    search's hits, when ``search``)."""
    hit = f' <b style="{HIT_STYLE};margin-left:6px">Search hit</b>' if search else ""
    return (" ".join(f'<mark style="background:{COLOURS[k]};padding:0 4px;border-radius:3px">{html.escape(label)}</mark>'
                     for k, label in LEGEND) + f' <mark style="background:{OTHER};padding:0 4px">Other</mark>'
            + f' <span style="{QUOTE_STYLE};margin-left:4px">Quote</span>' + hit)
