"""Demonyms and country names → ISO 3166 alpha-2 codes, from the installed ``countryinfo`` package.

``country_of_demonym("Russian") == "RU"``; plurals ("Russians") and a few common variants
("Brit", "Emirati") are accepted. Used by actors (a demonym stands for its state) and places
(a demonym is a toponym for its country).
"""
from __future__ import annotations

from functools import lru_cache

# Variants countryinfo does not list (its demonym field holds one form per country).
_EXTRA = {
    "british": "GB", "brit": "GB", "briton": "GB", "english": "GB", "scottish": "GB", "welsh": "GB",
    "scot": "GB", "american": "US", "emirati": "AE", "saudi": "SA", "israeli": "IL",
    "palestinian": "PS", "dutch": "NL", "filipino": "PH", "kiwi": "NZ", "czech": "CZ",
    "congolese": "CD", "korean": "KR", "north korean": "KP", "south korean": "KR", "taiwanese": "TW",
    "iraqi": "IQ", "yemeni": "YE", "afghan": "AF", "pakistani": "PK", "bangladeshi": "BD",
    "swiss": "CH", "irish": "IE", "french": "FR", "chinese": "CN", "japanese": "JP",
    "vietnamese": "VN", "lebanese": "LB", "sudanese": "SD", "kurdish": None,
}


@lru_cache(maxsize=1)
def _table() -> dict[str, str | None]:
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
    table.update(_EXTRA)
    return table


def country_of_demonym(word: str) -> str | None:
    """ISO alpha-2 code of the country ``word`` (a demonym, singular or plural) refers to,
    or None. Case-insensitive; a trailing "s" and "'s" are tried off."""
    w = word.strip().lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    table = _table()
    for cand in (w, w[:-1] if w.endswith("s") else None):
        if cand and cand in table:
            return table[cand]
    return None
