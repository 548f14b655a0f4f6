"""Rule test cases, written as YAML next to the rules (OpenFisca style).

Every ``tests/*.yaml`` below ``rules/`` and ``roles/constraints/`` holds cases
for one rule:

    rule: wvp.probleemanalyse
    cases:
      - name: done in week 5
        as_of: 2025-06-01
        dossier: {first_sick_day: 2025-01-06, events: [...]}   # or policy: {...}
        expect: []                                              # findings of this rule only
      - name: missing
        as_of: 2025-06-01
        dossier: {...}
        expect: [{status: missing, due: 2025-02-16}]

A dossier case may leave out ``dossier``, ``employer`` and ``employee`` (filled
with test values). Each expected finding lists the fields it checks (status,
due, date, severity, actors, evidence); the findings of the rule must match
the list exactly, in order. Every rule must have a case where it fires and one
where it does not.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from checker.paths import ROLES_DIR, RULES_DIR
from checker.rulebook import default_rulebook

CASE_ROOTS = (RULES_DIR, ROLES_DIR / "constraints")
DOSSIER_DEFAULTS = {"dossier": "D-TEST", "employer": "werkgever-test", "employee": "W-TEST"}


def case_files():
    return sorted(p for root in CASE_ROOTS for p in root.rglob("tests/*.yaml"))


def load_cases():
    for path in case_files():
        spec = yaml.safe_load(path.read_text("utf-8"))
        for case in spec["cases"]:
            yield pytest.param(spec["rule"], case, id=f"{spec['rule']}: {case['name']}")


def _iso(value):
    return value.isoformat() if isinstance(value, date) else value


def audit_case(case, vocab, rulebook):
    if "policy" in case:
        from checker.engine import audit_policy
        from checker.model.policy import policy_from_dict

        return audit_policy(policy_from_dict(case["policy"], vocab), rulebook, vocab)
    from conftest import audit_dict

    data = {**DOSSIER_DEFAULTS, **_stringify(case["dossier"])}
    return audit_dict(data, _iso(case["as_of"]), vocab, rulebook)


def _stringify(value):
    """yaml.safe_load turns dates into date objects; dossier files hold strings."""
    if isinstance(value, dict):
        return {k: _stringify(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stringify(v) for v in value]
    return _iso(value)


def finding_view(finding, keys):
    full = {"status": finding.status, "severity": finding.severity, "due": _iso(finding.due),
            "date": _iso(finding.date), "actors": list(finding.actors), "evidence": list(finding.evidence),
            "params": {k: list(v) if isinstance(v, tuple) else v for k, v in finding.params}}
    return {k: full[k] for k in keys}


@pytest.mark.parametrize("rule_id,case", list(load_cases()))
def test_rule_case(rule_id, case, vocab, rulebook):
    result = audit_case(case, vocab, rulebook)
    expected = [_stringify(e) for e in case["expect"]]
    found = [f for f in result.findings if f.rule == rule_id]
    assert len(found) == len(expected), [finding_view(f, ["status", "due", "date", "actors"]) for f in found]
    for finding, expect in zip(found, expected):
        assert finding_view(finding, expect.keys()) == expect


def test_every_rule_has_firing_and_quiet_cases():
    coverage = {}
    for path in case_files():
        spec = yaml.safe_load(path.read_text("utf-8"))
        fires = {bool(case["expect"]) for case in spec["cases"]}
        coverage.setdefault(spec["rule"], set()).update(fires)
    missing = [r.id for r in default_rulebook().rules if coverage.get(r.id) != {True, False}]
    assert not missing, f"rules without a firing and a non-firing test case: {missing}"


def test_case_files_name_known_rules():
    known = default_rulebook().by_id()
    for path in case_files():
        rule = yaml.safe_load(path.read_text("utf-8"))["rule"]
        assert rule in known, f"{path} tests unknown rule {rule}"
        assert path.stem == rule.split(".", 1)[1], f"{path} should be named after {rule}"
