"""Issue 8: hostile and odd inputs. No input crashes, hangs, floods, leaks or repaints the terminal.

One section per class of the issue: the echo gate, bounded work, capped errors, safe
text, strict scalars, rule-pack templates, exit codes on I/O, semantics and positions.
"""
from __future__ import annotations

import difflib
import json
import re
import string

import pytest
import yaml

from checker.errors import HIDDEN, OWN_PARAMS, InputErrors, did_you_mean, make_error, new_suggestion_budget
from checker.load.document import load_document
from checker.messages import catalogue, fill, render_error, template_problems
from checker.model.dossier import load_dossier
from checker.model.policy import MAX_CHAIN_LINKS, Organisation, Policy, PolicyActor, load_policy
from checker.rulebook import load_rule
from conftest import FIXTURES, ROOT, run_cli, run_cli_on_text

MARKER = "DIAGNOSE-GEHEIM burn-out na conflict"
POLICY_HEAD = "organisation: o\narbo: {regeling: vangnet}\n"


def write(tmp_path, text: str, name: str = "x.yaml"):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def errors_of(load, path, vocab) -> list:
    with pytest.raises(InputErrors) as caught:
        load(path, vocab)
    return caught.value.errors


def rendered(errors) -> str:
    return "\n".join(render_error(e, lang) for e in errors for lang in ("nl", "en"))


# --- 1. one gate for echoed input ------------------------------------------------------------

def placeholders(template: str) -> set:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(catalogue()["errors"]))
def test_every_input_parameter_of_every_error_code_passes_the_gate(code):
    entry = catalogue()["errors"][code]
    names = (placeholders(entry["nl"]) | placeholders(entry["en"])) - OWN_PARAMS
    error = make_error(code, "f.yaml", ("a",), **{name: MARKER for name in names})
    assert MARKER not in rendered([error])
    if "chain" in names:  # a chain of ids is gated id by id
        chained = make_error(code, "f.yaml", ("a",), **{name: (MARKER, "ok-id") for name in names})
        assert MARKER not in rendered([chained]) and "ok-id" in rendered([chained])


def _leaves(data, path=()):
    """Every position of plain data: (path, is_key) for each string value and each key."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield path + (key,), True
            yield from _leaves(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _leaves(value, path + (i,))
    elif isinstance(data, (str, int, bool)) or data is None:
        yield path, False


def _marked(data, path, is_key):
    data = json.loads(json.dumps(data, default=str))
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if is_key:
        parent[MARKER] = parent.pop(path[-1])
    else:
        parent[path[-1]] = MARKER
    return data


MARKED_FILES = [("policy", FIXTURES / "policies" / "contractketen-gezondheidsgegevens.yaml"),
                ("policy", FIXTURES / "policies" / "arbodienst-taakdelegatie-en-regie.yaml"),
                ("dossier", FIXTURES / "dossiers" / "example-bakkerij.yaml"),
                ("dossier", FIXTURES / "dossiers" / "rol-taakdelegatie-en-regie.yaml")]


@pytest.mark.parametrize("kind, source", MARKED_FILES, ids=lambda v: getattr(v, "name", v))
def test_a_marker_sentence_in_any_input_position_never_reaches_a_message(tmp_path, vocab, kind, source):
    """Every key and every scalar of real files, replaced one at a time by a sentence."""
    load = load_policy if kind == "policy" else load_dossier
    data = yaml.safe_load(source.read_text("utf-8"))
    positions = list(_leaves(data))
    assert len(positions) > 30
    for path, is_key in positions:
        target = write(tmp_path, json.dumps(_marked(data, path, is_key)), "marked.json")
        try:
            load(target, vocab)
        except InputErrors as exc:
            assert MARKER not in rendered(exc.errors), (path, is_key)


def test_the_two_leaks_of_the_probe_are_closed(tmp_path, vocab):
    """An invalid role in a delegation error and a contract chain's ids were printed raw."""
    text = (POLICY_HEAD + f"organisations:\n  - {{id: '{MARKER}', acts_for: 'x {MARKER}'}}\n"
            f"  - {{id: 'x {MARKER}', acts_for: '{MARKER}'}}\n"
            f"actors:\n  - {{id: a, role: '{MARKER}'}}\n  - {{id: b, role: casemanager, delegated_by: a}}\n")
    errors = errors_of(load_policy, write(tmp_path, text), vocab)
    codes = {e.code for e in errors}
    assert {"policy.contract-cycle", "policy.delegate-not-bedrijfsarts"} <= codes
    assert MARKER not in rendered(errors)
    result = run_cli("policy", write(tmp_path, text), "--lang", "en")
    assert result.exit_code == 2 and MARKER not in result.output
    assert "[text not shown] -> [text not shown] -> [text not shown]" in result.stderr


