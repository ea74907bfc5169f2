"""The ``models`` setting: which spaCy pipeline analyses each language besides ``model``'s."""
from __future__ import annotations

import pytest

from components import settings


@pytest.mark.parametrize("value,expected", [
    ("fr=fr_core_news_sm", {"fr": "fr_core_news_sm"}),
    (" fr = fr_core_news_md , de=de_core_news_md,", {"fr": "fr_core_news_md", "de": "de_core_news_md"}),
    ("", {}),
])
def test_models_are_read_as_language_package_pairs(value, expected):
    assert settings.language_models(value) == expected


@pytest.mark.parametrize("value", ["french", "fr=", "FR=fr_core_news_sm", "fra=fr_core_news_sm"])
def test_a_malformed_models_entry_is_refused_with_the_variable_named(value):
    with pytest.raises(settings.SettingError, match="DATELINE_MODELS"):
        settings.language_models(value)


def test_the_default_analyses_french_with_the_official_small_model(monkeypatch):
    monkeypatch.delenv("DATELINE_MODELS", raising=False)
    assert settings.language_models() == {"fr": "fr_core_news_sm"}
