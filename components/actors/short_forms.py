"""Short forms of an article's names and the full names they stand for, for
:mod:`.mentions` to resolve the mentions (``_Mention`` records: ``name``, ``label``, ``actor``,
``role``): people's surnames and titles ("Clinton", "the Sheik"), and organisations' kinds of
body ("the Commission", "the Bank")."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from ..lexicon.actor_cues import GENERIC_BODIES
from .names import fold_tokens
from .titles import is_title_word


def surnames(people: Iterable) -> dict[tuple[str, ...], str | None]:
    """``{folded full name, surname or title: canonical person}`` for the resolved person
    mentions of an article; None for a surname or title two people share ("Clinton"). A title
    is a person's role's last word or a title their name starts with ("President" of "President
    Bush", "Sheik" of "Sheik Omar Abdel Rahman"): "the Sheik" is then that person."""
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for m in people:
        if m.actor:
            full = fold_tokens(m.actor)
            owners[full].add(m.actor)
            owners[full[-1:]].add(m.actor)
            for title in (m.role.split()[-1:] if m.role else []) + m.actor.split()[:1]:
                if is_title_word(title):
                    owners[fold_tokens(title)].add(m.actor)
    return {k: next(iter(v)) if len(v) == 1 else None for k, v in owners.items()}


def bodies_in_full(mentions: Iterable) -> dict[str, str]:
    """Kinds of body (:data:`~components.lexicon.actor_cues.GENERIC_BODIES`, lower case) that
    end exactly one organisation's name of the article, or start it before "of" → that name:
    "the Commission" of an article about the "European Commission" is that body, "the Bank"
    the "Bank of England"."""
    full: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        words = m.name.split()
        if m.label == "ORG" and len(words) > 1:
            kind = words[0] if len(words) > 2 and words[1].lower() == "of" else words[-1]  # "Bank of England"
            if kind.lower() in GENERIC_BODIES:
                full[kind.lower()].add(m.name)
    return {kind: next(iter(names)) for kind, names in full.items() if len(names) == 1}
