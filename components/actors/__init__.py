"""Actors: who is involved. Each PERSON / ORG / GPE / NORP mention of an article gets a canonical
actor name and a type (:mod:`.mentions`, using name cleaning in :mod:`.names`, titles and
roles in :mod:`.titles`, the full names of short forms in :mod:`.short_forms` and the evidence
of :mod:`.evidence`); across a corpus, spelling variants and short names merge
(:mod:`.merge`)."""
from .merge import corpus_types, merge_corpus, party_evidence
from .mentions import find_actors

__all__ = ["corpus_types", "find_actors", "merge_corpus", "party_evidence"]
