"""Every fixture dossier, audited on its as-of date, gives exactly what fixtures/expected/dossiers.yaml says.

Role-conflict dossiers (``rol-*.yaml``) belong to the role checks and are asserted in test_policy.py.
"""
from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

import pytest
import yaml

from checker.engine import audit_dossier
from checker.model.dossier import load_dossier
from checker.report.render import result_to_dict
from conftest import FIXTURES, dossier_from_dict

DOSSIERS = FIXTURES / "dossiers"
EXPECTED_FILE = DOSSIERS.parent / "expected" / "dossiers.yaml"
ROLE_PREFIX = "rol-"


def expected() -> dict:
    return yaml.safe_load(EXPECTED_FILE.read_text("utf-8"))


def fixture_files() -> list:
    return sorted(p.name for p in DOSSIERS.iterdir()
                  if p.suffix in (".yaml", ".json") and p != EXPECTED_FILE and not p.name.startswith(ROLE_PREFIX))


def audit_fixture(name: str, vocab, rulebook):
    spec = expected()[name]
    return audit_dossier(load_dossier(DOSSIERS / name, vocab), rulebook, vocab, spec["as_of"])


def first_entries(result) -> dict:
    entries: dict = {}
    for entry in result.timeline:
        entries.setdefault(entry.step, entry)
    return entries


def test_every_fixture_has_an_expected_entry():
    assert fixture_files() == sorted(expected()), "fixtures/dossiers and fixtures/expected/dossiers.yaml list different files"


def test_there_are_at_least_eight_fixtures_besides_the_readme_example():
    assert len([f for f in fixture_files() if f != "example-bakkerij.yaml"]) >= 8


@pytest.mark.parametrize("name", fixture_files())
def test_fixture_says_what_it_shows(name):
    text = (DOSSIERS / name).read_text("utf-8")
    if name.endswith(".json"):
        assert "What it shows" in json.loads(text)["description"]
    else:
        header = [line for line in text.split("\ndossier:")[0].splitlines() if line.startswith("#")]
        assert header[0].startswith("# Synthetic, pseudonymised") and len(header) >= 3


@pytest.mark.parametrize("name", sorted(expected()))
def test_fixture_findings(name, vocab, rulebook):
    spec = expected()[name]
    result = audit_fixture(name, vocab, rulebook)
    found = {(f.rule, f.status): f.due for f in result.findings}
    assert len(found) == len(result.findings), "one finding per (rule, status) expected in fixtures"
    assert found == {(e["rule"], e["status"]): e["due"] for e in spec["findings"]}


@pytest.mark.parametrize("name", sorted(expected()))
def test_fixture_key_due_dates_and_statuses(name, vocab, rulebook):
    spec = expected()[name]
    entries = first_entries(audit_fixture(name, vocab, rulebook))
    assert {step: entries[step].due for step in spec.get("due", {})} == spec.get("due", {})
    assert {step: entries[step].status for step in spec.get("timeline", {})} == spec.get("timeline", {})
    assert {step: entries[step].reason for step in spec.get("reasons", {})} == spec.get("reasons", {})
    assert {step: entries[step].version for step in spec.get("versions", {})} == spec.get("versions", {})


@pytest.mark.parametrize("name", sorted(expected()))
def test_fixture_wachttijd_and_notes(name, vocab, rulebook):
    spec = expected()[name]
    result = audit_fixture(name, vocab, rulebook)
    for key, value in spec.get("wachttijd", {}).items():
        assert result.facts[key] == value, key
    assert {n.code: n.count for n in result.notes} == spec.get("notes", {})


@pytest.mark.parametrize("name", [n for n in sorted(expected()) if n.endswith(".yaml")])
def test_event_order_does_not_change_the_report(name, vocab, rulebook):
    """Shuffled events and actors give the same report (output never depends on input order)."""
    data = yaml.safe_load((DOSSIERS / name).read_text("utf-8"))
    data = json.loads(json.dumps(data, default=str))  # dates back to strings, as in a file
    as_of = expected()[name]["as_of"]
    reports = []
    for seed in (1, 2):
        shuffled = dict(data, events=random.Random(seed).sample(data["events"], len(data["events"])),
                        actors=random.Random(seed).sample(data.get("actors", []), len(data.get("actors", []))))
        result = audit_dossier(dossier_from_dict(shuffled, vocab), rulebook, vocab, as_of)
        reports.append(result_to_dict(result, "nl"))
    original = audit_fixture(name, vocab, rulebook)
    assert reports[0] == reports[1] == dict(result_to_dict(original, "nl"), file="<test>")


def test_expected_dates_are_dates():
    """A typo such as 2025-13-01 would load as a string and never match: catch it here."""
    for name, spec in expected().items():
        assert isinstance(spec["as_of"], date), name
        for value in list(spec.get("due", {}).values()) + [f["due"] for f in spec["findings"]]:
            assert isinstance(value, date), (name, value)
