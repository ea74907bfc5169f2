"""components.query.per_day: articles and mentions per day, per actor, and the busiest days."""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

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


def test_a_long_span_of_dates_is_counted_by_week_or_month(store: Store):
    weeks = query.timeline(store, Filter(), period="week")
    assert [(d.strftime("%m-%d"), a, m) for d, a, m in weeks.itertuples(index=False)] == [
        ("02-26", 2, 4), ("03-04", 2, 2)]  # Mondays: 1 and 3 March fall in one week
    months = query.timeline(store, Filter(), period="month")
    assert months.values.tolist() == [[pd.Timestamp("2024-03-01"), 4, 6]]
    ranked = tuple(query.top_actors(store, Filter())["actor"])
    assert query.timeline_by_actor(store, Filter(), actors=ranked[:3]).equals(
        query.timeline_by_actor(store, Filter(), top=3))  # actors ranked by the caller: the same lines
    by_actor = query.timeline_by_actor(store, Filter(), top=1, period="month")
    assert by_actor.values.tolist() == [[pd.Timestamp("2024-03-01"), "Harbour Council", 2]]


@pytest.mark.parametrize("top", [1, 2, 3, 10])
def test_with_no_filter_the_lines_are_those_the_mentions_rank(store: Store, top: int):
    # no filter: the actors table ranks; a Filter of every source ranks by counting the mentions
    every_source = Filter(sources=tuple(query.choices(store)["sources"]))
    assert query.timeline_by_actor(store, Filter(), top=top).equals(
        query.timeline_by_actor(store, every_source, top=top))


@pytest.mark.parametrize("days, period", [(0, "day"), (399, "day"), (400, "week"), (7 * 400, "month")])
def test_the_period_follows_the_span_of_the_dates(days, period):
    first = date(2020, 1, 1)
    assert query.period_for(first, first + timedelta(days=days)) == period
    assert query.period_for(None, None) == "day"


def test_counts_per_day_add_up_per_week_from_monday_and_per_month():
    from components.query.periods import by_period

    days = pd.DataFrame({"day": pd.to_datetime(["2024-03-03", "2024-03-04", "2024-03-10", "2024-03-11", "2024-04-01"]),
                         "n_articles": [1, 2, 3, 4, 5], "n_mentions": [10, 20, 30, 40, 50]})
    weeks = by_period(days, "week")
    assert weeks["day"].dt.strftime("%Y-%m-%d").tolist() == ["2024-02-26", "2024-03-04", "2024-03-11", "2024-04-01"]
    assert weeks["n_articles"].tolist() == [1, 5, 4, 5] and list(weeks.columns) == list(days.columns)
    months = by_period(days, "month")
    assert months["day"].dt.strftime("%Y-%m-%d").tolist() == ["2024-03-01", "2024-04-01"]
    assert months["n_mentions"].tolist() == [100, 50]
    assert by_period(days, "day").equals(days)
