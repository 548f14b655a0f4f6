"""Waivers (docs/waivers.md): accepted findings stay visible, never count, and broken waivers are findings."""
from __future__ import annotations

import json

import pytest

from checker.load.schema import load_schema
from conftest import FIXTURES, run_cli

BAKKERIJ = FIXTURES / "dossiers" / "example-bakkerij.yaml"
WAIVERS = FIXTURES / "waivers" / "register-audit.yaml"
AS_OF = ("--as-of", "2026-01-15")

VALID = """\
waivers:
  - rule: wvp.ziekmelding-uwv
    subject: D-2025-001
    justification: "REG-9: the employer reported through the insurer; confirmation was filed later."
    author: auditor-a
    approver: auditor-b
    granted: 2025-12-01
    expires: {expires}
"""


def _check(tmp_path, text, *args):
    path = tmp_path / "w.yaml"
    path.write_text(text, encoding="utf-8")
    return run_cli("waivers", "check", path, *args)


def _json(*args):
    result = run_cli(*args, "--format", "json")
    return result, json.loads(result.stdout)


def test_register_audit_shows_waived_findings_apart_and_flags_broken_waivers():
    result, data = _json("dossier", BAKKERIJ, *AS_OF, "--waivers", WAIVERS, "--lang", "en")
    dossier, about = data
    by_rule = {f["rule"]: f for f in dossier["findings"]}
    assert by_rule["wvp.plan-van-aanpak"]["status"] == "waived"
    assert by_rule["wvp.plan-van-aanpak"]["waiver"] == {
        "reference": "REG-2025-031", "approver": "kwaliteit-mb", "expires": "2026-06-30", "status": "late", "number": 1}
    assert by_rule["wvp.evaluatie"]["status"] == "late"  # its waiver expired: counts again
    assert by_rule["wvp.ziekmelding-uwv"]["status"] == "missing"  # self-approved waiver: counts
    assert dossier["summary"] == {"error": 1, "warning": 1, "info": 0, "waived": 1}
    assert about["kind"] == "waivers"
    assert sorted((f["rule"], f["status"]) for f in about["findings"]) == [
        ("waiver.expired", "expired"), ("waiver.matches-nothing", "unused"),
        ("waiver.self-approved", "invalid"), ("waiver.unknown-rule", "invalid")]
    assert result.exit_code == 1  # the unwaived ziekmelding-uwv error


def test_json_with_waivers_matches_the_report_schema():
    from jsonschema import Draft202012Validator

    _, data = _json("dossier", BAKKERIJ, *AS_OF, "--waivers", WAIVERS)
    Draft202012Validator(load_schema("report")).validate(data)


def test_exit_code_follows_only_unwaived_findings(tmp_path):
    base = run_cli("dossier", BAKKERIJ, *AS_OF)
    assert base.exit_code == 1  # ziekmelding-uwv missing (error); the late plan is an error too
    text = VALID.format(expires="2026-12-01") + """\
  - rule: wvp.plan-van-aanpak
    subject: D-2025-001
    justification: "REG-10: plan made a day late during a closure; reviewed as complete."
    author: auditor-a
    approver: auditor-b
    granted: 2025-12-01
    expires: 2026-12-01
"""
    path = tmp_path / "w.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("dossier", BAKKERIJ, *AS_OF, "--waivers", path)
    assert result.exit_code == 0, result.stdout
    assert "REG-9" in result.stdout and "auditor-b" in result.stdout


def test_justification_is_never_printed(tmp_path):
    secret = "REG-11: behandeling in het buitenland wegens hernia, opname in kliniek"
    text = VALID.format(expires="2026-12-01").replace(
        "REG-9: the employer reported through the insurer; confirmation was filed later.", secret)
    path = tmp_path / "w.yaml"
    path.write_text(text, encoding="utf-8")
    for fmt in ("table", "json"):
        for lang in ("nl", "en"):
            result = run_cli("dossier", BAKKERIJ, *AS_OF, "--waivers", path, "--format", fmt, "--lang", lang)
            out = result.stdout + result.stderr
            assert "REG-11" in out
            assert "hernia" not in out and "buitenland" not in out


def test_expiry_more_than_two_years_after_granting_is_bad_input(tmp_path):
    result = _check(tmp_path, VALID.format(expires="2027-12-02"))
    assert result.exit_code == 2
    assert "w.yaml:8:" in result.stderr and "$.waivers[0].expires" in result.stderr
    ok = _check(tmp_path, VALID.format(expires="2027-12-01"), "--as-of", "2026-01-01")
    assert ok.exit_code == 0, ok.stdout


