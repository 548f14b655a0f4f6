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
    """{object name -> [free-text property names]} of a schema: "$", nested objects by
    property name (``arbo``), and every ``$defs`` entry by its name."""
    found = {}

    def visit(name: str, spec: dict) -> None:
        properties = spec.get("properties", {})
        fields = [p for p, field in properties.items() if field == FREE_TEXT]
        if fields:
            found[name] = fields
        for child, field in properties.items():
            if isinstance(field, dict) and "properties" in field:
                visit(child, field)

    for name, spec in [("$", schema)] + list(schema.get("$defs", {}).items()):
        visit(name, spec)
    return found


def marked_dossier() -> dict:
    """A valid dossier with the marker in every free-text field."""
    note = {"notes": MARKER}
    return {
        "dossier": "D-PRIV", "employer": "werkgever-x", "employee": "W-001", "first_sick_day": "2025-01-06",
        "notes": MARKER, "description": MARKER + "\nen nog een regel",
        "periods": [{"from": "2025-01-06", "to": "2025-02-01", **note}, {"from": "2025-02-10", **note}],
        "leave": [{"from": "2025-02-02", "to": "2025-02-05", "type": "zwangerschapsverlof", **note}],
        "actors": [{"id": "ba-1", "role": "bedrijfsarts", **note}, {"id": "lg-1", "role": "leidinggevende", **note}],
        "events": [{"type": "probleemanalyse", "date": "2025-03-20", "by": "ba-1", "notes": MARKER,
                    "description": MARKER},
                   {"type": "evaluatie", "date": "2025-05-01", "by": ["lg-1", "W-001"], "notes": MARKER}],
    }


def test_the_marked_dossier_covers_every_free_text_field_of_the_schema():
    data = marked_dossier()
    where = {"$": data, "period": data["periods"][0], "actor": data["actors"][0], "event": data["events"][0],
             "leave": data["leave"][0]}
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


def marked_policy() -> dict:
    """A valid policy with the marker in every free-text field, and health data on the employer's
    side, so that rol.gezondheidsgegevens fires."""
    note = {"notes": MARKER}
    return {
        "organisation": "werkgever-x", "as_of": "2025-06-01", "notes": MARKER, "description": MARKER,
        "arbo": {"regeling": "vangnet", "basiscontract": ["toegang_bedrijfsarts"], **note},
        "organisations": [{"id": "arbo-x", "type": "arbodienst", **note}],
        "actors": [{"id": "ba-1", "role": "bedrijfsarts", "employer": "arbo-x", **note},
                   {"id": "lg-1", "role": "leidinggevende", **note}],
        "tasks": {"probleemanalyse": ["ba-1"], "plan_van_aanpak": ["lg-1"]},
        "data": {"gezondheidsgegevens": ["ba-1", "lg-1"]},
    }


def test_the_marked_policy_covers_every_free_text_field_of_the_schema():
    data = marked_policy()
    where = {"$": data, "arbo": data["arbo"], "organisation": data["organisations"][0], "actor": data["actors"][0]}
    for name, fields in free_text_fields(load_schema("policy")).items():
        assert all(MARKER in where[name][field] for field in fields), name


