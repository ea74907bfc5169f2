"""components.query.per_day: articles and mentions per day, per actor, and the busiest days."""
from __future__ import annotations

import pandas as pd

from components import query
from components.filters import Filter
from components.store import Store


def test_timeline_counts_dated_articles_per_day(store: Store):
    frame = query.timeline(store, Filter())
    assert pd.api.types.is_datetime64_any_dtype(frame["day"])
    rows = [(d.strftime("%m-%d"), a, m) for d, a, m in frame.itertuples(index=False)]
    assert rows == [("03-01", 1, 2), ("03-03", 1, 2), ("03-05", 2, 2)]
    by_actor = query.timeline_by_actor(store, Filter(), top=1)
    assert set(by_actor["actor"]) == {"Harbour Council"}  # ties by name
    assert by_actor["n_mentions"].sum() == 2
    # a selected actor gets its line even when others are mentioned more
    # (A2: Jane Okafor and Tom Reyes once each; by name she would come first)
    selected = query.timeline_by_actor(store, Filter(actors=("Tom Reyes",), places=("Paris",)), top=1)
    assert selected.values.tolist() == [[pd.Timestamp("2024-03-03"), "Tom Reyes", 1]]


def test_busiest_days(store: Store):
    frame = query.busiest_days(store, Filter())
    assert frame["day"].iloc[0] == pd.Timestamp("2024-03-05") and frame["n_articles"].iloc[0] == 2
    assert len(query.busiest_days(store, Filter(), limit=1)) == 1
