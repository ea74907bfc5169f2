"""The article reader's annotated view: the article text with its entity mentions marked,
built as HTML in which *every* piece of article text is escaped (``html.escape``), so nothing
from an article is ever interpreted as HTML or markdown."""
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
LEGEND = (("person", "Person"), ("organization", "Organisation"), ("state", "State"),
          ("group", "Group"), ("GPE", "Place"))


def _colour(row) -> str:
    return COLOURS.get(row.get("actor_type") or "", COLOURS.get(row.get("label") or "", OTHER))


def annotated_html(text: str, entities: pd.DataFrame) -> str:
    """``text`` as an HTML fragment with each entity mention in a coloured ``<mark>`` whose
    tooltip gives its label and actor.

    entities: columns start_char, end_char, label, actor, actor_type (character offsets into
        ``text``); overlapping or out-of-range mentions are skipped.
    Returns HTML in which all article text is escaped."""
    pieces: list[str] = []
    pos = 0
    rows = entities.sort_values(["start_char", "end_char"]).to_dict("records") if len(entities) else []
    for row in rows:
        start, end = int(row["start_char"]), int(row["end_char"])
        if start < pos or end <= start or end > len(text):
            continue
        pieces.append(html.escape(text[pos:start]))
        tip = " · ".join(str(v) for v in (row.get("label"), row.get("actor"), row.get("actor_type"))
                         if v and not (isinstance(v, float) and pd.isna(v)))
        pieces.append(f'<mark title="{html.escape(tip, quote=True)}" style="background:{_colour(row)};'
                      f'padding:0 2px;border-radius:3px">{html.escape(text[start:end])}</mark>')
        pos = end
    pieces.append(html.escape(text[pos:]))
    return ('<div style="white-space:pre-wrap;line-height:1.75;font-size:1rem;max-width:60rem">'
            + "".join(pieces) + "</div>")


def legend_html() -> str:
    """A one-line legend of the highlight colours."""
    return " ".join(f'<mark style="background:{COLOURS[k]};padding:0 4px;border-radius:3px">{html.escape(label)}</mark>'
                    for k, label in LEGEND) + f' <mark style="background:{OTHER};padding:0 4px">Other</mark>'
