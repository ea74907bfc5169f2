"""``nlp.pipe`` over articles: texts with a context each, in batches, in order, in worker
processes when asked, long texts in pieces (:mod:`.long_texts`)."""
from __future__ import annotations

import multiprocessing
import sys
import types
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from typing import Any, Callable, Generic, Iterable, Iterator, Mapping, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from .language import detect_language
from .long_texts import LONG_TEXT_CHARS, PIECE_CHARS, join_pieces, split_text
from .pipeline import analysing_language, rule_pipes, run_rule_pipes

T = TypeVar("T")

DocValues = Callable[[Any], Mapping[str, Any]]
"""Called with a text's context; gives the Doc extension values to set on the text's Doc before
any pipe runs (``{"dateline": ["Moscow"]}`` sets ``doc._.dateline``). Plain data only (lists,
dicts, str, numbers, None): the values travel to spaCy's worker processes inside the Doc."""


@dataclass
class _Pending(Generic[T]):
    """A text fed to the pipe whose Doc has not come out yet."""

    text: str
    context: T
    long: bool                # parsed in pieces, in this process


def pipe_with_context(nlp: Language, items: Iterable[tuple[str, T]], *, batch_size: int = 64,
                      workers: int = 1, doc_values: DocValues | None = None) -> Iterator[tuple[Doc, T]]:
    """Run ``nlp`` (every pipe: the model's and the rule steps) over ``(text, context)`` pairs in
    batches, yielding ``(doc, context)`` in input order, with ``doc.text == text``.

    doc_values: gives, from a context, the extension values its Doc starts with (see
        :data:`DocValues`); none when omitted. Contexts themselves stay in this process.

    A text of at most :data:`~.long_texts.LONG_TEXT_CHARS` characters (and at most
    ``nlp.max_length``), every ordinary article, goes through one ``nlp.pipe`` whole. A longer
    one is cut by :func:`~.long_texts.split_text` into pieces of at most
    :data:`~.long_texts.PIECE_CHARS`, which are parsed in this process with the rule steps left
    out and joined back into one ``Doc`` (:func:`~.long_texts.join_pieces`), offsets into the
    whole text; the rule steps then run on the joined Doc, since actors and quotes are resolved
    across the whole article.

    ``workers`` > 1 uses spaCy's own multiprocessing (``n_process``), with worker processes
    *spawned*, not forked: a fork of a process that runs threads (the dashboard's server,
    DuckDB, a progress bar) can leave the child holding a lock nobody will release. Each worker
    runs the whole pipeline, rule steps included, over the ordinary texts."""
    if workers > 1 and multiprocessing.get_start_method(allow_none=True) != "spawn":
        multiprocessing.set_start_method("spawn", force=True)
    long_text = min(LONG_TEXT_CHARS, nlp.max_length)
    pending: deque[_Pending[T]] = deque()

    def whole_texts() -> Iterator[str | Doc]:
        for text, context in items:
            entry = _Pending(text, context, long=len(text) > long_text)
            pending.append(entry)
            if not entry.long:
                yield _with_values(nlp, text, doc_values(context) if doc_values else None)

    def in_pieces(entry: _Pending[T]) -> tuple[Doc, T]:
        doc = _parse_in_pieces(nlp, entry.text, batch_size=batch_size)
        _set_values(doc, doc_values(entry.context) if doc_values else None)
        return run_rule_pipes(nlp, doc), entry.context

    # nlp.pipe keeps input order and pulls a text before it yields its doc, so each doc that
    # comes out belongs to the oldest ordinary entry of ``pending``; the long ones before it are
    # parsed here, in turn.
    stream = nlp.pipe(whole_texts(), batch_size=batch_size, n_process=max(1, workers))
    if workers > 1:  # the workers start on the first next()
        with _main_hidden_from_workers():
            first = next(stream, None)
        stream = chain([first] if first is not None else [], stream)
    for doc in stream:
        while pending[0].long:
            yield in_pieces(pending.popleft())
        yield doc, pending.popleft().context
    while pending:
        yield in_pieces(pending.popleft())


#: The Doc extensions the rule steps set: an article's results as :func:`analyse_batch` gives them.
RESULTS = ("actors", "places", "quotes")

Item = tuple[str, Mapping[str, Any], str | None]
"""An article for :func:`analyse_batch`: its text, the extension values its Doc starts with
(:data:`DocValues`), and its language (an ISO 639-1 code or ``"und"``), or None to detect it."""


def analyse_batch(batch: list[Item], *, batch_size: int, default: str, served: Mapping | set,
                  pipeline: Callable[[str], Language]) -> list[tuple[str, dict[str, Any] | None]]:
    """What a worker process does with a task (:mod:`.workers`): for each article of ``batch``, in
    order, its language (detected when the item has none) and the results (:data:`RESULTS`, plain
    data) of its language's pipeline, or None when no pipeline analyses that language.

    default: the default pipeline's language; served: the other pipelines' languages;
    pipeline: the pipeline of a language (of ``default`` or one of ``served``). Each pipeline
    parses its share of the batch in one pass."""
    languages = [language or detect_language(text) for text, _, language in batch]
    found: list[dict[str, Any] | None] = [None] * len(batch)
    by_key: dict[str, list[int]] = {}
    for i, language in enumerate(languages):
        key = analysing_language(language, default, served)
        if key is not None:
            by_key.setdefault(key, []).append(i)
    for key, indices in by_key.items():
        docs = pipe_with_context(pipeline(key), ((batch[i][0], i) for i in indices),
                                 batch_size=batch_size, doc_values=lambda i: batch[i][1])
        for doc, i in docs:
            found[i] = {name: doc._.get(name) for name in RESULTS}
    return list(zip(languages, found))


def _with_values(nlp: Language, text: str, values: Mapping[str, Any] | None) -> str | Doc:
    """What to feed ``nlp.pipe`` for ``text``: the text itself, or, when there are extension
    ``values`` to carry, its tokenised Doc with them set (a Doc goes to a worker process with
    its extension values)."""
    if not values:
        return text
    doc = nlp.make_doc(text)
    _set_values(doc, values)
    return doc


def _set_values(doc: Doc, values: Mapping[str, Any] | None) -> None:
    for name, value in (values or {}).items():
        doc._.set(name, value)


def _parse_in_pieces(nlp: Language, text: str, *, batch_size: int) -> Doc:
    """``text`` cut into pieces of at most :data:`PIECE_CHARS` (and ``nlp.max_length``), each
    parsed by ``nlp`` without its rule steps (at most ``batch_size`` pieces at a time), joined."""
    pieces = split_text(text, min(PIECE_CHARS, nlp.max_length))
    docs = list(nlp.pipe(pieces, batch_size=batch_size, disable=rule_pipes(nlp)))
    return join_pieces(nlp, docs, text)


@contextmanager
def _main_hidden_from_workers() -> Iterator[None]:
    """While spawned workers start, hide the ``__main__`` module from them: a spawned process
    re-imports its parent's main script, and in the dashboard (or a Streamlit ``AppTest``) that
    script is the app's page, which would then run again inside every worker. The workers need
    nothing from it (spaCy sends them the pipeline and its own functions)."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is None:
            sys.modules.pop("__main__", None)
        else:
            sys.modules["__main__"] = main
