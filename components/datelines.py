"""The wire dateline that opens a news story: where it was filed, and often when and by whom
("MOSCOW, Dec 2 (Reuters) - …", "LONDON (AP) — …", "WASHINGTON — …", "BAAR, Switzerland -").

Conservative by design: a wire dateline is recognised only when an ALL-CAPS place name (optionally
"/Other" places, a ", Region" qualifier, a date and an agency in parentheses) stands before a
dash or colon at the very start of the text, and the words after it are a sentence (they contain
lower-case letters — "SOCCER - JAPAN WIN" is a headline, not a dateline). All-caps names are
title-cased ("NEW YORK" -> "New York"); a region qualifier follows its place as its own entry
(``("Kyiv", "Ukraine")``), with AP state abbreviations spelled out (``("Springfield", "Illinois")``).

Two readers: ingest (:mod:`components.ingest.header` splits it off a plain-text or HTML body;
a JSON or CSV record keeps it in its text and takes its places and credit) and the actors step
(:mod:`components.actors.mentions`: no name in it is an actor). It lives outside
:mod:`components.ingest` so that the rules' hash (:mod:`components.nlp.version`) takes in this
module, not every reader.
"""
from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from .lexicon.news_agencies import NEWS_AGENCIES
from .lexicon.subdivisions import us_state_of_abbreviation

# Words in caps that open a first line before a dash or colon without being a place.
NOT_PLACES = frozenset({
    "ADVERTISEMENT", "ALERT", "ANALYSIS", "BACKGROUND", "BREAKING", "BREAKING NEWS", "COLUMN",
    "COMMENT", "COMMENTARY", "CORRECTED", "CORRECTION", "EDITORIAL", "EDITOR'S NOTE", "EXCLUSIVE",
    "EXPLAINER", "FACT CHECK", "FACTBOX", "FEATURE", "FLASH", "FOCUS", "GRAPHIC", "HIGHLIGHTS",
    "INSIGHT", "INTERVIEW", "LIVE", "NEWS", "NOTE", "OBITUARY", "OPINION", "OVERVIEW", "PHOTO",
    "PHOTOS", "POLL", "PREVIEW", "RECAP", "REFILE", "RELATED", "REPEAT", "REVIEW", "SPECIAL REPORT",
    "SPORT", "SPORTS", "SUMMARY", "TIMELINE", "UPDATE", "UPDATED", "URGENT", "VIDEO", "WARNING",
    "WATCH", "WRAPUP", "ATHLETICS", "BASEBALL", "BASKETBALL", "BOXING", "CRICKET", "CYCLING",
    "FOOTBALL", "GOLF", "HOCKEY", "MOTOR RACING", "RUGBY", "RUGBY UNION", "RUGBY LEAGUE", "SOCCER",
    "TENNIS", "WHAT", "WHY", "HOW", "WHEN", "WHERE", "FAQ", "PS", "NB", "JUST IN",
    "WATCH LIVE", "READ MORE", "SEE ALSO", "DEVELOPING", "DEVELOPING STORY",
    # organisations, not places
    "AFP", "ASEAN", "BBC", "CIA", "CNN", "FBI", "GOP", "IAEA", "ICC", "ICJ", "IMF", "NASA", "NATO",
    "OECD", "OPEC", "UNESCO", "UNHCR", "UNICEF", "USA", "WHO", "WTO",
})
# Words that never stand in a place name ("FIX IS IN: …" is a headline).
NOT_IN_PLACE_NAMES = frozenset({"IS", "ARE", "WAS", "WERE", "BE", "IT", "I", "WE", "YOU", "HE", "SHE",
                                "THEY", "THIS", "THAT", "JUST", "NOT", "NO", "YES", "WILL", "CAN",
                                "HAS", "HAVE", "DID", "DOES", "MY", "OUR", "YOUR", "HIS", "HER",
                                "THEIR", "TO", "FOR", "WITH", "BY", "IN", "ON", "OUT", "OFF", "NOW"})
