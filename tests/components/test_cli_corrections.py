"""The corrections verbs of the command line (``python -m components actors|places|corrections``)
on a store of the five hand-made articles."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import components.actors
from components import query
from components.__main__ import main
from components.filters import Filter
from components.store import Store
from tests.components.query.five_articles import ALL, ID


@pytest.fixture
def db(tmp_path: Path, monkeypatch) -> str:
    monkeypatch.setattr(components.actors, "merge_corpus", lambda counts, *_: {"Okafor": "Jane Okafor"})
    s = Store(tmp_path / "c.duckdb")
    s.write(list(ALL))
    s.rebuild_actors()
    return str(s.path)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def top(db: str) -> dict[str, str]:
    return dict(query.top_actors(Store(db), Filter(), limit=50)[["actor", "actor_type"]].values.tolist())


def test_each_actor_verb_corrects_what_the_views_show(db: str, capsys):
    assert run(capsys, "actors", "merge", "Okafor", "Tom Reyes", "--db", db)[0] == 0
    assert run(capsys, "actors", "split", "Okafor", "--db", db)[0] == 0
    code, out, _ = run(capsys, "actors", "rename", "Tom Reyes", "Thomas Reyes", "--db", db)
    assert code == 0 and out.startswith('corrected: #3 rename "Tom Reyes" to "Thomas Reyes" (')
    assert run(capsys, "actors", "retype", "Harbour Council", "group", "--db", db)[0] == 0
    assert run(capsys, "actors", "hide", "Kenya", "--db", db)[0] == 0
    assert top(db) == {"Thomas Reyes": "person", "Harbour Council": "group", "Jane Okafor": "person",
                       "Okafor": "person"}


def test_places_hide_everywhere_or_in_one_article(db: str, capsys):
    assert run(capsys, "places", "hide", "London", "--article", ID["A4"], "--db", db)[0] == 0
    london = query.places(Store(db), Filter()).set_index("name").loc["London"]
    assert london["n_articles"] == 1
    assert run(capsys, "places", "hide", "london", "--db", db)[0] == 0
    assert "London" not in set(query.places(Store(db), Filter())["name"])


def test_places_pick_lists_the_gazetteers_places_then_takes_one(db: str, capsys):
    code, out, _ = run(capsys, "places", "pick", "Paris", "--db", db)
    listed = out.splitlines()[1:]
    assert code == 0 and listed[0].startswith("  1. Paris — city or town, Île-de-France, France (pop. ")
    texas = next(line for line in listed if ", Texas, United States" in line)
    number, geonameid = texas.split(".")[0].strip(), texas.rsplit("GeoNames ", 1)[1].rstrip("]")
    code, out, _ = run(capsys, "places", "pick", "Paris", number, "--article", ID["A2"], "--db", db)
    assert code == 0 and out.startswith('corrected: #1 take the place "Paris" as Paris (US, 33.66, -95.56) in article')
    assert query.places(Store(db), Filter()).set_index("name").loc["Paris", "country_code"] == "US"
    code, _, err = run(capsys, "places", "pick", "Paris", geonameid, "--db", db)  # (by its GeoNames id)
    assert code == 2 and err == 'error: "Paris" is Paris (US, 33.66, -95.56) already\n'
    code, out, _ = run(capsys, "places", "pick", "London", "--as", "Londres", "--db", db)
    assert code == 0 and 'pick one: places pick "London" NUMBER --as "Londres"' in out


@pytest.mark.parametrize(("argv", "says"), [
    (("places", "pick", "Paris", "999"), "no place 999 among the "),
    (("places", "pick", "Parris"), 'the gazetteer knows no place called "Parris": try another spelling with --as NAME'),
])
def test_places_pick_refuses_what_it_cannot_take_in_one_line(db: str, capsys, argv, says):
    code, out, err = run(capsys, *argv, "--db", db)
    assert code == 2 and says in err and Store(db).corrections() == []


def test_corrections_list_export_import_and_undo(db: str, capsys, tmp_path: Path):
    run(capsys, "actors", "hide", "Kenya", "--db", db)
    run(capsys, "places", "hide", "Paris", "--db", db)
    code, out, _ = run(capsys, "corrections", "list", "--db", db)
    assert code == 0 and [line.split(" (")[0] for line in out.splitlines()] == [
        '#1 hide "Kenya"', '#2 hide the place "Paris" everywhere']
    code, out, _ = run(capsys, "corrections", "undo", "1", "--db", db)
    assert code == 0 and "undone by" in out and "Kenya" in top(db)
    path = tmp_path / "shared.json"
    assert run(capsys, "corrections", "export", str(path), "--db", db)[1] == f"2 corrections written to {path}\n"
    assert len(json.loads(path.read_text())["corrections"]) == 2
    other = tmp_path / "other.duckdb"
    Store(other).write(list(ALL))
    Store(other).rebuild_actors()
    assert run(capsys, "corrections", "import", str(path), "--db", str(other))[1].startswith("2 corrections added")
    assert run(capsys, "corrections", "import", str(path), "--db", str(other))[1].startswith("0 corrections added")
    assert "Paris" not in set(query.places(Store(other), Filter())["name"]) and "Kenya" in top(str(other))


@pytest.mark.parametrize(("argv", "says"), [
    (("actors", "merge", "Jane Okafr", "Tom Reyes"), 'error: no actor "Jane Okafr"; did you mean "Jane Okafor"?\n'),
    (("actors", "hide", "Harbor Council"), 'error: no actor "Harbor Council"; did you mean "Harbour Council"?\n'),
    (("actors", "retype", "Tom Reyes", "planet"), "error: unknown type 'planet': one of person, organization, state, group\n"),
    (("places", "hide", "Pariss"), 'error: no place "Pariss"; did you mean "Paris"?\n'),
    (("corrections", "undo", "7"), "error: no correction 7 in "),
])
def test_a_correction_that_cannot_be_made_is_one_line_without_traceback(db: str, capsys, argv, says):
    code, out, err = run(capsys, *argv, "--db", db)
    assert code == 2 and out == "" and err.startswith(says) and len(err.splitlines()) == 1
    assert Store(db).corrections() == []


def test_corrections_of_a_store_that_does_not_exist_say_how_to_make_one(tmp_path: Path, capsys):
    code, _, err = run(capsys, "corrections", "list", "--db", str(tmp_path / "none.duckdb"))
    assert code == 2 and "no store yet" in err and not (tmp_path / "none.duckdb").exists()


def test_a_file_that_is_not_corrections_is_refused_in_one_line(db: str, capsys, tmp_path: Path):
    (tmp_path / "x.json").write_text("[1, 2]")
    code, _, err = run(capsys, "corrections", "import", str(tmp_path / "x.json"), "--db", db)
    assert code == 2 and "is not a Dateline corrections file" in err and len(err.splitlines()) == 1


def test_the_module_entry_exits_non_zero_with_the_one_line_error(db: str):
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run([sys.executable, "-m", "components", "actors", "rename", "Tom Reyess", "T", "--db", db],
                          capture_output=True, text=True, timeout=120, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.returncode == 2 and done.stderr == 'error: no actor "Tom Reyess"; did you mean "Tom Reyes"?\n'
