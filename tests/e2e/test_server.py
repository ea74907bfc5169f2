"""The server as the README starts it (``streamlit run dashboard/app.py``, no flags): it listens on
127.0.0.1 only, and at start contacts nothing (no external-IP lookup, no network address printed).
No browser: these tests look at the server's socket and log."""
from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import pytest

from .conftest import APP, ROOT, SHOTS, _free_port, running_app

pytestmark = pytest.mark.e2e

STREAMLIT = Path(sys.executable).parent / "streamlit"
"""The ``streamlit`` script of the environment the tests run in (the README's ``.venv/bin/streamlit``)."""


def listening_addresses(port: int) -> list[str]:
    """The local addresses of the TCP sockets listening on ``port`` (IPv4 and IPv6), as printed
    by the kernel in /proc/net/tcp{,6}: ``0100007F`` is 127.0.0.1, ``00000000`` all interfaces."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, _remote, state = line.split()[1:4]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.append(address)
    return found


def non_loopback_ipv4() -> list[str]:
    """This machine's IPv4 addresses other than 127.x (from the kernel's routing table)."""
    lines = Path("/proc/net/fib_trie").read_text().splitlines()
    local = {lines[i - 1].split()[-1] for i, line in enumerate(lines) if "/32 host LOCAL" in line}
    return sorted(a for a in local if not a.startswith("127."))


@pytest.mark.parametrize("where", ["project root", "another folder"])
def test_the_app_started_as_the_readme_says_listens_on_loopback_only_and_contacts_nothing(tmp_path, where):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    # The port through the environment, so the command line is exactly the README's.
    env.update(DATELINE_DB=str(tmp_path / "store.duckdb"), STREAMLIT_SERVER_PORT=str(port), PYTHONUNBUFFERED="1")
    cwd, script = (ROOT, "dashboard/app.py") if where == "project root" else (tmp_path, str(APP))
    log_path = SHOTS / f"server-readme-{where.replace(' ', '-')}.log"
    with running_app([str(STREAMLIT), "run", script], port=port, env=env, cwd=cwd, log_path=log_path) as (url, _):
        addresses = listening_addresses(port)
        assert addresses and all(a == "0100007F" for a in addresses), f"listening on {addresses}"
        for ip in non_loopback_ipv4():
            with socket.socket() as s:
                s.settimeout(2)
                assert s.connect_ex((ip, port)) != 0, f"the app answers on {ip}"
    log = log_path.read_text(errors="replace")
    assert f"http://127.0.0.1:{port}" in log
    for phrase in ("External URL", "Network URL", "external IP"):
        assert phrase not in log, log
