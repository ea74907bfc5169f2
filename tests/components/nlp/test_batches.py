"""``pipe_with_context``: texts with their contexts through ``nlp.pipe`` in order, long texts in
pieces joined back with the rule steps run on the joined Doc, the Doc extension values a context
gives, worker processes (on blank pipelines with a lowered ``max_length``, no model needed); and,
with the model, the whole extraction in worker processes."""
from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from components.nlp import LONG_TEXT_CHARS, PIECE_CHARS, add_rule_pipes, pipe_with_context, split_text

PARAGRAPH = ("Officials in the port city met on Tuesday to discuss the harbour works. "
             "The council said the budget would be published next month.\n\n")


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




SEEN: list[int] = []


@Language.component("test_pipe_record_length")
def _record_length(doc: Doc) -> Doc:
    SEEN.append(len(doc.text))
    return doc


def test_ordinary_texts_are_parsed_whole_and_long_ones_in_pieces_of_bounded_size():
    nlp = spacy.blank("en")
    nlp.add_pipe("test_pipe_record_length")
    ordinary = PARAGRAPH * (LONG_TEXT_CHARS // len(PARAGRAPH))
    long = ordinary + PARAGRAPH * 2
    assert len(ordinary) <= LONG_TEXT_CHARS < len(long)
    SEEN.clear()
    docs = [doc for doc, _ in pipe_with_context(nlp, [(ordinary, 1), (long, 2)])]
    assert [d.text for d in docs] == [ordinary, long]
    assert SEEN[0] == len(ordinary)
    assert len(SEEN) > 2 and max(SEEN[1:]) <= PIECE_CHARS and sum(SEEN[1:]) == len(long)


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


def test_the_rule_steps_run_on_whole_texts_and_on_long_ones_once_joined(small_nlp, monkeypatch):
    from components.actors import component as actors_component

    seen: list[tuple[int, bool]] = []

    def spy(doc: Doc) -> list:
        seen.append((len(doc.text), doc._.places is None))
        return []

    monkeypatch.setattr(actors_component, "find_actors", spy)
    add_rule_pipes(small_nlp)
    long = _long_text(60)
    items = [("Jane Okafor spoke first.", "a"), (long, "b"), ("Then Jane Okafor left.", "c")]
    out = list(pipe_with_context(small_nlp, items, batch_size=2))
    # Once per text, on the whole text, before the places step (in whichever order they are parsed).
    assert sorted(seen) == sorted((len(text), True) for text, _ in items)
    assert all(doc._.actors == [] and doc._.places is not None and doc._.quotes is not None for doc, _ in out)


def test_a_contexts_doc_values_are_set_before_the_rule_steps_run(small_nlp, monkeypatch):
    from components.places import component as places_component

    datelines: list[tuple] = []
    monkeypatch.setattr(places_component, "find_places",
                        lambda doc, *, dateline: datelines.append(tuple(dateline)) or [])
    add_rule_pipes(small_nlp)
    items = [("Jane Okafor spoke first.", ["Lima"]), (_long_text(60), ["Oslo", "Bergen"]), ("Then she left.", [])]
    out = list(pipe_with_context(small_nlp, items, doc_values=lambda places: {"dateline": places} if places else {}))
    assert sorted(datelines) == [(), ("Lima",), ("Oslo", "Bergen")]
    assert [doc._.dateline for doc, _ in out] == [["Lima"], ["Oslo", "Bergen"], None]
