"""The public API ``checker.api.audit_record`` and running it over a Dask bag."""
from __future__ import annotations

import json
from datetime import date

import dask
import dask.bag as db
import pytest
from click.testing import CliRunner

from checker.api import audit_record
from checker.cli import main
from conftest import FIXTURES, ROOT, run_cli

import sys

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

AS_OF = "2026-01-15"


def test_audit_record_gives_what_dossier_format_json_prints():
    import yaml

    path = FIXTURES / "dossiers" / "example-bakkerij.yaml"
    record = yaml.safe_load(path.read_text("utf-8"))
    record["first_sick_day"] = record["first_sick_day"].isoformat()
    for event in record["events"]:
        event["date"] = event["date"].isoformat()
    expected = json.loads(run_cli("dossier", path, "--as-of", AS_OF, "--format", "json").stdout)
    got = audit_record(record, AS_OF, source=expected["file"])
    assert got == expected
    assert audit_record(record, date(2026, 1, 15), source=expected["file"]) == expected
    assert got["summary"]["error"] > 0


def test_audit_record_of_a_policy_and_in_english():
    record = {"organisation": "o", "arbo": {"regeling": "vangnet", "basiscontract": []},
              "actors": [{"id": "ba-1", "role": "bedrijfsarts"}], "tasks": {"probleemanalyse": ["ba-1"]}}
    result = audit_record(record, AS_OF, lang="en")
    assert result["kind"] == "policy" and result["subject"] == "o"
    assert any(f["rule"] == "arbo.basiscontract" for f in result["findings"])


def test_a_bad_record_gives_an_error_object_instead_of_raising():
    result = audit_record({"dossier": "D-1", "employer": "E", "employee": "W", "first_sick_day": "2025-02-30"},
                          AS_OF, source="export:7")
    assert result["kind"] == "error" and result["file"] == "export:7"
    assert [e["code"] for e in result["errors"]] == ["date.impossible"]
    assert result["errors"][0]["message"].startswith("export:7: $.first_sick_day: ")
    assert audit_record(["not", "a", "mapping"], AS_OF)["kind"] == "error"


def test_a_dask_bag_on_a_local_scheduler_gives_the_same_results_as_batch(tmp_path):
    sample = list(generate(60, seed=11))
    path = tmp_path / "sample.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in sample), encoding="utf-8")
    batch = CliRunner().invoke(main, ["batch", str(path), "--as-of", AS_OF, "--jobs", "2"])
    expected = [json.loads(line) for line in batch.stdout.splitlines()][:-1]
    bag = db.read_text(str(path)).map(json.loads).map(audit_record, AS_OF, source=expected[0]["file"])
    with dask.config.set(scheduler="processes", num_workers=2):
        assert bag.compute() == expected
