"""The pipeline versions this installation analyses articles with, read without loading a model:
which stored articles an older model or older rules analysed (``info``, the app's Data page:
:func:`components.query.extraction_versions`).

Nothing the rule steps import imports this module, so it is not part of the rules' hash
(:func:`~components.nlp.version.rules_hash`). Importing it imports spaCy (about a second): the
app asks ``python -m components versions`` in a process of its own (:mod:`dashboard.versions`),
so that its server does not import spaCy before an ingest.
"""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from .. import settings
from .version import pipeline_version


def _meta(model: str) -> dict:
    """The ``meta.json`` of the spaCy pipeline ``model`` (an installed package's name or a
    folder), read without loading it; ``{}`` when it is not installed."""
    import spacy.util

    try:
        folder = Path(model) if Path(model).is_dir() else spacy.util.get_package_path(model)
        return spacy.util.get_model_meta(folder)
    except (ImportError, OSError, ValueError):
        return {}


def installed_versions() -> dict[str, str]:
    """``{language code: pipeline version}`` of the configured pipelines that are installed (the
    ``model`` setting's and the ``models`` setting's, as :func:`~components.nlp.load_pipelines`
    loads them): the versions (``lang_name@version+rules-HASH``) an ``ingest`` or ``reextract``
    would store now. Articles of a language without a pipeline of its own are extracted under
    the ``model`` setting's language's version."""
    out: dict[str, str] = {}
    for model in (settings.get("model"), *settings.language_models().values()):
        meta = _meta(model)
        if meta.get("lang") and meta.get("name") and meta.get("version"):
            # (pipeline_version reads only a pipeline's meta: given the package's, the same text)
            out.setdefault(meta["lang"], pipeline_version(SimpleNamespace(meta=meta)))
    return out
