"""Standard input (``-``) and closed pipes."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT

BAKKERIJ = FIXTURES / "dossiers" / "example-bakkerij.yaml"


def run_with_stdin(args, stdin: bytes):
    return subprocess.run([sys.executable, "-m", "checker.cli", *args], input=stdin, capture_output=True,
                          cwd=ROOT, timeout=120)


def test_dash_reads_a_yaml_dossier_from_stdin():
    result = run_with_stdin(["dossier", "-", "--as-of", "2025-06-01", "--format", "json"], BAKKERIJ.read_bytes())
    assert result.returncode == 1, result.stderr
    assert b'"subject": "D-2025-001"' in result.stdout and b'"file": "<stdin>"' in result.stdout


def test_dash_reads_json_when_it_starts_with_a_brace():
    path = FIXTURES / "dossiers" / "nieuwe-wachttijd.json"
    result = run_with_stdin(["dossier", "-", "--as-of", "2025-06-15", "--format", "json"], path.read_bytes())
    assert b'"subject": "D-2025-112"' in result.stdout, result.stderr


def test_dash_reads_a_policy_and_a_calendar_dossier():
    policy = FIXTURES / "policies" / "dubbele-pet.yaml"
    assert b"bouwbedrijf-oost" in run_with_stdin(["policy", "-"], policy.read_bytes()).stdout
    assert b"D-2025-001" in run_with_stdin(["calendar", "-", "--as-of", "2025-06-01"], BAKKERIJ.read_bytes()).stdout


def test_empty_stdin_is_an_input_error():
    result = run_with_stdin(["dossier", "-"], b"")
    assert result.returncode == 2 and b"<stdin>" in result.stderr and b"Traceback" not in result.stderr


@pytest.mark.parametrize("fail_on,code", [("never", 0), ("error", 1)])
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_a_closed_pipe_keeps_the_exit_code_of_the_findings(fail_on, code, fmt):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader (like `head`) is gone before we write
    try:
        result = subprocess.run([sys.executable, "-m", "checker.cli", "dossier", str(BAKKERIJ), "--as-of",
                                 "2025-06-01", "--fail-on", fail_on, "--format", fmt],
                                stdout=write_end, stderr=subprocess.PIPE, cwd=ROOT, timeout=120)
    finally:
        os.close(write_end)
    assert result.returncode == code
    assert result.stderr == b""
