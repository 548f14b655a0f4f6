"""The broken-input corpus (fixtures/invalid/): every file gives exactly its expected errors.

``fixtures/invalid/expected.yaml`` lists, per file, each error's code, line,
column and JSON path; for some files also the exact message in English and
Dutch. The CLI must exit 2 on every one of them, name the file, and never show
a traceback. ``fixtures/accepted/`` holds unusual files that must load.
"""
from __future__ import annotations

import json
import os
from datetime import date

import pytest
import yaml

from checker.errors import InputErrors
from checker.load.document import DEFAULT_MAX_BYTES, load_document
from checker.messages import render_error
from checker.model.dossier import load_dossier
from conftest import FIXTURES, audit_dict, dossier_from_dict, run_cli

INVALID = FIXTURES / "invalid"
ACCEPTED = FIXTURES / "accepted"
EXPECTED = yaml.safe_load((INVALID / "expected.yaml").read_text("utf-8"))
CORPUS = sorted(p for p in INVALID.iterdir() if p.name != "expected.yaml")


def errors_of(path, vocab, **kwargs) -> list:
    """The errors of a dossier file, loaded as the CLI loads it (deviable steps from the rulebook)."""
    from checker.rulebook import default_rulebook

    kwargs.setdefault("steps", default_rulebook().deviable_ids())
    with pytest.raises(InputErrors) as caught:
        load_dossier(path, vocab, **kwargs)
    return caught.value.errors


def as_rows(errors) -> list:
    return [(e.code, e.line, e.column, e.json_path) for e in errors]


def test_corpus_is_complete():
    assert len(CORPUS) >= 20
    assert sorted(EXPECTED) == [p.name for p in CORPUS]
    assert {p.suffix for p in CORPUS} == {".yaml", ".json"}


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_file_gives_exactly_its_expected_errors(path, vocab):
    expected = [(e["code"], e["line"], e["column"], e["path"]) for e in EXPECTED[path.name]["errors"]]
    assert as_rows(errors_of(path, vocab)) == expected


RENDERED = [(name, lang) for name, spec in EXPECTED.items() for lang in ("en", "nl") if lang in spec]


@pytest.mark.parametrize("name, lang", RENDERED, ids=[f"{n}-{lang}" for n, lang in RENDERED])
def test_exact_message(name, lang, vocab):
    error = errors_of(INVALID / name, vocab)[0]
    assert render_error(error, lang) == EXPECTED[name][lang].replace("{file}", error.file)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_cli_exits_2_naming_the_file_without_traceback(path):
    result = run_cli("dossier", path, "--as-of", "2025-06-01")
    assert result.exit_code == 2
    assert result.stdout == ""
    first_line = EXPECTED[path.name]["errors"][0]["line"]
    assert result.stderr.startswith(os.path.relpath(path) + (f":{first_line}" if first_line else ":"))
    assert "Traceback" not in result.output


def test_every_file_of_a_batch_is_reported_and_valid_ones_still_audited():
    example = FIXTURES / "dossiers" / "example-bakkerij.yaml"
    result = run_cli("dossier", example, *CORPUS, "--as-of", "2025-06-01", "--lang", "en")
    assert result.exit_code == 2
    assert "D-2025-001" in result.stdout
    reported = {line.split(":")[0] for line in result.stderr.splitlines()[:-1]}
    assert reported == {os.path.relpath(p) for p in CORPUS}
    total = sum(len(spec["errors"]) for spec in EXPECTED.values())
    assert result.stderr.splitlines()[-1] == f"{total} input error(s)"


@pytest.mark.parametrize("lang, words", [("nl", "bedoelde u 'first_sick_day'?"), ("en", "did you mean 'first_sick_day'?")])
def test_message_shape_in_both_languages(lang, words):
    path = INVALID / "misspelled-field.yaml"
    result = run_cli("dossier", path, "--lang", lang)
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{os.path.relpath(path)}:5:1: $.first_sick_dya: ")
    assert first.endswith(f"({words})")


def test_dutch_is_the_default():
    result = run_cli("dossier", INVALID / "impossible-date.yaml")
    assert "'2025-02-30' is geen bestaande datum" in result.stderr
    assert result.stderr.splitlines()[-1] == "1 invoerfout(en)"


@pytest.mark.parametrize("path", sorted(ACCEPTED.iterdir()), ids=lambda p: p.name)
def test_unusual_but_valid_files_are_accepted(path, vocab):
    dossier = load_dossier(path, vocab)
    assert dossier.id == "D-ACC" and dossier.employee == "W-001"
    assert run_cli("dossier", path, "--as-of", "2025-03-15").exit_code in (0, 1)


def test_bom_and_crlf_give_the_same_dossier_as_plain_text(vocab):
    plain = load_dossier(ACCEPTED / "tab-in-text.yaml", vocab)
    for name in ("bom.yaml", "crlf.yaml"):
        assert load_dossier(ACCEPTED / name, vocab).events == plain.events


