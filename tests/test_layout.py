"""The layering rules of ``../shared/DESIGN.md`` and the size limits of docs/architecture.md, read
off the source: a change that breaks one fails here, with the module and line that break it.

- ``components/`` never imports streamlit nor ``dashboard``; ``dashboard/`` imports neither spaCy
  nor DuckDB (no NLP, no SQL there); only ``components/store/`` imports DuckDB.
- No module over :data:`MAX_MODULE_LINES` lines, no function over :data:`MAX_FUNCTION_LINES`,
  except those in :data:`LONG`, each with its reason."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
#: "path" or "path:function" → why it is longer than the limit.
LONG: dict[str, str] = {}

SOURCES = sorted(p for folder in ("components", "dashboard", "bench") for p in (ROOT / folder).rglob("*.py"))


def imports(path: Path, root: Path = ROOT) -> list[tuple[int, str]]:
    """(line, top-level package) of every import in ``path``, those inside functions included;
    relative imports are resolved against the package ``path`` is in (its folder under ``root``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.relative_to(root).parent.parts
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                found.append((node.lineno, base[0] if base else (node.module or "").split(".")[0]))
            elif node.module:
                found.append((node.lineno, node.module.split(".")[0]))
    return found


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_the_sources_are_found():
    assert any(rel(p) == "components/store/database.py" for p in SOURCES)
    assert any(rel(p) == "dashboard/app.py" for p in SOURCES)


@pytest.mark.parametrize(("folder", "forbidden"), [
    ("components", {"streamlit", "dashboard"}),
    ("dashboard", {"spacy", "duckdb"}),
])
def test_layers_only_point_down(folder, forbidden):
    broken = [f"{rel(p)}:{line} imports {name}" for p in SOURCES if rel(p).startswith(folder + "/")
              for line, name in imports(p) if name in forbidden]
    assert not broken, "\n".join(broken)


def test_only_the_store_talks_to_duckdb():
    broken = [f"{rel(p)}:{line}" for p in SOURCES if not rel(p).startswith(("components/store/", "bench/"))
              for line, name in imports(p) if name == "duckdb"]
    assert not broken, "\n".join(broken)


def test_the_import_walker_sees_relative_and_nested_imports(tmp_path):
    probe = tmp_path / "components" / "actors" / "probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text("import os.path\nfrom . import names\n\n\ndef f():\n    import streamlit\n"
                     "    from ...dashboard import state\n")
    assert sorted(name for _, name in imports(probe, tmp_path)) == ["components", "dashboard", "os", "streamlit"]


def test_modules_and_functions_stay_small():
    too_long = []
    for path in SOURCES:
        source = path.read_text(encoding="utf-8")
        lines = source.count("\n")
        if lines > MAX_MODULE_LINES and rel(path) not in LONG:
            too_long.append(f"{rel(path)}: {lines} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES and f"{rel(path)}:{node.name}" not in LONG:
                    too_long.append(f"{rel(path)}:{node.lineno} {node.name}(): {n} lines")
    assert not too_long, "split these, or name them in LONG with the reason:\n" + "\n".join(too_long)


def test_every_exception_to_the_limits_still_exists_and_says_why():
    names = {rel(p) for p in SOURCES}
    for key, reason in LONG.items():
        assert key.split(":")[0] in names, f"{key} is gone: drop it from LONG"
        assert len(reason.split()) >= 4, f"{key}: say why it is long"
