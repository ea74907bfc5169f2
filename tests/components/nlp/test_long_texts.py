"""Long texts are cut into pieces and joined back: the splitter (a property test) and the join
(no model needed). ``tests/components/nlp/test_batches.py`` runs them through ``pipe_with_context``."""
from __future__ import annotations

import re
from types import SimpleNamespace

import spacy
from hypothesis import given, settings, strategies as st
from spacy.tokens import Doc

from components.nlp import join_pieces, long_texts, split_text
from tests.components.nlp.test_batches import PARAGRAPH

words = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=" \t\n\r"),
                min_size=1, max_size=12).filter(lambda w: not re.search(r"\s", w))
gaps = st.sampled_from([" ", "  ", "\n", "\n\n", "\r\n\r\n", ". ", "\t", " \n \n"])


@st.composite
def texts(draw):
    parts = draw(st.lists(st.tuples(words, gaps), max_size=80))
    return "".join(w + g for w, g in parts) + draw(st.one_of(st.just(""), words))


@settings(max_examples=300, deadline=None)
@given(text=texts(), limit=st.integers(min_value=1, max_value=120))
def test_pieces_join_to_the_text_under_the_limit_cut_after_whitespace(text, limit):
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(len(p) <= limit for p in pieces)
    assert all(pieces[:-1]), "no empty piece before the end"
    for piece, following in zip(pieces, pieces[1:]):
        # A cut falls after whitespace, so never inside a word; only a stretch of ``limit``
        # characters with no whitespace at all is cut where the limit falls.
        assert piece[-1].isspace() or (len(piece) == limit and not re.search(r"\s", piece)), (piece, following)


@settings(max_examples=100, deadline=None)
@given(text=texts(), limit=st.integers(min_value=20, max_value=120))
def test_a_cut_falls_in_the_second_half_of_the_window_when_there_is_whitespace_there(text, limit):
    pieces = split_text(text, limit)
    pos = 0
    for piece in pieces[:-1]:
        window = text[pos:pos + limit]
        if re.search(r"\s", window[limit // 2:]):
            assert len(piece) > limit // 2
        pos += len(piece)


def test_cuts_prefer_a_blank_line_then_a_line_break_then_a_sentence_end():
    text = "aaaa bbbb.\n\ncccc dddd. eeee\nffff gggg hhhh iiii"
    assert split_text(text, 30) == ["aaaa bbbb.\n\ncccc dddd. eeee\n", "ffff gggg hhhh iiii"]
    assert split_text("aaaa bbbb cccc. dddd eeee ffff", 24) == ["aaaa bbbb cccc. ", "dddd eeee ffff"]
    assert split_text(PARAGRAPH * 3, len(PARAGRAPH) * 2 + 5) == [PARAGRAPH * 2, PARAGRAPH]


def test_a_short_text_is_one_piece():
    assert split_text("", 10) == [""]
    assert split_text("short text", 10) == ["short text"]


def test_pieces_parsed_apart_join_into_one_doc_of_the_text_with_its_entities():
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "PERSON", "pattern": "Jane Okafor"}])
    text = PARAGRAPH * 3 + "Jane Okafor spoke.\n"
    pieces = split_text(text, len(PARAGRAPH) + 5)
    assert len(pieces) == 4
    doc = join_pieces(nlp, [nlp(p) for p in pieces], text)
    assert doc.text == text
    assert [(e.text, e.start_char) for e in doc.ents] == [("Jane Okafor", text.index("Jane Okafor"))]


def test_a_failed_join_keeps_the_text_and_its_offsets(monkeypatch):
    def broken(docs, **kw):
        return Doc(docs[0].vocab, words=["garbled"])

    monkeypatch.setattr(long_texts, "Doc", SimpleNamespace(from_docs=broken))
    nlp = spacy.blank("en")
    text = PARAGRAPH * 3
    doc = join_pieces(nlp, [nlp(p) for p in split_text(text, len(PARAGRAPH))], text)
    assert (doc.text, doc.ents) == (text, ())
