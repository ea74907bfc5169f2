"""Saved views as Filters: a view reopens exactly the Filter a copied link would, whatever it
holds, and the ``views`` verbs list and delete them."""
from __future__ import annotations

from datetime import date

import pytest

from components import workbench
from components.__main__ import main
from components.filters import Filter
from components.store import Store, ViewExists


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(tmp_path / "s.duckdb")


FILTERS = [
    Filter(),
    Filter(actors=("Ada Obi", "Grain Board"), countries=("GH",)),
    Filter(actor_types=("person",), date_from=date(2024, 12, 1), date_to=date(2024, 12, 9)),
    Filter(places=("Accra",), sources=("wire",), languages=("fr",), text='grain "port fees"'),
]


@pytest.mark.parametrize("f", FILTERS)
def test_a_saved_view_reopens_the_filter_its_link_would(store: Store, f: Filter):
    workbench.save_view(store, "v", f, "map")
    [view] = workbench.saved_views(store)
    assert view.filter == f == Filter.from_query_params(f.to_query_params())
    assert view.page == "map"


def test_describe_says_what_the_view_filters(store: Store):
    workbench.save_view(store, "a", Filter(actors=("Ada Obi",), text="grain"))
    workbench.save_view(store, "b", Filter())
    a, b = workbench.saved_views(store)
    assert a.describe() == "Actor: Ada Obi; Search: grain"
    assert b.describe() == "no filter (the whole store)"


def test_find_view_and_replace(store: Store):
    workbench.save_view(store, "Grain talks", Filter(actors=("A",)))
    with pytest.raises(ViewExists):
        workbench.save_view(store, "Grain talks", Filter(actors=("B",)))
    workbench.save_view(store, "Grain  talks", Filter(actors=("B",)), replace=True)
    assert workbench.find_view(store, " Grain talks").filter == Filter(actors=("B",))
    assert workbench.find_view(store, "nothing") is None


def test_views_list_and_delete_on_the_command_line(store: Store, capsys):
    workbench.save_view(store, "Grain talks", Filter(actors=("Ada Obi",)), "actors")
    assert main(["views", "list", "--db", str(store.path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Grain talks\tactors\t") and "Actor: Ada Obi" in out
    assert main(["views", "delete", "nope", "--db", str(store.path)]) == 1
    assert "no saved view named 'nope'" in capsys.readouterr().err
    assert main(["views", "delete", "Grain talks", "--db", str(store.path)]) == 0
    assert workbench.saved_views(store) == []
    assert main(["views", "list", "--db", str(store.path)]) == 0
    assert "no saved views" in capsys.readouterr().err


def test_work_export_and_import_on_the_command_line(store: Store, tmp_path, capsys):
    workbench.save_view(store, "Grain talks", Filter(actors=("Ada Obi",)), "actors")
    store.set_tags("article", "a1", ["port"])
    store.add_note("actor", "Ada Obi", "note")
    out = tmp_path / "work.json"
    assert main(["work", "export", str(out), "--db", str(store.path)]) == 0
    assert "1 saved views, 1 tags and 1 notes written" in capsys.readouterr().err
    assert main(["work", "export", str(out), "--db", str(store.path)]) == 2  # no overwrite without --force
    assert "pass --force" in capsys.readouterr().err
    other = tmp_path / "other.duckdb"
    assert main(["work", "import", str(out), "--db", str(other)]) == 0
    assert "added 1 saved view, 1 tag, 1 note" in capsys.readouterr().err
    assert main(["work", "import", str(out), "--db", str(other)]) == 0
    assert "nothing new; 3 already here" in capsys.readouterr().err
    assert Store(other).export_work()["notes"] == store.export_work()["notes"]
    bad = tmp_path / "bad.json"
    bad.write_text("not json", encoding="utf-8")
    assert main(["work", "import", str(bad), "--db", str(other)]) == 2
    assert "it is not JSON" in capsys.readouterr().err
    assert main(["work", "import", str(tmp_path / "missing.json"), "--db", str(other)]) == 2


def test_import_summary_says_what_happened():
    counts = {"saved_views": {"added": 0, "present": 1, "conflicts": 2}, "tags": {"added": 5, "present": 0,
              "conflicts": 0}, "notes": {"added": 1, "present": 2, "conflicts": 0}}
    assert workbench.import_summary(counts) == (
        "added 5 tags, 1 note; 3 already here; 2 saved views not imported: a different view has their names "
        "here (yours are kept)")
