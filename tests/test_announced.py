"""Announced law (announced: true): never applied without --include-announced; with it, its findings
carry the status suffix 'announced' and never count for the exit code."""
from __future__ import annotations

import json

import pytest

from conftest import run_cli

RULE = """\
id: reg.analyse
kind: deadline
severity: error
title: {nl: Analyse, en: Analysis}
message: {nl: "Analyse uiterlijk {due}.", en: "Analysis by {due}."}
source: {document: Wetsvoorstel (voorbeeld), article: art. I}
announced: true
valid_from: 2028-01-01
params: {event: probleemanalyse, due: {day: 35}}
versions:
  - valid_from: 2002-04-01
    params: {event: probleemanalyse, due: {day: 42}}
    source: {document: Regeling procesgang eerste en tweede ziektejaar, article: art. 2 lid 2}
"""
DOSSIER = "dossier: D-A\nemployer: w\nemployee: W-1\nfirst_sick_day: {first}\n"


@pytest.fixture
def pack(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p" / "reg").mkdir(parents=True)
    (tmp_path / "p" / "reg" / "analyse.yaml").write_text(RULE, "utf-8")
    return tmp_path


def _audit(first: str, as_of: str, *extra):
    path = "d.yaml"
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(DOSSIER.format(first=first))
    result = run_cli("dossier", path, "--rules", "p", "--as-of", as_of, "--format", "json", *extra)
    data = json.loads(result.stdout)
    return result, data, [f for f in data["findings"] if f["rule"] == "reg.analyse"]


def test_without_the_flag_the_law_in_force_applies_even_after_the_planned_date(pack):
    result, data, (finding,) = _audit("2028-01-03", "2028-03-01")
    assert (finding["status"], finding["due"], finding["version"]) == ("missing", "2028-02-13", "2002-04-01")
    assert "announced" not in finding and "announced" not in data["summary"]


def test_with_the_flag_announced_findings_are_marked_and_never_count(pack):
    result, data, (finding,) = _audit("2028-01-03", "2028-03-01", "--include-announced")
    assert (finding["status"], finding["due"], finding["version"], finding["announced"]) == \
           ("missing-announced", "2028-02-06", "2028-01-01", True)
    assert data["summary"]["announced"] == 1
    entry = next(e for e in data["timeline"] if e["step"] == "reg.analyse")
    assert entry["announced"] is True and entry["status"] == "missing"


def test_announced_law_alone_never_fails_a_run(pack, tmp_path):
    # only the announced version fires (day 35 < done on day 40 <= day 42): exit 0 with the flag
    (tmp_path / "d.yaml").write_text(DOSSIER.format(first="2028-01-03") + "events: [{type: probleemanalyse, "
                                     "date: 2028-02-11}]\n", "utf-8")
    result = run_cli("dossier", "d.yaml", "--rules", "p", "--as-of", "2028-02-20", "--include-announced",
                     "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert [(f["status"], f["severity"]) for f in findings if f["rule"] == "reg.analyse"] == \
           [("late-announced", "error")]
    assert not [f for f in findings if f["severity"] == "error" and not f.get("announced")]
    assert result.exit_code == 0  # an announced error never fails the run


def test_before_the_planned_date_the_current_version_applies_with_the_flag_too(pack):
    _, _, (finding,) = _audit("2027-06-07", "2027-09-01", "--include-announced")
    assert (finding["status"], finding["version"]) == ("missing", "2002-04-01")


def test_explain_says_the_version_is_announced(pack):
    with open("d.yaml", "w", encoding="utf-8") as stream:
        stream.write(DOSSIER.format(first="2028-01-03"))
    result = run_cli("dossier", "d.yaml", "--rules", "p", "--as-of", "2028-03-01", "--include-announced",
                     "--explain", "reg.analyse", "--lang", "en")
    assert "Announced law, not yet in force" in result.stdout
    assert "The term is day 35 (end of week 5)." in result.stdout


def test_an_announced_version_needs_its_planned_date(pack, tmp_path):
    (tmp_path / "p" / "reg" / "analyse.yaml").write_text(
        RULE.replace("valid_from: 2028-01-01\n", "").replace("versions:\n", "x_versions:\n").split("x_versions")[0],
        "utf-8")
    result = run_cli("rules", "validate", "p", "--lang", "en")
    assert result.exit_code == 2 and "valid_from" in result.stderr


def test_the_rule_reference_lists_announced_law(pack):
    result = run_cli("rules", "--rules", "p", "--format", "json")
    rule = next(r for r in json.loads(result.stdout) if r["id"] == "reg.analyse")
    assert rule["announced"] is True and rule["valid_from"] == "2028-01-01"
