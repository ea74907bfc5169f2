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
