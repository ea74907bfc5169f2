"""Time-zone abbreviations: after a clock time ("at 1800 GMT", "10:30 EST") they name a time, not
an actor, though small models often label them organisations.

Source: the abbreviations of the IANA Time Zone Database (tzdata) for the zones of the world's
large cities, with UTC and the military Z; written for Dateline, not chosen from any evaluation
document.
"""
from __future__ import annotations

import re

TIME_ZONES = frozenset("""
UTC GMT Z WET WEST BST IST CET CEST EET EEST MSK TRT AST ADT EST EDT CST CDT MST MDT PST PDT AKST AKDT
HST NST NDT SAST CAT EAT WAT PKT ICT WIB WITA WIT HKT SGT MYT PHT JST KST AEST AEDT ACST ACDT AWST
NZST NZDT GST IRST AFT NPT
""".split())

# A clock time as written before a time zone: "1800", "10:30", "10.30", "10am", "10 a.m.".
CLOCK_TIME = re.compile(r"\d{1,2}(?:[:.]\d{2})?(?:[ap]\.?m\.?)?|\d{4}", re.IGNORECASE)
# Words that end a clock time written in two tokens ("10 am", "10 p.m.") or stand for one.
CLOCK_WORDS = frozenset({"am", "pm", "a.m.", "p.m.", "noon", "midnight", "hrs", "hours", "h"})


def after_clock_time(previous: str) -> bool:
    """Is ``previous`` (the token before a name) the end of a clock time ("1800", "10:30", "pm")?"""
    return bool(CLOCK_TIME.fullmatch(previous)) or previous.lower() in CLOCK_WORDS
