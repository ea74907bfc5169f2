"""Saved views in the sidebar, under Streamlit's AppTest on a small hand-made store: save the
current view, reopen it (Filter, URL and page come back), confirm before replacing, delete."""
from __future__ import annotations

from components.filters import Filter
from components.store import Store
from dashboard import markdown, state
from dashboard import workbench as wb
from tests.dashboard.test_app import filter_of, run_app

ACTOR = "Dmitry Peskov"


def save(at, name: str):
    at.text_input(key=wb.VIEW_NAME).input(name).run()
    return at.button(key="wb_view_save").click().run()


def test_a_saved_view_reopens_its_filter_url_and_page(monkeypatch, small_store):
    at = run_app(monkeypatch, small_store, page="views/actors.py", params={"actors": ACTOR})
    assert filter_of(at) == Filter(actors=(ACTOR,))
    save(at, "Peskov only")
    assert not at.exception
    [view] = Store(small_store).saved_views()
    assert (view.name, view.params, view.page) == ("Peskov only", {"actors": [ACTOR]}, "actors")
    assert at.text_input(key=wb.VIEW_NAME).value == ""  # ready for the next name

    at.switch_page("views/overview.py").run()
    at.button(key=f"{state.SIDEBAR_PREFIX}clear").click().run()
    assert filter_of(at) == Filter() and "actors" not in at.query_params
    at.button(key=wb.OPEN_PREFIX + "Peskov only").click().run()
    assert not at.exception
    assert filter_of(at) == Filter(actors=(ACTOR,))
    assert at.query_params["actors"] in (ACTOR, [ACTOR])
    assert at.title[0].value == "Actors"
    assert at.multiselect(key=state.SB_ACTORS).value == [ACTOR]  # the sidebar's widgets follow


def test_a_taken_name_asks_before_replacing(monkeypatch, small_store):
    at = run_app(monkeypatch, small_store, params={"actors": ACTOR})
    save(at, "mine")
    at.button(key=f"{state.SIDEBAR_PREFIX}clear").click().run()
    save(at, "mine")
    assert any("exists" in w.value for w in at.sidebar.warning)
    assert Store(small_store).saved_views()[0].params == {"actors": [ACTOR]}  # not yet replaced
    at.button(key="wb_view_cancel").click().run()
    assert not at.sidebar.warning and Store(small_store).saved_views()[0].params == {"actors": [ACTOR]}
    save(at, "mine")
    at.button(key="wb_view_replace").click().run()
    assert not at.exception and not at.sidebar.warning
    assert Store(small_store).saved_views()[0].params == {}


def test_an_empty_name_saves_nothing(monkeypatch, small_store):
    at = run_app(monkeypatch, small_store)
    save(at, "   ")
    assert not at.exception and Store(small_store).saved_views() == []


def test_a_view_is_deleted_from_the_sidebar(monkeypatch, small_store):
    Store(small_store).save_view("old", {}, "")
    Store(small_store).save_view("keep", {"actors": [ACTOR]}, "map")
    at = run_app(monkeypatch, small_store)
    assert {b.key for b in at.sidebar.button} >= {wb.OPEN_PREFIX + "old", wb.OPEN_PREFIX + "keep"}
    at.selectbox(key="wb_view_doomed").select("old").run()
    at.button(key="wb_view_delete").click().run()
    assert not at.exception
    assert [v.name for v in Store(small_store).saved_views()] == ["keep"]
    assert wb.OPEN_PREFIX + "old" not in {b.key for b in at.sidebar.button}


def test_a_view_name_is_shown_as_text_not_markdown(monkeypatch, small_store):
    Store(small_store).save_view("**bold** [link](http://x)", {}, "")
    at = run_app(monkeypatch, small_store)
    button = at.button(key=wb.OPEN_PREFIX + "**bold** [link](http://x)")
    assert button.label == markdown.escape("**bold** [link](http://x)")


def test_the_data_page_offers_the_work_file(monkeypatch, small_store, tmp_path):
    Store(small_store).set_tags("actor", ACTOR, ["watch"])
    at = run_app(monkeypatch, small_store, page="views/data.py")
    assert not at.exception
    assert any("Your saved views, tags and notes" in h.value for h in at.subheader)
    other = tmp_path / "other.duckdb"

    class Upload:  # what st.file_uploader gives
        name = "work.json"

        def getvalue(self):
            return wb.workbench.export_work(Store(small_store))

    monkeypatch.setenv("DATELINE_DB", str(other))
    at = run_app(monkeypatch, other, page="views/data.py")
    monkeypatch.setattr(wb.cached, "current_store", lambda: Store(other))
    monkeypatch.setattr(wb.st, "success", lambda text, **kw: shown.append(text))
    shown: list[str] = []
    wb._import_upload(Upload())
    assert shown == ["work.json: added 1 tag."] and Store(other).tags_of("actor", ACTOR) == ["watch"]


def test_the_network_tab_offers_gexf_and_graphml(monkeypatch, small_store):
    from xml.etree import ElementTree

    from components import charts, export, query

    at = run_app(monkeypatch, small_store, page="views/actors.py")
    at.session_state["actors_tab"] = "Co-occurrence network"
    at.run()
    assert not at.exception
    buttons = {b.proto.id for b in at.get("download_button")}
    assert any("actors_network_dl_gexf" in b for b in buttons) and any("actors_network_dl_graphml" in b for b in buttons)
    store = Store(small_store)  # what the buttons write: the figure's network
    ranked = query.top_actors(store, Filter(), limit=40)
    graph = charts.network_graph(query.cooccurrence(store, Filter(), actors=tuple(ranked["actor"])), ranked)
    root = ElementTree.fromstring(export.graph_gexf(graph))
    assert {n.get("label") for n in root.iter("{http://gexf.net/1.3}node")} == set(ranked["actor"])
