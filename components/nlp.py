"""spaCy, loaded once per process, and the pipeline version every stored result is keyed by."""
from __future__ import annotations

import multiprocessing
from functools import lru_cache
from typing import Iterable, Iterator, TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import settings

T = TypeVar("T")

# Bump when a rule in actors / places / quotes changes what they output: every article whose
# stored results carry another version is re-extracted (and only those).
RULES_VERSION = "1"


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load the spaCy pipeline ``name`` (default: the ``model`` setting) once per process.

    Raises a ``RuntimeError`` that says how to install the model when it is missing."""
    name = name or settings.get("model")
    try:
        return spacy.load(name)
    except OSError as err:  # not installed
        raise RuntimeError(
            f"spaCy model {name!r} is not installed. Install the pinned default with "
            "`pip install -r requirements.txt`, or pass --model with an installed pipeline."
        ) from err


def pipeline_version(nlp: Language) -> str:
    """``model-name@model-version+rules-N``: identifies what produced an extraction."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta['name']}@{nlp.meta['version']}+rules-{RULES_VERSION}"


def pipe_with_context(nlp: Language, items: Iterable[tuple[str, T]], *, batch_size: int = 64,
                      workers: int = 1) -> Iterator[tuple[Doc, T]]:
    """Run ``nlp`` over ``(text, context)`` pairs in batches, yielding ``(doc, context)`` in
    input order. ``workers`` > 1 uses spaCy's own multiprocessing (``n_process``), with worker
    processes *spawned*, not forked: a fork of a process that runs threads (the dashboard's
    server, DuckDB, a progress bar) can leave the child holding a lock nobody will release."""
    if workers > 1 and multiprocessing.get_start_method(allow_none=True) != "spawn":
        multiprocessing.set_start_method("spawn", force=True)
    yield from nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=max(1, workers))
