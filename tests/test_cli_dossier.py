"""The ``dossier``, ``calendar`` and ``rules`` commands: formats, languages, exit codes (docs/cli.md)."""
from __future__ import annotations

import json
from datetime import date

import pytest

from checker.findings import FINDING_STATUSES, TIMELINE_STATUSES
from conftest import FIXTURES, run_cli, run_cli_json

DOSSIERS = FIXTURES / "dossiers"
BAKKERIJ = DOSSIERS / "example-bakkerij.yaml"  # three findings on 2026-01-15: two errors, one warning
COMPLIANT = DOSSIERS / "compliant-twee-jaar.yaml"  # no findings on 2025-12-15
WARNING_ONLY = DOSSIERS / "evaluaties-gestopt.yaml"  # one warning on 2025-08-01
EARLY = DOSSIERS / "vroege-eerstejaarsevaluatie.yaml"  # one early (warning) on 2025-10-20
SAMENTELLING = DOSSIERS / "samentelling-2022.yaml"
FINDING_KEYS = {"rule", "severity", "status", "due", "date", "message", "source"}
TIMELINE_KEYS = {"step", "due", "done", "status"}
EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def bakkerij(*options):
    return run_cli("dossier", BAKKERIJ, "--as-of", "2026-01-15", *options)


# --- dossier: formats and languages ------------------------------------------------------------

def test_table_is_dutch_by_default():
    result = bakkerij()
    assert result.exit_code == EXIT_FINDINGS
    for word in ("Bevindingen", "Tijdlijn", "Peildatum:", "do 2026-01-15", "ontbreekt", "te laat", "wvp.ziekmelding-uwv"):
        assert word in result.stdout
    assert "Findings" not in result.stdout
    assert result.stderr == ""


def test_table_in_english():
    result = bakkerij("--lang", "en")
    assert result.exit_code == EXIT_FINDINGS
    for word in ("Findings", "Timeline", "As of:", "Thu 2026-01-15", "missing", "late", "upcoming"):
        assert word in result.stdout
    assert "Bevindingen" not in result.stdout


def test_table_without_findings_says_so():
    result = run_cli("dossier", COMPLIANT, "--as-of", "2025-12-15")
    assert result.exit_code == EXIT_OK
    assert "Geen bevindingen." in result.stdout
    assert "op tijd" in result.stdout


def test_json_shape():
    result, data = run_cli_json("dossier", BAKKERIJ, "--as-of", "2026-01-15")
    assert result.exit_code == EXIT_FINDINGS
    assert data["kind"] == "dossier"
    assert data["subject"] == "D-2025-001"
    assert data["file"].endswith("example-bakkerij.yaml")
    assert data["as_of"] == "2026-01-15"
    assert [(f["rule"], f["status"], f["severity"], f["due"], f["date"]) for f in data["findings"]] == [
        ("wvp.plan-van-aanpak", "late", "error", "2025-02-24", "2025-03-11"),
        ("wvp.evaluatie", "late", "warning", "2025-08-19", "2025-12-15"),
        ("wvp.ziekmelding-uwv", "missing", "error", "2025-10-27", None),
    ]
    for finding in data["findings"]:
        assert FINDING_KEYS <= finding.keys()
        assert finding["status"] in FINDING_STATUSES
    for entry in data["timeline"]:
        assert TIMELINE_KEYS <= entry.keys()
        assert entry["status"] in TIMELINE_STATUSES
    upcoming = {e["step"] for e in data["timeline"] if e["status"] == "upcoming"}
    assert {"wvp.spoor2", "wvp.wia-aanvraag"} <= upcoming
    assert "upcoming" not in {f["status"] for f in data["findings"]}  # upcoming is timeline only


def test_json_messages_follow_the_language():
    _, dutch = run_cli_json("dossier", BAKKERIJ, "--as-of", "2026-01-15")
    _, english = run_cli_json("dossier", BAKKERIJ, "--as-of", "2026-01-15", "--lang", "en")
    uwv_nl = next(f for f in dutch["findings"] if f["rule"] == "wvp.ziekmelding-uwv")
    uwv_en = next(f for f in english["findings"] if f["rule"] == "wvp.ziekmelding-uwv")
    assert "uiterlijk 2025-10-27" in uwv_nl["message"]
    assert "by 2025-10-27" in uwv_en["message"]
    assert uwv_nl["source"] == uwv_en["source"] == "Ziektewet, art. 38 lid 1"