def test_too_large_file_is_refused_with_a_small_limit(vocab):
    example = FIXTURES / "dossiers" / "example-bakkerij.yaml"
    size = example.stat().st_size
    assert load_dossier(example, vocab, max_bytes=size).id == "D-2025-001"
    assert as_rows(errors_of(example, vocab, max_bytes=size - 1)) == [("file.too-large", None, None, None)]
    result = run_cli("dossier", example, "--max-bytes", "100", "--lang", "en")
    assert result.exit_code == 2
    assert "file is larger than the limit of 100 bytes (raise it with --max-bytes)" in result.stderr


def test_default_size_limit_is_ten_megabytes():
    assert DEFAULT_MAX_BYTES == 10 * 1024 * 1024


def test_a_device_without_size_is_read_only_up_to_the_limit():
    with pytest.raises(InputErrors) as caught:
        load_document("/dev/zero", max_bytes=1000)
    assert caught.value.errors[0].code == "file.too-large"


@pytest.mark.parametrize("make, code", [
    (lambda tmp: tmp / "missing.yaml", "file.not-found"),
    (lambda tmp: tmp, "file.is-directory"),
    (lambda tmp: _symlink_loop(tmp), "file.unreadable"),
], ids=["missing", "directory", "symlink-loop"])
def test_paths_that_are_not_files(tmp_path, make, code):
    path = make(tmp_path)
    result = run_cli("dossier", path, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}: ")  # an absolute path outside the working directory stays as given
    with pytest.raises(InputErrors) as caught:
        load_document(path)
    assert [e.code for e in caught.value.errors] == [code]


def _symlink_loop(tmp):
    (tmp / "a.yaml").symlink_to(tmp / "b.yaml")
    (tmp / "b.yaml").symlink_to(tmp / "a.yaml")
    return tmp / "a.yaml"


def test_an_enormous_single_line_is_handled(tmp_path, vocab):
    path = tmp_path / "long.yaml"
    path.write_text("dossier: D-1\nemployer: e\nemployee: W\nfirst_sick_day: 2025-01-06\n"
                    f"notes: {'x' * 3_000_000}\nevents: [" + "{type: evaluatie, date: 2025-03-01}, " * 2_000 + "]\n")
    assert len(load_dossier(path, vocab).events) == 2_000
    path.write_text("dossier: " + "x" * 3_000_000 + "\n")
    assert {e.code for e in errors_of(path, vocab)} == {"schema.required", "schema.too-long"}


def test_calendar_command_reports_a_broken_dossier():
    result = run_cli("calendar", INVALID / "overlapping-periods.yaml", "--lang", "en")
    assert result.exit_code == 2
    assert "$.periods[1].from: period overlaps period 1" in result.stderr


# --- dates outside the wachttijd: errors or notes (docs/errors.md, "Dates") ------------------------

OUTSIDE = {
    "dossier": "D-OUT", "employer": "werkgever-x", "employee": "W-001", "first_sick_day": "2022-01-03",
    "periods": [{"from": "2022-01-03", "to": "2022-02-01"}, {"from": "2023-01-02"}],  # a break of 11 months
    "events": [
        {"type": "probleemanalyse", "date": "2022-01-20"},  # earlier wachttijd: not counted
        {"type": "eerstejaarsevaluatie", "date": "2025-02-01"},  # after day 728 (2024-12-29): counted
        {"type": "evaluatie", "date": "2026-03-01"},  # after the as-of date: not counted
    ],
}


def test_events_outside_the_judged_wachttijd_are_notes_not_errors():
    result = audit_dict(OUTSIDE, "2025-06-01")
    assert {(n.code, n.count) for n in result.notes} == {
        ("events-earlier-wachttijd", 1), ("events-after-wachttijd", 1), ("events-after-as-of", 1),
        ("earlier-wachttijden", 1)}
    assert result.facts["wachttijd_last_day"] == date(2024, 12, 29)


def test_an_event_after_day_728_still_counts_as_done_late():
    step = next(e for e in audit_dict(OUTSIDE, "2025-06-01").timeline if e.step == "wvp.eerstejaarsevaluatie")
    assert (step.done, step.status) == (date(2025, 2, 1), "late")


def test_an_event_after_the_as_of_date_does_not_count_as_done():
    steps = {e.step: e for e in audit_dict(OUTSIDE, "2025-06-01").timeline}
    assert all(e.done != date(2026, 3, 1) for e in steps.values())


def test_notes_are_in_both_report_formats(tmp_path):
    path = tmp_path / "outside.yaml"
    path.write_text(yaml.safe_dump(OUTSIDE), encoding="utf-8")
    table = run_cli("dossier", path, "--as-of", "2025-06-01", "--lang", "en")
    assert "1 event(s) after the end of the wachttijd" in table.stdout
    assert "1 event(s) from an earlier wachttijd not counted" in table.stdout
    as_json = run_cli("dossier", path, "--as-of", "2025-06-01", "--format", "json")
    assert {n["code"] for n in json.loads(as_json.stdout)["notes"]} >= {"events-after-wachttijd", "events-after-as-of"}
    assert table.exit_code != 2 and as_json.exit_code != 2


def test_an_event_before_the_first_sick_day_is_an_error(vocab):
    data = dict(OUTSIDE, events=[{"type": "probleemanalyse", "date": "2021-12-31"}])
    with pytest.raises(InputErrors) as caught:
        dossier_from_dict(data, vocab)
    assert as_rows(caught.value.errors) == [("event.before-first-sick-day", None, None, "$.events[0].date")]
