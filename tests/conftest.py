"""Shared fixtures: the real model (loaded once per test session, for tests marked ``model``),
the seed article bundled in data/seed, and small corpora written to tmp folders.

Every test that uses the ``nlp`` fixture, directly or through another fixture (the end-to-end
tests' store, the undated store), is marked ``model`` at collection, so ``pytest -m "not model"``
never loads the model. The tests run in as many processes as the machine has CPUs
(pytest-xdist, ``-n auto`` in pyproject.toml; each test file in one process), ``-n 0``
runs them in this one."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "seed" / "000_aa122ee4a3b8a327.txt"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark ``model`` every collected test whose fixture closure includes ``nlp``."""
    for item in items:
        if "nlp" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.model)


@pytest.fixture(scope="session", autouse=True)
def _default_store_outside_the_repo(tmp_path_factory):
    """Point the ``db`` setting at a temporary file for the whole session, so that no test (nor
    an app script run that outlives its test) can create or fill the repository's
    data/dateline.duckdb."""
    os.environ["DATELINE_DB"] = str(tmp_path_factory.mktemp("default-store") / "dateline.duckdb")


@pytest.fixture(autouse=True)
def _main_module_put_back():
    """Put the process's ``__main__`` module back after each test: Streamlit runs an app script
    (an ``AppTest`` run) as ``__main__`` and leaves it in ``sys.modules``, and a later test of the
    same process that spawns worker processes would have each of them run that script."""
    main = sys.modules.get("__main__")
    yield
    if main is not None:
        sys.modules["__main__"] = main


@pytest.fixture(scope="session")
def nlp():
    """The configured spaCy model, loaded once for the whole test session."""
    from components.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def pipelines(nlp):
    """The configured pipelines, one per language (English: the ``nlp`` fixture's; French)."""
    from components.nlp import load_pipelines

    return load_pipelines()


@pytest.fixture
def seed_path() -> Path:
    """The sample wire story (header line ``date 2024-12-02 MOSCOW/Tehran:`` then the body)."""
    return SEED


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """A folder with three short articles (one in a sub-folder) and one unreadable file."""
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(
        "date 2024-03-01 LONDON: The minister said on Friday that talks would resume.\n\n"
        "\u201cWe are ready,\u201d said Jane Okafor, the trade minister.\n", encoding="utf-8")
    (folder / "b.txt").write_text(
        "Officials in Paris and Berlin met on Tuesday. Tom Reyes of the Harbour Council attended.\n",
        encoding="utf-8")
    (folder / "sub" / "c.txt").write_text(
        "date 2024-03-05 NAIROBI: Kenya's central bank held rates steady.\n", encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02PNG\x00\x00binary")
    return folder


#: Articles of a JSONL without a date field (as the records of a feed export or an evaluation set).
UNDATED_RECORDS = (
    {"id": "u1", "title": "Port strike ends", "source": "Harbour Weekly",
     "text": "Dock workers in Rotterdam returned to work on Monday. \u201cThe deal is fair,\u201d said "
             "Mara Voss, head of the dockers' union."},
    {"id": "u2", "title": "Grain board meets", "source": "Harbour Weekly",
     "text": "The Grain Board met in Lagos. \u201cPrices will hold,\u201d said Tunde Bello, the board's chairman."},
)


@pytest.fixture(scope="session")
def undated_corpus_store(tmp_path_factory, nlp) -> Path:
    """A store of :data:`UNDATED_RECORDS`, ingested from a JSONL file with the model (quotes and
    actors extracted, no article dated)."""
    import json

    from components import corpus
    from components.store import Store

    folder = tmp_path_factory.mktemp("undated")
    source = folder / "undated.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in UNDATED_RECORDS), encoding="utf-8")
    path = folder / "undated.duckdb"
    report = corpus.ingest([str(source)], store=Store(path), nlp=nlp)
    assert report.added == len(UNDATED_RECORDS), report.summary()
    return path
