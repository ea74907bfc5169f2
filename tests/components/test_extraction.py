"""The rule steps run unchanged on a Doc joined from pieces (how long texts are parsed): they use
nothing ``Doc.from_docs`` drops (user data, tensors, cats), and sentences and entities survive."""
from __future__ import annotations

import re

import pytest
from spacy.tokens import Doc

from components.extraction import extract_doc
from components.ingest import read_paths

pytestmark = pytest.mark.model


def test_rules_give_the_same_results_on_a_doc_joined_from_pieces(nlp, seed_path):
    (article,) = read_paths(seed_path)
    whole = nlp(article.text)
    # Cut the parsed doc at every paragraph that starts a sentence, as the long-text path cuts
    # a text, and join the pieces again the way pipe_with_context does.
    starts = {s.start_char for s in whole.sents}
    cuts = [m.end() for m in re.finditer(r"\n\n", article.text) if m.end() in starts]
    assert len(cuts) >= 5
    bounds = [0, *cuts, len(article.text)]
    pieces = [whole.char_span(a, b).as_doc() for a, b in zip(bounds, bounds[1:])]
    joined = Doc.from_docs(pieces, ensure_whitespace=False)
    assert joined.text == article.text
    assert [s.start_char for s in joined.sents] == [s.start_char for s in whole.sents]

    expected = extract_doc(whole, article, "v")
    got = extract_doc(joined, article, "v")
    assert expected.entities and expected.quotes and expected.places
    assert got.entities == expected.entities
    assert got.places == expected.places and got.dateline_places == expected.dateline_places
    assert got.quotes == expected.quotes


def test_a_long_text_parsed_in_pieces_has_sentences_and_entities_that_respect_the_joins(nlp, monkeypatch):
    from components.nlp import PIECE_CHARS, pipe_with_context, split_text

    monkeypatch.setattr(nlp, "max_length", 20_000)
    paragraph = ("Harbour workers in Lima gathered outside the ministry on Wednesday. A spokesman for "
                 "the port authority, Rafael Quintero, said talks would resume next week.\n\n")
    text = paragraph * (60_000 // len(paragraph))
    ((doc, _),) = pipe_with_context(nlp, [(text, None)])
    assert doc.text == text
    joins, pos = [], 0
    for piece in split_text(text, PIECE_CHARS)[:-1]:
        pos += len(piece)
        joins.append(pos)
    assert len(joins) >= 5
    assert set(joins) <= {s.start_char for s in doc.sents}
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    assert len(people) == text.count("Rafael Quintero")
    assert all(text[e.start_char:e.end_char] == "Rafael Quintero" for e in people)
