"""components.store.corrections: the actor corrections applied to the automatic merge's names,
in order, and the file a team shares them as."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from components.store.corrections import Correction, apply_to_names, from_file, to_file


def made(action: str, name: str, value: str | None = None, *, undone: bool = False, n: int = 1) -> Correction:
    return Correction(n, f"u{n}", datetime(2026, 1, n), "ana", action, name, value,
                      undone_at=datetime(2026, 2, 1) if undone else None, undone_by="bo" if undone else None)


MACHINE = {"Okafor": "Jane Okafor", "Reyes": "Tom Reyes"}


@pytest.mark.parametrize(("corrections", "actors", "types", "hidden"), [
    ([], MACHINE, {}, set()),
    ([made("merge", "Tom Reyes", "Jane Okafor")],
     {"Okafor": "Jane Okafor", "Reyes": "Jane Okafor", "Tom Reyes": "Jane Okafor"}, {}, set()),
    ([made("merge", "Okafor", "Tom Reyes")], {"Okafor": "Tom Reyes", "Reyes": "Tom Reyes"}, {}, set()),
    ([made("split", "Okafor")], {"Reyes": "Tom Reyes"}, {}, set()),
    ([made("rename", "Tom Reyes", "T. Reyes"), made("retype", "T. Reyes", "group", n=2)],
     {"Okafor": "Jane Okafor", "Reyes": "T. Reyes", "Tom Reyes": "T. Reyes"}, {"T. Reyes": "group"}, set()),
    ([made("retype", "Tom Reyes", "group"), made("hide", "Tom Reyes", n=2), made("rename", "Tom Reyes", "T", n=3)],
     {"Okafor": "Jane Okafor", "Reyes": "T", "Tom Reyes": "T"}, {"T": "group"}, {"T"}),
    ([made("hide", "Tom Reyes"), made("merge", "Tom Reyes", "Jane Okafor", n=2)],
     {"Okafor": "Jane Okafor", "Reyes": "Jane Okafor", "Tom Reyes": "Jane Okafor"}, {}, set()),
    ([made("merge", "Tom Reyes", "Jane Okafor", undone=True), made("place_hide", "London", n=2)], MACHINE, {}, set()),
])
def test_actor_corrections_apply_in_order_to_what_the_earlier_ones_left(corrections, actors, types, hidden):
    out = apply_to_names(dict(MACHINE), corrections)
    assert (out.actors, out.types, out.hidden) == (actors, types, hidden)


def test_a_file_gives_back_the_corrections_written(tmp_path: Path):
    written = [made("merge", "Tom Reyes", "Jane Okafor"), made("hide", "Kenya", undone=True, n=2)]
    assert to_file(written, tmp_path / "c.json") == 2
    read = from_file(tmp_path / "c.json")
    assert [c.uid for c in read] == ["u1", "u2"] and read[1].undone_by == "bo"
    assert [(c.action, c.name, c.value, c.made_at, c.undone_at) for c in read] == \
        [(c.action, c.name, c.value, c.made_at, c.undone_at) for c in written]


@pytest.mark.parametrize(("content", "says"), [
    ("not json", "cannot read corrections"),
    ('{"rows": []}', "is not a Dateline corrections file"),
    ('{"format": "dateline-corrections/1", "corrections": [{"action": "explode"}]}', "correction 1 is malformed"),
])
def test_a_file_that_is_not_a_corrections_file_is_refused_saying_so(tmp_path: Path, content, says):
    (tmp_path / "c.json").write_text(content)
    with pytest.raises(ValueError, match=says):
        from_file(tmp_path / "c.json")


def test_each_correction_says_what_it_does():
    assert made("merge", "Okafor", "Jane Okafor").describe() == 'merge "Okafor" into "Jane Okafor"'
    place = Correction(1, "u", datetime(2026, 1, 1), "ana", "place_hide", "Arctic", article_id="a1")
    assert place.describe() == 'hide the place "Arctic" in article a1'
