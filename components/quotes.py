"""Quotes: direct quotes with speaker, cue and kind.

(stub — being written; the signatures are the interface)
"""
from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc

from .records import Entity, Quote


def find_quotes(doc: Doc, entities: Sequence[Entity]) -> list[Quote]:
    """Direct quotes in ``doc``; ``entities`` (from :func:`components.actors.find_actors`)
    resolve speaker mentions to actor names."""
    return []
