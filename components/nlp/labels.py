"""The labels step as a registered spaCy component, ``dateline_labels_v1``: the one place where a
model's entity labels become Dateline's, so that the actors, places and quotes steps read one
scheme whatever the language.

Dateline's scheme is the English model's (OntoNotes 5: PERSON, ORG, GPE, LOC, NORP, FAC…). A
model of another language that uses other labels has an entry in :data:`SCHEMES`, keyed by its
language code (``nlp.meta["lang"]``, which is ``doc.lang_``): French models (WikiNER's labels
PER, ORG, LOC, MISC) map PER → PERSON and LOC → GPE (WikiNER's LOC holds countries and cities
as well as rivers and mountains; as GPE a country or city that acts in the sentence becomes a
state actor, and every one is geocoded), and keep ORG and MISC (which no step reads). Their
entity spans also lose a leading determiner ("la France", "l'Élysée" → "France", "Élysée"),
as the English steps trim "the"; and a span that begins with a noun of office
(:data:`components.lexicon.french.TITLE_NOUNS`) is a description, not a name: "ministre Claire
Martin" keeps the name, "président de la République" (which the model labels a person) is no
entity. A language without an entry keeps its labels unchanged.

In every language, an entity never runs across a blank line: a model that runs a headline's
last word into the first word of the next paragraph ("… resume in Mombasa" then "MOMBASA, 3
March –", one LOC "Mombasa\n\nMOMBASA" that no gazetteer knows) gives one entity per paragraph
(:func:`split_at_paragraphs`). A single line break does not split a name: hard-wrapped text
breaks lines inside names ("Jane\nOkafor").

Adding a language whose model labels entities otherwise is one entry here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import french

NAME = "dateline_labels_v1"


@dataclass(frozen=True)
class LabelScheme:
    """How one language's model labels map to Dateline's.

    labels: the model's label → Dateline's (a label not listed is kept).
    trim_determiners: drop leading determiners (part of speech DET) from entity spans.
    title_nouns: lower-case nouns of office; a span that begins with one keeps only the name
        right after it (a capitalised word), or is dropped when none follows.
    """

    labels: Mapping[str, str] = field(default_factory=dict)
    trim_determiners: bool = False
    title_nouns: frozenset[str] = frozenset()


#: Language code → its model's scheme; languages not listed keep their model's labels.
SCHEMES: dict[str, LabelScheme] = {
    "fr": LabelScheme({"PER": "PERSON", "ORG": "ORG", "LOC": "GPE", "MISC": "MISC"}, trim_determiners=True,
                      title_nouns=french.TITLE_NOUNS),
}


def mapped_entities(doc: Doc, scheme: LabelScheme) -> list[Span]:
    """The entities of ``doc`` (a parsed Doc) relabelled by ``scheme``, each without leading
    determiners when the scheme says so (an entity of determiners only is kept whole), and
    without a leading noun of office (see :class:`LabelScheme`)."""
    out = []
    for ent in doc.ents:
        start = ent.start
        if scheme.trim_determiners:
            while start < ent.end - 1 and doc[start].pos_ == "DET":
                start += 1
        if doc[start].lower_ in scheme.title_nouns and doc[start].text.islower():
            start += 1
            if start == ent.end or not doc[start].text[:1].isupper():
                continue  # "président de la République": a description, not a name
        out.append(Span(doc, start, ent.end, label=scheme.labels.get(ent.label_, ent.label_)))
    return out


def _blank_line(token) -> bool:
    """Is ``token`` a blank line: whitespace of two line ends or more?"""
    return token.is_space and token.text.count("\n") >= 2


def split_at_paragraphs(doc: Doc, ents: list[Span]) -> list[Span]:
    """``ents`` (spans of ``doc``) with each one that runs across a blank line cut there into the
    parts between, each with its label."""
    out = []
    for ent in ents:
        start = ent.start
        for i in range(ent.start, ent.end + 1):
            if i == ent.end or _blank_line(doc[i]):
                part = [t.i for t in doc[start:i] if not t.is_space]
                if part:
                    out.append(Span(doc, part[0], part[-1] + 1, label=ent.label_))
                start = i + 1
    return out


@Language.component(NAME, assigns=["doc.ents"], requires=["doc.ents"])
def labels_component(doc: Doc) -> Doc:
    """Relabel the entities of ``doc`` by the scheme of its language (:data:`SCHEMES`, by
    ``doc.lang_``; a language without one keeps its labels), and cut those that run across a
    blank line (:func:`split_at_paragraphs`). Returns ``doc``."""
    scheme = SCHEMES.get(doc.lang_)
    ents = mapped_entities(doc, scheme) if scheme is not None and doc.ents else list(doc.ents)
    if scheme is not None or any(_blank_line(t) for ent in ents for t in ent):
        doc.ents = split_at_paragraphs(doc, ents)
    return doc
