"""Places: toponyms resolved with an offline gazetteer, disambiguated by the article's context.

(stub — being written; the signatures are the interface)
"""
from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc

from .records import Place


def find_places(doc: Doc, *, dateline: Sequence[str] = ()) -> list[Place]:
    """Toponyms in ``doc`` (start/end set) followed by the dateline places (start/end None)."""
    return [Place(e.start_char, e.end_char, e.text) for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")]
