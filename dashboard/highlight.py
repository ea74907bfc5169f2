"""The article reader's annotated view: the article text with its entity mentions marked and its
quotes underlined, built as HTML in which *every* piece of article text is escaped
(``html.escape``), so nothing from an article is ever interpreted as HTML or markdown."""
from __future__ import annotations

import html

import pandas as pd

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


def annotated_html(text: str, entities: pd.DataFrame, quotes: pd.DataFrame | None = None) -> str:
    """``text`` as an HTML fragment with each entity mention in a coloured ``<mark>`` whose
    tooltip gives its label and actor, and the words of each quote underlined (:data:`QUOTE_STYLE`)
    with its speaker in the tooltip.

    entities: columns start_char, end_char, label, actor, actor_type (character offsets into
        ``text``); overlapping or out-of-range mentions are skipped.
    quotes: columns start_char, end_char, speaker (as :func:`components.query.article` gives
        them), or None; out-of-range quotes are skipped.
    Returns HTML in which all article text is escaped."""
    said = _quote_spans(text, quotes)
    pieces: list[str] = []
    pos = 0
    rows = entities.sort_values(["start_char", "end_char"]).to_dict("records") if len(entities) else []
    for row in rows:
        start, end = int(row["start_char"]), int(row["end_char"])
        if start < pos or end <= start or end > len(text):
            continue
        pieces.append(_plain(text, pos, start, said))
        tip = " · ".join(str(v) for v in (row.get("label"), row.get("actor"), row.get("actor_type"))
                         if v and not (isinstance(v, float) and pd.isna(v)))
        quoted = ";" + QUOTE_STYLE if _speaker_at(said, start) is not None else ""
        pieces.append(f'<mark title="{html.escape(tip, quote=True)}" style="background:{_colour(row)};'
                      f'padding:0 2px;border-radius:3px{quoted}">{html.escape(text[start:end])}</mark>')
        pos = end
    pieces.append(_plain(text, pos, len(text), said))
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


def _plain(text: str, start: int, end: int, said: list[tuple[int, int, str]]) -> str:
    """``text[start:end]`` (no entity in it) escaped, its parts inside a quote underlined."""
    cuts = sorted({start, end, *(b for s, e, _ in said for b in (s, e) if start < b < end)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        who = _speaker_at(said, a)
        piece = html.escape(text[a:b])
        if who is None:
            out.append(piece)
        else:
            tip = html.escape(f"Quote · {who or 'speaker unknown'}", quote=True)
            out.append(f'<span title="{tip}" style="{QUOTE_STYLE}">{piece}</span>')
    return "".join(out)


def legend_html() -> str:
    """A one-line legend of the highlight colours and of the quotes' underline."""
    return (" ".join(f'<mark style="background:{COLOURS[k]};padding:0 4px;border-radius:3px">{html.escape(label)}</mark>'
                     for k, label in LEGEND) + f' <mark style="background:{OTHER};padding:0 4px">Other</mark>'
            + f' <span style="{QUOTE_STYLE};margin-left:4px">Quote</span>')
