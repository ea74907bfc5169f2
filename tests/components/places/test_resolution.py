"""Places, resolution: which gazetteer place each toponym is, by prominence and the article's
context (dateline, states named, "City, State" pairs).

Docs are built by hand with a blank English tokenizer and the entities a tagger would set."""
from __future__ import annotations

import pytest

from components.places import find_places
from tests.components.places import by_text, km
from tests.handmade_docs import make_doc


def test_alternate_name_resolves_to_the_canonical_place():
    doc = make_doc("Talks were held in Kiev on Monday.", [("Kiev", "GPE")])
    [kiev] = find_places(doc)
    assert (kiev.start, kiev.end, kiev.text) == (19, 23, "Kiev")
    assert (kiev.name, kiev.country_code, kiev.feature, kiev.geonameid) == ("Kyiv", "UA", "city", 703448)
    assert km(kiev, 50.45, 30.52) < 20


def test_feature_class_and_country_code():
    doc = make_doc("Leaders from France, Ohio and Europe met.",
                   [("France", "GPE"), ("Ohio", "GPE"), ("Europe", "LOC")])
    got = {p.text: (p.name, p.country_code, p.feature) for p in find_places(doc)}
    assert got == {"France": ("France", "FR", "country"), "Ohio": ("Ohio", "US", "admin"),
                   "Europe": ("Europe", None, "other")}


def test_paris_alone_is_the_french_capital():
    doc = make_doc("Police in Paris said the fire was out.", [("Paris", "GPE")])
    [paris] = find_places(doc)
    assert paris.country_code == "FR" and km(paris, 48.85, 2.35) < 20


def test_dateline_in_texas_chooses_paris_texas():
    doc = make_doc("Police in Paris said the fire was out.", [("Paris", "GPE")])
    paris, dallas = find_places(doc, dateline=["Dallas"])
    assert paris.country_code == "US" and km(paris, 33.66, -95.56) < 20
    assert (dallas.start, dallas.end, dallas.name, dallas.country_code) == (None, None, "Dallas", "US")


def test_texas_named_in_the_article_chooses_paris_texas():
    doc = make_doc("The fire in Paris was the worst in Texas this year.",
                   [("Paris", "GPE"), ("Texas", "GPE")])
    places = by_text(find_places(doc))
    assert places["Paris"].country_code == "US" and km(places["Paris"], 33.66, -95.56) < 20
    assert places["Texas"].feature == "admin"


def test_dateline_names_a_city_not_a_state():
    doc = make_doc("The Senate voted on Monday.", [])
    [washington] = find_places(doc, dateline=["WASHINGTON"])
    assert (washington.start, washington.name, washington.feature) == (None, "Washington", "city")
    assert km(washington, 38.90, -77.04) < 20


def test_capital_outranks_a_larger_same_named_state():
    doc = make_doc("Officials in Washington said talks would resume.", [("Washington", "GPE")])
    [washington] = find_places(doc)
    assert washington.feature == "city" and km(washington, 38.90, -77.04) < 20


def test_city_state_pair_narrows_the_city():
    doc = make_doc("He grew up in Springfield, Illinois.", [("Springfield", "GPE"), ("Illinois", "GPE")])
    places = by_text(find_places(doc))
    assert km(places["Springfield"], 39.80, -89.64) < 20


def test_unknown_name_stays_unresolved():
    doc = make_doc("They fled to Zorbleton last week.", [("Zorbleton", "GPE")])
    [p] = find_places(doc)
    assert p.text == "Zorbleton" and p.name is None and p.lat is None and p.geonameid is None


def test_korea_with_seoul_nearby_is_south_korea():
    doc = make_doc("Korea said talks in Seoul would resume.", [("Korea", "GPE"), ("Seoul", "GPE")])
    korea, seoul = find_places(doc)
    assert (korea.name, korea.country_code, korea.feature) == ("South Korea", "KR", "country")
    assert seoul.country_code == "KR"


@pytest.mark.parametrize("town, state, cc", [("Mexico", "Missouri", "US"), ("Moscow", "Idaho", "US")])
def test_one_name_is_one_place_in_an_article(town, state, cc):
    # the pair qualifies the first mention; the later bare ones mean the same town, not a country or a capital
    doc = make_doc(f"The mill in {town}, {state} closed. {town} lost jobs. Workers in {town} protested.",
                   [(town, "GPE"), (state, "GPE"), (town, "GPE"), (town, "GPE")])
    found = [p for p in find_places(doc) if p.text == town]
    assert len(found) == 3 and {p.geonameid for p in found} == {found[0].geonameid}
    assert (found[0].country_code, found[0].feature) == (cc, "city")


def test_a_mention_qualified_otherwise_keeps_its_own_place():
    doc = make_doc("Paris, Texas and Paris, France are far apart.",
                   [("Paris", "GPE"), ("Texas", "GPE"), ("Paris", "GPE"), ("France", "GPE")])
    paris = [p for p in find_places(doc) if p.text == "Paris"]
    assert [p.country_code for p in paris] == ["US", "FR"]


@pytest.mark.parametrize("text, feature", [
    ("Protests in Istanbul grew on Monday.", "city"),
    ("The governor of Istanbul province banned the march.", "admin"),
    ("Voters in the province of Istanbul chose a mayor.", "admin"),
])
def test_a_province_that_is_mostly_its_city_is_the_city_unless_the_text_says_province(text, feature):
    doc = make_doc(text, [("Istanbul", "GPE")])
    [istanbul] = find_places(doc)
    assert (istanbul.country_code, istanbul.feature) == ("TR", feature)
    assert istanbul.name == ("Istanbul" if feature == "city" else "İstanbul")


def test_the_province_named_outright_stays_the_province_beside_the_city():
    doc = make_doc("Protests in Istanbul grew. The governor of Istanbul province spoke.",
                   [("Istanbul", "GPE"), ("Istanbul", "GPE")])
    assert [p.feature for p in find_places(doc)] == ["city", "admin"]


def test_a_province_around_a_smaller_city_of_its_name_keeps_both_readings():
    from components.places.gazetteer import Candidate, Entry
    from components.places.name_context import namesake_areas
    from components.places.recognition import Mention

    def mention(city_people: int) -> Mention:
        area = Entry(1, "Ardenne", 50.0, 5.0, "BE", "BE.X", "admin1", 1_000_000)
        city = Entry(2, "Ardenne", 50.1, 5.1, "BE", "BE.X", "city", city_people)
        elsewhere = Entry(3, "Ardenne", 45.0, -70.0, "US", "US.ME", "city", 900_000)
        return Mention(10, 17, "Ardenne", [Candidate(area, True), Candidate(city, True), Candidate(elsewhere, True)])

    most, some = mention(600_000), mention(400_000)
    namesake_areas([most, some], "In the Ardenne it rained.")
    assert [c.entry.geonameid for c in most.candidates] == [2, 3]      # the area is mostly the city: the city
    assert [c.entry.geonameid for c in some.candidates] == [1, 2, 3]   # a smaller city: context chooses
