"""--max-findings: a rule makes at most N findings per subject; the rest are counted, said in a
``findings-capped`` note, and still count for the summary and the exit code (docs/errors.md)."""
from __future__ import annotations

import json

import pytest
import yaml

from checker.engine import run_rules
from checker.findings import CAPPED
from conftest import run_cli

RULE = "rol.taakdelegatie-en-regie"
BASIS = ["toegang_bedrijfsarts", "werkplekbezoek", "second_opinion", "klachtenprocedure", "beroepsziekten",
         "overleg_preventie"]


def conflicts(count: int) -> dict:
    """A policy whose ``count`` casemanagers in taakdelegatie also run the re-integration: one
    conflict of RULE each (actors c00, c01, ... in sorted order)."""
    actors = [{"id": "ba", "role": "bedrijfsarts"}] + [
        {"id": f"c{i:02d}", "role": "casemanager_taakdelegatie", "delegated_by": "ba"} for i in range(count)]
    return {"organisation": "org-cap", "arbo": {"regeling": "vangnet", "basiscontract": BASIS}, "actors": actors,
            "tasks": {"probleemanalyse": ["ba"], "regie_re_integratie": [a["id"] for a in actors[1:]]}}


def write(tmp_path, data: dict, name: str = "policy.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return path


def audit(path, *args):
    result = run_cli("policy", path, "--as-of", "2025-06-01", "--format", "json", *args)
    return result, json.loads(result.stdout)


def rule_findings(data: dict) -> list:
    return [f for f in data["findings"] if f["rule"] == RULE]


def test_without_a_cap_problem_every_finding_is_shown(tmp_path):
    result, data = audit(write(tmp_path, conflicts(5)))
    assert result.exit_code == 1
    assert [f["actors"] for f in rule_findings(data)] == [[f"c{i:02d}"] for i in range(5)]
    assert not [n for n in data["notes"] if n["code"] == CAPPED]
    assert data["summary"]["error"] == 5  # nothing but the conflicts


def test_past_the_cap_findings_are_counted_and_said(tmp_path):
    result, data = audit(write(tmp_path, conflicts(5)), "--max-findings", "2")
    assert result.exit_code == 1
    assert [f["actors"] for f in rule_findings(data)] == [["c00"], ["c01"]]  # the first ones, in order
    (note,) = [n for n in data["notes"] if n["code"] == CAPPED and n["rule"] == RULE]
    assert (note["rule"], note["count"], note["severity"], note["at_least"]) == (RULE, 3, "error", False)
    assert RULE in note["message"] and "3" in note["message"]
    full = audit(write(tmp_path, conflicts(5), "full.yaml"))[1]
    assert data["summary"]["error"] == full["summary"]["error"]  # the summary counts them all


def test_counting_stops_at_a_hundred_times_the_cap(tmp_path):
    result, data = audit(write(tmp_path, conflicts(105)), "--max-findings", "1")
    (note,) = [n for n in data["notes"] if n["code"] == CAPPED and n["rule"] == RULE]
    assert (note["count"], note["at_least"]) == (100, True)
    assert len(rule_findings(data)) == 1 and result.exit_code == 1
    assert "minstens 100" in note["message"]
    assert data["summary"]["error"] == 101  # a lower bound, as the note says


def test_the_note_is_in_every_human_format_and_language(tmp_path):
    path = write(tmp_path, conflicts(4))
    for fmt in ("table", "markdown", "html"):
        out = run_cli("policy", path, "--as-of", "2025-06-01", "--format", fmt, "--max-findings", "1",
                      "--lang", "en").stdout
        flat = " ".join(out.split())
        assert f"({RULE}): 3 more finding(s) (error) not shown" in flat, fmt
        assert f"running the reintegration by one person ({RULE}): 3 more" in flat, fmt  # title first


def test_hidden_findings_keep_the_exit_code_even_when_every_shown_one_is_waived(tmp_path):
    """Fail closed: the shown findings are waived, the hidden ones are not, so the audit still fails;
    a waiver that may match a hidden finding is not reported as matching nothing."""
    waivers = {"version": 1, "waivers": [
        {"rule": RULE, "subject": "org-cap", "actor": actor, "justification": "REG-1: accepted for the test.",
         "author": "auditor-a", "approver": "auditor-b", "granted": "2025-05-01", "expires": "2026-05-01"}
        for actor in ("c00", "c01", "c03")]}
    waiver_path = tmp_path / "waivers.yaml"
    waiver_path.write_text(yaml.safe_dump(waivers), "utf-8")
    path = write(tmp_path, conflicts(4))
    result, data = audit(path, "--max-findings", "2", "--waivers", waiver_path, "--fail-on", "error")
    policy, waiver_result = data
    assert [f["status"] for f in rule_findings(policy)] == ["waived", "waived"]
    assert policy["summary"]["error"] == 2 and result.exit_code == 1  # c02 and c03, not shown
    assert not [f for f in waiver_result["findings"] if f["rule"] == "waiver.matches-nothing"]
    # without the cap the third waiver matches c03 and only c02 counts
    result, (policy, _) = audit(path, "--waivers", waiver_path)
    assert policy["summary"]["error"] == 1 and result.exit_code == 1


def test_the_cap_applies_to_a_dossier_too(tmp_path):
    """A dossier's role findings (one per actor) are capped like a policy's."""
    actors = [{"id": f"lg-{i}", "role": "leidinggevende"} for i in range(4)]
    events = [{"type": "probleemanalyse", "date": "2025-02-10", "by": [a["id"]]} for a in actors]
    dossier = {"dossier": "D-cap", "employer": "werkgever-x", "employee": "W-1", "first_sick_day": "2025-01-06",
               "actors": actors, "events": events}
    path = tmp_path / "dossier.yaml"
    path.write_text(yaml.safe_dump(dossier, sort_keys=False), "utf-8")
    full = json.loads(run_cli("dossier", path, "--as-of", "2025-06-01", "--format", "json").stdout)
    capped = json.loads(run_cli("dossier", path, "--as-of", "2025-06-01", "--format", "json",
                                "--max-findings", "1").stdout)
    notes = {n["rule"]: n["count"] for n in capped["notes"] if n["code"] == CAPPED}
    assert notes and all(count >= 1 for count in notes.values())
    assert capped["summary"] == full["summary"]
    assert len(capped["findings"]) == len(full["findings"]) - sum(notes.values())


def test_batch_workers_use_the_cap(tmp_path):
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps(conflicts(4)) + "\n" + json.dumps({**conflicts(3), "organisation": "org-b"})
                       + "\n", "utf-8")
    result = run_cli("batch", records, "--as-of", "2025-06-01", "--jobs", "2", "--max-findings", "1", "--quiet")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    notes = sorted((r["subject"], n["count"]) for r in lines if r.get("kind") == "policy" for n in r["notes"]
                   if n["code"] == CAPPED and n["rule"] == RULE)
    assert notes == [("org-b", 2), ("org-cap", 3)]