# A bare "PLACE:" (no agency, region, date or second place) is a dateline only when the words
# after it read as a sentence: at most this share of the first few is capitalised
# ("BOOM: Trump Just Fired A Missile" is a headline).
MAX_CAPITALISED_AFTER_COLON = 0.6
_WORDS_CHECKED_AFTER_COLON = 8
# Names shorter than this (in letters) are abbreviations ("US", "UN", "EU"), not datelines.
MIN_PLACE_LETTERS = 3
# AP-style state abbreviations in datelines ("SPRINGFIELD, Ill. (AP) —") → the state's name.
US_STATE_ABBREVIATIONS = us_state_of_abbreviation()
# Words kept in lower case when an ALL-CAPS name is title-cased ("RIO DE JANEIRO").
LOWERCASE_PARTICLES = frozenset({"de", "da", "do", "dos", "das", "del", "della", "di", "du", "des",
                                 "la", "le", "les", "los", "las", "of", "the", "and", "y", "au",
                                 "aux", "en", "sur", "am", "im", "an", "der", "upon"})
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
          "January", "February", "March", "April", "June", "July", "August", "September",
          "October", "November", "December")

#: Space within a line (a dateline never runs over a line end).
SPACE = r"[ \t]"
#: A capital letter: Unicode's upper-case letters (category Lu) of the Basic Multilingual Plane, so
#: that a place may start with, or hold, "Ü", "É", "Ã", "Ł" ("ZÜRICH", "SÃO PAULO", "Évry (AFP) -").
CAPITAL = "[" + "".join(re.escape(c) for c in map(chr, range(0x10000)) if unicodedata.category(c) == "Lu") + "]"
_CAPS = CAPITAL[:-1]  # (the class without its closing bracket, to add characters to)
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_PARTICLE = r"(?:" + "|".join(sorted(LOWERCASE_PARTICLES)) + r")"
_WORD = CAPITAL + r"[\w'’.\-]*"
ANY_NAME = rf"{_WORD}(?:{SPACE}+(?:{_PARTICLE}{SPACE}+)?{_WORD}){{0,3}}"  # Tehran, Rio de Janeiro
#: Further places after a first one, "/"-separated ("MOSCOW/Tehran").
OTHER_PLACES = rf"(?:{SPACE}*/{SPACE}*{ANY_NAME})*"
_CAPS_NAME = (rf"{CAPITAL}{_CAPS}'’.\-]*{_CAPS}.](?:{SPACE}+{CAPITAL}{_CAPS}'’.\-]*){{0,3}}")  # MOSCOW, NEW YORK

_WIRE_DATE = (rf"{_MONTH}{SPACE}+\d{{1,2}}(?:,?{SPACE}+\d{{4}})?"       # Dec 2, Dec. 2, 2024
              rf"|\d{{1,2}}{SPACE}+{_MONTH}(?:{SPACE}+\d{{4}})?")      # 2 December 2024
# ", Ukraine", ", Ill." after the place (not a date: ", Dec 2"); then the date and the credit.
_REGION = rf"(?:,{SPACE}*(?!{_MONTH}{SPACE})(?P<region>{_WORD}(?:{SPACE}+{_WORD}){{0,2}}))?"
_DATE = rf"(?:,?{SPACE}*(?P<date>{_WIRE_DATE}))?"
_WIRE = re.compile(
    rf"{SPACE}*(?P<place>{_CAPS_NAME})"
    rf"(?P<others>{OTHER_PLACES})"
    + _REGION + _DATE +
    rf"(?:{SPACE}*\((?P<agency>{CAPITAL}[\w.&'’ \-]{{0,30}})\))?"
    rf"(?:{SPACE}*(?:--|[-–—:]){SPACE}+|(?<=\)){SPACE}+)(?=\S)")  # after "(AP)" the dash may be lost
# A place in title case is a dateline only when a news agency is credited after it ("Berlin (dpa) -
# …", "Paris (AFP) — …": the German and French wires' style); "Madrid — the council met" is not.
_TITLED = re.compile(
    rf"{SPACE}*(?P<place>{ANY_NAME})"
    + _REGION + _DATE +
    rf"{SPACE}*\((?P<agency>[^\W\d_][\w.&'’/ \-]{{0,30}})\)"
    rf"{SPACE}*(?:--|[-–—:]){SPACE}+(?=\S)")


