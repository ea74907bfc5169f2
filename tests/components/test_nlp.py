"""Long texts are parsed in pieces and joined back: the splitter (a property test) and
``pipe_with_context`` on a blank pipeline with a lowered ``max_length`` (no model needed)."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
import spacy
from hypothesis import given, settings, strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from components import nlp as nlp_mod
from components.nlp import pipe_with_context, split_text

PARAGRAPH = ("Officials in the port city met on Tuesday to discuss the harbour works. "
             "The council said the budget would be published next month.\n\n")

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


@pytest.fixture
def small_nlp():
    """A blank English pipeline that finds one name and sets sentence starts, with a max_length
    of 2,000 characters (spaCy raises E088 above it)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Jane Okafor"}])
    nlp.max_length = 2_000
    return nlp


def _long_text(n_paragraphs: int) -> str:
    return PARAGRAPH * n_paragraphs + "\u201cWe are ready,\u201d said Jane Okafor, the trade minister.\n"


@pytest.mark.parametrize("workers", [1, 2])
def test_long_texts_are_parsed_in_pieces_with_offsets_into_the_whole_text(small_nlp, workers):
    long = _long_text(60)                      # about 8,700 characters, over max_length
    items = [("Jane Okafor spoke first.", "a"), (long, "b"), ("Then Jane Okafor left.", "c"), (long, "d")]
    out = list(pipe_with_context(small_nlp, items, batch_size=2, workers=workers))
    assert [ctx for _, ctx in out] == ["a", "b", "c", "d"]
    for (doc, _), (text, _) in zip(out, items):
        assert doc.text == text
        assert [e.text for e in doc.ents] == ["Jane Okafor"]
        (ent,) = doc.ents
        assert text[ent.start_char:ent.end_char] == "Jane Okafor"
    doc = out[1][0]
    assert doc.ents[0].start_char > small_nlp.max_length
    # No sentence spans a join: each piece starts a sentence.
    joins, pos = [], 0
    for piece in split_text(long, small_nlp.max_length)[:-1]:
        pos += len(piece)
        joins.append(pos)
    assert len(joins) >= 4 and set(joins) <= {s.start_char for s in doc.sents}


def test_a_failed_join_keeps_the_text_and_its_offsets(small_nlp, monkeypatch):
    def broken(docs, **kw):
        return Doc(docs[0].vocab, words=["garbled"])

    monkeypatch.setattr(nlp_mod, "Doc", SimpleNamespace(from_docs=broken))
    long = _long_text(30)
    ((doc, ctx),) = pipe_with_context(small_nlp, [(long, "x")])
    assert (doc.text, ctx, doc.ents) == (long, "x", ())


SEEN: list[int] = []


@Language.component("test_nlp_record_length")
def _record_length(doc: Doc) -> Doc:
    SEEN.append(len(doc.text))
    return doc


def test_ordinary_texts_are_parsed_whole_and_long_ones_in_pieces_of_bounded_size():
    nlp = spacy.blank("en")
    nlp.add_pipe("test_nlp_record_length")
    ordinary = PARAGRAPH * (nlp_mod.LONG_TEXT_CHARS // len(PARAGRAPH))
    long = ordinary + PARAGRAPH * 2
    assert len(ordinary) <= nlp_mod.LONG_TEXT_CHARS < len(long)
    SEEN.clear()
    docs = [doc for doc, _ in pipe_with_context(nlp, [(ordinary, 1), (long, 2)])]
    assert [d.text for d in docs] == [ordinary, long]
    assert SEEN[0] == len(ordinary)
    assert len(SEEN) > 2 and max(SEEN[1:]) <= nlp_mod.PIECE_CHARS and sum(SEEN[1:]) == len(long)


def test_worker_processes_do_not_run_the_parents_main_script(small_nlp, tmp_path, monkeypatch):
    """In the dashboard (and under AppTest) ``__main__`` is the app's page script; a spawned
    worker would import it again and run the page inside the worker."""
    import sys
    import types

    marker = tmp_path / "ran"
    script = tmp_path / "page.py"
    script.write_text(f"open({str(marker)!r}, 'w').write('ran')\nraise SystemExit(3)\n", encoding="utf-8")
    page = types.ModuleType("__main__")
    page.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", page)
    items = [("Jane Okafor spoke first.", "a"), ("Then Jane Okafor left.", "b")]
    out = list(pipe_with_context(small_nlp, items, batch_size=1, workers=2))
    assert [(d.text, c) for d, c in out] == [(t, c) for t, c in items]
    assert not marker.exists()
    assert sys.modules["__main__"] is page