@pytest.mark.parametrize("value", ["0", "-1", str(10**7), str(2**63)])
def test_max_findings_has_bounds(tmp_path, value):
    result = run_cli("policy", write(tmp_path, conflicts(1)), "--max-findings", value)
    assert result.exit_code == 2


def test_run_rules_makes_at_most_the_cap_and_reports_the_rest(vocab, rulebook):
    from datetime import date

    from checker.model.policy import policy_from_dict
    from checker.roles.context import PolicyContext

    ctx = PolicyContext(policy=policy_from_dict(conflicts(7), vocab), as_of=date(2025, 6, 1), vocab=vocab)
    rules = [r for r in rulebook.for_subject("policy", date(2025, 6, 1)) if r.id == RULE]
    capped: list = []
    findings, _ = run_rules(rules, ctx, "org-cap", capped, max_findings=3)
    assert [f.actors for f in findings] == [("c00",), ("c01",), ("c02",)]
    assert [(n.code, n.rule, n.count, n.at_least) for n in capped] == [(CAPPED, RULE, 4, False)]


def test_the_api_takes_the_cap_without_changing_the_callers_setting():
    from checker.api import audit_record
    from checker.load.limits import max_findings

    before = max_findings()
    capped = audit_record(conflicts(4), "2025-06-01", max_findings=1)
    assert [n["count"] for n in capped["notes"] if n["code"] == CAPPED and n["rule"] == RULE] == [3]
    assert max_findings() == before
    whole = audit_record(conflicts(4), "2025-06-01", max_findings=100)
    assert len(rule_findings(whole)) == 4 and capped["summary"] == whole["summary"]


