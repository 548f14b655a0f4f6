"""Golden files: each report format on fixtures, reviewed by eye once (tests/golden/).

A change in output is then a deliberate change: regenerate with
``UPDATE_GOLDEN=1 pytest tests/test_golden_reports.py``, look at the diff, and commit it.
"""
from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from checker.cli import main
from conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
BAKKERIJ = "fixtures/dossiers/example-bakkerij.yaml"
SAMENTELLING = "fixtures/dossiers/samentelling-2022.yaml"
CONFLICT = "fixtures/policies/casemanager-medische-taken.yaml"
DOSSIER = ("dossier", BAKKERIJ, "--as-of", "2026-01-15")

CASES = {
    "dossier-example.md": (*DOSSIER, "--format", "markdown"),
    "dossier-two.html": ("dossier", BAKKERIJ, SAMENTELLING, "--as-of", "2026-01-15", "--format", "html"),
    "dossier-example.sarif": (*DOSSIER, "--format", "sarif"),
    "policy-conflict.en.html": ("policy", CONFLICT, "--format", "html", "--lang", "en"),
    "policy-conflict.en.md": ("policy", CONFLICT, "--format", "markdown", "--lang", "en"),
    "policy-conflict.sarif": ("policy", CONFLICT, "--format", "sarif"),
    "calendar-example.ics": ("calendar", BAKKERIJ, "--format", "ics", "--include-done"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_report_matches_its_golden_file(name, monkeypatch):
    monkeypatch.chdir(ROOT)  # file names in the reports are shown as given: relative
    result = CliRunner(env={"SOURCE_DATE_EPOCH": "1767225600"}).invoke(main, list(CASES[name]),
                                                                        catch_exceptions=False)
    assert result.exit_code in (0, 1), result.stderr
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8", newline="")
    assert result.stdout == golden.read_bytes().decode("utf-8")
