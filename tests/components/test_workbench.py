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
    assert a.describe() == "Actor: Ada Obi; Text: grain"
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