def test_the_gate_keeps_ids_and_hides_escapes_bidi_and_sentences():
    from checker.errors import safe_echo

    assert safe_echo("ba-1") == "ba-1"
    assert safe_echo(("org-a", "org-b", "org-a")) == "org-a -> org-b -> org-a"
    for hostile in ("\x1b[2J", "ok\u202eevil", "two words", "a\nb", "x" * 65, "<script>"):
        assert safe_echo(hostile) == HIDDEN
    assert safe_echo(("ok", "\x1b[31m")) == f"ok -> {HIDDEN}"


# --- 2. bounded work ----------------------------------------------------------------------------

def test_did_you_mean_is_computed_for_a_bounded_number_of_distinct_words(monkeypatch):
    from checker import errors

    calls = []
    real = difflib.get_close_matches
    monkeypatch.setattr(errors.difflib, "get_close_matches", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    new_suggestion_budget()
    choices = {f"lg-{i}" for i in range(100)}
    hints = [did_you_mean(f"lg-{i}x", choices) for i in range(500)] + [did_you_mean("lg-1x", choices)] * 100
    assert len(calls) == errors.MAX_SUGGESTED
    assert hints[0] == "lg-0" and hints[-1] == "lg-1" and hints[499] is None


def test_did_you_mean_skips_a_huge_candidate_set(monkeypatch):
    from checker import errors

    new_suggestion_budget()
    monkeypatch.setattr(errors.difflib, "get_close_matches", lambda *a, **k: pytest.fail("compared"))
    assert did_you_mean("lg-1x", {f"lg-{i}" for i in range(errors.MAX_CANDIDATES + 1)}) is None


def test_many_unknown_references_get_few_suggestions_and_capped_errors(tmp_path):
    events = "".join(f"  - {{type: evaluatie, date: 2025-02-01, by: lg-{i}x}}\n" for i in range(300))
    text = ("dossier: D\nemployer: e\nemployee: W\nfirst_sick_day: 2025-01-06\nactors:\n"
            + "".join(f"  - {{id: lg-{i}, role: leidinggevende}}\n" for i in range(300)) + "events:\n" + events)
    result = run_cli("dossier", write(tmp_path, text), "--lang", "en")
    lines = result.stderr.splitlines()
    assert result.exit_code == 2
    assert len(lines) == 102  # 100 errors, "and 200 more", the count
    assert lines[-2].endswith("and 200 more error(s) in this file (not shown; see --max-errors)")
    assert lines[-1] == "300 input error(s)"


def test_a_contract_cycle_check_is_linear_and_names_the_cycle_once(tmp_path, vocab):
    orgs = "".join(f"  - {{id: org-{i}, acts_for: org-{(i + 1) % 40}}}\n" for i in range(40))
    errors = errors_of(load_policy, write(tmp_path, POLICY_HEAD + "organisations:\n" + orgs + "actors: []\n"), vocab)
    cycles = [e for e in errors if e.code == "policy.contract-cycle"]
    assert len(cycles) == 1 and cycles[0].json_path == "$.organisations[0].acts_for"
    chain = cycles[0].param_dict()["chain"]
    assert chain.startswith("org-0 -> org-1 -> ") and chain.endswith("org-39 -> org-0")


def test_a_delegation_cycle_is_an_input_error_naming_its_ids(tmp_path, vocab):
    text = POLICY_HEAD + ("actors:\n  - {id: ba-1, role: bedrijfsarts, delegated_by: ba-2}\n"
                          "  - {id: ba-2, role: bedrijfsarts, delegated_by: ba-1}\n")
    errors = errors_of(load_policy, write(tmp_path, text), vocab)
    assert [(e.code, e.json_path, e.param_dict()["chain"]) for e in errors] == [
        ("policy.delegation-cycle", "$.actors[0].delegated_by", "ba-1 -> ba-2 -> ba-1")]


@pytest.mark.parametrize("field, make", [
    ("organisations", lambda n: "organisations:\n" + "".join(
        f"  - {{id: org-{i}, acts_for: org-{i + 1}}}\n" for i in range(n)) + f"  - {{id: org-{n}}}\nactors: []\n"),
    ("actors", lambda n: "actors:\n  - {id: ba-0, role: bedrijfsarts}\n" + "".join(
        f"  - {{id: ba-{i}, role: bedrijfsarts, delegated_by: ba-{i - 1}}}\n" for i in range(1, n + 1))),
])
def test_chains_longer_than_the_documented_limit_are_refused(tmp_path, vocab, field, make):
    assert load_policy(write(tmp_path, POLICY_HEAD + make(MAX_CHAIN_LINKS)), vocab)
    errors = errors_of(load_policy, write(tmp_path, POLICY_HEAD + make(MAX_CHAIN_LINKS + 1)), vocab)
    assert [e.code for e in errors] == ["policy.chain-too-long"]


def test_a_long_chain_in_the_role_graph_needs_no_recursion(vocab, rulebook):
    """The probe crashed (RecursionError, exit 3) at about 330 links; sides are now found iteratively."""
    from checker.engine import audit_policy

    n = 5000
    organisations = tuple(Organisation(id=f"org-{i}", type="re_integratiebedrijf",
                                       acts_for=f"org-{i + 1}" if i + 1 < n else "werkgever") for i in range(n))
    actor = PolicyActor(id="cm", role="casemanager", employer="org-0", acts_for="org-0")
    policy = Policy(organisation="o", regeling="vangnet", basiscontract=(), verzekering="geen", actors=(actor,),
                    organisations=organisations, tasks=(("regie_re_integratie", ("cm",)),))
    result = audit_policy(policy, rulebook, vocab, None)
    assert result.graph.sides_of("actor:cm")["side:werkgever"][-1] == "side:werkgever"


# --- 3. capped errors ---------------------------------------------------------------------------

def test_schema_errors_are_capped_and_counted_without_keeping_them(tmp_path, vocab):
    text = "dossier: D\nemployer: e\nemployee: W\nfirst_sick_day: 2025-01-06\nactors: []\nevents:\n" + \
        "  - {type: 1}\n" * 500
    document = load_document(write(tmp_path, text), max_errors=7)
    from checker.load.schema import validate

    errors = validate(document, "dossier")
    assert len(errors) == 8 and errors[-1].code == "errors.more" and errors[-1].param_dict()["count"] > 900


def test_counting_beyond_the_cap_is_bounded_too(tmp_path):
    from checker.load.schema import MAX_COUNTED

    text = "dossier: D\nemployer: e\nemployee: W\nfirst_sick_day: 2025-01-06\nactors: []\nevents:\n" + \
        "  - {type: 1}\n" * MAX_COUNTED
    result = run_cli("dossier", write(tmp_path, text), "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-2].endswith(
        f"and more than {MAX_COUNTED} further errors in this file (not shown; see --max-errors)")


def test_max_errors_option(tmp_path):
    text = "dossier: D\nemployer: e\nemployee: W\nfirst_sick_day: 2025-01-06\nactors: []\nevents:\n" + \
        "  - {type: evaluatie}\n" * 30
    path = write(tmp_path, text)
    result = run_cli("dossier", path, "--lang", "en", "--max-errors", "5")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-2:] == [
        f"{path}: and 25 more error(s) in this file (not shown; see --max-errors)", "30 input error(s)"]
    assert run_cli("dossier", path, "--max-errors", "0").exit_code == 2  # out of range: usage error