def test_json_fills_the_window_in_the_early_message():
    _, data = run_cli_json("dossier", EARLY, "--as-of", "2025-10-20")
    (finding,) = data["findings"]
    assert finding["status"] == "early" and finding["severity"] == "warning"
    assert "2025-08-18" in finding["message"] and "2025-10-05" in finding["message"]


def test_as_of_defaults_to_today():
    _, data = run_cli_json("dossier", COMPLIANT)
    assert data["as_of"] == date.today().isoformat()


def test_several_paths_give_a_json_array_in_path_order():
    result, data = run_cli_json("dossier", BAKKERIJ, COMPLIANT, "--as-of", "2026-01-15")
    assert result.exit_code == EXIT_FINDINGS
    assert isinstance(data, list)
    assert [d["subject"] for d in data] == ["D-2025-001", "D-2024-101"]
    assert all(d["as_of"] == "2026-01-15" for d in data)


def test_several_paths_in_a_table():
    result = run_cli("dossier", BAKKERIJ, COMPLIANT, "--as-of", "2026-01-15")
    assert "D-2025-001" in result.stdout and "D-2024-101" in result.stdout


def test_json_input_dossier():
    result, data = run_cli_json("dossier", DOSSIERS / "nieuwe-wachttijd.json", "--as-of", "2025-06-15")
    assert result.exit_code == EXIT_FINDINGS
    assert [(f["rule"], f["status"]) for f in data["findings"]] == [("wvp.probleemanalyse", "missing")]
    assert {n["code"] for n in data["notes"]} == {"earlier-wachttijden", "events-earlier-wachttijd"}


# --- dossier: exit codes and --fail-on ---------------------------------------------------------

@pytest.mark.parametrize("fail_on,path,as_of,code", [
    ("error", BAKKERIJ, "2026-01-15", EXIT_FINDINGS),
    ("warning", BAKKERIJ, "2026-01-15", EXIT_FINDINGS),
    ("never", BAKKERIJ, "2026-01-15", EXIT_OK),
    ("error", WARNING_ONLY, "2025-08-01", EXIT_OK),
    ("warning", WARNING_ONLY, "2025-08-01", EXIT_FINDINGS),
    ("never", WARNING_ONLY, "2025-08-01", EXIT_OK),
    ("warning", EARLY, "2025-10-20", EXIT_FINDINGS),
    ("error", EARLY, "2025-10-20", EXIT_OK),
    ("warning", COMPLIANT, "2025-12-15", EXIT_OK),
])
def test_fail_on(fail_on, path, as_of, code):
    assert run_cli("dossier", path, "--as-of", as_of, "--fail-on", fail_on).exit_code == code


def test_default_fail_on_is_error():
    assert run_cli("dossier", WARNING_ONLY, "--as-of", "2025-08-01").exit_code == EXIT_OK
    assert run_cli("dossier", BAKKERIJ, "--as-of", "2026-01-15").exit_code == EXIT_FINDINGS


def test_no_findings_exit_0():
    result, data = run_cli_json("dossier", COMPLIANT, "--as-of", "2025-12-15")
    assert result.exit_code == EXIT_OK
    assert data["findings"] == []


def test_missing_file_is_bad_input():
    result = run_cli("dossier", DOSSIERS / "does-not-exist.yaml")
    assert result.exit_code == EXIT_INPUT
    assert result.stdout == ""
    assert "does-not-exist.yaml" in result.stderr and "niet gevonden" in result.stderr


