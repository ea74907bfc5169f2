"""A quotes frame shaped as components.query.quotes returns it, with a formula and markup in its texts."""
from __future__ import annotations

import pandas as pd
import pytest

from .hostile_texts import FORMULA, SCRIPT_QUOTE


@pytest.fixture
def quotes() -> pd.DataFrame:
    return pd.DataFrame({
        "date": pd.to_datetime(["2024-12-02", "2024-11-30"]),
        "speaker": ["Lena Marsh", "Tom <b>Reyes</b>"],
        "quote": [FORMULA, SCRIPT_QUOTE],
        "kind": ["full", "partial"],
        "cue": ["said", "told"],
        "title": ["Port talks", "Fish & ships"],
        "source": ["Wire", "Wire"],
        "article_id": ["a1", "a2"],
    })
