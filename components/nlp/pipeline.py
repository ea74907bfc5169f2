"""The spaCy pipeline Dateline runs: a model, loaded once per process, followed by the rule steps
as registered components (``dateline_actors_v1``, ``dateline_places_v1``, ``dateline_quotes_v1``:
see :mod:`components.actors.component`, :mod:`components.places.component`,
:mod:`components.quotes.component`), so that ``nlp.pipe`` runs the whole extraction, in every
worker process too."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .. import settings
# Importing the component modules registers the rule steps with spaCy, in this process and in
# spaCy's worker processes (which import them to unpickle the pipes they are sent).
from ..actors import component as actors_component
from ..places import component as places_component
from ..quotes import component as quotes_component

# The rule steps, in the order they run: quotes read the entities the actors step found.
RULE_PIPES = (actors_component.NAME, places_component.NAME, quotes_component.NAME)


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load the spaCy pipeline ``name`` (default: the ``model`` setting) once per process, with
    the rule steps added after its own pipes (:func:`add_rule_pipes`).

    Raises :class:`~components.settings.ModelNotInstalled`, which says how to install the model, when it is missing."""
    name = name or settings.get("model")
    try:
        nlp = spacy.load(name)
    except OSError as err:  # not installed
        raise settings.ModelNotInstalled(
            f"spaCy model {name!r} is not installed. Install the pinned default with "
            "`pip install -r requirements.txt`, or pass --model with an installed pipeline."
        ) from err
    return add_rule_pipes(nlp)


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
