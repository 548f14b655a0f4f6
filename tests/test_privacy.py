"""Free text never leaves the tool: not in reports, not in error messages, not in crash reports.

A marker that stands for medical detail is put in every free-text field the
schema defines (``$defs/freetext``), and in broken variants also where an
identifier, a date, an enum value or a key belongs. No output of any command,
format or language may contain it.
"""
from __future__ import annotations

import copy
import json

import pytest
import yaml

import checker.engine
from checker.load.schema import load_schema
from conftest import run_cli

MARKER = "DIAGNOSE-GEHEIM burn-out"
FREE_TEXT = {"$ref": "#/$defs/freetext"}


def free_text_fields(schema: dict) -> dict:
    """{definition name (or "$") -> [free-text property names]} of a schema."""
    found = {}
    for name, definition in [("$", schema)] + list(schema.get("$defs", {}).items()):
        fields = [p for p, spec in definition.get("properties", {}).items() if spec == FREE_TEXT]
        if fields:
            found[name] = fields
    return found


def marked_dossier() -> dict:
    """A valid dossier with the marker in every free-text field."""
    note = {"notes": MARKER}
    return {
        "dossier": "D-PRIV", "employer": "werkgever-x", "employee": "W-001", "first_sick_day": "2025-01-06",
        "notes": MARKER, "description": MARKER + "\nen nog een regel",
        "periods": [{"from": "2025-01-06", "to": "2025-02-01", **note}, {"from": "2025-02-10", **note}],
        "actors": [{"id": "ba-1", "role": "bedrijfsarts", **note}, {"id": "lg-1", "role": "leidinggevende", **note}],
        "events": [{"type": "probleemanalyse", "date": "2025-03-20", "by": "ba-1", "notes": MARKER,
                    "description": MARKER},
                   {"type": "evaluatie", "date": "2025-05-01", "by": ["lg-1", "W-001"], "notes": MARKER}],
    }


def test_the_marked_dossier_covers_every_free_text_field_of_the_schema():
    data = marked_dossier()
    where = {"$": data, "period": data["periods"][0], "actor": data["actors"][0], "event": data["events"][0]}
    for name, fields in free_text_fields(load_schema("dossier")).items():
        assert all(where[name].get(field) and MARKER in where[name][field] for field in fields), name


def write(tmp_path, data, name="dossier.yaml") -> str:
    path = tmp_path / name
    if name.endswith(".json"):
        path.write_text(json.dumps(data), encoding="utf-8")
    else:
        path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def assert_private(result) -> None:
    assert MARKER not in result.output
    assert "burn-out" not in result.output


COMMANDS = [
    ("dossier", "--format", "table", "--lang", "nl"), ("dossier", "--format", "table", "--lang", "en"),
    ("dossier", "--format", "json", "--lang", "nl"), ("dossier", "--format", "json", "--lang", "en"),
    ("calendar", "--format", "table"), ("calendar", "--format", "json"),
]


@pytest.mark.parametrize("name", ["dossier.yaml", "dossier.json"])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_valid_dossier_reports_never_show_free_text(tmp_path, command, name):
    path = write(tmp_path, marked_dossier(), name)
    extra = ("--as-of", "2026-06-01") if command[0] == "dossier" else ()
    result = run_cli(command[0], path, *command[1:], *extra)
    assert result.exit_code in (0, 1)
    assert result.stdout
    assert_private(result)


def _set(data, path, value):
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


def broken_variants() -> dict:
    """The marked dossier broken in ways that put the marker where a message might quote it."""
    base = marked_dossier()
    moves = {
        "as-event-type": (("events", 0, "type"), MARKER),
        "as-actor-in-by": (("events", 0, "by"), MARKER),
        "as-actor-list-item": (("events", 1, "by"), [MARKER, "lg-1"]),
        "as-appointed-actor": (("events", 0, "actor"), MARKER),
        "as-role": (("actors", 0, "role"), MARKER),
        "as-actor-id": (("actors", 1, "id"), MARKER),
        "as-enum-value": (("actors", 0, "acts_for"), MARKER),
        "as-date": (("events", 0, "date"), MARKER),
        "as-first-sick-day": (("first_sick_day",), MARKER),
        "as-version": (("version",), MARKER),
        "as-unknown-field-value": (("diagnose",), MARKER),
        "notes-as-list": (("notes",), [MARKER]),
        "notes-as-mapping": (("events", 0, "notes"), {"text": MARKER}),
        "as-key": ((MARKER,), "x"),
        "as-quadrant": (("actors", 0, "quadrant"), {"werkt": MARKER, "onder_bedrijfsarts": MARKER}),
        "with-impossible-date": (("events", 1, "date"), "2025-02-30"),
        "long-token-as-type": (("events", 0, "type"), "DIAGNOSE-GEHEIM-burn-out-" + "x" * 60),
    }
    variants = {name: _set(copy.deepcopy(base), path, value) for name, (path, value) in moves.items()}
    text = yaml.safe_dump(base, allow_unicode=True)
    variants["duplicate-key"] = text + f"notes: {MARKER}\n"
    variants["yaml-syntax"] = text.replace(f"notes: {MARKER}", f"notes: {MARKER}: [", 1)
    variants["tab-indent"] = text + f"periods2:\n\t- {MARKER}\n"
    variants["multiple-documents"] = text + f"---\n{MARKER}\n"
    return variants


VARIANTS = broken_variants()


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_error_messages_never_quote_free_text(tmp_path, name, lang):
    path = write(tmp_path, VARIANTS[name])
    result = run_cli("dossier", path, "--lang", lang, "--format", "json")
    assert result.exit_code == 2
    assert "dossier.yaml:" in result.stderr
    assert_private(result)
    assert "DIAGNOSE" not in result.output


@pytest.mark.parametrize("name", ["as-event-type", "as-key", "notes-as-list"])
def test_json_variants_never_quote_free_text(tmp_path, name):
    result = run_cli("dossier", write(tmp_path, VARIANTS[name], "dossier.json"), "--lang", "en")
    assert result.exit_code == 2
    assert_private(result)


def test_broken_json_with_free_text_never_shows_it(tmp_path):
    text = json.dumps(marked_dossier())[:-1] + ', "notes": "' + MARKER + '",}'
    path = tmp_path / "dossier.json"
    path.write_text(text, encoding="utf-8")
    result = run_cli("dossier", str(path))
    assert result.exit_code == 2
    assert_private(result)


def test_a_crash_never_shows_the_exception_message(tmp_path, monkeypatch):
    def crash(*args, **kwargs):
        raise ValueError(f"could not handle {MARKER}")

    monkeypatch.setattr(checker.engine, "audit_dossier", crash)
    result = run_cli("dossier", write(tmp_path, marked_dossier()), "--lang", "en")
    assert result.exit_code == 3
    assert "internal error (ValueError in " in result.stderr
    assert "Traceback" not in result.output
    assert_private(result)
