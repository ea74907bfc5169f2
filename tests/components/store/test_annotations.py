"""Tags and notes in the store: set as a whole with who and when, listed, offered, removed;
notes written, listed oldest first and deleted; refused when empty or on an unknown kind."""
from __future__ import annotations

import pytest

from components.store import Store, analyst


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "s.duckdb")


def test_tags_are_set_as_a_whole_and_remember_who_and_when(store: Store):
    assert store.tags_of("article", "a1") == [] and not store.exists
    assert store.set_tags("article", "a1", ["port", " Port  fees ", "port"]) == (["Port fees", "port"], [])
    assert store.set_tags("article", "a1", ["port", "strike"]) == (["strike"], ["Port fees"])
    assert store.tags_of("article", "a1") == ["port", "strike"]
    rows = store.query("SELECT what, which, tag, tagged_by FROM tags ORDER BY tag")
    assert rows.values.tolist() == [["article", "a1", "port", analyst()], ["article", "a1", "strike", analyst()]]
    assert store.set_tags("article", "a1", []) == ([], ["port", "strike"])
    assert store.tags_of("article", "a1") == []


def test_tags_in_use_are_offered_by_kind(store: Store):
    store.set_tags("article", "a1", ["port"])
    store.set_tags("actor", "Ada Obi", ["minister", "port"])
    assert store.all_tags() == ["minister", "port"]
    assert store.all_tags("article") == ["port"]
    assert store.tags_of("actor", "Ada Obi") == ["minister", "port"]


@pytest.mark.parametrize("tags", [[""], ["  "], ["x" * 61]])
def test_an_empty_or_overlong_tag_changes_nothing(store: Store, tags):
    store.set_tags("article", "a1", ["kept"])
    with pytest.raises(ValueError):
        store.set_tags("article", "a1", ["kept", *tags])
    assert store.tags_of("article", "a1") == ["kept"]


def test_notes_are_listed_oldest_first_with_who_and_deleted(store: Store):
    first = store.add_note("actor", "Ada Obi", "Spokeswoman since March.")
    second = store.add_note("actor", "Ada Obi", "<b>not bold</b>\nsecond line")
    store.add_note("article", "a1", "elsewhere")
    notes = store.notes_of("actor", "Ada Obi")
    assert [n.note_id for n in notes] == [first, second]
    assert notes[1].text == "<b>not bold</b>\nsecond line" and notes[0].written_by == analyst()
    assert store.delete_note(first) is True and store.delete_note(first) is False
    assert [n.note_id for n in store.notes_of("actor", "Ada Obi")] == [second]


def test_an_empty_note_or_an_unknown_kind_is_refused(store: Store):
    with pytest.raises(ValueError, match="empty"):
        store.add_note("article", "a1", "   ")
    with pytest.raises(ValueError, match="article or actor"):
        store.add_note("place", "Accra", "no")
    assert not store.exists


def test_annotations_of_many_items_at_once(store: Store):
    store.set_tags("article", "a1", ["port"])
    store.add_note("article", "a2", "check the date")
    store.set_tags("actor", "Ada Obi", ["x"])
    tags, notes = store.annotations("article", ["a1", "a2", "a3"])
    assert tags == {"a1": ["port"]}
    assert list(notes) == ["a2"] and notes["a2"][0].text == "check the date"
