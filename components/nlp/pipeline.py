"""The spaCy pipelines Dateline runs: a model, loaded once per process, followed by the rule steps
as registered components (``dateline_labels_v1``, ``dateline_actors_v1``, ``dateline_places_v1``,
``dateline_quotes_v1``: see :mod:`components.nlp.labels`, :mod:`components.actors.component`,
:mod:`components.places.component`, :mod:`components.quotes.component`), so that ``nlp.pipe``
runs the whole extraction, in every worker process too.

One pipeline per language (:class:`Pipelines`, :func:`load_pipelines`): the ``model`` setting's
pipeline analyses its own language (English) and the articles whose language is undetermined;
the ``models`` setting names the pipelines of other languages (``fr=fr_core_news_sm``). A
language whose pipeline is not installed is not analysed, with a note that says so."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .. import settings
# Importing the component modules registers the rule steps with spaCy, in this process and in
# spaCy's worker processes (which import them to unpickle the pipes they are sent).
from . import labels as labels_component
from .language import UNDETERMINED
from .model_pipes import speed_up
from .version import pipeline_version
from ..actors import component as actors_component
from ..places import component as places_component
from ..quotes import component as quotes_component

# The rule steps, in the order they run: labels map the model's entity labels to Dateline's
# (a French model's PER, LOC → PERSON, GPE) before anything reads them; quotes read the entities
# the actors step found.
RULE_PIPES = (labels_component.NAME, actors_component.NAME, places_component.NAME, quotes_component.NAME)


@lru_cache(maxsize=16)  # every configured language once, and a few --model choices
def load_model(name: str | None = None) -> Language:
    """Load the spaCy pipeline ``name`` (default: the ``model`` setting) once per process, its
    attribute ruler and lemmatizer replaced by faster steps of the same result
    (:func:`~components.nlp.model_pipes.speed_up`), with the rule steps added after its own pipes
    (:func:`add_rule_pipes`).

    Raises :class:`~components.settings.ModelNotInstalled`, which says how to install the model, when it is missing."""
    name = name or settings.get("model")
    try:
        nlp = spacy.load(name)
    except OSError as err:  # not installed
        raise settings.ModelNotInstalled(
            f"spaCy model {name!r} is not installed. Install the pinned default with "
            "`pip install -r requirements.txt`, or pass --model with an installed pipeline."
        ) from err
    return add_rule_pipes(speed_up(nlp))


def add_rule_pipes(nlp: Language) -> Language:
    """Add to ``nlp`` (a loaded spaCy pipeline, changed in place) each rule step of
    :data:`RULE_PIPES` it does not hold yet, after its own pipes, in order. Returns ``nlp``."""
    for name in RULE_PIPES:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


def rule_pipes(nlp: Language) -> list[str]:
    """The names of the rule steps in ``nlp``, in pipeline order (to disable them, for one)."""
    return [name for name in nlp.pipe_names if name in RULE_PIPES]


def run_rule_pipes(nlp: Language, doc: Doc) -> Doc:
    """Run the rule steps of ``nlp`` (in pipeline order) over ``doc``, a Doc its other pipes have
    already parsed (such as one joined from pieces); returns the Doc."""
    for name, pipe in nlp.pipeline:
        if name in RULE_PIPES:
            doc = pipe(doc)
    return doc


def analysing_language(language: str | None, default: str, others: Mapping | set) -> str | None:
    """The language of the pipeline that analyses an article in ``language`` (an ISO 639-1 code,
    ``"und"`` or None): ``default`` (the default pipeline's) for None, undetermined and its own
    language; ``language`` when ``others`` (the other pipelines' languages) has it; else None."""
    if language in (None, UNDETERMINED, default):
        return default
    return language if language in others else None


@dataclass(frozen=True)
class Pipelines:
    """The spaCy pipelines that analyse articles, one per language, each with the rule steps.

    default: the ``model`` setting's pipeline; it analyses its own language (``meta["lang"]``)
        and every article whose language is undetermined.
    others: language code → the pipeline of that language (from the ``models`` setting).
    missing: language code → the spaCy package configured for it that is not installed: those
        articles are stored, not analysed (:meth:`notes` says so)."""

    default: Language
    others: Mapping[str, Language] = field(default_factory=dict)
    missing: Mapping[str, str] = field(default_factory=dict)

    @property
    def default_language(self) -> str:
        """The language code of the default pipeline (``"en"``)."""
        return self.default.meta.get("lang", "xx")

    def for_language(self, language: str | None) -> Language | None:
        """The pipeline that analyses an article in ``language`` (an ISO 639-1 code, ``"und"`` or
        None: the default's), or None when no pipeline of that language is loaded."""
        key = analysing_language(language, self.default_language, self.others)
        return None if key is None else self.by_language[key]

    def version_for(self, language: str | None) -> str:
        """The pipeline version an article in ``language`` is extracted under: its pipeline's
        (:func:`~components.nlp.version.pipeline_version`), or the default pipeline's for a
        language none analyses, so that loading a pipeline for it later makes those articles
        stale."""
        return pipeline_version(self.for_language(language) or self.default)

    @property
    def by_language(self) -> dict[str, Language]:
        """Language code → its pipeline: the default's language and those of :attr:`others`."""
        return {self.default_language: self.default, **self.others}

    @property
    def versions(self) -> dict[str, str]:
        """Language code → pipeline version for the languages of :attr:`others` (every other
        language's articles are extracted under the default's version)."""
        return {lang: pipeline_version(nlp) for lang, nlp in self.others.items()}

    def notes(self) -> list[str]:
        """One line per configured language whose pipeline is not installed."""
        return [f"articles in {lang!r} are stored, not analysed: spaCy pipeline {package!r} is not "
                f"installed (pip install {package.replace('_', '-')})" for lang, package in self.missing.items()]


def load_pipelines(model: str | None = None, models: str | None = None) -> Pipelines:
    """The pipelines of ``model`` (default: the ``model`` setting) and of ``models`` (default: the
    ``models`` setting, ``"fr=fr_core_news_sm"``: see :func:`components.settings.language_models`),
    each loaded once per process with the rule steps (:func:`load_model`). An entry for the
    default pipeline's own language is left out (``model`` decides it).

    Raises :class:`~components.settings.ModelNotInstalled` when ``model`` is missing, and
    :class:`~components.settings.SettingError` when a ``models`` entry names a pipeline of
    another language; a missing pipeline of ``models`` is listed in :attr:`Pipelines.missing`."""
    default = load_model(model)
    lang = default.meta.get("lang")
    others: dict[str, Language] = {}
    missing: dict[str, str] = {}
    for code, package in settings.language_models(models).items():
        if code == lang:
            continue
        try:
            nlp = load_model(package)
        except settings.ModelNotInstalled:
            missing[code] = package
            continue
        if nlp.meta.get("lang") != code:
            raise settings.SettingError(f"models: {code}={package} is a pipeline for "
                                        f"{nlp.meta.get('lang')!r}, not {code!r}")
        others[code] = nlp
    return Pipelines(default, others, missing)


def as_pipelines(nlp: "Language | Pipelines | None") -> Pipelines:
    """``nlp`` as :class:`Pipelines`: None → the configured ones (:func:`load_pipelines`); one
    loaded spaCy pipeline → that pipeline alone, with its rule steps added (it analyses its own
    language and undetermined articles; no other language is analysed)."""
    if nlp is None:
        return load_pipelines()
    if isinstance(nlp, Pipelines):
        return nlp
    return Pipelines(add_rule_pipes(nlp))
