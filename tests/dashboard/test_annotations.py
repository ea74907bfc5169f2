"""Tags and notes in the reader and the actor profile, under AppTest on a small hand-made store:
tags picked or typed are stored, notes are written, shown as text and deleted, and a tag becomes
a sidebar filter."""
from __future__ import annotations

from components.filters import Filter
from components.store import Store, analyst
from dashboard import annotations, state
from tests.dashboard.test_app import filter_of, run_app

ARTICLES = "views/articles.py"


def opened(at, key: str) -> None:
    """Open the tags and notes box of ``key`` (see annotations.widget_key) as the analyst does:
    its widgets are made only then (a page with the box closed has none of them)."""
    assert key + "_tags" not in [w.key for w in at.multiselect]
    at.session_state[key + "_box"] = True
    at.run()


def test_the_reader_tags_an_article_and_keeps_notes_as_text(monkeypatch, small_store):  # noqa: F811
    store = Store(small_store)
    store.set_tags("actor", "Someone", ["known"])  # a tag in use elsewhere is offered
    at = run_app(monkeypatch, small_store, page=ARTICLES).run()  # (AppTest tells the two "Talks" apart by label)
    article = at.session_state[state.ARTICLE]
    key = annotations.widget_key("article", article)
    opened(at, key)
    tags = at.multiselect(key=key + "_tags")
    assert "known" in tags.options
    tags.select("known").select("needs checking").run()
    assert not at.exception
    assert store.tags_of("article", article) == ["known", "needs checking"]

    at.text_area(key=key + "_note").input("**not bold** <b>x</b>\nsecond line").run()
    at.button(key=key + "_add").click().run()
    [note] = store.notes_of("article", article)
    assert (note.text, note.written_by) == ("**not bold** <b>x</b>\nsecond line", analyst())
    shown = [m.value for m in at.markdown]
    assert annotations.note_markdown(note.text) in shown and "**not bold** <b>x</b>" not in "".join(shown)
    assert at.text_area(key=key + "_note").value == ""
    at.button(key=f"{key}_del_{note.note_id}").click().run()
    assert not at.exception and store.notes_of("article", article) == []


def test_the_actor_profile_tags_an_actor_and_the_tag_filters(monkeypatch, small_store):  # noqa: F811
    at = run_app(monkeypatch, small_store, page="views/actors.py")
    actor = at.session_state[state.PROFILE_ACTOR]
    key = annotations.widget_key("actor", actor)
    opened(at, key)
    at.multiselect(key=key + "_tags").select("watch").run()
    assert not at.exception and Store(small_store).tags_of("actor", actor) == ["watch"]
    at.text_area(key=key + "_note").input("Met in March.").run()
    at.button(key=key + "_add").click().run()
    assert [n.text for n in Store(small_store).notes_of("actor", actor)] == ["Met in March."]

    at.multiselect(key=state.SB_TAGS).select("watch").run()
    assert filter_of(at) == Filter(tags=("watch",))
    assert at.query_params["tags"] in ("watch", ["watch"])


def test_no_tags_filter_until_something_is_tagged(monkeypatch, small_store):  # noqa: F811
    at = run_app(monkeypatch, small_store)
    assert state.SB_TAGS not in {m.key for m in at.sidebar.multiselect}
    at = run_app(monkeypatch, small_store, params={"tags": "from a link"})
    assert filter_of(at) == Filter(tags=("from a link",))
    assert at.multiselect(key=state.SB_TAGS).value == ["from a link"]
