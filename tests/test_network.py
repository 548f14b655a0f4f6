"""verzuimcheck makes no network connection: every command works with the network taken away.

The socket functions that any connection (HTTP, DNS, a schema ``$ref`` fetched
from the web) has to go through are replaced by ones that record the attempt
and fail. The commands must still give their normal exit codes, and nothing may
have been attempted. One run is a fresh interpreter, so connections made while
importing the package would be caught too.
"""
from __future__ import annotations

import json
import socket
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT, run_cli

EXAMPLE = FIXTURES / "dossiers" / "example-bakkerij.yaml"
BROKEN = FIXTURES / "invalid" / "misspelled-field.yaml"
POLICY = FIXTURES / "policies" / "leidinggevende-gezondheidsgegevens.yaml"
AUDITED = (0, 1)  # findings or none: what matters here is that the command ran (not 2 or 3)
COMMANDS = [
    (("dossier", EXAMPLE, "--as-of", "2026-01-15"), (1,)),
    (("dossier", EXAMPLE, "--as-of", "2026-01-15", "--format", "json"), (1,)),
    (("dossier", BROKEN), (2,)),
    (("calendar", EXAMPLE), (0,)),
    (("calendar", "--first-sick-day", "2025-01-06", "--format", "json"), (0,)),
    (("rules",), (0,)),
    (("rules", "--format", "markdown"), (0,)),
    (("policy", POLICY), AUDITED),
    (("policy", POLICY, "--format", "json", "--lang", "en"), AUDITED),
    (("policy", POLICY, "--graph", "mermaid"), AUDITED),
    (("policy", BROKEN), (2,)),
]
GUARDED = ("socket", "create_connection", "getaddrinfo", "gethostbyname", "socketpair")


@pytest.fixture
def no_network(monkeypatch):
    attempts = []

    def refuse(name):
        def refused(*args, **kwargs):
            attempts.append(name)
            raise OSError(f"network access attempted: socket.{name}")
        return refused

    for name in GUARDED:
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


@pytest.mark.parametrize("args, code", COMMANDS, ids=lambda v: " ".join(map(str, v)) if isinstance(v, tuple) else "")
def test_command_runs_without_network(no_network, args, code):
    result = run_cli(*args)
    assert result.exit_code in code
    assert no_network == []


def test_the_guard_itself_catches_a_connection(no_network):
    with pytest.raises(OSError):
        socket.create_connection(("example.org", 443))
    assert no_network == ["create_connection"]


_FRESH_PROCESS = """
import json, socket, sys
attempts = []
def refuse(name):
    def refused(*args, **kwargs):
        attempts.append(name)
        raise OSError(name)
    return refused
for name in {guarded!r}:
    setattr(socket, name, refuse(name))
from checker.cli import main
codes = []
for args in {commands!r}:
    try:
        main(args)
    except SystemExit as exit:
        codes.append(exit.code)
print(json.dumps({{"codes": codes, "attempts": attempts}}))
"""


def test_fresh_interpreter_with_no_network_including_imports():
    commands = [[str(a) for a in args] for args, _ in COMMANDS]
    script = _FRESH_PROCESS.format(guarded=GUARDED, commands=commands)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    report = json.loads(done.stdout.strip().splitlines()[-1])  # the reports come first
    assert report["attempts"] == []
    assert all(got in allowed for got, (_, allowed) in zip(report["codes"], COMMANDS, strict=True))
