"""Quotes: who said what. Quotation marks are paired over the raw text (:mod:`.marks`), each
quote gets its cue verb and speaker from the dependency parse (:mod:`.attribution`, with the
word lists in :mod:`components.lexicon.reporting`), and :mod:`.direct` puts them together."""
from .direct import find_quotes

__all__ = ["find_quotes"]