@pytest.mark.parametrize("option, value", [("--max-bytes", str(2**63)), ("--max-bytes", "0"),
                                           ("--max-errors", str(2**63)), ("--max-errors", "-1")])
def test_numeric_options_have_bounds(option, value):
    result = run_cli("dossier", FIXTURES / "dossiers" / "example-bakkerij.yaml", option, value)
    assert result.exit_code == 2 and "ligt niet in het bereik" in result.stderr  # Dutch by default (one language per run)


# --- 4. safe text: control characters after unescaping ----------------------------------------

@pytest.mark.parametrize("name, text, where", [
    ("esc.json", '{"dossier": "D\\u001b[2J", "employer": "e"}', "$.dossier"),
    ("esc.yaml", 'dossier: "D\\e[2J"\nemployer: e\n', "$.dossier"),
    ("bidi.yaml", 'dossier: "D\\u202eevil"\n', "$.dossier"),
    ("c1.yaml", 'dossier: "D\\x9b31m"\n', "$.dossier"),
    ("del.json", '{"a": ["ok", "x\\u007f"]}', "$.a[1]"),
    ("key.json", '{"k\\u001bey": 1}', "$[?]"),
    ("surrogate.json", '{"dossier": "\\ud800"}', "$.dossier"),
])
def test_control_characters_are_refused_after_unescaping(tmp_path, name, text, where):
    with pytest.raises(InputErrors) as caught:
        load_document(write(tmp_path, text, name))
    error = caught.value.errors[0]
    assert (error.code, error.json_path, error.line) == ("value.control-character", where, 1)


