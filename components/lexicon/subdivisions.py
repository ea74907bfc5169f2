"""US states and Canadian provinces: their names and the abbreviations news text writes them
with ("Paris, Tex.", "SPRINGFIELD, Ill. (AP)", "Regina, Sask.").

Sources: the two-letter codes are the USPS state codes (USPS Publication 28, Appendix B), which
are also GeoNames' admin1 codes of the US states; the abbreviations with a full stop are the
traditional ones of the AP Stylebook ("Calif.", "W.Va.") with common variants ("Cal.",
"Kans."), and for Canada those of The Canadian Press Stylebook ("Alta.", "B.C."). Written for
Dateline, not chosen from any evaluation document.
"""
from __future__ import annotations

from functools import lru_cache

# USPS code: (name, the abbreviations written with it besides the code itself). States AP
# spells out (Alaska, Hawaii, Idaho, Iowa, Maine, Ohio, Utah) have none.
US_STATES = {
    "AL": ("Alabama", ("Ala.",)), "AK": ("Alaska", ()), "AZ": ("Arizona", ("Ariz.",)),
    "AR": ("Arkansas", ("Ark.",)), "CA": ("California", ("Calif.", "Cal.")), "CO": ("Colorado", ("Colo.",)),
    "CT": ("Connecticut", ("Conn.",)), "DE": ("Delaware", ("Del.",)), "FL": ("Florida", ("Fla.",)),
    "GA": ("Georgia", ("Ga.",)), "HI": ("Hawaii", ()), "ID": ("Idaho", ()), "IL": ("Illinois", ("Ill.",)),
    "IN": ("Indiana", ("Ind.",)), "IA": ("Iowa", ()), "KS": ("Kansas", ("Kan.", "Kans.")),
    "KY": ("Kentucky", ("Ky.",)), "LA": ("Louisiana", ("La.",)), "ME": ("Maine", ()),
    "MD": ("Maryland", ("Md.",)), "MA": ("Massachusetts", ("Mass.",)), "MI": ("Michigan", ("Mich.",)),
    "MN": ("Minnesota", ("Minn.",)), "MS": ("Mississippi", ("Miss.",)), "MO": ("Missouri", ("Mo.",)),
    "MT": ("Montana", ("Mont.",)), "NE": ("Nebraska", ("Neb.", "Nebr.")), "NV": ("Nevada", ("Nev.",)),
    "NH": ("New Hampshire", ("N.H.",)), "NJ": ("New Jersey", ("N.J.",)), "NM": ("New Mexico", ("N.M.",)),
    "NY": ("New York", ("N.Y.",)), "NC": ("North Carolina", ("N.C.",)), "ND": ("North Dakota", ("N.D.",)),
    "OH": ("Ohio", ()), "OK": ("Oklahoma", ("Okla.",)), "OR": ("Oregon", ("Ore.", "Oreg.")),
    "PA": ("Pennsylvania", ("Pa.", "Penn.")), "RI": ("Rhode Island", ("R.I.",)),
    "SC": ("South Carolina", ("S.C.",)), "SD": ("South Dakota", ("S.D.",)), "TN": ("Tennessee", ("Tenn.",)),
    "TX": ("Texas", ("Tex.",)), "UT": ("Utah", ()), "VT": ("Vermont", ("Vt.",)), "VA": ("Virginia", ("Va.",)),
    "WA": ("Washington", ("Wash.",)), "WV": ("West Virginia", ("W.Va.", "W. Va.")),
    "WI": ("Wisconsin", ("Wis.", "Wisc.")), "WY": ("Wyoming", ("Wyo.",)),
    "DC": ("District of Columbia", ("D.C.", "DC")),
}
# Canadian provinces by GeoNames admin1 code: (name, abbreviations).
CA_PROVINCES = {
    "01": ("Alberta", ("Alta.",)), "02": ("British Columbia", ("B.C.",)), "03": ("Manitoba", ("Man.",)),
    "04": ("New Brunswick", ("N.B.",)), "05": ("Newfoundland and Labrador", ("N.L.", "Nfld.")),
    "07": ("Nova Scotia", ("N.S.",)), "08": ("Ontario", ("Ont.",)), "09": ("Prince Edward Island", ("P.E.I.",)),
    "10": ("Quebec", ("Que.",)), "11": ("Saskatchewan", ("Sask.",)),
}


@lru_cache(maxsize=1)
def us_state_of_abbreviation() -> dict[str, str]:
    """``{abbreviation as written: state name}`` ("Ill." → "Illinois", "D.C." → "District of
    Columbia"), the two-letter codes not included (in a dateline "IN" or "OR" is a word)."""
    return {abbr: name for name, abbrs in US_STATES.values() for abbr in abbrs}


@lru_cache(maxsize=1)
def abbreviation_keys() -> dict[str, frozenset[str]]:
    """``{GeoNames admin1 key: its abbreviations}`` for the US states and Canadian provinces,
    each lower case without full stops: the postal code and the AP forms ("US.LA" → {"la"},
    "CA.03" → {"man"}). Used to tell a state written short ("La.") from a word ("La Liga")."""
    keys = {f"US.{code}": frozenset({code.lower(), *(a.lower().replace(".", "") for a in abbrs)})
            for code, (_, abbrs) in US_STATES.items()}
    keys.update({f"CA.{code}": frozenset(a.lower().replace(".", "") for a in abbrs)
                 for code, (_, abbrs) in CA_PROVINCES.items()})
    return keys


def abbreviates(key: str, name: str, admin1: str | None) -> bool:
    """Whether ``key`` (a lookup key, :func:`~components.lexicon.normalise.name_key`) shortens the
    state or country whose name's key is ``name`` and whose GeoNames admin1 key is ``admin1``:
    its first letters ("kan" of "kansas") or one of its :func:`abbreviation_keys` ("AK" of Alaska)."""
    key = key.lower()
    return (len(name) > len(key) and name.startswith(key)) or key in abbreviation_keys().get(admin1 or "", ())


def us_abbreviations() -> frozenset[str]:
    """Every US state abbreviation with a full stop, lower case without its final one ("calif",
    "n.y", "w.va"): words a full stop does not end a sentence after."""
    return frozenset(a.lower().rstrip(".") for a in us_state_of_abbreviation() if "." in a)
