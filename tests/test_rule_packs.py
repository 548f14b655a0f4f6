"""Rule packs (docs/rule-packs.md): rules validate, rules test, overrides and pack.yaml adjustments."""
from __future__ import annotations

import json
import shutil

import pytest

from checker.rulebook import load_rulebook
from checker.rulebook import DEFAULT_RULE_DIRS
from conftest import FIXTURES, ROOT, run_cli

PACK = FIXTURES / "packs" / "register-example"
BAKKERIJ = FIXTURES / "dossiers" / "example-bakkerij.yaml"
PLAN = (ROOT / "rules" / "wvp" / "plan-van-aanpak.yaml").read_text("utf-8")


@pytest.fixture
def pack(tmp_path, monkeypatch):
    """An empty pack folder; the CLI runs in tmp_path so file names are short."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p" / "reg" / "tests").mkdir(parents=True)
    return tmp_path / "p"


def test_example_pack_is_valid_and_its_cases_pass():
    valid = run_cli("rules", "validate", PACK, "--lang", "en")
    assert valid.exit_code == 0, valid.stderr
    assert "2 rule(s) in the packs, 10 test case(s)" in valid.stdout
    assert "severity of wvp.evaluatie is error (was warning)" in valid.stdout
    tested = run_cli("rules", "test", PACK, "--format", "json")
    data = json.loads(tested.stdout)
    assert tested.exit_code == 0
    assert data["summary"] == {"passed": 10, "failed": 0} and data["without_cases"] == []
    assert {c["rule"] for c in data["cases"]} == {"register.probleemanalyse-week-4", "register.evaluatie-vier-weken"}


def test_shipped_rules_pass_rules_test():
    result = run_cli("rules", "test", ROOT / "rules", ROOT / "roles" / "constraints", "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["summary"]["failed"] == 0 and data["without_cases"] == []


def test_a_failing_case_shows_expected_and_found_and_exits_1(pack):
    (pack / "reg" / "pa.yaml").write_text(
        (PACK / "register" / "probleemanalyse-week-4.yaml").read_text("utf-8")
        .replace("id: register.probleemanalyse-week-4", "id: reg.pa").replace("day: 28", "day: 27"), "utf-8")
    (pack / "reg" / "tests" / "pa.yaml").write_text("""\
rule: reg.pa
cases:
  - name: day 28 is on time
    as_of: 2025-06-01
    dossier: {first_sick_day: 2025-01-06, events: [{type: probleemanalyse, date: 2025-02-02}]}
    expect: []
""", "utf-8")
    result = run_cli("rules", "test", "p", "--lang", "en")
    assert result.exit_code == 1
    assert "FAIL" in result.stdout and "status=late, due=2025-02-01, date=2025-02-02" in result.stdout
    assert "p/reg/tests/pa.yaml:3" in result.stdout
    assert "Rule reg.pa lacks a test case: one where it fires." in result.stdout


def test_validate_reports_every_problem_with_file_line_and_path(pack):
    (pack / "reg" / "x.yaml").write_text(PLAN.replace("id: wvp.plan-van-aanpak", "id: reg.x")
                                         .replace("kind: deadline", "kind: deadlin"), "utf-8")
    (pack / "reg" / "y.yaml").write_text(PLAN.replace("id: wvp.plan-van-aanpak", "id: reg.y")
                                         .replace("event: [plan_van_aanpak,", "event: [plan_van_aanpk,"), "utf-8")
    (pack / "wvp").mkdir()
    (pack / "wvp" / "plan-van-aanpak.yaml").write_text(PLAN, "utf-8")
    (pack / "pack.yaml").write_text("adjust:\n  - rule: wvp.evaluatie\n    disabled: true\n", "utf-8")
    result = run_cli("rules", "validate", "p", "--lang", "en")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert any(line.startswith("p/reg/x.yaml:2:7: $.kind: unknown rule kind 'deadlin'") for line in lines)
    assert any(line.startswith("p/reg/y.yaml:") and "unknown event type 'plan_van_aanpk'" in line for line in lines)
    assert any(line.startswith("p/wvp/plan-van-aanpak.yaml:1:") and "overrides:" in line for line in lines)
    assert any(line.startswith("p/pack.yaml:2:5: $.adjust[0]: required field 'reason'") for line in lines)


def test_an_override_with_a_reason_replaces_the_shipped_rule_and_every_report_says_so(pack, vocab):
    (pack / "wvp").mkdir()
    (pack / "wvp" / "plan-van-aanpak.yaml").write_text(
        PLAN.replace("day: 56", "day: 49") + "overrides:\n  rule: wvp.plan-van-aanpak\n"
        "  reason: Het register vraagt het plan in week 7.\n", "utf-8")
    book = load_rulebook(DEFAULT_RULE_DIRS + (pack,), vocab)
    assert book.by_id()["wvp.plan-van-aanpak"].params["due"]["day"] == 49
    assert [(a.rule, a.change) for a in book.adjustments] == [("wvp.plan-van-aanpak", "overrides")]
    result = run_cli("dossier", BAKKERIJ, "--as-of", "2026-01-15", "--rules", "p", "--format", "json")
    assert json.loads(result.stdout)["adjustments"][0]["reason"] == "Het register vraagt het plan in week 7."
    table = run_cli("dossier", BAKKERIJ, "--as-of", "2026-01-15", "--rules", "p", "--lang", "en")
    assert "rule wvp.plan-van-aanpak is replaced by wvp.plan-van-aanpak" in table.stdout


def test_pack_can_switch_a_rule_off_and_change_a_severity_only_with_a_reason(pack):
    shutil.copytree(PACK / "register", pack / "register")
    (pack / "pack.yaml").write_text("""\