@pytest.mark.parametrize("value", ["lg\\t1", "lg\\n1", "lg\\u20281", "lg\\r"])
def test_identifiers_refuse_tabs_and_line_breaks(tmp_path, vocab, value):
    text = ('{"dossier": "D", "employer": "e", "employee": "W", "first_sick_day": "2025-01-06",'
            f' "actors": [{{"id": "{value}", "role": "leidinggevende"}}], "events": []}}')
    errors = errors_of(load_dossier, write(tmp_path, text, "x.json"), vocab)
    assert [(e.code, e.json_path) for e in errors] == [("value.control-in-identifier", "$.actors[0].id")]


def test_free_text_keeps_tabs_and_newlines(tmp_path, vocab):
    text = ('{"dossier": "D", "employer": "e", "employee": "W", "first_sick_day": "2025-01-06",'
            ' "notes": "regel een\\n\\tregel twee", "actors": [], "events": []}')
    assert load_dossier(write(tmp_path, text, "x.json"), vocab).id == "D"


# --- 5. strict scalars --------------------------------------------------------------------------

DOSSIER = "dossier: D\nemployer: e\nemployee: W\nactors: []\nevents: []\n"


@pytest.mark.parametrize("value", ['"2025-01-06\\n"', "|\n  2025-01-06\n"])
def test_a_date_with_a_trailing_newline_is_refused(tmp_path, vocab, value):
    errors = errors_of(load_dossier, write(tmp_path, DOSSIER + f"first_sick_day: {value}\n"), vocab)
    assert [(e.code, e.json_path) for e in errors] == [("schema.pattern", "$.first_sick_day")]


def test_the_date_parser_itself_anchors_at_the_true_end():
    from checker.model.dates import DateProblem, parse_date

    with pytest.raises(DateProblem):
        parse_date("2025-01-06\n")


@pytest.mark.parametrize("text, where", [
    ('dossier: !!int "acme"\n', "$.dossier"),
    ("dossier: !!str 17\n", "$.dossier"),
    ("!!python/name:os.system dossier: D\n", "$"),
    ("? !custom dossier\n: D\n", "$"),
])
def test_tags_anywhere_keys_included_are_errors(tmp_path, text, where):
    with pytest.raises(InputErrors) as caught:
        load_document(write(tmp_path, text))
    assert [(e.code, e.json_path) for e in caught.value.errors] == [("yaml.tag", where)]


@pytest.mark.parametrize("number", ["1" * 5000, "1" * 101, "1e999", "-1e999", "0." + "1" * 200])
def test_huge_json_numbers_are_input_errors(tmp_path, number):
    with pytest.raises(InputErrors) as caught:
        load_document(write(tmp_path, '{"a": [1,\n ' + number + "]}", "x.json"))
    assert [(e.code, e.line, e.json_path) for e in caught.value.errors] == [("json.huge-number", 2, "$.a[1]")]


def test_a_lone_surrogate_never_reaches_the_json_writer(tmp_path):
    text = json.dumps(yaml.safe_load((FIXTURES / "dossiers" / "example-bakkerij.yaml").read_text("utf-8")),
                      default=str).replace('"W-017"', '"W-017\\ud800"', 1)
    result = run_cli("dossier", write(tmp_path, text, "x.json"), "--format", "json", "--as-of", "2026-01-15")
    assert result.exit_code == 2 and result.stdout == ""
    assert "U+D800" in result.stderr


# --- 6. rule-pack templates ---------------------------------------------------------------------

RULE = """id: wvp.proef
kind: deadline
severity: error
title: {nl: Proef, en: Test}
message: {nl: "MESSAGE", en: "Done by {due}."}
source: {document: Test, article: "1"}
params: {event: probleemanalyse, due: {day: 42}}
"""


@pytest.mark.parametrize("template, problem", [
    ("te laat {due", "template: syntax"), ("{0} te laat", "template: positional"), ("{} te laat", "template: positional"),
    ("{due:>400000000}", "template: format"), ("{due.__class__.__mro__}", "template: attribute"),
    ("{due[0]}", "template: index"), ("{due!r}", "template: conversion"), ("{diagnose}", "template: unknown name"),
    ("{element}", "template: unknown name"),  # a name another kind fills, not this one
])
def test_bad_rule_templates_are_input_errors_when_the_pack_loads(tmp_path, vocab, template, problem):
    folder = tmp_path / "wvp"
    folder.mkdir()
    path = write(folder, RULE.replace("MESSAGE", template), "proef.yaml")
    with pytest.raises(InputErrors) as caught:
        load_rule(path, vocab)
    errors = caught.value.errors
    assert [(e.code, e.json_path, e.line, e.param_dict()["problem"]) for e in errors] == [
        ("rule.bad-template", "$.message.nl", 5, problem)]


