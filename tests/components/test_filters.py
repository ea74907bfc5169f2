"""Tests of components.filters: the one Filter value — normalisation, toggling, chips that remove
themselves, and the URL round trip that lets a copied link reopen the same view."""
from __future__ import annotations

from datetime import date

import pytest

from components.filters import Filter

FULL = Filter(actors=("Lena Marsh", "Bashar Al Assad"), actor_types=("person",), places=("Lima",),
              countries=("PE", "GH"), date_from=date(2024, 9, 3), date_to=date(2024, 10, 1),
              sources=("wire",), text="grain  exports ", languages=("fr", "en"))


def test_equal_selections_make_equal_filters_whatever_the_order():
    a = Filter(actors=("B", "A", "A", ""), text="  two   words ")
    b = Filter(actors=["A", "B"], text="two words")
    assert a == b and hash(a) == hash(b)  # usable as a cache key
    assert a.actors == ("A", "B") and a.text == "two words"
    assert Filter(actors="Lena Marsh").actors == ("Lena Marsh",)  # a lone string is one value


# Known bug in Filter.__post_init__ (reported to the lead): the swap assigns date_to from the
# already-overwritten date_from, so both bounds end up the earlier date. strict: remove the mark
# once fixed.
def test_reversed_dates_are_swapped():
    f = Filter(date_from=date(2024, 10, 1), date_to=date(2024, 9, 1))
    assert (f.date_from, f.date_to) == (date(2024, 9, 1), date(2024, 10, 1))


def test_is_empty():
    assert Filter().is_empty and not Filter(text="x").is_empty and not FULL.is_empty


def test_toggle_adds_then_removes():
    f = Filter().toggle("actors", "Lena Marsh")
    assert f.actors == ("Lena Marsh",)
    f = f.toggle("actors", "Omar Haddad")
    assert f.actors == ("Lena Marsh", "Omar Haddad")
    assert f.toggle("actors", "Lena Marsh").actors == ("Omar Haddad",)
    assert Filter().toggle("places", "Lima").toggle("places", "Lima") == Filter()


def test_add_keeps_existing_values_once():
    assert Filter(places=("Lima",)).add("places", ["Oslo", "Lima"]).places == ("Lima", "Oslo")


def test_with_dates():
    f = FULL.with_dates(date(2024, 9, 10), None)
    assert (f.date_from, f.date_to) == (date(2024, 9, 10), None) and f.actors == FULL.actors


def test_every_chip_removes_exactly_itself():
    chips = FULL.chips()
    labels = [label for _, _, label in chips]
    assert labels == ["Actor: Bashar Al Assad", "Actor: Lena Marsh", "Actor type: person", "Place: Lima",
                      "Country: Ghana (GH)", "Country: Peru (PE)", "Source: wire", "Language: English (en)",
                      "Language: French (fr)", "Dates: 2024-09-03 – 2024-10-01",
                      "Search: grain exports"]
    for field, value, label in chips:
        if field == "date_from":
            continue  # see test_the_dates_chip_clears_both_bounds
        smaller = FULL.without(field, value)
        assert len(smaller.chips()) == len(chips) - 1, label
        assert label not in [lab for _, _, lab in smaller.chips()]
    f = Filter(date_from=FULL.date_from)
    for field, value, _ in f.chips():
        f = f.without(field, value)
    assert f == Filter()


# Known bug (reported to the lead): the dates chip is ("date_from", None, …), but
# without("date_from") clears only date_from, so a chip with both bounds stays up as
# "Dates: … – <to>". strict: remove the mark once fixed.
def test_the_dates_chip_clears_both_bounds():
    f = FULL.without("date_from")
    assert f.date_from is None and f.date_to is None
    assert Filter(date_to=date(2024, 1, 2)).chips() == [("date_from", None, "Dates: … – 2024-01-02")]


def test_without_a_value_clears_the_whole_field():
    assert FULL.without("actors").actors == () and FULL.without("text").text == ""


def test_url_round_trip():
    params = FULL.to_query_params()
    assert params == {"actors": ["Bashar Al Assad", "Lena Marsh"], "actor_types": ["person"],
                      "places": ["Lima"], "countries": ["GH", "PE"], "sources": ["wire"],
                      "languages": ["en", "fr"], "from": ["2024-09-03"], "to": ["2024-10-01"], "q": ["grain exports"]}
    assert Filter.from_query_params(params) == FULL
    assert Filter().to_query_params() == {} and Filter.from_query_params({}) == Filter()


def test_url_params_may_be_single_strings():
    # st.query_params.to_dict() gives the last value of each key as a string
    f = Filter.from_query_params({"actors": "Lena Marsh", "from": "2024-09-03", "q": "grain"})
    assert f == Filter(actors=("Lena Marsh",), date_from=date(2024, 9, 3), text="grain")


@pytest.mark.parametrize("params, expected", [
    ({"from": ["yesterday"], "to": ["2024-13-45"]}, Filter()),
    ({"from": ["2024-09-03"], "to": ["not a date"]}, Filter(date_from=date(2024, 9, 3))),
    ({"actor_types": ["person", "alien"]}, Filter(actor_types=("person",))),
    ({"utm_source": ["mail"], "page": ["2"], "actors": ["A"]}, Filter(actors=("A",))),
    ({"actors": [""], "q": [""]}, Filter()),
])
def test_unreadable_or_unknown_params_are_ignored(params, expected):
    assert Filter.from_query_params(params) == expected


def test_countries_and_languages_are_shown_by_name_and_code_and_unknown_codes_as_they_are():
    from components.filters import value_label

    assert value_label("countries", "KR") == "South Korea (KR)"
    assert value_label("languages", "el") == "Modern Greek (el)"  # "(1453-)" left out
    assert value_label("languages", "und") == "Undetermined (und)"
    assert value_label("countries", "ZZ") == "ZZ" and value_label("languages", "qq") == "qq"
    assert value_label("places", "Georgia") == "Georgia"
