"""The rule steps as registered spaCy components: a blank pipeline with them added sets
``doc._.actors``, ``doc._.places`` and ``doc._.quotes`` on a Doc built by hand (no model), as
plain data that survives ``Doc.to_bytes`` (how Docs come back from worker processes) and turns
back into the records the rule functions return."""
from __future__ import annotations

from dataclasses import asdict

import pytest
import spacy
from spacy.tokens import Doc

from components.actors import find_actors
from components.extraction import extract_doc
from components.nlp import RULE_PIPES, add_rule_pipes, rule_pipes, run_rule_pipes
from components.places import find_places
from components.quotes import find_quotes
from components.records import Article
from tests.handmade_docs import make_doc

TEXT = ("Police in Paris said the fire was out. \u201cWe will not back down from this fight, and we will keep "
        "talking to every partner we have,\u201d Jane Okafor said, \u201cbecause the harbour needs it.\u201d")
ENTS = [("Paris", "GPE"), ("Jane Okafor", "PERSON")]


def handmade(dateline: list[str] | None = None) -> Doc:
    doc = make_doc(TEXT, ENTS)
    doc._.dateline = dateline
    return doc


@pytest.fixture
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return add_rule_pipes(nlp)


def test_the_rule_steps_are_added_after_the_pipelines_own_pipes_once_in_order(blank):
    assert blank.pipe_names == ["sentencizer", *RULE_PIPES]
    assert RULE_PIPES == ("dateline_labels_v1", "dateline_actors_v1", "dateline_places_v1", "dateline_quotes_v1")
    assert add_rule_pipes(blank).pipe_names == ["sentencizer", *RULE_PIPES]
    assert rule_pipes(blank) == list(RULE_PIPES)
    assert rule_pipes(spacy.blank("en")) == []


def test_a_blank_pipeline_sets_the_extensions_the_rule_functions_give(blank):
    doc = blank(handmade(["Dallas"]))
    expected_entities = find_actors(handmade())
    expected_places = find_places(handmade(), dateline=["Dallas"])
    expected_quotes = find_quotes(handmade(), expected_entities)
    assert expected_entities and expected_places and expected_quotes and expected_quotes[0].spans
    assert doc._.actors == [asdict(e) for e in expected_entities]
    assert doc._.places == [asdict(p) for p in expected_places]
    assert doc._.quotes == [{**asdict(q), "spans": [list(s) for s in q.spans]} for q in expected_quotes]
    paris, dallas = doc._.places
    assert paris["country_code"] == "US" and dallas["start"] is None, "the dateline was read"


def test_the_extensions_survive_to_bytes_and_give_the_records_back(blank):
    article = Article.from_text(TEXT, dateline=("Dallas",))
    doc = blank(handmade(["Dallas"]))
    back = Doc(doc.vocab).from_bytes(doc.to_bytes())
    assert back._.actors == doc._.actors and back._.places == doc._.places and back._.quotes == doc._.quotes
    expected = extract_doc(doc, article, "v")
    assert extract_doc(back, article, "v") == expected
    assert expected.entities == find_actors(handmade())
    assert [p.text for p in expected.places] == ["Paris"] and [p.name for p in expected.dateline_places] == ["Dallas"]
    assert all(isinstance(span, tuple) for q in expected.quotes for span in q.spans)


def test_run_rule_pipes_runs_only_the_rule_steps(blank):
    doc = make_doc(TEXT, ENTS)
    assert not doc.has_annotation("SENT_START")
    run_rule_pipes(blank, doc)
    assert doc._.actors is not None and doc._.quotes is not None
    assert not doc.has_annotation("SENT_START"), "the sentencizer did not run"


def test_a_doc_the_rule_steps_did_not_see_is_refused():
    with pytest.raises(ValueError, match="dateline_places_v1"):
        extract_doc(make_doc(TEXT, ENTS), Article.from_text(TEXT), "v")


@pytest.mark.model
def test_the_loaded_model_holds_the_rule_steps_after_its_own(nlp):
    assert nlp.pipe_names[-len(RULE_PIPES):] == list(RULE_PIPES)
    assert not set(nlp.pipe_names[:-len(RULE_PIPES)]) & set(RULE_PIPES)