def test_invalid_dossier_is_bad_input_with_file_and_path(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("dossier: D-1\nemployer: e\nemployee: W-1\nfirst_sick_day: 2025-02-30\n", "utf-8")
    result = run_cli("dossier", bad, "--lang", "en")
    assert result.exit_code == EXIT_INPUT
    assert "bad.yaml:4" in result.stderr and "$.first_sick_day" in result.stderr
    assert "not a real date" in result.stderr


def test_one_bad_path_among_good_ones_still_reports_the_good_ones():
    result, data = run_cli_json("dossier", COMPLIANT, DOSSIERS / "does-not-exist.yaml", "--as-of", "2025-12-15")
    assert result.exit_code == EXIT_INPUT
    assert isinstance(data, list), "several paths give an array, even when only one could be read"
    assert [d["subject"] for d in data] == ["D-2024-101"]
    assert "does-not-exist.yaml" in result.stderr


@pytest.mark.parametrize("options", [
    ("--as-of", "2025-13-01"),
    ("--as-of", "yesterday"),
    ("--as-of", "15-01-2026"),
    ("--format", "xml"),
    ("--lang", "de"),
    ("--fail-on", "sometimes"),
    ("--no-such-option",),
])
def test_usage_errors_exit_2(options):
    result = run_cli("dossier", BAKKERIJ, *options)
    assert result.exit_code == EXIT_INPUT
    assert result.stdout == ""
    assert "Gebruik:" in result.stderr and "Fout:" in result.stderr  # click's words in the run's language
    assert "Usage" not in result.stderr and "Error" not in result.stderr


def test_no_path_is_a_usage_error():
    result = run_cli("dossier")
    assert result.exit_code == EXIT_INPUT
    assert "PATHS" in result.stderr


# --- calendar ----------------------------------------------------------------------------------

# wvp-facts.md §1.3 and the rules, first sick day Mon 6 Jan 2025 (worked out by hand)
CALENDAR_2025 = {
    "wvp.ziekmelding-bedrijfsarts": "2025-01-12",
    "wvp.probleemanalyse": "2025-02-16",
    "wvp.plan-van-aanpak": "2025-03-02",
    "wvp.casemanager": "2025-03-02",
    "wvp.ziekmelding-uwv": "2025-10-27",
    "wvp.eerstejaarsevaluatie": "2026-01-04",
    "wvp.spoor2": "2026-02-15",
    "wvp.re-integratieverslag": "2026-10-04",
    "wvp.actueel-oordeel": "2026-10-18",
    "wvp.wia-aanvraag": "2026-10-18",
}


def test_calendar_json_from_a_first_sick_day():
    result, data = run_cli_json("calendar", "--first-sick-day", "2025-01-06")
    assert result.exit_code == EXIT_OK
    assert {s["step"]: s["due"] for s in data["steps"]} == CALENDAR_2025
    assert [s["due"] for s in data["steps"]] == sorted(s["due"] for s in data["steps"])
    windows = {s["step"]: s["window_start"] for s in data["steps"] if "window_start" in s}
    assert windows == {"wvp.eerstejaarsevaluatie": "2025-11-17"}
    assert data["wachttijd_last_day"] == "2027-01-03"
    assert data["wachttijd_first_day_after"] == "2027-01-04"
    assert data["max_loonsanctie_end"] == "2028-01-02"


def test_calendar_table_from_a_first_sick_day():
    result = run_cli("calendar", "--first-sick-day", "2025-01-06")
    assert result.exit_code == EXIT_OK
    for text in ("wvp.probleemanalyse", "2025-02-16", "Laatste dag wachttijd", "2027-01-04"):
        assert text in result.stdout
    english = run_cli("calendar", "--first-sick-day", "2025-01-06", "--lang", "en")
    assert "Last day of the wachttijd" in english.stdout


def test_calendar_from_a_dossier_applies_samentelling():
    result, data = run_cli_json("calendar", SAMENTELLING)
    assert result.exit_code == EXIT_OK
    assert data["subject"] == "D-2022-103"
    assert data["wachttijd_first_day_after"] == "2024-01-22"
    steps = {s["step"]: s["due"] for s in data["steps"]}
    assert steps["wvp.probleemanalyse"] == "2022-02-13"  # before the gap: not moved
    assert steps["wvp.wia-aanvraag"] == "2023-11-05"  # 2023-10-15 + 21 gap days
    table = run_cli("calendar", SAMENTELLING)
    assert table.exit_code == EXIT_OK
    assert "2024-01-22" in table.stdout


def test_calendar_from_a_json_dossier_uses_the_latest_wachttijd():
    _, data = run_cli_json("calendar", DOSSIERS / "nieuwe-wachttijd.json")
    assert data["first_sick_day"] == "2025-04-14"
    assert {s["step"]: s["due"] for s in data["steps"]}["wvp.probleemanalyse"] == "2025-05-25"


@pytest.mark.parametrize("args", [
    ("calendar",),
    ("calendar", str(SAMENTELLING), "--first-sick-day", "2022-01-03"),
    ("calendar", "--first-sick-day", "2025-02-30"),
    ("calendar", "--first-sick-day", "6 januari"),
    ("calendar", "--first-sick-day", "2025-01-06", "--format", "vcs"),
])
def test_calendar_usage_errors_exit_2(args):
    result = run_cli(*args)
    assert result.exit_code == EXIT_INPUT
    assert result.stdout == ""


def test_calendar_with_a_missing_dossier_is_bad_input():
    result = run_cli("calendar", DOSSIERS / "does-not-exist.yaml")
    assert result.exit_code == EXIT_INPUT
    assert "does-not-exist.yaml" in result.stderr


# --- rules -------------------------------------------------------------------------------------

WVP_RULES = {"wvp." + name for name in (
    "actueel-oordeel", "casemanager", "eerstejaarsevaluatie", "evaluatie", "plan-van-aanpak", "probleemanalyse",
    "re-integratieverslag", "spoor2", "wia-aanvraag", "ziekmelding-bedrijfsarts", "ziekmelding-uwv")}


def test_rules_json_lists_every_wvp_rule_with_its_source():
    result, data = run_cli_json("rules")
    assert result.exit_code == EXIT_OK
    by_id = {r["id"]: r for r in data}
    assert WVP_RULES <= by_id.keys()
    assert by_id["wvp.evaluatie"]["severity"] == "warning" and by_id["wvp.evaluatie"]["kind"] == "cadence"
    assert by_id["wvp.ziekmelding-uwv"]["source"] == "Ziektewet, art. 38 lid 1"


def test_rules_table_and_markdown():
    table = run_cli("rules")
    assert table.exit_code == EXIT_OK
    assert "Regeling procesgang" in table.stdout and "wvp.wia-aanvraag" in table.stdout  # source under the title at 80
    assert "Severity" in run_cli("rules", "--lang", "en").stdout
    markdown = run_cli("rules", "--format", "markdown")
    assert markdown.stdout.startswith("# Regels")
    assert all(f"## {rule}" in markdown.stdout for rule in WVP_RULES)
    assert run_cli("rules", "--format", "markdown", "--lang", "en").stdout.startswith("# Rules")


def test_rules_unknown_format_exits_2():
    assert run_cli("rules", "--format", "pdf").exit_code == EXIT_INPUT


def test_json_output_is_valid_json_for_every_command():
    for args in (("rules", "--format", "json"), ("calendar", "--first-sick-day", "2025-01-06", "--format", "json"),
                 ("dossier", str(COMPLIANT), "--as-of", "2025-12-15", "--format", "json")):
        json.loads(run_cli(*args).stdout)


def test_appointment_without_actor_is_a_note():
    from conftest import audit_dict

    result = audit_dict({"dossier": "D-N", "employer": "e", "employee": "W-1", "first_sick_day": "2025-01-06",
                         "events": [{"type": "casemanager_aangewezen", "date": "2025-02-01"}]}, "2025-03-01")
    assert ("appointments-without-actor", 1) in {(n.code, n.count) for n in result.notes}
    assert "wvp.casemanager" not in {f.rule for f in result.findings}


def test_a_rules_folder_without_rule_files_is_bad_input(tmp_path):
    result = run_cli("rules", "--rules", tmp_path, "--lang", "en")
    assert result.exit_code == 2
    assert "no rule files found" in result.stderr


def test_markup_in_ids_and_file_names_prints_as_written(tmp_path):
    from conftest import run_cli_on_text

    result, _ = run_cli_on_text(
        tmp_path, "x[red]y.yaml",
        'dossier: "D[/]1"\nemployer: e\nemployee: W-1\nfirst_sick_day: 2025-01-06\n'
        'actors: [{id: "lg[bold]3", role: leidinggevende}]\n'
        'events: [{type: registratie_gezondheidsgegevens, date: 2025-01-08, by: "lg[bold]3"}]\n',
        "dossier", "--as-of", "2025-02-01")
    assert result.exit_code == 1, result.stderr
    assert "D[/]1" in result.stdout and "x[red]y.yaml" in result.stdout and "lg[bold]3" in result.stdout


def test_a_wachttijd_before_the_wvp_says_that_no_rule_is_in_force():
    from conftest import audit_dict

    result = audit_dict({"dossier": "D-OLD", "employer": "e", "employee": "W-1", "first_sick_day": "1995-01-02"},
                        "1998-01-01")
    assert not [f for f in result.findings if f.rule.startswith("wvp.")]
    notes = {n.code: n.count for n in result.notes}
    assert notes["rules-not-in-force"] >= 11


def test_an_as_of_before_the_first_sick_day_is_a_note():
    from conftest import audit_dict

    result = audit_dict({"dossier": "D-E", "employer": "e", "employee": "W-1", "first_sick_day": "2025-01-06"},
                        "2024-12-01")
    assert ("as-of-before-first-sick-day", 1) in {(n.code, n.count) for n in result.notes}
    assert not result.findings
