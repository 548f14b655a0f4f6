"""The CLI's JSON output matches checker/schemas/report.schema.json and calendar.schema.json."""
from __future__ import annotations

import copy

import pytest
import yaml
from jsonschema import Draft202012Validator

from checker.load.schema import load_schema
from conftest import FIXTURES, run_cli_json

DOSSIERS = FIXTURES / "dossiers"
EXPECTED = yaml.safe_load((DOSSIERS.parent / "expected" / "dossiers.yaml").read_text("utf-8"))


def validator(name: str) -> Draft202012Validator:
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(name: str, instance) -> list:
    return [e.message for e in validator(name).iter_errors(instance)]


def dossier_json(name: str, *options):
    result, data = run_cli_json("dossier", DOSSIERS / name, "--as-of", str(EXPECTED[name]["as_of"]), *options)
    assert result.exit_code in (0, 1), result.stderr
    return data


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_dossier_output_of_every_fixture_matches_the_schema(name, lang):
    assert errors("report", dossier_json(name, "--lang", lang)) == []


def test_several_dossiers_give_an_array_that_matches_the_schema():
    paths = [DOSSIERS / name for name in sorted(EXPECTED)]
    result, data = run_cli_json("dossier", *paths, "--as-of", "2026-01-15")
    assert isinstance(data, list) and len(data) == len(paths)
    assert errors("report", data) == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_calendar_output_of_every_fixture_matches_the_schema(name):
    result, data = run_cli_json("calendar", DOSSIERS / name)
    assert result.exit_code == 0
    assert errors("calendar", data) == []


def test_calendar_output_from_a_first_sick_day_matches_the_schema():
    _, data = run_cli_json("calendar", "--first-sick-day", "2025-01-06")
    assert errors("calendar", data) == []


# The schemas are not vacuous: broken output is rejected.

def _bakkerij():
    return dossier_json("example-bakkerij.yaml")


@pytest.mark.parametrize("breakage", [
    lambda d: d.pop("timeline"),
    lambda d: d.pop("as_of"),
    lambda d: d.update(kind="report"),
    lambda d: d["findings"][0].update(status="upcoming"),
    lambda d: d["findings"][0].update(severity="fatal"),
    lambda d: d["findings"][0].pop("source"),
    lambda d: d["findings"][0].update(due="15-01-2026"),
    lambda d: d["timeline"][0].update(status="done"),
    lambda d: d["timeline"][0].pop("done"),
    lambda d: d["summary"].update(error=-1),
], ids=["no-timeline", "no-as_of", "bad-kind", "upcoming-finding", "bad-severity", "no-source",
        "bad-due", "bad-timeline-status", "no-done", "negative-count"])
def test_report_schema_rejects_broken_dossier_output(breakage):
    data = copy.deepcopy(_bakkerij())
    breakage(data)
    assert errors("report", data) != []


POLICY_RESULT = {
    "kind": "policy", "subject": "werkgever-x", "file": "policy.yaml", "as_of": "2026-01-15",
    "summary": {"error": 1, "warning": 0, "info": 0},
    "findings": [{"rule": "rol.example", "severity": "error", "status": "conflict", "due": None, "date": None,
                  "actors": ["cm-1"], "evidence": ["cm-1", "regie_re_integratie", "werkgever"],
                  "title": "t", "message": "m", "source": "s", "source_url": None, "something_new": 1}],
    "notes": [], "facts": {"anything": True},
}


def test_report_schema_accepts_a_policy_result_without_timeline():
    assert errors("report", POLICY_RESULT) == []


def test_report_schema_still_checks_the_common_finding_fields_of_a_policy_result():
    broken = copy.deepcopy(POLICY_RESULT)
    broken["findings"][0]["severity"] = "fatal"
    assert errors("report", broken) != []


@pytest.mark.parametrize("breakage", [
    lambda d: d.pop("steps"),
    lambda d: d.update(kind="dossier"),
    lambda d: d["steps"][0].update(due=None),
    lambda d: d["steps"][0].update(colour="red"),
    lambda d: d.update(wachttijd_first_day_after="2027-02-30"),
], ids=["no-steps", "bad-kind", "null-due", "extra-step-field", "impossible-date"])
def test_calendar_schema_rejects_broken_output(breakage):
    _, data = run_cli_json("calendar", "--first-sick-day", "2025-01-06")
    breakage(data)
    assert errors("calendar", data) != []
