"""The model's attribute ruler and lemmatizer, run faster (:mod:`components.nlp.model_pipes`):
every token ends with what spaCy's own pipes give it. Hand-built rules on hand-tagged Docs (no
model), then the real model on news sentences."""
from __future__ import annotations

import pickle

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from components.lexicon.lemmas import lemma
from components.nlp.model_pipes import ATTRIBUTES, LEMMAS, FastAttributes, speed_up

WORDS = ["They", "ai", "n't", "gon", "na", "stop", "and", "there", "were", "nothin'", "left", "in", " ", "y'", "all"]
TAGS = ["PRP", "VBP", "RB", "VBG", "TO", "VB", "CC", "EX", "VBD", "NN", "VBN", "IN", "_SP", "PRP", "DT"]
DEPS = ["nsubj", "aux", "neg", "aux", "aux", "ROOT", "cc", "expl", "conj", "nsubj", "acl", "prep", "dep", "pobj", "det"]
RULES = [  # every kind of pattern the English model's ruler holds, and rules that override earlier ones
    {"patterns": [[{"TAG": "PRP"}]], "attrs": {"POS": "PRON", "MORPH": "PronType=Prs"}},
    {"patterns": [[{"TAG": {"IN": ["VBP", "VBZ"]}, "LOWER": "ai"}, {"LOWER": {"REGEX": "^n'?t$"}}]],
     "attrs": {"LEMMA": "be"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing", "POS": "PRON"}},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are", "was", "were"]}}]], "attrs": {"POS": "VERB"},
     "index": -1},
    {"patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "auxpass"]}}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep", "TAG": "_SP"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE", "MORPH": "_"}},
    {"patterns": [[{"TAG": "PRP", "LOWER": "they"}]], "attrs": {"MORPH": "Case=Nom|Number=Plur|PronType=Prs"}},
]
ATTRS = [POS, MORPH, LEMMA, TAG, DEP]


def tagged(nlp) -> Doc:
    return Doc(nlp.vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=[5] * 5 + [5] + [5] * 9)


def test_the_rules_matched_column_wise_set_what_the_attribute_ruler_sets():
    nlp = spacy.blank("en")
    ruler = AttributeRuler(nlp.vocab)
    ruler.add_patterns(RULES)
    expected = ruler(tagged(nlp)).to_array(ATTRS)
    assert (expected != tagged(nlp).to_array(ATTRS)).sum() >= 10   # the rules change many values
    fast = FastAttributes(nlp.vocab).load(ruler)
    assert (fast(tagged(nlp)).to_array(ATTRS) == expected).all()
    docs = list(fast.pipe([tagged(nlp), Doc(nlp.vocab, words=[]), tagged(nlp)], batch_size=3))
    assert all((doc.to_array(ATTRS) == expected).all() for doc in (docs[0], docs[2]))
    clone = pickle.loads(pickle.dumps(fast))   # it goes to worker processes
    assert (clone(tagged(nlp)).to_array(ATTRS) == expected).all()


def test_a_pipeline_keeps_its_pipes_when_they_are_not_spacys_own():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    assert speed_up(nlp).pipe_names == ["sentencizer"]


def test_a_token_nothing_lemmatized_has_no_lemma_and_a_set_one_is_kept():
    doc = Doc(spacy.blank("en").vocab, words=["She", "said"])
    doc[0].lemma_ = "she"
    assert [lemma(t) for t in doc] == ["she", ""]


SENTENCES = ["“We will not back down,” the spokesmen told reporters in Accra on Tuesday.",
             "There were fishermen who ain't gonna stop, said Maria Santos, the port's directors' chairwoman.",
             "Ministers had been meeting since the floods began; nothin' was decided, officials said."]


def test_the_model_with_its_pipes_replaced_gives_what_spacy_gives(nlp):
    reference = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    assert ATTRIBUTES in nlp.pipe_names and LEMMAS in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    for text in SENTENCES:
        want, got = reference(text), nlp(text)
        assert (got.to_array(ATTRS[:2] + ATTRS[3:]) == want.to_array(ATTRS[:2] + ATTRS[3:])).all()
        assert [lemma(t) for t in got] == [t.lemma_ for t in want]
        assert [(e.text, e.label_) for e in got.ents] == [(e.text, e.label_) for e in want.ents]


@pytest.mark.parametrize("name", ["fr_core_news_sm"])
def test_the_french_pipeline_too(name):
    from components.nlp import load_model
    try:
        fast = load_model(name)
    except Exception:  # noqa: BLE001 - not installed
        pytest.skip(f"{name} is not installed")
    reference = spacy.load(name)
    text = "« Nous ne reculerons pas », a déclaré la ministre Claire Martin aux journalistes à Lyon."
    want, got = reference(text), fast(text)
    assert (got.to_array([POS, MORPH, TAG, DEP]) == want.to_array([POS, MORPH, TAG, DEP])).all()
    assert [lemma(t) for t in got] == [t.lemma_ for t in want]
