"""Places: where things happen. Toponyms found in an article (:mod:`.recognition`) are resolved
against the offline GeoNames-based gazetteer (:mod:`.gazetteer`) and disambiguated by the
article's context (:mod:`.resolution`); streets the gazetteer lacks are placed at the article's
main locality (:mod:`.streets`). :func:`find_places` (:mod:`.find`) runs it all on a Doc."""
from .find import find_places
from .recognition import Mention, find_mentions
from .resolution import resolve

__all__ = ["Mention", "find_mentions", "find_places", "resolve"]
