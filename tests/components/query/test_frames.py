"""components.query.frames: every frame keeps its columns and types on a store that does not exist, a
missing date is shown as "undated" and exported empty."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from components import query
from components.filters import Filter
from components.store import Store

from .five_articles import ID


def test_a_missing_store_gives_empty_frames(tmp_path: Path):
    s = Store(tmp_path / "none" / "missing.duckdb")
    f = Filter(actors=("X",), date_from=date(2024, 1, 1), text="y")
    assert query.overview(s, f) == dict.fromkeys(
        ("articles", "actors", "places", "quotes", "sources", "days", "undated"), 0)
    assert query.date_span(s) == {"first": None, "last": None, "dated": 0, "outside": 0, "undated": 0, "future": 0}
    assert query.choices(s) == {"actors": [], "places": [], "countries": [], "sources": [],
                                 "languages": [], "tags": []}
    frames = {
        "top_actors": (query.top_actors(s, f), ["actor", "actor_type", "n_mentions", "n_articles", "n_quotes"]),
        "cooccurrence": (query.cooccurrence(s, f), ["source", "target", "n_articles"]),
        "places": (query.places(s, f), ["name", "country_code", "country", "feature", "lat", "lon", "n_mentions",
                                        "n_articles"]),
        "countries": (query.countries(s, f), ["country_code", "country", "n_mentions", "n_articles"]),
        "timeline": (query.timeline(s, f), ["day", "n_articles", "n_mentions"]),
        "timeline_by_actor": (query.timeline_by_actor(s, f), ["day", "actor", "n_mentions"]),
        "busiest_days": (query.busiest_days(s, f), ["day", "n_articles"]),
        "quotes": (query.quotes(s, f), list(query.QUOTE_COLUMNS)),
        "articles": (query.articles(s, f), list(query.ARTICLE_COLUMNS)),
    }
    for name, (frame, columns) in frames.items():
        assert frame.empty and list(frame.columns) == columns, name
    assert query.actor_profile(s, "X", f)["n_mentions"] == 0
    assert query.article(s, "x") is None
    runs, problems = query.ingest_history(s)
    assert runs.empty and problems.empty
    assert not s.path.parent.exists()


@pytest.mark.parametrize("value, text", [
    (None, "undated"), (pd.NaT, "undated"), (float("nan"), "undated"), (date(1, 1, 1), "0001-01-01"),
    (pd.Timestamp("9999-12-31"), "9999-12-31"), (pd.Timestamp("2024-12-02"), "2024-12-02"),
])
def test_day_text(value, text):
    assert query.day_text(value) == text


def test_undated_articles_export_with_empty_dates(store: Store):
    import json
    import re
    import zipfile
    from io import BytesIO

    from components import export

    frame = query.articles(store, Filter())
    undated = frame.index[frame["article_id"] == ID["A4"]][0]
    rows = pd.read_csv(BytesIO(export.frame_csv(frame)), dtype=str, keep_default_na=False)
    assert rows["date"].iloc[undated] == "" and rows["date"].iloc[0] == "2024-03-05"
    assert json.loads(export.frame_json(frame))[undated]["date"] is None
    with zipfile.ZipFile(BytesIO(export.frame_xlsx(frame))) as z:
        sheet = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/") and n.endswith(".xml"))
    assert not re.search(r">(NaT|None|nan)<", sheet)
    page = export.briefing_html([], {}, query.top_actors(store, Filter()), query.places(store, Filter()),
                                query.quotes(store, Filter()), counts=query.overview(store, Filter())).decode()
    body = page.split("</head>", 1)[1]
    assert "1 undated" in body
    assert not re.search(r"\b(NaT|nan|None)\b", body)
