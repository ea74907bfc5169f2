"""Every module of the lexicon says where its words come from: a package, a standard or a
published list, or "Written for Dateline"."""
from __future__ import annotations

import importlib
import pkgutil

import pytest

import components.lexicon

MODULES = sorted(m.name for m in pkgutil.iter_modules(components.lexicon.__path__))
SOURCE_MARKS = ("Written for Dateline", "Source")


@pytest.mark.parametrize("name", MODULES)
def test_module_names_its_source_and_is_listed_in_the_package(name):
    doc = importlib.import_module(f"components.lexicon.{name}").__doc__ or ""
    assert any(mark in doc for mark in SOURCE_MARKS), name
    assert f":mod:`.{name}`" in components.lexicon.__doc__, name
