"""Streets: a street or square the gazetteer does not list ("Royal Street") is placed at the
article's main locality (:func:`locate_streets`), so it shows on a map near where it is, though
it is no gazetteer place."""
from __future__ import annotations

from .gazetteer import Entry
from .recognition import Mention
from ..lexicon.place_words import STREET_WORDS


def locate_streets(mentions: list[Mention], lines: list[Entry]) -> None:
    """Place each street the gazetteer lacks ("Royal Street") at the article's main locality
    (sets ``Mention.near``): the dateline's city, else a city of the state most named (directly
    or through its places), the one named most often, the most populous of those.

    mentions: the article's resolved mentions. lines: the dateline's resolved places."""
    streets = [m for m in mentions if m.choice is None and not m.candidates
               and m.text.split()[-1].lower().rstrip(".") in STREET_WORDS and " " in m.text]
    if not streets:
        return
    focus = next((e for e in lines if e.kind in ("city", "admin2")), None)
    if focus is None:
        states: dict[str, int] = {}
        for m in mentions:
            if m.choice is not None and m.choice.admin1:
                states[m.choice.admin1] = states.get(m.choice.admin1, 0) + 1
        counts: dict[Entry, int] = {}
        for m in mentions:
            if m.choice is not None and m.choice.kind == "city":
                counts[m.choice] = counts.get(m.choice, 0) + 1
        if counts:
            focus = max(counts, key=lambda e: (states.get(e.admin1, 0), counts[e], e.population))
    for m in streets:
        m.near = focus
