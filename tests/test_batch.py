"""``verzuimcheck batch``: the same answers as single-file audits whatever --jobs, every bad
record reported and none stopping the batch, the input kinds, the summary and exit codes."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.api import audit_record
from checker.cli import main
from conftest import FIXTURES, ROOT, run_cli

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

AS_OF = "2026-01-15"


def batch(*args, stdin: str | None = None):
    result = CliRunner().invoke(main, ["batch", *map(str, args), "--as-of", AS_OF], input=stdin,
                                catch_exceptions=False)
    return result


def jsonl(text: str) -> list:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def single(path: Path) -> dict:
    command = "policy" if path.parent.name == "policies" else "dossier"
    result = run_cli(command, path, "--as-of", AS_OF, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_over_every_fixture_equals_the_single_file_audits(jobs):
    result = batch(FIXTURES / "dossiers", FIXTURES / "policies", "--jobs", jobs)
    records = jsonl(result.stdout)
    summary = records.pop()
    assert summary["kind"] == "summary"
    files = sorted((FIXTURES / "dossiers").glob("*.y*ml")) + sorted((FIXTURES / "dossiers").glob("*.json"))
    files = sorted(files, key=lambda p: p.name) + sorted((FIXTURES / "policies").glob("*.yaml"))
    assert len(records) == len(files) == summary["records"] == summary["audited"]
    by_file = {r["file"]: r for r in records}
    for path in files:
        expected = single(path)
        assert by_file[expected["file"]] == expected
    assert result.exit_code == 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_over_a_generated_sample_equals_the_api_record_by_record(tmp_path, jobs):
    sample = list(generate(300, seed=7))
    path = tmp_path / "sample.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in sample), encoding="utf-8")
    records = jsonl(batch(path, "--jobs", jobs).stdout)[:-1]
    assert records == [audit_record(d, AS_OF, source="sample.jsonl") | {"file": records[i]["file"]}
                       for i, d in enumerate(sample)]
    assert {r["file"] for r in records} == {str(path) if Path(records[0]["file"]).is_absolute() else records[0]["file"]}


def test_bad_records_are_reported_with_their_line_and_never_stop_the_batch(tmp_path):
    good = json.dumps(next(generate(1)))
    lines = [good, "{not json", json.dumps({"dossier": "D-9"}), "", '{"dossier": NaN}', good]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = batch(path, "--jobs", "1")
    records = jsonl(result.stdout)
    summary = records.pop()
    assert [r["kind"] for r in records] == ["dossier", "error", "error", "error", "dossier"]
    assert summary["records"] == 5 and summary["unreadable"] == 3 and summary["audited"] == 2
    lines_named = [e["line"] for r in records if r["kind"] == "error" for e in r["errors"]]
    assert 2 in lines_named and 3 in lines_named and 5 in lines_named
    listed = [m for entry in summary["unreadable_inputs"] for m in entry["errors"]]
    assert any(f"{path.name}:3:1: $: " in m for m in listed)
    assert result.exit_code == 2
    assert "mixed.jsonl:2" in result.stderr  # the unreadable records are listed on stderr as well


def test_a_directory_with_good_late_broken_and_hostile_files(tmp_path):
    exports = tmp_path / "exports"
    (exports / "sub").mkdir(parents=True)
    for name in ("example-bakkerij.yaml", "late-plan-van-aanpak.yaml"):
        (exports / name).write_bytes((FIXTURES / "dossiers" / name).read_bytes())
    for name in ("alias-bomb.yaml", "deep-nesting.json", "nul-bytes.yaml", "misspelled-field.yaml"):
        (exports / "sub" / name).write_bytes((FIXTURES / "invalid" / name).read_bytes())
    (exports / "notes.txt").write_text("not a dossier", encoding="utf-8")
    out = tmp_path / "results.jsonl"
    result = batch(exports, "--output", out, "--jobs", "2")
    assert result.exit_code == 2
    records = jsonl(out.read_text("utf-8"))
    summary = records.pop()
    assert summary["records"] == 6 and summary["unreadable"] == 4
    assert sorted(Path(e["file"]).name for e in summary["unreadable_inputs"]) == [
        "alias-bomb.yaml", "deep-nesting.json", "misspelled-field.yaml", "nul-bytes.yaml"]
    assert summary["most_serious"][0]["error"] >= summary["most_serious"][-1]["error"]
    assert "4" in result.stderr and "misspelled-field.yaml" in result.stderr


def test_stdin_json_lines_and_summary_only(tmp_path):
    text = "".join(json.dumps(d) + "\n" for d in generate(20, seed=3))
    result = batch("-", "--summary-only", "--jobs", "1", stdin=text)
    records = jsonl(result.stdout)
    assert len(records) == 1 and records[0]["kind"] == "summary" and records[0]["records"] == 20


def test_formats_json_csv_table_html(tmp_path):
    path = FIXTURES / "dossiers" / "example-bakkerij.yaml"
    payload = json.loads(batch(path, "--format", "json", "--jobs", "1").stdout)
    assert payload["results"][0]["subject"] == "D-2025-001" and payload["summary"]["audited"] == 1
    rows = list(csv.DictReader(io.StringIO(batch(path, "--format", "csv", "--jobs", "1").stdout)))
    assert {r["rule"] for r in rows} == {f["rule"] for f in payload["results"][0]["findings"]}
    table = batch(path, "--format", "table", "--jobs", "1", "--lang", "en").stdout
    assert "Findings per rule" in table and "bakkerij-de-vries" in table
    page = batch(path, "--format", "html", "--jobs", "1").stdout
    assert page.startswith("<!doctype html>") and "bakkerij-de-vries" in page


def test_csv_event_export_gives_the_same_result_as_the_yaml_dossier(tmp_path):
    export = (ROOT / "docs" / "batch-template.csv").read_text("utf-8")
    path = tmp_path / "export.csv"
    path.write_text(export, encoding="utf-8")
    records = jsonl(batch(path, "--jobs", "1").stdout)
    summary = records.pop()
    assert summary["unreadable"] == 0 and summary["audited"] == 1
    yaml_version = single(FIXTURES / "dossiers" / "example-bakkerij.yaml")
    assert records[0]["findings"] == yaml_version["findings"] and records[0]["timeline"] == yaml_version["timeline"]


def test_csv_export_errors_point_at_the_row(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("dossier,employer,employee,first_sick_day,period_from,period_to,event,date,by\n"
                    "D-1,w,W-1,2025-01-06,,,probleemanalyse,2025-02-30,\n"
                    "D-2,w,W-2,2025-01-06,,,ziekmelding_bedrijfsarts,2025-01-07,\n"
                    "D-1,w,W-1,2025-01-06,,,evaluatie,2025-03-01,\n", encoding="utf-8")
    result = batch(path, "--jobs", "1")
    records = jsonl(result.stdout)
    assert [r["kind"] for r in records[:-1]] == ["error", "dossier", "error"]
    assert records[0]["errors"][0]["line"] == 2 and "$.events[0].date" in records[0]["errors"][0]["message"]
    assert records[2]["errors"][0]["code"] == "csv.split-dossier" and records[2]["errors"][0]["line"] == 4
    missing = tmp_path / "short.csv"
    missing.write_text("dossier,date\nD-1,2025-01-01\n", encoding="utf-8")
    (error,) = jsonl(batch(missing, "--jobs", "1").stdout)[0]["errors"]
    assert error["code"] == "csv.missing-column"
    assert "{" not in error["message"] and error.get("column") is None  # the names fill the message, not a column


def test_exit_codes_follow_fail_on(tmp_path):
    clean = FIXTURES / "dossiers" / "compliant-twee-jaar.yaml"
    assert batch(clean, "--jobs", "1", "--as-of", "2025-01-10").exit_code in (0, 1)
    assert batch(FIXTURES / "dossiers" / "example-bakkerij.yaml", "--jobs", "1", "--fail-on", "never").exit_code == 0
    assert batch(FIXTURES / "dossiers" / "example-bakkerij.yaml", "--jobs", "1").exit_code == 1


def test_output_never_overwrites_an_input(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.yaml").write_bytes((FIXTURES / "dossiers" / "example-bakkerij.yaml").read_bytes())
    assert batch(folder, "--output", folder / "a.yaml").exit_code == 2
    assert batch(folder, "--output", folder / "results.json").exit_code == 2
    assert (folder / "a.yaml").read_bytes() == (FIXTURES / "dossiers" / "example-bakkerij.yaml").read_bytes()


def test_by_registration_groups_a_professional_over_dossiers_and_policies(tmp_path):
    import yaml

    rsc = {"register": "RSC", "number": 1001}
    dossier = {"dossier": "D-R1", "employer": "bakkerij", "employee": "W-1", "first_sick_day": "2025-01-06",
               "actors": [{"id": "anna", "role": "casemanager", "employer": "arbo-noord", "titles": ["ROV"],
                           "registration": rsc}, {"id": "ba", "role": "bedrijfsarts"}],
               "events": [{"type": "uitvraag_taakdelegatie", "date": "2025-01-08", "by": "anna"},
                          {"type": "probleemanalyse", "date": "2025-02-10", "by": "ba"}]}
    other = {**dossier, "dossier": "D-R2", "employer": "drukkerij",
             "actors": [{"id": "a-2", "role": "casemanager", "titles": ["ROV"], "registration": rsc}],
             "events": [{"type": "evaluatie", "date": "2025-03-01", "by": "a-2"}]}
    policy = {"organisation": "slagerij", "arbo": {"regeling": "vangnet"},
              "actors": [{"id": "p-anna", "role": "casemanager", "acts_for": "werkgever", "titles": ["ROV"],
                          "registration": {"register": "RSC", "number": "1001"}},
                         {"id": "cmtd", "role": "casemanager_taakdelegatie", "titles": ["CMTD"],
                          "registration": {"register": "RSC", "number": "2002"}}],
              "tasks": {"regie_re_integratie": ["p-anna"], "uitvraag_taakdelegatie": ["cmtd"]}}
    for name, data in (("d1.yaml", dossier), ("d2.json", other), ("p.yaml", policy)):
        text = json.dumps(data) if name.endswith(".json") else yaml.safe_dump(data)
        (tmp_path / name).write_text(text, encoding="utf-8")
    for jobs in ("1", "2"):
        result = batch(tmp_path, "--by", "registration", "--format", "json", "--jobs", jobs)
        people = json.loads(result.stdout)["summary"]["by_registration"]
        assert [(p["register"], p["number"]) for p in people] == [("RSC", "1001"), ("RSC", "2002")]
        anna = people[0]
        assert anna["organisations"] == ["arbo-noord", "drukkerij", "slagerij"]
        assert anna["dossiers"] == 3 and anna["subjects"] == ["D-R1", "D-R2", "slagerij"]
        assert anna["tasks"] == ["evaluatie", "regie_re_integratie", "uitvraag_taakdelegatie"]
        assert anna["titles"] == ["ROV"] and anna["title_misfits"] == 1
        assert {"subject": "D-R1", "rule": "rol.titel-past-niet", "severity": "warning",
                "status": "conflict"} in anna["findings"]
        assert people[1]["title_misfits"] == 0 and people[1]["tasks"] == ["uitvraag_taakdelegatie"]
    table = batch(tmp_path, "--by", "registration", "--format", "table", "--jobs", "1", "--lang", "en").stdout
    assert "Per registered professional" in table and "1001" in table


def test_progress_counts_records_and_input_bytes(monkeypatch, tmp_path):
    from checker.batch import run, work
    from checker.batch.inputs import total_bytes

    path = tmp_path / "s.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in generate(700, seed=2)), encoding="utf-8")
    seen = []
    settings = work.Settings(as_of=__import__("datetime").date(2026, 1, 15))
    results = list(run.results([str(path)], settings, 1, on_chunk=lambda n, size: seen.append((n, size))))
    assert len(results) == 700 and sum(n for n, _ in seen) == 700 and len(seen) == 2  # chunks of 512
    assert sum(size for _, size in seen) == total_bytes([str(path)]) == path.stat().st_size
    assert total_bytes([str(tmp_path)]) is None


def test_a_fifo_in_an_export_folder_is_listed_not_waited_for(tmp_path):
    import os

    os.mkfifo(tmp_path / "stuck.yaml")
    (tmp_path / "ok.yaml").write_bytes((FIXTURES / "dossiers" / "example-bakkerij.yaml").read_bytes())
    result = batch(tmp_path, "--jobs", "1")
    summary = jsonl(result.stdout)[-1]
    assert summary["audited"] == 1 and summary["unreadable"] == 1
    assert "stuck.yaml" in summary["unreadable_inputs"][0]["file"] and result.exit_code == 2


def test_a_csv_export_that_breaks_half_way_is_listed_and_the_batch_goes_on(tmp_path):
    good = tmp_path / "a-good.csv"
    good.write_text((ROOT / "docs" / "batch-template.csv").read_text("utf-8"), encoding="utf-8")
    broken = tmp_path / "b-broken.csv"
    broken.write_bytes((ROOT / "docs" / "batch-template.csv").read_bytes() + b"D-9,w,W-9,2025-01-06,,,x\xff\n")
    nul = tmp_path / "c-nul.csv"
    nul.write_bytes(b"dossier,employer\nD-1,\x00\n")
    records = jsonl(batch(good, broken, nul, "--jobs", "1").stdout)
    summary = records.pop()
    assert summary["audited"] == 1  # a small file fails at its first read: nothing of it is audited
    assert sorted(Path(e["file"]).name for e in summary["unreadable_inputs"]) == ["b-broken.csv", "c-nul.csv"]
