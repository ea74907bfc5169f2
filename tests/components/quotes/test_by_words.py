"""French quotes attributed from the words around them (hand-built French Docs: lemmas and
parts of speech set, no parse): a tag after the quote ("a déclaré X", "a-t-il ajouté"), a cue
verb before it, "selon", the spaces inside guillemets; English cue words are not French ones."""
from __future__ import annotations

import pytest

from components.actors import find_actors
from components.nlp.labels import labels_component
from components.quotes.by_words import CUE_WORDS, find_quotes
from tests.handmade_docs import make_doc

FR = CUE_WORDS["fr"]
TAGS = {"déclaré": ("VERB", "déclarer"), "ajouté": ("VERB", "ajouter"), "affirmé": ("VERB", "affirmer"),
        "explique": ("VERB", "expliquer"), "a": ("AUX", "avoir"), "dit": ("VERB", "dire"),
        "said": ("VERB", "said"), "ministre": ("NOUN", "ministre"),
        **{w: ("DET", w.lower()) for w in ("le", "Le", "la", "La")}}


def quotes_of(text: str, ents: list[tuple[str, str]]):
    doc = labels_component(make_doc(text, ents, lang="fr", tags=TAGS))
    return find_quotes(doc, find_actors(doc), FR)


def test_a_tag_after_the_quote_names_the_speaker_after_its_verb():
    text = "« Nous ne céderons pas », a déclaré Gérald Lambert lundi."
    [q] = quotes_of(text, [("Gérald Lambert", "PER")])
    assert (q.content, q.speaker, q.cue, q.kind) == ("Nous ne céderons pas", "Gérald Lambert", "déclaré", "full")
    assert text[q.speaker_start:q.speaker_end] == "Gérald Lambert"


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"])
def test_guillemets_with_the_spaces_french_sets_inside_them(space):
    text = f"«{space}C'est fini{space}», explique Anne Roux."
    [q] = quotes_of(text, [("Anne Roux", "PER")])
    assert (q.content, q.speaker, q.cue) == ("C'est fini", "Anne Roux", "explique")


def test_an_inverted_pronoun_is_the_person_last_named():
    text = ("Le ministre Paul Moreau est arrivé à Lyon. « Nous ne céderons pas », a déclaré Paul Moreau. "
            "« C'est une erreur », a-t-il ajouté.")
    quotes = quotes_of(text, [("ministre Paul Moreau", "PER"), ("Lyon", "LOC"), ("Paul Moreau", "PER")])
    assert [(q.speaker, q.cue) for q in quotes] == [("Paul Moreau", "déclaré"), ("Paul Moreau", "ajouté")]
    assert text[quotes[1].speaker_start:quotes[1].speaker_end] == "-il"


def test_a_cue_verb_before_the_quote_and_a_noun_of_office_resolved_to_its_holder():
    text = ("Paul Moreau, le ministre de l'Intérieur, était à Lyon. "
            "Le ministre a affirmé : « La France soutiendra ses partenaires. »")
    [q] = quotes_of(text, [("Paul Moreau", "PER"), ("Lyon", "LOC"), ("France", "LOC")])
    assert (q.speaker, q.cue, q.kind) == ("Paul Moreau", "affirmé", "full")
    assert text[q.speaker_start:q.speaker_end] == "Le ministre"


def test_a_cue_the_tagger_called_an_adjective_and_a_noun_of_office_after_it():
    tags = {**TAGS, "raconte": ("ADJ", "racont"), "reconnu": ("VERB", "reconnaître")}
    text = ("La ministre de l'Intérieur, Anne Roux, était à Lyon. « Nous avons pris du retard », a reconnu la "
            "ministre devant l'Assemblée nationale. « Je n'ai jamais vu cela », raconte Jean Bernard.")
    doc = labels_component(make_doc(text, [("Anne Roux", "PER"), ("Lyon", "LOC"), ("Assemblée nationale", "ORG"),
                                           ("Jean Bernard", "PER")], lang="fr", tags=tags))
    quotes = find_quotes(doc, find_actors(doc), FR)
    assert [(q.speaker, q.cue) for q in quotes] == [("Anne Roux", "reconnu"), ("Jean Bernard", "raconte")]
    assert text[quotes[0].speaker_start:quotes[0].speaker_end] == "la ministre"


def test_selon_attributes_a_quoted_phrase():
    text = "Selon Marie Dupont, « l'accord est proche »."
    [q] = quotes_of(text, [("Marie Dupont", "PER")])
    assert (q.speaker, q.cue, q.kind) == ("Marie Dupont", "Selon", "partial")


def test_pieces_around_one_tag_are_one_quote():
    text = "« Nous partirons », a dit Anne Roux, « mais pas maintenant »."
    [q] = quotes_of(text, [("Anne Roux", "PER")])
    assert (q.content, q.speaker) == ("Nous partirons mais pas maintenant", "Anne Roux")
    assert len(q.spans) == 2


def test_english_cue_words_do_not_attribute_french_quotes():
    text = "« Oui », said Anne Roux."
    assert quotes_of(text, [("Anne Roux", "PER")]) == []


def test_a_long_statement_without_a_cue_is_listed_without_speaker_and_a_short_one_is_not():
    long = "« La réforme des retraites sera votée avant la fin de l'année prochaine. »"
    [q] = quotes_of(long, [])
    assert (q.speaker, q.cue) == (None, None)
    assert quotes_of("Le mot « crise » revient.", []) == []