def test_good_templates_load_and_fill_never_formats():
    assert template_problems("Klaar op {due} door {actors} ({days} dagen, {{letterlijk}})", ("due", "actors", "days")) == []
    assert fill("{due.__class__} {due:>9} {due} {missing} {{x}}", {"due": "2025-01-01"}) == \
        "{due.__class__} {due:>9} 2025-01-01 {missing} {x}"
    assert fill("te laat {due", {"due": "x"}) == "te laat {due"


def test_every_shipped_rule_template_is_valid(rulebook):
    from checker.messages import COMMON_RULE_PARAMS

    for rule in rulebook.rules:
        for template in rule.message.values():
            assert template_problems(template, COMMON_RULE_PARAMS + rule.module.MESSAGE_PARAMS) == [], rule.id


@pytest.mark.parametrize("params, where", [
    ("{event: eerstejaarsevaluatie, start_day: 400, due: {day: 364}}", "$.params.start_day"),
    # "the earliest of": the window must open before each due date of the list
    ("{event: eerstejaarsevaluatie, start_day: 300, due: [{day: 364}, {day: 280}]}", "$.params.start_day"),
    ("{event: eerstejaarsevaluatie, start: {day: 400}, due: {day: 364}}", "$.params.start.day"),
    # counted back from the end: opening 30 days before the end is after closing 60 days before it
    ("{event: re_integratieverslag, start: {before_end: 30}, due: {before_end: 60}}", "$.params.start.before_end"),
    # plus_days count too (review: day 5 plus 300 days opens after day 10)
    ("{event: eerstejaarsevaluatie, start: {day: 5, plus_days: 300}, due: {day: 10}}", "$.params.start.day"),
    ("{event: eerstejaarsevaluatie, start_day: 400, due: {day: 300, plus_days: 50}}", "$.params.start_day"),
])
def test_a_window_that_opens_after_it_closes_is_refused(tmp_path, vocab, params, where):
    folder = tmp_path / "wvp"
    folder.mkdir()
    text = RULE.replace("MESSAGE", "{due}").replace("kind: deadline", "kind: window") \
        .replace("params: {event: probleemanalyse, due: {day: 42}}", f"params: {params}")
    with pytest.raises(InputErrors) as caught:
        load_rule(write(folder, text, "proef.yaml"), vocab)
    assert [(e.code, e.json_path) for e in caught.value.errors] == [("rule.bad-order", where)]


@pytest.mark.parametrize("params", [
    "{event: eerstejaarsevaluatie, start_day: 300, due: [{day: 364}, {before_end: 0}]}",
    "{event: eerstejaarsevaluatie, start: {day: 300}, due: {day: 364}}",
    "{event: re_integratieverslag, start: {before_end: 60}, due: {before_end: 30}}",
    "{event: eerstejaarsevaluatie, start_day: 330, due: {day: 300, plus_days: 50}}",
    # depends on the dossier: not judged when the rule loads
    "{event: eerstejaarsevaluatie, start: {day: 400, after_event: plan_van_aanpak}, due: {day: 364}}",
])
def test_a_window_in_order_loads(tmp_path, vocab, params):
    folder = tmp_path / "wvp"
    folder.mkdir()
    text = RULE.replace("MESSAGE", "{due}").replace("kind: deadline", "kind: window") \
        .replace("params: {event: probleemanalyse, due: {day: 42}}", f"params: {params}")
    assert load_rule(write(folder, text, "proef.yaml"), vocab).id == "wvp.proef"


def test_validity_that_ends_before_it_starts_is_refused(tmp_path, vocab):
    folder = tmp_path / "wvp"
    folder.mkdir()
    text = RULE.replace("MESSAGE", "{due}") + "valid_from: 2024-01-01\nvalid_until: 2023-01-01\n"
    with pytest.raises(InputErrors) as caught:
        load_rule(write(folder, text, "proef.yaml"), vocab)
    assert [(e.code, e.json_path) for e in caught.value.errors] == [("rule.bad-order", "$.valid_until")]


# --- 7. exit codes on I/O -----------------------------------------------------------------------

EXAMPLE = FIXTURES / "dossiers" / "example-bakkerij.yaml"


