"""Actors: every PERSON / ORG / GPE / NORP mention gets a canonical actor and a type.

(stub — being written; the signatures are the interface)
"""
from __future__ import annotations

from typing import Iterable

from spacy.tokens import Doc

from .records import Entity

TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "state", "NORP": "group"}


def find_actors(doc: Doc) -> list[Entity]:
    """Every entity in ``doc`` as an :class:`Entity`; actor mentions carry canonical names."""
    return [Entity(e.start_char, e.end_char, e.text, e.label_,
                   e.text if e.label_ in TYPES else None, TYPES.get(e.label_)) for e in doc.ents]


def merge_corpus(actors: Iterable[tuple[str, str | None, int]]) -> dict[str, str]:
    """Map article-level actor names to corpus-level canonical names.

    actors: ``(name, actor_type, n_mentions)`` for every distinct article-level actor.
    Returns ``{name: canonical}`` for the names that change (others stay as they are)."""
    return {}