def test_sarif_says_that_results_were_left_out(tmp_path):
    import jsonschema

    from conftest import ROOT

    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    result = run_cli("policy", write(tmp_path, conflicts(5)), "--as-of", "2025-06-01", "--format", "sarif",
                     "--max-findings", "2", "--lang", "en")
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    assert [r["properties"]["actors"] for r in run["results"] if r["ruleId"] == RULE] == [["c00"], ["c01"]]
    (note,) = [n for n in run["invocations"][0]["toolExecutionNotifications"] if n["associatedRule"]["id"] == RULE]
    assert note["level"] == "error" and note["properties"]["count"] == 3 and "3 more finding(s)" in note["message"]["text"]
    assert "invocations" not in json.loads(run_cli("policy", write(tmp_path, conflicts(2), "few.yaml"), "--as-of",
                                                   "2025-06-01", "--format", "sarif").stdout)["runs"][0]


def test_a_rule_that_finds_without_end_is_stopped(vocab, rulebook):
    """The engine's bound does not trust a role kind: outcomes are pulled at most (1 + 100) x cap times."""
    from datetime import date
    from types import SimpleNamespace

    from checker.kinds.base import Outcome
    from checker.model.policy import policy_from_dict
    from checker.roles.context import PolicyContext

    pulled = []

    def check(rule, ctx):
        while True:
            pulled.append(1)
            yield Outcome("conflict", actors=(f"a{len(pulled)}",), timeline=False)

    rule = next(r for r in rulebook.for_subject("policy", date(2025, 6, 1)) if r.id == RULE)
    endless = SimpleNamespace(**{name: getattr(rule, name) for name in ("id", "severity", "version", "announced")},
                              module=SimpleNamespace(check=check, USES_ROLE_GRAPH=True))
    ctx = PolicyContext(policy=policy_from_dict(conflicts(1), vocab), as_of=date(2025, 6, 1), vocab=vocab)
    capped: list = []
    findings, _ = run_rules([endless], ctx, "org-cap", capped, max_findings=5)
    assert len(findings) == 5 and len(pulled) == 5 + 500
    assert [(n.count, n.at_least) for n in capped] == [(500, True)]


def test_which_findings_are_shown_does_not_depend_on_string_hashing(tmp_path):
    """The cap keeps the first findings a rule yields, so every kind must yield in a fixed order
    (rol.gezondheidsgegevens walked a set: its 100 shown actors changed with PYTHONHASHSEED)."""
    import os
    import subprocess
    import sys

    from conftest import ROOT

    actors = [{"id": f"hr-{i:03d}", "role": "hr"} for i in range(30)] + [
        {"id": f"cm-{i:03d}", "role": "casemanager_taakdelegatie", "titles": ["ROV"]} for i in range(30)]
    policy = {"organisation": "org-h", "arbo": {"regeling": "vangnet", "basiscontract": BASIS}, "actors": actors,
              "tasks": {"probleemanalyse": [a["id"] for a in actors], "regie_re_integratie": [a["id"] for a in actors]},
              "data": {"gezondheidsgegevens": [a["id"] for a in actors]}}
    path = write(tmp_path, policy)
    outputs = set()
    for seed in ("1", "4", "7"):
        done = subprocess.run([sys.executable, "-m", "checker.cli", "policy", str(path), "--as-of", "2025-06-01",
                               "--format", "json", "--max-findings", "3"], capture_output=True, text=True, cwd=ROOT,
                              env=dict(os.environ, PYTHONHASHSEED=seed))
        assert done.returncode == 1, done.stderr
        data = json.loads(done.stdout)
        assert [n for n in data["notes"] if n["code"] == CAPPED]
        outputs.add(json.dumps([(f["rule"], f["actors"]) for f in data["findings"]]))
    assert len(outputs) == 1