def _cli(*args, **kwargs):
    import subprocess
    import sys

    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    streams.update(kwargs.pop("streams", {}))
    return subprocess.run([sys.executable, "-m", "checker.cli", *map(str, args)], cwd=ROOT, text=True,
                          **streams, **kwargs)


def test_stdout_on_a_full_disk_exits_2_with_a_message():
    with open("/dev/full", "w") as full:
        done = _cli("dossier", EXAMPLE, "--as-of", "2026-01-15", "--lang", "en", streams={"stdout": full})
    assert done.returncode == 2
    assert "output cannot be written (No space left on device)" in done.stderr


def test_stdout_that_cannot_encode_the_report_exits_2():
    import os

    done = _cli("dossier", EXAMPLE, "--as-of", "2026-01-15", "--lang", "en",
                env=dict(os.environ, PYTHONIOENCODING="ascii"))
    assert done.returncode == 2
    assert "output cannot be written (encoding ascii)" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_input_error_stays_2_when_stderr_cannot_be_written(tmp_path):
    bad = write(tmp_path, "dossier: [\n")
    with open("/dev/full", "w") as full:
        done = _cli("dossier", bad, streams={"stderr": full})
    assert done.returncode == 2


# --- 8. semantics ------------------------------------------------------------------------------

@pytest.mark.parametrize("name, what", [("werkgever", "side"), ("bedrijfsarts", "side"), ("casemanager", "role")])
def test_an_organisation_named_like_a_side_or_role_is_an_error(tmp_path, vocab, name, what):
    text = POLICY_HEAD + f"organisations:\n  - {{id: {name}}}\nactors: []\n"
    errors = errors_of(load_policy, write(tmp_path, text), vocab)
    assert [(e.code, e.json_path, e.param_dict()["what"]) for e in errors] == [
        ("id.reserved", "$.organisations[0].id", what)]


def test_the_policy_organisation_itself_may_not_be_named_like_a_side(tmp_path, vocab):
    errors = errors_of(load_policy, write(tmp_path, "organisation: werkgever\narbo: {regeling: vangnet}\nactors: []\n"),
                       vocab)
    assert [(e.code, e.json_path) for e in errors] == [("id.reserved", "$.organisation")]


# --- 9. positions -------------------------------------------------------------------------------

def test_list_item_errors_name_the_bad_items(tmp_path, vocab):
    text = ("dossier: D\nemployer: e\nemployee: W\nfirst_sick_day: 2025-01-06\n"
            "actors:\n  - {id: lg-1, role: leidinggevende}\n"
            "events:\n  - {type: evaluatie, date: 2025-02-01, by: [null, 17, lg-1]}\n")
    errors = errors_of(load_dossier, write(tmp_path, text), vocab)
    assert [(e.code, e.json_path, e.line, e.column) for e in errors] == [
        ("schema.type", "$.events[0].by[0]", 8, 46), ("schema.type", "$.events[0].by[1]", 8, 52)]


def test_a_json_key_longer_than_1024_characters_keeps_every_position(tmp_path, vocab):
    text = ('{"dossier": "D", "employer": "e", "employee": "W", "first_sick_day": "2025-01-06",\n'
            f' "{"k" * 2000}": 1,\n "actors": [],\n "events": [{{"type": "evaluatie", "date": "2025-02-30"}}]}}')
    errors = errors_of(load_dossier, write(tmp_path, text, "x.json"), vocab)
    assert [(e.code, e.line, e.column) for e in errors] == [("schema.unknown-field", 2, 2), ("date.impossible", 4, 43)]


def test_unicode_line_separators_do_not_shift_json_lines(tmp_path, vocab):
    text = ('{"dossier": "D", "employer": "e", "employee": "W", "first_sick_day": "2025-01-06",\n'
            ' "notes": "een\u2028twee\u2029drie",\n "actors": [],\n'
            ' "events": [{"type": "evaluatie", "date": "2025-02-30"}]}')
    errors = errors_of(load_dossier, write(tmp_path, text, "x.json"), vocab)
    assert [(e.code, e.line, e.column) for e in errors] == [("date.impossible", 4, 43)]


# --- 4b. every writer escapes for its own syntax -----------------------------------------------

HOSTILE = ['q"uote', "br[ack]et{s}", "<script>alert(1)</script>", "back`tick", "pi|pe", "new\nline",
           "esc\x1b[2J", "bidi\u202eevil", "semi;colon", "hash#35;", "per%%cent"]