COMMANDS = [
    ("dossier", "--format", "table", "--lang", "nl"), ("dossier", "--format", "table", "--lang", "en"),
    ("dossier", "--format", "json", "--lang", "nl"), ("dossier", "--format", "json", "--lang", "en"),
    ("calendar", "--format", "table"), ("calendar", "--format", "json"),
]
POLICY_COMMANDS = [
    ("--format", "table", "--lang", "nl"), ("--format", "table", "--lang", "en"),
    ("--format", "json", "--lang", "nl"), ("--format", "json", "--lang", "en"),
    ("--graph", "dot"), ("--graph", "mermaid"),
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


@pytest.mark.parametrize("name", ["policy.yaml", "policy.json"])
@pytest.mark.parametrize("options", POLICY_COMMANDS, ids=" ".join)
def test_policy_reports_and_graphs_never_show_free_text(tmp_path, options, name):
    result = run_cli("policy", write(tmp_path, marked_policy(), name), *options)
    assert result.exit_code == 1  # rol.gezondheidsgegevens: health data with the leidinggevende
    assert result.stdout
    assert_private(result)


def test_health_data_on_the_employer_side_is_a_finding_without_the_data(tmp_path):
    result = run_cli("policy", write(tmp_path, marked_policy()), "--format", "json", "--lang", "en")
    findings = json.loads(result.stdout)["findings"]
    assert any(f["rule"] == "rol.gezondheidsgegevens" and "lg-1" in f["actors"] for f in findings)
    assert_private(result)


def test_health_data_recorded_by_the_employer_side_in_a_dossier_is_a_finding_without_the_data(tmp_path):
    data = marked_dossier()
    data["events"].append({"type": "registratie_gezondheidsgegevens", "date": "2025-03-21", "by": "lg-1",
                           "notes": MARKER, "description": MARKER})
    result = run_cli("dossier", write(tmp_path, data), "--as-of", "2025-06-01", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert any(f["rule"] == "rol.gezondheidsgegevens" and f["actors"] == ["lg-1"] for f in findings)
    assert_private(result)


def test_a_graph_file_never_holds_free_text(tmp_path):
    out = tmp_path / "graph.dot"
    result = run_cli("policy", write(tmp_path, marked_policy()), "--graph-out", str(out))
    assert result.exit_code == 1
    assert out.read_text("utf-8") and MARKER not in out.read_text("utf-8")
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
POLICY_VARIANTS = {
    "as-role": (("actors", 0, "role"), MARKER),
    "as-task": (("tasks", MARKER), ["lg-1"]),
    "as-assignee": (("tasks", "plan_van_aanpak"), [MARKER]),
    "as-data-category": (("data", MARKER), ["lg-1"]),
    "as-title": (("actors", 1, "titles"), [MARKER]),
    "as-employer": (("actors", 1, "employer"), MARKER),
    "as-acts-for": (("organisations", 0, "acts_for"), MARKER),
    "as-regeling": (("arbo", "regeling"), MARKER),
    "as-key": ((MARKER,), "x"),
    "notes-as-list": (("arbo", "notes"), [MARKER]),
    "as-as-of": (("as_of",), MARKER),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_error_messages_never_quote_free_text(tmp_path, name, lang):
    path = write(tmp_path, VARIANTS[name])
    result = run_cli("dossier", path, "--lang", lang, "--format", "json")
    assert result.exit_code == 2
    assert "dossier.yaml:" in result.stderr
    assert_private(result)
    assert "DIAGNOSE" not in result.output


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", sorted(POLICY_VARIANTS))
def test_policy_error_messages_never_quote_free_text(tmp_path, name, lang):
    path, value = POLICY_VARIANTS[name]
    data = _set(copy.deepcopy(marked_policy()), path, value)
    for file in ("policy.yaml", "policy.json"):
        result = run_cli("policy", write(tmp_path, data, file), "--lang", lang)
        assert result.exit_code == 2
        assert f"{file}:" in result.stderr
        assert_private(result)


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


def test_debug_shows_the_bug_itself(tmp_path, monkeypatch):
    def crash(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(checker.engine, "audit_dossier", crash)
    with pytest.raises(ValueError, match="a bug"):
        run_cli("dossier", write(tmp_path, marked_dossier()), "--debug")


def test_ctrl_c_stops_quietly(tmp_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(checker.engine, "audit_dossier", interrupted)
    result = run_cli("dossier", write(tmp_path, marked_dossier()))
    assert result.exit_code == 130
    assert result.stderr == "verzuimcheck: afgebroken\n"


# -- batch: every output format, valid and broken records, the register's view ---------------

@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "table", "html"])
def test_batch_never_shows_free_text(tmp_path, fmt):
    records = [marked_dossier(), marked_policy()] + [v for v in VARIANTS.values() if isinstance(v, dict)]
    for record in records[:2]:
        for actor in record["actors"]:
            actor["registration"] = {"register": "RSC", "number": 7}
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records) + MARKER + "\n",
                    encoding="utf-8")
    csv_export = tmp_path / "export.csv"
    csv_export.write_text("dossier,employer,employee,first_sick_day,period_from,period_to,event,date,by\n"
                          f"D-1,w,W-1,2025-01-06,,,{MARKER},{MARKER},{MARKER}\n", encoding="utf-8")
    for extra in ((), ("--by", "registration"), ("--summary-only",)):
        result = run_cli("batch", path, csv_export, "--format", fmt, "--as-of", "2026-01-15", "--jobs", "1", *extra)
        assert result.exit_code == 2 and result.stdout
        assert_private(result)