def test_a_step_rule_past_the_cap_keeps_its_whole_timeline_and_next_steps(tmp_path, monkeypatch):
    """Step rules (deadline, window, precedes, cadence) also make the timeline and "what next":
    past the cap their findings are counted, never cut off (review: --max-findings 2 dropped the
    missing evaluation from 'next')."""
    from datetime import date, timedelta

    start = date(2015, 1, 5)
    events = [{"type": "probleemanalyse", "date": "2015-02-09", "by": ["ba"]},
              {"type": "plan_van_aanpak", "date": "2015-02-23", "by": ["lg", "W-1"]}]
    events += [{"type": "evaluatie", "date": (start + timedelta(days=60 * n)).isoformat(), "by": ["lg", "W-1"]}
               for n in range(2, 12)]
    dossier = {"dossier": "D-steps", "employer": "werkgever-x", "employee": "W-1", "first_sick_day": start.isoformat(),
               "actors": [{"id": "ba", "role": "bedrijfsarts"}, {"id": "lg", "role": "leidinggevende"}],
               "events": events}
    path = tmp_path / "steps.yaml"
    path.write_text(yaml.safe_dump(dossier, sort_keys=False), "utf-8")
    args = ("dossier", path, "--as-of", "2016-12-31", "--format", "json")
    monkeypatch.setattr("checker.load.limits.FINDINGS_COUNTED_FACTOR", 1)  # a role rule would stop at once
    whole = json.loads(run_cli(*args, "--max-findings", "1000").stdout)
    capped = json.loads(run_cli(*args, "--max-findings", "1").stdout)
    late = [f for f in whole["findings"] if f["rule"] == "wvp.evaluatie"]
    assert len(late) > 3  # the dossier really has many evaluation findings
    assert capped["timeline"] == whole["timeline"] and capped["next"] == whole["next"]
    assert capped["summary"] == whole["summary"]
    (note,) = [n for n in capped["notes"] if n["code"] == CAPPED and n["rule"] == "wvp.evaluatie"]
    assert note["count"] == len(late) - 1 and note["at_least"] is False


def test_the_batch_summary_counts_findings_past_the_cap_per_rule(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, conflicts(7))
    result = run_cli("batch", folder, "--as-of", "2025-06-01", "--max-findings", "2", "--quiet", "--summary-only",
                     "--format", "json")
    summary = json.loads(result.stdout)["summary"] if result.stdout.lstrip().startswith("{") else None
    assert summary is not None, result.stdout[:300]
    (row,) = [r for r in summary["by_rule"] if r["rule"] == RULE]
    assert (row["findings"], row["dossiers"]) == (7, 1)  # 2 shown + 5 counted, in one record


def test_an_in_process_run_leaves_the_limits_as_it_found_them(tmp_path):
    """The CLI sets --max-findings/--max-errors for its run only: a test or program calling
    main() in-process, then the engine directly, gets the defaults back (this leaked once)."""
    from checker.load.limits import max_errors, max_findings

    before = (max_findings(), max_errors())
    result = run_cli("policy", write(tmp_path, conflicts(3)), "--max-findings", "1", "--max-errors", "7")
    assert result.exit_code == 1
    assert (max_findings(), max_errors()) == before