def hostile_result(vocab, rulebook):
    """A policy audit whose organisation, actor and organisation ids are hostile (built
    directly: the loader would refuse most of them)."""
    from checker.engine import audit_policy

    orgs = tuple(Organisation(id=f"org {h}", type="re_integratiebedrijf", acts_for="werkgever") for h in HOSTILE)
    actors = tuple(PolicyActor(id=h, role="casemanager", employer=f"org {h}", acts_for=f"org {h}") for h in HOSTILE)
    policy = Policy(organisation='werk"gever\n<b>', regeling="vangnet", basiscontract=(), verzekering="geen",
                    actors=actors, organisations=orgs, tasks=(("probleemanalyse", tuple(HOSTILE)),))
    return audit_policy(policy, rulebook, vocab, None)


def test_dot_output_quotes_hostile_ids(vocab, rulebook):
    from checker.report.graph import to_dot

    text = to_dot(hostile_result(vocab, rulebook))
    lines = text.splitlines()
    assert lines[0].startswith("digraph ") and lines[-1] == "}"
    quoted = re.compile(r'"(?:[^"\\]|\\.)*"')
    for line in lines[1:-1]:  # one statement per line; outside quoted strings only dot syntax
        outside = quoted.sub("", line)
        assert '"' not in outside and re.fullmatch(r"[\s\w\[\]=,;>#.\-]*", outside), line
    assert "\x1b" not in text and "\u202e" not in text
    assert '"actor: q\\"uote (casemanager)"' in text and "new\\\\u000aline" in text


def test_mermaid_output_escapes_hostile_ids(vocab, rulebook):
    from checker.report.graph import to_mermaid, to_mermaid_combined

    result = hostile_result(vocab, rulebook)
    for text in (to_mermaid(result), to_mermaid_combined([result, result])):
        assert "<script>" not in text and "<b>" not in text and "\x1b" not in text and "\u202e" not in text
        for line in text.splitlines():
            if line.startswith("%%"):
                continue
            edge = re.fullmatch(r"\s+\w+ (-->|-\.->)\|[\w#;]+\| \w+", line)
            node = re.fullmatch(r'\s+\w+(\["|\("|\{\{"|\[\("|\[/"|\{")[^"<>|`]*("\]|"\)|"\}\}|"\)\]|"/\]|"\})',
                                line)
            other = re.fullmatch(r"\s*(flowchart LR|end|classDef .*|class [\w,]+ conflict;|linkStyle .*|"
                                 r'subgraph \w+\["[^"<>|`]*"\])', line)
            assert edge or node or other, line
        assert "actor: q#34;uote (casemanager)" in text and "pi#124;pe" in text


def test_table_output_shows_controls_as_visible_escapes(vocab, rulebook):
    import io

    from checker.report.table import report

    stream = io.StringIO()
    report([hostile_result(vocab, rulebook)], stream, "en")
    text = stream.getvalue()
    assert "\x1b" not in text and "\u202e" not in text
    assert "esc\\u001b[2J" in text.replace("\n", "") or "\\u001b" in text


@pytest.mark.parametrize("function, hostile, expected", [
    ("safe_text", "a\x1b[2Jb\u2028c", "a\\u001b[2Jb\\u2028c"),
    ("dot_quoted", 'a"b\\c\nd', '"a\\"b\\\\c\\\\u000ad"'),
    ("mermaid_text", 'a"<b>|`[x]`#\n', "a#34;#60;b#62;#124;#96;[x]#96;#35;\\u000a"),
    ("markdown_cell", "a|b`<i>", "a\\|b\\`&lt;i&gt;"),
    ("html_text", '<script>"x"</script>', "&lt;script&gt;&quot;x&quot;&lt;/script&gt;"),
])
def test_the_shared_safe_text_functions(function, hostile, expected):
    from checker.report import safe

    assert getattr(safe, function)(hostile) == expected


@pytest.mark.parametrize("source", sorted((FIXTURES / "policies").glob("*.yaml"))[:4] + [EXAMPLE],
                         ids=lambda p: p.name)
def test_json_positions_from_the_text_agree_with_the_yaml_composer(tmp_path, source):
    """Every path of real files, located both ways (the composer is the reference; JSON is YAML flow)."""
    from checker.load import strict_yaml
    from checker.load.json_text import JsonPositions

    data = json.loads(json.dumps(yaml.safe_load(source.read_text("utf-8")), default=str))
    text = json.dumps(data, indent=1) + "\n"
    root, problems = strict_yaml.compose_single(text, "x.json")
    assert not problems
    positions = JsonPositions(text, data)
    for path, is_key in _leaves(data):
        assert positions.locate(path, is_key) == strict_yaml.locate(root, path, is_key), path


