"""This Dateline's pipeline versions, found for the Data page by a process of its own."""
from __future__ import annotations

import subprocess
import time

from dashboard import versions


def test_the_versions_are_those_the_command_line_finds(monkeypatch):
    from components.nlp.installed import installed_versions

    monkeypatch.setattr(versions, "_process", None)
    monkeypatch.setattr(versions, "_found", None)
    versions.start()
    assert versions.installed(wait=60) == installed_versions() and "en" in installed_versions()
    assert not versions.pending()


def test_a_process_that_hangs_is_given_up_and_the_page_stops_waiting(monkeypatch):
    hung = subprocess.Popen(["sleep", "30"], stdout=subprocess.PIPE, text=True)
    monkeypatch.setattr(versions, "_process", hung)
    monkeypatch.setattr(versions, "_found", None)
    monkeypatch.setattr(versions, "_started", time.monotonic())
    assert versions.pending() and versions.installed() is None  # still being found
    monkeypatch.setattr(versions, "_started", time.monotonic() - versions.GIVE_UP_S - 1)
    assert not versions.pending() and hung.poll() is not None  # stopped
    assert versions.installed() is None  # nothing found: the store's latest versions stand in
