"""The strict loader, the error type and its rendering, and the date parser, in small pieces."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.errors import HIDDEN, InputError, InputErrors, did_you_mean, json_path, make_error, safe_echo
from checker.load.document import load_document
from checker.load.text import MAX_REPEATS
from checker.messages import catalogue, render_error
from checker.model.dates import DateProblem, parse_date

CHECKER = Path(__file__).resolve().parent.parent / "checker"


def load(tmp_path, text: str | bytes, name: str = "input.yaml"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_document(path)


def problems(tmp_path, text, name="input.yaml") -> list:
    with pytest.raises(InputErrors) as caught:
        load(tmp_path, text, name)
    return [(e.code, e.line, e.column) for e in caught.value.errors]


# --- strict YAML typing -------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("no", "no"), ("yes", "yes"), ("on", "on"), ("true", True), ("False", False),
    ("17", 17), ("-3", -3), ("1.5", 1.5), ("2025-01-06", "2025-01-06"), ("2025-01-06 10:00", "2025-01-06 10:00"),
    ("~", None), ("null", None), ("'17'", "17"), ('"true"', "true"), ("0x1F", "0x1F"), ("1" * 5000, "1" * 5000),
])
def test_yaml_scalars_are_typed_the_yaml_1_2_way(tmp_path, text, value):
    assert load(tmp_path, f"a: {text}\n").data == {"a": value}


def test_aliases_within_bounds_are_expanded(tmp_path):
    assert load(tmp_path, "a: &x [1, 2]\nb: *x\n").data == {"a": [1, 2], "b": [1, 2]}


@pytest.mark.parametrize("text, code", [
    ("a: !!python/name:os.system x\n", "yaml.tag"),
    ("a: !custom 1\n", "yaml.tag"),
    ("a: !!binary aGk=\n", "yaml.tag"),
    ("<<: {b: 1}\n", "yaml.merge-key"),
    ("? [a, b]\n: 1\n", "yaml.complex-key"),
    ("a: 1\nb: 2\na: 3\n", "yaml.duplicate-key"),
    ("a: [1\n", "yaml.syntax"),
    ("a: 1\n---\nb: 2\n", "yaml.multiple-documents"),
    ("", "file.empty"),
    ("# nothing\n\n", "file.empty"),
])
def test_yaml_constructs_refused(tmp_path, text, code):
    assert [p[0] for p in problems(tmp_path, text)] == [code]


def test_every_duplicate_key_is_reported_with_the_first_line(tmp_path):
    with pytest.raises(InputErrors) as caught:
        load(tmp_path, "a: 1\nb: {c: 1, c: 2}\na: 3\n")
    assert [(e.json_path, e.line, e.param_dict()["first_line"]) for e in caught.value.errors] == [
        ("$.b.c", 2, 2), ("$.a", 3, 1)]


def test_alias_bomb_stops_quickly(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]" for i in range(12)]
    assert [p[0] for p in problems(tmp_path, "\n".join(lines) + "\n")] == ["yaml.alias-bomb"]


@pytest.mark.parametrize("depth, fails", [(63, False), (64, True), (5000, True)])  # + 1 for the top level
def test_nesting_limit(tmp_path, depth, fails):
    text = "a: " + "[" * depth + "]" * depth + "\n"
    if fails:
        assert [p[0] for p in problems(tmp_path, text)] == ["yaml.too-deep"]
        assert [p[0] for p in problems(tmp_path, "{" + text.replace("a: ", '"a": ') + "}", "x.json")] == [
            "yaml.too-deep"]
    else:
        load(tmp_path, text)


# --- bytes and characters -----------------------------------------------------------------------

def test_bom_is_accepted_in_yaml_and_json(tmp_path):
    assert load(tmp_path, b"\xef\xbb\xbfa: 1\n").data == {"a": 1}
    assert load(tmp_path, b'\xef\xbb\xbf{"a": 1}', "x.json").data == {"a": 1}


def test_crlf_line_endings_keep_line_numbers(tmp_path):
    assert problems(tmp_path, "a: 1\r\nb: 2\r\na: 3\r\n") == [("yaml.duplicate-key", 3, 1)]


def test_utf16_is_named(tmp_path):
    assert problems(tmp_path, b"\xff\xfe" + "a: 1\n".encode("utf-16-le")) == [("file.utf16", 1, 1)]


def test_every_line_with_invalid_utf8_is_reported_with_its_column(tmp_path):
    assert problems(tmp_path, "a: é\nb: ok\nc: xé\n".encode("latin-1")) == [
        ("file.not-utf8", 1, 4), ("file.not-utf8", 3, 5)]


def test_control_characters_are_located_and_capped(tmp_path):
    assert problems(tmp_path, "a: 1\nb: é\x07\n") == [("file.control-character", 2, 5)]
    found = problems(tmp_path, "a: \x00\n" * (MAX_REPEATS + 5))
    assert len(found) == MAX_REPEATS + 1
    assert found[-1] == ("file.more-errors", MAX_REPEATS + 1, None)


def test_control_character_in_json_string(tmp_path):
    assert problems(tmp_path, '{"a":\n "x\x01"}', "x.json") == [("file.control-character", 2, 4)]


def test_tabs_are_errors_only_as_indentation(tmp_path):
    assert load(tmp_path, "a: |\n  x\n  \ty\nb:\t1\n").data == {"a": "x\n\ty\n", "b": 1}
    assert problems(tmp_path, "a:\n\tb: 1\nc:\n\t- 2\n") == [("yaml.tab-indent", 2, 1), ("yaml.tab-indent", 4, 1)]


# --- JSON ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ('{"a": 1,}', ("json.syntax", 1, 9)),
    ("[1, 2,]", ("json.syntax", 1, 7)),
    ('{"a": 1} x', ("json.syntax", 1, 10)),
    ("   ", ("file.empty", None, None)),
    ('{"a": 1,\n "a": 2}', ("yaml.duplicate-key", 2, 2)),
    ('{"a": [1,\n  -Infinity]}', ("json.constant", 2, 3)),
])
def test_json_problems(tmp_path, text, expected):
    assert problems(tmp_path, text, "x.json") == [expected]


def test_json_nan_is_reported_at_every_path(tmp_path):
    with pytest.raises(InputErrors) as caught:
        load(tmp_path, '{"a": NaN, "b": [1, Infinity]}', "x.json")
    assert [(e.json_path, e.param_dict()["value"]) for e in caught.value.errors] == [
        ("$.a", "NaN"), ("$.b[1]", "Infinity")]


def test_json_positions_come_from_the_yaml_composer(tmp_path):
    document = load(tmp_path, '{\n  "a": {"b": [1,\n    2]}\n}', "x.json")
    assert document.position(("a", "b", 1)) == (3, 5)
    assert document.position(("a", "b"), want_key=True) == (2, 9)


def test_json_positions_survive_escapes_the_yaml_composer_refuses(tmp_path):
    text = '{"a": "\\ud83d\\ude00\\u00e9\\/",\n\t"b": [1, 2]}'
    document = load(tmp_path, text, "x.json")
    assert document.data["a"] == "\U0001F600\u00e9/"
    assert document.position(("b", 1)) == (2, 11)
    assert problems(tmp_path, text.replace('"b"', '"a"'), "x.json") == [("yaml.duplicate-key", 2, 2)]


# --- errors and their rendering -----------------------------------------------------------------

def test_json_path_rendering():
    assert json_path(None) is None
    assert json_path(()) == "$"
    assert json_path(("events", 3, "date")) == "$.events[3].date"
    assert json_path(("a.b",)) == "$['a.b']"
    assert json_path(("DIAGNOSE-GEHEIM burn-out na een conflict met de leiding",)) == "$[?]"


@pytest.mark.parametrize("value, shown", [
    ("ba-1", "ba-1"), ("2025-02-30", "2025-02-30"), ("café", "café"), (17, 17),
    ("two words", HIDDEN), ("x" * 65, HIDDEN), ("line\nbreak", HIDDEN), ("", HIDDEN),
])
def test_only_short_tokens_are_echoed(value, shown):
    assert safe_echo(value) == shown
    assert make_error("actor.unknown", "f", value=value).param_dict()["value"] == shown


def test_hidden_values_and_hints_are_never_rendered():
    error = make_error("event.unknown-type", "f.yaml", ("events", 0, "type"), 3, 12,
                       hint="not a token, a sentence", value="burn-out na een conflict")
    assert error.hint is None
    assert render_error(error, "en") == "f.yaml:3:12: $.events[0].type: unknown event type '[text not shown]'"
    assert render_error(error, "nl") == "f.yaml:3:12: $.events[0].type: onbekend gebeurtenistype '[tekst niet getoond]'"


def test_rendering_without_position_or_path():
    assert render_error(make_error("file.not-found", "x.yaml"), "en") == "x.yaml: file not found"
    assert render_error(make_error("schema.required", "x.yaml", (), 1, 1, field="a"), "en") == (
        "x.yaml:1:1: $: required field 'a' is missing")


def test_a_parameter_named_key_renders():  # it used to crash text() with "multiple values for 'key'"
    error = make_error("yaml.duplicate-key", "x.yaml", ("a",), 3, 1, key="a", first_line=1)
    assert render_error(error, "nl") == "x.yaml:3:1: $.a: sleutel 'a' komt dubbel voor (eerder op regel 1)"


def test_parser_wording_is_translated_when_known_and_kept_otherwise():
    known = make_error("yaml.syntax", "x", line=1, column=1, problem="mapping values are not allowed in this context")
    unknown = make_error("yaml.syntax", "x", line=1, column=1, problem="something new")
    assert "aanhalingstekens vergeten" in render_error(known, "nl")
    assert render_error(unknown, "nl") == "x:1:1: ongeldige YAML: something new"


def test_errors_are_sorted_and_deduplicated():
    a = make_error("b.code", "f", ("x",), 2, 1)
    b = make_error("a.code", "f", ("y",), 1, 5)
    assert InputErrors([a, b, a]).errors == [b, a]
    assert isinstance(InputErrors([a]).errors[0], InputError)


def test_did_you_mean():
    assert did_you_mean("probleemanalise", ["probleemanalyse", "evaluatie"]) == "probleemanalyse"
    assert did_you_mean("xyz", ["probleemanalyse"]) is None
    assert did_you_mean(17, ["a"]) is None


# --- the catalogue ------------------------------------------------------------------------------

def _codes_in_source() -> set:
    pattern = re.compile(r'["\']((?:file|yaml|json|schema|date|period|dossier|event|actor)\.[a-z0-9-]+)["\']')
    return {m for path in CHECKER.rglob("*.py") for m in pattern.findall(path.read_text("utf-8"))}


def test_every_error_code_raised_has_a_message():
    missing = _codes_in_source() - set(catalogue()["errors"])
    assert not missing


def test_every_message_has_both_languages_with_the_same_placeholders():
    names = re.compile(r"{(\w+)}")
    for section, entries in catalogue().items():
        for key, entry in entries.items():
            assert set(entry) == {"nl", "en"}, (section, key)
            assert set(names.findall(entry["nl"])) == set(names.findall(entry["en"])), (section, key)


# --- dates --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("1990-01-01", date(1990, 1, 1)), ("2100-12-31", date(2100, 12, 31)), ("2024-02-29", date(2024, 2, 29)),
])
def test_dates_in_range(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text, code", [
    ("1989-12-31", "date.out-of-range"), ("2101-01-01", "date.out-of-range"), ("0001-01-01", "date.out-of-range"),
    ("2025-02-29", "date.impossible"), ("2025-13-01", "date.impossible"), ("2025-00-10", "date.impossible"),
    ("2025-1-6", "date.format"), ("06-01-2025", "date.format"), ("2025-01-06T10:00", "date.format"),
    ("", "date.format"), ("２０２５-01-06", "date.format"),
])
def test_bad_dates(text, code):
    with pytest.raises(DateProblem) as caught:
        parse_date(text)
    assert caught.value.code == code


def test_docs_errors_md_lists_every_code_with_its_exact_texts():
    """docs/errors.md is hand-written; this keeps its table in step with the catalogue."""
    rows = {}
    for line in (CHECKER.parent / "docs" / "errors.md").read_text("utf-8").splitlines():
        match = re.match(r"^\| `([a-z0-9.-]+)` \| .* \| (.*) \| (.*) \|$", line)
        if match:
            rows[match.group(1)] = (match.group(2), match.group(3))
    expected = {code: (entry["nl"], entry["en"]) for code, entry in catalogue()["errors"].items()}
    stale = {code: (rows.get(code), texts) for code, texts in expected.items() if rows.get(code) != texts}
    assert not stale, "update docs/errors.md: " + ", ".join(stale)
    assert not set(rows) - set(expected), "docs/errors.md lists codes the catalogue does not have"


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\\\ab:, \\n', max_size=6),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.text(alphabet='[]{}"\\\\a ', max_size=4), children, max_size=3),
    max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(value=_JSON_VALUES, indent=st.sampled_from([None, 0, 2]))
def test_the_depth_read_from_json_text_equals_the_walk_over_its_data(value, indent):
    from checker.load.json_text import text_depth

    assert text_depth(json.dumps(value, indent=indent)) == _walked_depth(value)


def _walked_depth(value) -> int:
    """The oracle: a scalar is one level, each non-empty container's children one deeper."""
    if isinstance(value, (dict, list)) and value:
        return 1 + max(_walked_depth(v) for v in (value.values() if isinstance(value, dict) else value))
    return 1