class Dateline(NamedTuple):
    """A wire dateline at the start of a text. end: the offset in the text where the body
    starts (after the dash or colon and the spaces after it; the dateline is ``text[:end]``);
    places: place names in order (``("Kyiv", "Ukraine")``); agency: the agency or outlet credited
    in parentheses, as written there ("Reuters", "AP", "CNN"), or None when none is credited."""

    end: int
    places: tuple[str, ...]
    agency: str | None


def read_dateline(text: str) -> Dateline | None:
    """The wire dateline that opens ``text`` ("WASHINGTON (AP) — …", "BAAR, Switzerland
    (Reuters) - …", "LONDON, Dec 2 (Reuters) - …"), or None; ``text`` is not changed.

    text: an article body in any format; leading whitespace is allowed (``end`` counts it).
    Only a leading run of ALL-CAPS place words (see the module docstring) followed by a dash or
    colon and a sentence counts, or a place in title case credited to a news agency
    (:data:`~components.lexicon.news_agencies.NEWS_AGENCIES`: "Berlin (dpa) - …"): "BREAKING
    news — …", "US stocks fell — …" and "Madrid — the council met…" are not datelines."""
    lead = len(text) - len(text.lstrip())
    m = _WIRE.match(text, lead) or _TITLED.match(text, lead)
    if not m or (m.re is _TITLED and not _credits_agency(m["agency"])):
        return None
    place = m["place"].strip()
    if (place.upper() in NOT_PLACES or sum(ch.isalpha() for ch in place) < MIN_PLACE_LETTERS
            or any(w.upper() in NOT_IN_PLACE_NAMES for w in place.split())):
        return None
    first_line = text[m.end():].split("\n", 1)[0]
    if not any(ch.islower() for ch in first_line):
        return None
    others = m.groupdict().get("others") or ""
    bare = not (others or m["region"] or m["date"] or m["agency"])
    if bare and m.group(0).rstrip().endswith(":") and _headline_case(first_line):
        return None
    places = [place_name(m["place"])]
    places += [place_name(p) for p in others.split("/") if p.strip()]
    if m["region"]:
        region = m["region"].strip()
        places.append(US_STATE_ABBREVIATIONS.get(region, place_name(region)))
    agency = " ".join(m["agency"].split()) if m["agency"] else None
    return Dateline(m.end(), tuple(places), agency)


def _credits_agency(credit: str) -> bool:
    """Does the credit in parentheses ("dpa", "AFP/dpa", "dpa-AFX", "Reuters") name a news agency?"""
    return credit.lower() in NEWS_AGENCIES or any(
        part.lower() in NEWS_AGENCIES for part in re.split(r"[/,\s\-]+", credit) if part)


def _headline_case(line: str) -> bool:
    words = [w for w in line.split()[:_WORDS_CHECKED_AFTER_COLON] if w[:1].isalpha()]
    capitalised = sum(1 for w in words if w[:1].isupper())
    return bool(words) and capitalised > MAX_CAPITALISED_AFTER_COLON * len(words)


def places_before_comma(dateline: str) -> tuple[str, ...]:
    """The place of a dateline given apart from the text (a story's dateline field: "LONDON, Jan.
    1" → ``("London",)``): its words before the first comma, unless they hold a digit or run
    past 40 characters (then ``()``)."""
    head = dateline.split(",")[0].strip()
    return (place_name(head),) if head and len(head) <= 40 and not any(ch.isdigit() for ch in head) else ()


def place_name(name: str) -> str:
    """``name`` stripped, and title-cased if it is all capitals ("ABU DHABI" -> "Abu Dhabi")."""
    name = " ".join(name.split())
    if not name.isupper():
        return name
    words = []
    for i, word in enumerate(name.split(" ")):
        parts = word.split("-")
        parts = [p.lower() if (i or j) and p.lower() in LOWERCASE_PARTICLES else p[:1] + p[1:].lower()
                 for j, p in enumerate(parts)]
        words.append("-".join(parts))
    return " ".join(words)
