"""The labels step: a French model's entity labels become Dateline's in one place, before the
actors, places and quotes steps read them; an English Doc keeps its labels; in every language an
entity that runs across a blank line is cut there."""
from __future__ import annotations

from components.actors import find_actors
from components.nlp.labels import labels_component
from tests.handmade_docs import make_doc

DET = {w: ("DET", w.lower()) for w in ("la", "La", "le", "Le", "l'")}


def labels(doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in labels_component(doc).ents]


def test_french_labels_become_datelines_and_lose_their_determiners():
    doc = make_doc("Selon Paul Moreau, la France et l'ONU aident le Festival de Cannes.",
                   [("Paul Moreau", "PER"), ("la France", "LOC"), ("ONU", "ORG"), ("le Festival de Cannes", "MISC")],
                   lang="fr", tags=DET)
    assert labels(doc) == [("Paul Moreau", "PERSON"), ("France", "GPE"), ("ONU", "ORG"),
                           ("Festival de Cannes", "MISC")]


def test_a_french_noun_of_office_is_no_name_and_the_name_after_it_is_kept():
    doc = make_doc("Le président de la République et la ministre Claire Martin sont arrivés.",
                   [("président de la République", "PER"), ("ministre Claire Martin", "PER")],
                   lang="fr", tags=DET)
    assert labels(doc) == [("Claire Martin", "PERSON")]


def test_french_actors_are_typed_like_english_ones_after_the_labels_step():
    doc = make_doc("La France a répondu à Paul Moreau et à la Commission européenne.",
                   [("La France", "LOC"), ("Paul Moreau", "PER"), ("la Commission européenne", "ORG")],
                   lang="fr", tags={**DET, "France": ("PROPN", "France")})
    found = {(e.actor, e.actor_type) for e in find_actors(labels_component(doc))}
    assert found == {("France", "state"), ("Paul Moreau", "person"), ("Commission européenne", "organization")}


def test_an_english_doc_keeps_its_labels_and_spans():
    doc = make_doc("The president met Paul Moreau in the Hague.",
                   [("Paul Moreau", "PERSON"), ("the Hague", "GPE")])
    assert labels(doc) == [("Paul Moreau", "PERSON"), ("the Hague", "GPE")]


def test_an_entity_run_across_a_blank_line_becomes_one_per_paragraph_and_a_wrapped_name_stays_whole():
    doc = make_doc("Harbour talks resume in Mombasa\n\nMOMBASA, 3 March - Jane\nOkafor of Kenya \n\n Ports said so.",
                   [("Mombasa\n\nMOMBASA", "LOC"), ("Jane\nOkafor", "PERSON"), ("Kenya \n\n Ports", "ORG")])
    assert labels(doc) == [("Mombasa", "LOC"), ("MOMBASA", "LOC"), ("Jane\nOkafor", "PERSON"), ("Kenya", "ORG"),
                           ("Ports", "ORG")]
    french = make_doc("Accord à Lyon\n\nLYON, 3 mars", [("Lyon\n\nLYON", "LOC")], lang="fr")
    assert labels(french) == [("Lyon", "GPE"), ("LYON", "GPE")]