def test_a_justification_without_a_sentence_is_bad_input(tmp_path):
    text = VALID.format(expires="2026-12-01").replace(
        '"REG-9: the employer reported through the insurer; confirmation was filed later."', "REG-9")
    result = _check(tmp_path, text, "--lang", "en")
    assert result.exit_code == 2
    assert "$.waivers[0].justification" in result.stderr and "a reference" in result.stderr


def test_waivers_check_lints_the_file_alone():
    result, data = _json("waivers", "check", WAIVERS, *AS_OF)
    assert data["kind"] == "waivers"
    assert sorted(f["rule"] for f in data["findings"]) == ["waiver.expired", "waiver.self-approved",
                                                          "waiver.unknown-rule"]
    assert result.exit_code == 1  # warnings fail `waivers check` by default
    early = run_cli("waivers", "check", WAIVERS, "--as-of", "2025-12-15", "--fail-on", "error")
    assert early.exit_code == 0


def test_policy_conflict_can_be_waived_for_one_actor(tmp_path):
    policy = FIXTURES / "policies" / "dubbele-pet.yaml"
    _, before = _json("policy", policy)
    conflict = next(f for f in before["findings"] if f["rule"] == "rol.dubbele-pet")
    actor = conflict["actors"][0]
    text = f"""\
waivers:
  - rule: rol.dubbele-pet
    subject: {before['subject']}
    actor: {actor}
    justification: "REG-12: the register accepts this setup during the transition to a new arbodienst."
    author: auditor-a
    approver: auditor-b
    granted: 2025-05-01
    expires: 2025-12-31
"""
    path = tmp_path / "w.yaml"
    path.write_text(text, encoding="utf-8")
    _, (after, about) = _json("policy", policy, "--waivers", path)
    waived = [f for f in after["findings"] if f["rule"] == "rol.dubbele-pet"]
    assert waived and all(f["status"] == "waived" for f in waived if actor in f["actors"])
    assert about["findings"] == []


@pytest.mark.parametrize("change,where,words", [
    (("granted: 2025-12-01", "granted: 2025-02-30"), "$.waivers[0].granted", "not a real date"),
    (("expires: {expires}", "expires: 2025-11-01"), "$.waivers[0].expires", "before the date granted"),
    (("approver: auditor-b", "approver: Jan de Vries"), "$.waivers[0].approver", "a user name"),
    (("author: auditor-a", "auteur: auditor-a"), "$.waivers[0].auteur", "unknown field 'auteur'"),
    (("rule: wvp.ziekmelding-uwv", "rule: Ziekmelding UWV"), "$.waivers[0].rule", "a rule id"),
])
def test_a_broken_waiver_is_one_clear_message_with_file_line_and_path(tmp_path, change, where, words):
    text = VALID.replace(*change).format(expires="2026-12-01")
    result = _check(tmp_path, text, "--lang", "en")
    assert result.exit_code == 2
    (line, summary) = result.stderr.strip().splitlines()
    assert line.split(":")[0].endswith("w.yaml") and where in line and words in line, line
    assert "Jan de Vries" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "html", "sarif"])
def test_every_report_format_shows_the_waiver_but_never_its_justification(tmp_path, fmt):
    secret = "REG-13: opname in het ziekenhuis wegens hartklachten, daarom later gemaakt"
    text = VALID.replace("rule: wvp.ziekmelding-uwv", "rule: wvp.plan-van-aanpak").replace(
        '"REG-9: the employer reported through the insurer; confirmation was filed later."', f'"{secret}"')
    path = tmp_path / "w.yaml"
    path.write_text(text.format(expires="2026-12-01"), encoding="utf-8")
    result = run_cli("dossier", BAKKERIJ, *AS_OF, "--waivers", path, "--format", fmt, "--lang", "en")
    assert "REG-13" in result.stdout and "auditor-b" in result.stdout
    assert "ziekenhuis" not in result.stdout and "hartklachten" not in result.stdout
    if fmt == "sarif":  # a waived result is a SARIF suppression, and the log stays valid SARIF 2.1.0
        import jsonschema

        from conftest import ROOT

        log = json.loads(result.stdout)
        schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
        jsonschema.Draft4Validator(schema).validate(log)
        waived = [r for run in log["runs"] for r in run["results"] if r.get("suppressions")]
        assert [r["ruleId"] for r in waived] == ["wvp.plan-van-aanpak"]