def test_allowed_values_are_ranked_only_within_the_suggestion_budget():
    """Ranking compares the word with every name: past the file's did-you-mean budget the list is
    the first five names, so 26,000 unknown tasks cost no 26,000 rankings (benchmarks/worst_case.py)."""
    from checker.errors import MAX_SUGGESTED, allowed_values, did_you_mean, new_suggestion_budget

    names = [f"taak_{c}" for c in "abcdefghijklmnopqrstuvwxyz"]
    new_suggestion_budget()
    assert allowed_values("taak_z", names).startswith("taak_z, ")  # within the budget: the closest first
    for i in range(MAX_SUGGESTED):
        did_you_mean(f"woord{i}", names)
    assert allowed_values("taak_y", names) == "taak_a, taak_b, taak_c, taak_d, taak_e, …"


def test_a_yaml_file_with_too_many_parts_is_refused_before_it_is_composed(tmp_path, monkeypatch):
    """Composing PyYAML's node tree costs about 8 us a part: a 10 MB YAML file of small values
    took 24-27 s. Past strict_yaml.MAX_EVENTS parser events the file is refused, counted by the
    parser alone; the same data as JSON is read."""
    import json as json_module

    from checker.commands.common import load_context
    from checker.load import strict_yaml

    load_context((), False)  # the shipped rules and roles, read (and cached) before the bound is lowered
    monkeypatch.setattr(strict_yaml, "MAX_EVENTS", 200)
    composed = []
    monkeypatch.setattr(strict_yaml.yaml, "compose_all", lambda *a, **k: composed.append(1) or iter(()))
    events = "".join(f"  - {{type: evaluatie, date: 2025-02-{1 + i % 28:02d}}}\n" for i in range(60))
    text = "dossier: D-1\nemployer: w\nemployee: W-1\nfirst_sick_day: 2025-01-06\nevents:\n" + events
    result, _ = run_cli_on_text(tmp_path, "big.yaml", text, "dossier", "--as-of", "2025-06-01", "--lang", "en")
    assert result.exit_code == 2 and "more than 200 parts" in result.stderr and "JSON" in result.stderr
    assert composed == []  # refused by counting, before any node was composed
    monkeypatch.undo()
    data = {"dossier": "D-1", "employer": "w", "employee": "W-1", "first_sick_day": "2025-01-06",
            "events": [{"type": "evaluatie", "date": f"2025-02-{1 + i % 28:02d}"} for i in range(60)]}
    as_json, _ = run_cli_on_text(tmp_path, "big.json", json_module.dumps(data), "dossier", "--as-of", "2025-06-01")
    assert as_json.exit_code in (0, 1)


def test_a_large_json_duplicate_key_is_still_reported_when_too_large_to_compose(tmp_path, monkeypatch):
    from checker.commands.common import load_context
    from checker.load import strict_yaml

    load_context((), False)
    monkeypatch.setattr(strict_yaml, "MAX_EVENTS", 50)
    events = ", ".join('{"type": "evaluatie", "date": "2025-02-01"}' for _ in range(40))
    text = '{"dossier": "D-1", "dossier": "D-2", "employer": "w", "employee": "W-1", ' \
           '"first_sick_day": "2025-01-06", "events": [' + events + ']}'
    result, _ = run_cli_on_text(tmp_path, "dup.json", text, "dossier", "--format", "json")
    assert result.exit_code == 2 and "dossier" in result.stderr
    assert "yaml.too-many-nodes" not in result.stderr


def test_a_json_file_with_too_many_lists_and_objects_is_refused_before_parsing(tmp_path, monkeypatch):
    """Counted in the text (outside strings, empty ones too) before json.loads builds them: 4.8
    million nested lists in 9.7 MB took 9-11 s and 540-575 MB."""
    from checker.load import json_text

    parsed = []
    monkeypatch.setattr(json_text, "MAX_CONTAINERS", 10)
    monkeypatch.setattr(json_text, "_no_duplicates", lambda pairs: parsed.append(1) or dict(pairs))  # json.loads's hook
    text = '{"dossier": "D-1", "notes": "[[[[[[[[[[[[", "events": [{}, {}, {}, [], [[1]], {}, {}, {}, {}, {}]}'
    result, _ = run_cli_on_text(tmp_path, "many.json", text, "dossier", "--lang", "en")
    assert result.exit_code == 2 and "JSON file with 13 lists and objects, more than the 10" in result.stderr
    assert parsed == []
    monkeypatch.undo()
    from checker.load.json_text import bracket_marks

    assert bracket_marks('{"a": "[{", "b": [[], {}, [1]]}') == ("{[[]]}", 2)
