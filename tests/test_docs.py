"""The README documents what a user can type: every CLI verb and every setting."""
from __future__ import annotations

import re

from components import settings
from components.__main__ import build_parser
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _verbs() -> list[str]:
    import argparse

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def test_every_cli_verb_is_in_the_readme():
    verbs = _verbs()
    assert "ingest" in verbs and "extract" in verbs
    missing = [v for v in verbs if not re.search(rf"`{v}\b", README)]
    assert not missing, f"README does not document: {missing}"


def test_every_setting_is_in_the_readme():
    missing = [s.env_var for s in settings.SETTINGS.values() if s.env_var not in README
               and "--" + s.name.replace("_", "-") not in README]
    assert not missing, f"README does not document: {missing}"


def test_environment_overrides_a_setting(monkeypatch):
    monkeypatch.setenv("DATELINE_BATCH_SIZE", "8")
    assert settings.get("batch_size") == 8


def test_the_readme_says_what_the_server_listens_on_and_what_it_contacts():
    import tomllib

    config = tomllib.loads((ROOT / "dashboard" / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    address = config["server"]["address"]
    assert address == "127.0.0.1" and config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] == "none"  # no type, message or traceback in the browser
    assert f"listens on `{address}` only" in README and "contacts nothing outside the machine" in README
    assert "(docs/deploy.md)" in README
    deploy = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    for needed in ("proxy_set_header   Upgrade", "server.allowedHosts", "browser.serverAddress",
                   "server.enableXsrfProtection", "oauth2-proxy", "auth_basic"):
        assert needed in deploy, needed


def _readme_commands() -> list[str]:
    """The one-line shell commands of the README's ``sh`` blocks: running the app, running the tests."""
    return re.findall(r"```sh\n(.+)\n```", README)


def test_the_readme_has_one_line_to_run_and_one_to_test_and_ci_runs_the_second():
    run, test = _readme_commands()
    install = ".venv/bin/pip install -r requirements.txt && .venv/bin/pip install --no-deps --no-build-isolation -e ."
    assert run == f"python3 -m venv .venv && {install} && .venv/bin/streamlit run dashboard/app.py"
    assert test == f"sh tests/setup-browser.sh && python3 -m venv .venv && {install} && .venv/bin/python -m pytest"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci[-1] == test


def test_pyproject_pins_the_same_packages_as_requirements_in():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = set(project["dependencies"]) | set(project["optional-dependencies"]["test"])
    lines = (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines()
    pinned = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    assert declared == pinned
    lock = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    missing = [pin for pin in pinned if not re.search(rf"^{re.escape(pin)} \\$", lock, re.MULTILINE | re.IGNORECASE)]
    assert not missing, f"requirements.txt does not lock {missing}: re-run the command in requirements.in"


def test_the_lock_pins_lxml_with_the_extra_justext_asks_for_at_the_same_version_and_hashes():
    # (justext needs lxml[html_clean]: unless the lock pins it too, the pip of Python 3.11's venv fetches the
    # newest lxml for it and refuses to install in --require-hashes mode, the README's first command failing)
    lock = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    entries = {m[1]: (m[2], sorted(re.findall(r"--hash=(\S+)", m[3])))
               for m in re.finditer(r"^(lxml(?:\[html_clean\])?)==(\S+) \\\n((?:    --hash=\S+(?: \\)?\n)+)", lock,
                                    re.MULTILINE)}
    assert set(entries) == {"lxml", "lxml[html_clean]"}, "repeat lxml's entry as lxml[html_clean] (see requirements.in)"
    assert entries["lxml"] == entries["lxml[html_clean]"] and entries["lxml"][1]


def test_the_installed_project_imports_from_any_folder(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    r = subprocess.run([sys.executable, "-c", "import components, dashboard.state"], cwd=tmp_path, env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, ("Dateline is not installed in this environment: run "
                               f"`.venv/bin/pip install --no-deps --no-build-isolation -e .`\n{r.stderr}")


def test_the_architecture_drawing_names_real_modules():
    """Every ``components/…`` or ``dashboard/…`` path in docs/architecture.md's drawing exists, and
    every top-level subpackage of ``components/`` is in it."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    drawing = text.split("```")[1]
    paths = re.findall(r"\b((?:components|dashboard)/[\w/.]*)", drawing)
    assert len(paths) > 10
    assert [p for p in paths if not (ROOT / p.rstrip("/.")).exists()] == []
    packages = {p.parent.name for p in (ROOT / "components").glob("*/__init__.py")}
    assert {p for p in packages if f"components/{p}/" not in drawing} == set()
