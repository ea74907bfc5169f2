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