adjust:
  - rule: wvp.evaluatie
    disabled: true
    reason: "Het register toetst evaluaties met register.evaluatie-vier-weken."
  - rule: wvp.ziekmelding-uwv
    severity: info
    reason: "Voorbeeld: alleen ter informatie.\\nTweede regel\\twordt platgeslagen."
""", "utf-8")
    result = run_cli("dossier", BAKKERIJ, "--as-of", "2026-01-15", "--rules", "p", "--format", "json")
    data = json.loads(result.stdout)
    rules = {f["rule"]: f["severity"] for f in data["findings"]}
    assert "wvp.evaluatie" not in rules and rules["wvp.ziekmelding-uwv"] == "info"
    assert [(a["rule"], a["change"]) for a in data["adjustments"]] == [
        ("wvp.evaluatie", "disabled"), ("wvp.ziekmelding-uwv", "severity")]
    assert data["adjustments"][1]["reason"] == "Voorbeeld: alleen ter informatie. Tweede regel wordt platgeslagen."
    listing = run_cli("rules", "--rules", "p", "--lang", "en")
    assert "rule wvp.evaluatie is switched off" in listing.stdout


def test_plain_rules_listing_still_works():
    result = run_cli("rules", "--format", "json")
    assert result.exit_code == 0
    assert "wvp.probleemanalyse" in {r["id"] for r in json.loads(result.stdout)}


def test_the_readme_section_for_registers_runs_as_written():
    import re
    import shlex

    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## For registers and arbodiensten", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    commands = [shlex.split(line.split("#", 1)[0]) for line in block.replace("\\\n", " ").splitlines() if line]
    codes = []
    for words in commands:
        assert words[0] == "verzuimcheck"
        result = run_cli(*[str(ROOT / w) if w.startswith("fixtures/") else w for w in words[1:]])
        codes.append(result.exit_code)
        if words[1] == "dossier":
            assert "REG-2025-031" in result.stdout and "waiver.self-approved" in result.stdout
            assert "waiver.expired" in result.stdout and "wvp.evaluatie" in result.stdout
    assert codes == [0, 0, 1]  # valid pack, passing cases, and the audit has unwaived errors


def test_the_calendar_report_shows_pack_changes_too():
    from jsonschema import Draft202012Validator

    from checker.load.schema import load_schema

    result = run_cli("calendar", "--first-sick-day", "2025-01-06", "--rules", PACK, "--format", "json")
    data = json.loads(result.stdout)
    Draft202012Validator(load_schema("calendar")).validate(data)
    assert [(a["rule"], a["change"]) for a in data["adjustments"]] == [("wvp.evaluatie", "severity")]
    table = run_cli("calendar", "--first-sick-day", "2025-01-06", "--rules", PACK, "--lang", "en")
    assert "severity of wvp.evaluatie is error (was warning)" in table.stdout


def test_a_folder_inside_the_shipped_rules_is_not_loaded_twice():
    result = run_cli("rules", "validate", ROOT / "rules" / "wvp", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    count = len(list((ROOT / "rules" / "wvp").glob("*.yaml")))
    assert f"No problems: {count} rule(s) in the packs" in result.stdout
