"""Words around place names: the last words of street and feature names, the words that may
stand around a known name in a longer place name, locative prepositions, and capitalised words
that are place names somewhere but mostly something else in news text.

Written for Dateline: general English words, not chosen from any evaluation document.
Compared lower case (street words without a final full stop).
"""
from __future__ import annotations

from .titles import HONORIFICS

# Last words of street and square names ("Royal Street", "Main St."): a street the gazetteer
# lacks is placed at the article's main locality.
STREET_WORDS = frozenset({"street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "lane",
                          "ln", "boulevard", "blvd", "highway", "hwy", "parkway", "pkwy", "circle",
                          "court", "way", "pike", "square", "plaza"})
# Last words of the names of other features ("Walker County", "Pearl River"): kept as toponyms
# when the gazetteer lacks them, but not placed.
FEATURE_WORDS = frozenset({"trail", "interstate", "bridge", "county", "parish", "river", "lake", "creek",
                           "mountain", "mountains", "island", "islands", "valley", "bay"})
# Prepositions before a name that make it a place ("in Jackson", "near Aleppo").
LOCATIVE_PREPOSITIONS = frozenset({"in", "near", "outside", "across", "throughout", "around", "to",
                                   "from", "via", "toward", "towards", "between", "inside"})
# The prepositions among those that put what follows on the map even when the article uses the
# name otherwise ("in Mayer" where a Marissa Mayer speaks, "in Mars, Pennsylvania"): words of
# motion and relation ("to", "from", "between") also go with people and planets.
PLACE_CONTEXT_PREPOSITIONS = frozenset({"in", "near", "outside", "inside", "throughout", "across"})
# Nouns after which "in" names what is owned or backed, not a place ("shares in Jarvis", "a stake
# in Britannia").
HOLDING_NOUNS = frozenset({"share", "shares", "stake", "stakes", "holding", "holdings", "investment",
                           "investments", "interest", "interests", "confidence"})
# Nouns for a part of a state named after it with "of" ("the Western District of New York", a
# US federal judicial district): the name after "of" is the place, not a place called
# "Western District" elsewhere.
DISTRICT_WORDS = frozenset({"district"})
# Nouns naming an administrative area with its name ("São Paulo state", "the province of
# Istanbul", "Lagos State"): such a mention means the area, not the city it is named after
# (as news style distinguishes them, e.g. the AP Stylebook's "New York state").
AREA_NOUNS = frozenset({"state", "province", "region", "prefecture", "governorate", "oblast",
                        "territory", "department", "county"})
# Nouns that a place name follows in apposition ("the city Aleppo", "the capital Kyiv").
PLACE_NOUNS = frozenset({"city", "capital", "town", "province", "region"})
# Words that may stand around a known name inside a longer place name the gazetteer does not
# know ("Northeast Georgia", "Oaxaca State", "Greater Manchester"); any other word beside it
# means the span is something else ("Amara Okonjo" mis-tagged GPE is a person, not Amara).
# Points of the compass: a name made of them alone ("the North East", "the Southwest", "West")
# is a part of some country the article speaks of, not a place of its own.
COMPASS_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern",
})
GENERIC_PLACE_WORDS = COMPASS_WORDS | frozenset({
    "upper", "lower", "greater", "inner", "outer", "metro",
    "downtown", "suburban", "rural", "coastal", "state", "province", "region", "county",
    "district", "city", "town", "village", "municipality", "prefecture", "governorate",
    "territory", "oblast", "department", "area", "valley", "coast", "island", "islands",
    "of", "the", "and", "-", ",", ".",
})
# Capitalised words that are place names somewhere but mostly something else in news text.
NOT_PLACE_WORDS = frozenset({
    "mobile", "reading", "university", "college", "hospital", "police", "sheriff", "court",
    "center", "centre", "city", "county", "state", "union", "independence", "liberty", "victoria",
    "sale", "bath", "best", "hope", "friendship", "opportunity", "unity", "commerce", "enterprise",
    "president", "house", "senate", "congress", "mass", "church", "god", "christ", "jesus",
    "march", "may", "june", "july", "august", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "january", "february", "april", "september", "october",
    "november", "december", "north", "south", "east", "west", "central", "royal", "national",
    "federal", "republic", "party", "news", "times", "post", "tribune", "herald", "journal",
    "western", "eastern", "northern", "southern", "bank", "trust", "library", "council",
    "department", "office", "school", "league", "club", "group", "company", "first", "new",
    "olympic", "metro", "valley", "street", "islands", "hills", "delta", "toyota", "honda",
}) | HONORIFICS  # titles before names ("Miss Smith", "Sen. Jones") that abbreviate a state or country
