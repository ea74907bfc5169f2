"""Places: where things happen. Toponyms found in an article (:mod:`.mentions`) are resolved
against the offline GeoNames-based gazetteer (:mod:`.gazetteer`) and disambiguated by the
article's context."""
from .mentions import find_mentions, find_places, resolve

__all__ = ["find_mentions", "find_places", "resolve"]
