"""Small frames shaped as the queries return them, for the chart tests."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def top_actors() -> pd.DataFrame:
    return pd.DataFrame({
        "actor": ["Lena Marsh", "Harbour Council", "Norway", "Fishers", "Mystery"],
        "actor_type": ["person", "organization", "state", "group", None],
        "n_mentions": [12, 9, 5, 3, 1],
        "n_articles": [6, 4, 3, 2, 1],
        "n_quotes": [4, 0, 0, 1, 0],
    })


@pytest.fixture
def edges() -> pd.DataFrame:
    return pd.DataFrame({"source": ["Harbour Council", "Harbour Council", "Lena Marsh"],
                         "target": ["Lena Marsh", "Norway", "Tom Reyes"],
                         "n_articles": [5, 2, 1]})


@pytest.fixture
def places() -> pd.DataFrame:
    return pd.DataFrame({
        "name": ["Oslo", "Lima", "Nowhere"],
        "country_code": ["NO", "PE", None],
        "feature": ["city", "city", "other"],
        "lat": [59.91, -12.04, np.nan],
        "lon": [10.75, -77.03, np.nan],
        "n_mentions": [10, 4, 2],
        "n_articles": [5, 2, 1],
    })


@pytest.fixture
def days() -> pd.DataFrame:
    return pd.DataFrame({"day": pd.to_datetime(["2024-09-03", "2024-09-05", "2024-09-06"]),
                         "n_articles": [2, 1, 3], "n_mentions": [9, 4, 12]})
