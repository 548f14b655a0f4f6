"""``verzuimcheck policy``: fixtures with their exact findings, the CLI (formats, graphs, exit
codes, --as-of), bad input, determinism, constraints added as data, and the role checks
in dossiers (fixtures/dossiers/rol-*.yaml)."""
from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from checker.engine import audit_dossier, audit_policy
from checker.errors import InputErrors
from checker.load.schema import load_schema
from checker.model.dossier import load_dossier
from checker.model.policy import load_policy, policy_from_dict
from checker.vocab import load_vocabulary
from conftest import FIXTURES, run_cli, run_cli_json

POLICIES = FIXTURES / "policies"
DOSSIERS = FIXTURES / "dossiers"

#: every fixture policy -> its exact findings as (rule, status, actors), with multiplicity
EXPECTED = {
    "bakkerij-de-vries.yaml": [
        ("arbo.basiscontract", "missing", ()),  # two elements missing: one finding (one cause)
        ("rol.gezondheidsgegevens", "conflict", ("anna",)), ("rol.gezondheidsgegevens", "conflict", ("jan",)),
        ("rol.kwadrant", "conflict", ("anna",)),
        *[("rol.taak-onbemand", "missing", ())] * 7,
        ("rol.taakdelegatie-en-regie", "conflict", ("anna",)), ("rol.titel-past-niet", "conflict", ("anna",)),
        ("rol.verzekeraar-claimbeoordeling", "conflict", ("vera",)),
        ("rol.voorbehouden-taak", "conflict", ("anna",)),
    ],
    "vangnet-klein-schoon.yaml": [],
    "maatwerk-intern-casemanager.yaml": [],
    "arbodienst-taakdelegatie-en-regie.yaml": [("rol.taakdelegatie-en-regie", "conflict", ("sam",))],
    "leidinggevende-gezondheidsgegevens.yaml": [
        ("rol.gezondheidsgegevens", "conflict", ("hr-4",)), ("rol.gezondheidsgegevens", "conflict", ("lg-4",)),
        ("rol.voorbehouden-taak", "conflict", ("hr-4",))],
    "casemanager-medische-taken.yaml": [
        ("rol.gezondheidsgegevens", "conflict", ("kim",)), ("rol.kwadrant", "conflict", ("kim",)),
        ("rol.kwadrant", "conflict", ("kim",)), ("rol.voorbehouden-taak", "conflict", ("kim",)),
        ("rol.voorbehouden-taak", "conflict", ("kim",))],
    "dubbele-pet.yaml": [("rol.dubbele-pet", "conflict", ("ruud",))],
    "ontzorg-verkeerd-kwadrant.yaml": [("rol.kwadrant", "conflict", ("lotte",))],
    "verzekeraar-claimbeoordeling.yaml": [("rol.verzekeraar-claimbeoordeling", "conflict", ("vera",))],
    "contractketen-gezondheidsgegevens.yaml": [("rol.gezondheidsgegevens", "conflict", ("noor",))],
    "geen-regie-2017.yaml": [("rol.regie-ontbreekt", "missing", ()), ("rol.taak-onbemand", "missing", ()),
                             ("rol.taak-onbemand", "missing", ())],
}

#: role-conflict dossiers -> (as-of date, exact role findings as (rule, status, actors))
ROLE_DOSSIERS = {
    "rol-probleemanalyse-door-casemanager.yaml": ("2025-05-10", [
        ("rol.gezondheidsgegevens", "conflict", ("cm-1",)), ("rol.voorbehouden-taak", "conflict", ("cm-1",))]),
    "rol-taakdelegatie-en-regie.yaml": ("2025-05-10", [("rol.taakdelegatie-en-regie", "conflict", ("cmtd-2",))]),
    "rol-registratie-door-leidinggevende.yaml": ("2025-05-10", [
        ("rol.gezondheidsgegevens", "conflict", ("lg-3",)), ("rol.voorbehouden-taak", "conflict", ("lg-3",))]),
    "rol-dubbele-pet.yaml": ("2025-05-10", [("rol.dubbele-pet", "conflict", ("cm-4",))]),
}


def findings_of(result, prefix: str = "") -> Counter:
    return Counter((f.rule, f.status, f.actors) for f in result.findings if f.rule.startswith(prefix))


def write(tmp_path: Path, text: str, name: str = "policy.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


# -- fixtures ---------------------------------------------------------------

def test_every_fixture_policy_has_expectations():
    assert sorted(p.name for p in POLICIES.glob("*.yaml")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 6
    assert sum(1 for found in EXPECTED.values() if not found) >= 2  # the clean ones


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_policy_gives_exactly_its_findings(name, vocab, rulebook):
    result = audit_policy(load_policy(POLICIES / name, vocab), rulebook, vocab)
    assert findings_of(result) == Counter(EXPECTED[name])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_policy_is_synthetic_and_says_what_it_shows(name):
    text = (POLICIES / name).read_text("utf-8")
    assert text.startswith("# Synthetic, pseudonymised") and "What it shows" in text


def test_the_issue_example_shows_its_evidence_paths(vocab, rulebook):
    result = audit_policy(load_policy(POLICIES / "bakkerij-de-vries.yaml", vocab), rulebook, vocab)
    by_rule = {f.rule: f for f in result.findings if f.actors == ("anna",)}
    assert by_rule["rol.taakdelegatie-en-regie"].evidence == (
        "side:bedrijfsarts", "owns", "task:uitvraag_taakdelegatie", "performed_by", "actor:anna",
        "performs", "task:regie_re_integratie", "belongs_to", "side:werkgever")
    jan = next(f for f in result.findings if f.actors == ("jan",))
    assert jan.evidence == ("data:gezondheidsgegevens", "received_by", "actor:jan", "has_role",
                            "role:leidinggevende", "acts_for", "side:werkgever")


def test_a_contracting_chain_shows_in_the_evidence(vocab, rulebook):
    result = audit_policy(load_policy(POLICIES / "contractketen-gezondheidsgegevens.yaml", vocab), rulebook, vocab)
    assert result.findings[0].evidence == (
        "data:gezondheidsgegevens", "received_by", "actor:noor", "acts_for", "org:reintegratie-w",
        "acts_for", "org:verzekeraar-w", "acts_for", "side:verzekeraar")


# -- the CLI ----------------------------------------------------------------

def test_json_output_has_the_policy_shape():
    result, data = run_cli_json("policy", POLICIES / "dubbele-pet.yaml")
    assert result.exit_code == 0  # a warning does not reach the default --fail-on error
    assert data["kind"] == "policy" and data["subject"] == "bouwbedrijf-oost" and data["as_of"] == "2025-06-01"
    assert data["policy"] == {"regeling": "vangnet", "verzekering": "verzuimverzekering", "actors": 3,
                              "assignments": 12}
    finding = data["findings"][0]
    assert {k: finding[k] for k in ("rule", "severity", "status", "actors")} == {
        "rule": "rol.dubbele-pet", "severity": "warning", "status": "conflict", "actors": ["ruud"]}
    assert finding["evidence"][4] == "actor:ruud"
    assert finding["message"].startswith("ruud voert de regie op de re-integratie")
    assert finding["source"] == "Werkwijzer Casemanagement MKB verzuim-ontzorgverzekering (2019), §4.2"
    schema = Draft202012Validator(load_schema("report"))
    assert list(schema.iter_errors(data)) == []


def test_english_messages():
    _, data = run_cli_json("policy", POLICIES / "dubbele-pet.yaml", "--lang", "en")
    assert data["findings"][0]["message"].startswith("ruud runs the reintegration")


def test_table_output_shows_actors_and_evidence():
    result = run_cli("policy", POLICIES / "arbodienst-taakdelegatie-en-regie.yaml")
    assert result.exit_code == 1
    assert "rol.taakdelegatie-en-regie" in result.stdout and "sam" in result.stdout
    assert "Actoren" in result.stdout and "Bewijs" in result.stdout
    assert "1 fout(en), 0 waarschuwing(en)" in result.stdout


@pytest.mark.parametrize("name,fail_on,code", [
    ("vangnet-klein-schoon.yaml", "error", 0),
    ("arbodienst-taakdelegatie-en-regie.yaml", "error", 1),
    ("arbodienst-taakdelegatie-en-regie.yaml", "never", 0),
    ("dubbele-pet.yaml", "error", 0),
    ("dubbele-pet.yaml", "warning", 1),
])
def test_exit_codes(name, fail_on, code):
    assert run_cli("policy", POLICIES / name, "--fail-on", fail_on).exit_code == code


def test_several_policies_give_an_array():
    _, data = run_cli_json("policy", POLICIES / "vangnet-klein-schoon.yaml", POLICIES / "dubbele-pet.yaml")
    assert [d["subject"] for d in data] == ["kapsalon-de-krul", "bouwbedrijf-oost"]


def test_the_peildatum_decides_whether_the_basiscontract_applies():
    _, own = run_cli_json("policy", POLICIES / "geen-regie-2017.yaml")
    assert own["as_of"] == "2017-06-30"
    assert "arbo.basiscontract" not in {f["rule"] for f in own["findings"]}
    _, later = run_cli_json("policy", POLICIES / "geen-regie-2017.yaml", "--as-of", "2017-07-01")
    assert later["as_of"] == "2017-07-01"
    assert [f["params"]["elements"] for f in later["findings"] if f["rule"] == "arbo.basiscontract"] == [
        ["beroepsziekten", "klachtenprocedure", "overleg_preventie", "second_opinion"]]


def test_graph_to_stdout_replaces_the_report():
    result = run_cli("policy", POLICIES / "arbodienst-taakdelegatie-en-regie.yaml", "--graph", "dot")
    assert result.exit_code == 1
    assert result.stdout.startswith('digraph "drukkerij-zuid" {')
    assert '"actor:sam" -> "task:regie_re_integratie" [label="performs", color="#c00000"' in result.stdout


def test_graph_to_a_file_keeps_the_report(tmp_path):
    out = tmp_path / "rollen.mmd"
    result = run_cli("policy", POLICIES / "dubbele-pet.yaml", "--graph-out", out, "--format", "json")
    assert json.loads(result.stdout)["kind"] == "policy"
    text = out.read_text("utf-8")
    assert text.startswith("%% verzuimcheck role graph: bouwbedrijf-oost\nflowchart LR\n")


def test_graph_out_without_a_known_suffix_is_a_usage_error(tmp_path):
    result = run_cli("policy", POLICIES / "dubbele-pet.yaml", "--graph-out", tmp_path / "rollen.txt")
    assert result.exit_code == 2 and "--graph" in result.stderr


def test_a_bad_as_of_is_a_usage_error():
    result = run_cli("policy", POLICIES / "dubbele-pet.yaml", "--as-of", "2025-13-01")
    assert result.exit_code == 2 and "Traceback" not in result.stderr


# -- bad input --------------------------------------------------------------

BAD = """\
organisation: bakkerij-de-vries
arbo:
  regeling: vangnet
  basiscontract: [toegang_bedrijfsarts, second_opinon]
actors:
  - {id: anna, role: casemanagr}
  - {id: piet, role: bedrijfsarts, titles: [CMTX]}
  - {id: anna, role: leidinggevende}
tasks:
  probleemanalyse: [piett]
  regie_reintegratie: [piet]
  evaluatie: []
  plan_van_aanpak: [piet, piet]
data:
  gezondheidsgegevns: [piet]
"""


def test_bad_input_gives_every_error_with_line_path_and_hint(tmp_path, vocab):
    with pytest.raises(InputErrors) as caught:
        load_policy(write(tmp_path, BAD), vocab)
    got = [(e.code, e.line, e.json_path, e.hint) for e in caught.value.errors]
    assert got == [
        ("policy.unknown-element", 4, "$.arbo.basiscontract[1]", "second_opinion"),
        ("actor.unknown-role", 6, "$.actors[0].role", "casemanager"),
        ("policy.unknown-title", 7, "$.actors[1].titles[0]", "CMTD"),
        ("actor.duplicate", 8, "$.actors[2].id", None),
        ("policy.unknown-actor", 10, "$.tasks.probleemanalyse[0]", "piet"),
        ("policy.unknown-task", 11, "$.tasks.regie_reintegratie", "regie_re_integratie"),
        ("policy.task-unassigned", 12, "$.tasks.evaluatie", None),
        ("policy.duplicate-assignment", 13, "$.tasks.plan_van_aanpak[1]", None),
        ("policy.unknown-data", 15, "$.data.gezondheidsgegevns", "gezondheidsgegevens"),
    ]


def test_bad_input_on_the_command_line_exits_2_with_file_and_line(tmp_path):
    path = write(tmp_path, BAD)
    result = run_cli("policy", path, POLICIES / "vangnet-klein-schoon.yaml")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert f"{path.name}:11:3: $.tasks.regie_reintegratie: onbekende taak 'regie_reintegratie' " \
           "(kies uit: regie_re_integratie, " in result.stderr
    assert "…; met uitleg: verzuimcheck vocab events) (bedoelde u 'regie_re_integratie'?)" in result.stderr
    assert "actor 'anna' staat er twee keer in (eerder als nummer 1)" in result.stderr
    assert "9 invoerfout(en)" in result.stderr
    assert "kapsalon-de-krul" in result.stdout  # the good file is still reported
    english = run_cli("policy", path, "--lang", "en")
    assert "unknown task 'regie_reintegratie' (choose from: regie_re_integratie, " in english.stderr
    assert "verzuimcheck vocab events) (did you mean 'regie_re_integratie'?)" in english.stderr


@pytest.mark.parametrize("text,code,path", [
    ("organisation: o\narbo: {regeling: vangnet}\nactors:\n  - {id: a, role: werkgever, rol: x}\n",
     "schema.unknown-field", "$.actors[0].rol"),
    ("organisation: o\narbo: {regeling: vangnet}\nverzekering: ontzorg\nactors: []\n", "schema.enum", "$.verzekering"),
    ("organisation: o\nas_of: 2025-02-30\narbo: {regeling: vangnet}\nactors: []\n", "date.impossible", "$.as_of"),
    ("organisation: o\narbo: {regeling: vangnet}\nactors:\n  - {id: a, role: hr, acts_for: werkgevr}\n",
     "policy.unknown-acts-for", "$.actors[0].acts_for"),
    ("organisation: o\narbo: {regeling: vangnet}\nactors:\n  - {id: a, role: hr}\n"
     "  - {id: b, role: casemanager, delegated_by: a}\n", "policy.delegate-not-bedrijfsarts", "$.actors[1].delegated_by"),
    ("organisation: o\narbo: {regeling: vangnet}\norganisations: [{id: x}]\nactors:\n  - {id: a, role: hr, employer: y}\n",
     "policy.unknown-organisation", "$.actors[0].employer"),
    ("organisation: o\narbo: {regeling: vangnet}\norganisations:\n  - {id: x, acts_for: y}\n  - {id: y, acts_for: x}\n"
     "actors: []\n", "policy.contract-cycle", "$.organisations[0].acts_for"),
    ("organisation: o\narbo: {regeling: vangnet}\norganisations: [{id: o}]\nactors: []\n",
     "policy.duplicate-organisation", "$.organisations[0].id"),
    ("organisation: o\narbo: {regeling: vangnet}\nactors: []\ndata: {gezondheidsgegevens: [nobody]}\n",
     "policy.unknown-actor", "$.data.gezondheidsgegevens[0]"),
])
def test_each_semantic_check(tmp_path, vocab, text, code, path):
    with pytest.raises(InputErrors) as caught:
        load_policy(write(tmp_path, text), vocab)
    assert (caught.value.errors[0].code, caught.value.errors[0].json_path) == (code, path)
    assert caught.value.errors[0].line is not None


def test_a_json_policy_loads_and_errors_point_at_lines(tmp_path, vocab):
    data = yaml.safe_load((POLICIES / "dubbele-pet.yaml").read_text("utf-8"))
    good = load_policy(write(tmp_path, json.dumps(data, indent=2, default=str), "policy.json"), vocab)
    assert good.organisation == "bouwbedrijf-oost" and len(good.actors) == 3
    data["tasks"]["evaluatie"] = ["ruudd"]
    with pytest.raises(InputErrors) as caught:
        load_policy(write(tmp_path, json.dumps(data, indent=2, default=str), "bad.json"), vocab)
    error = caught.value.errors[0]
    assert (error.code, error.hint, error.line is not None) == ("policy.unknown-actor", "ruud", True)


# -- determinism ------------------------------------------------------------

def test_shuffled_actors_and_tasks_give_identical_json(tmp_path):
    data = yaml.safe_load((POLICIES / "bakkerij-de-vries.yaml").read_text("utf-8"))
    data["as_of"] = str(data["as_of"])
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    first = run_cli("policy", path, "--format", "json").stdout
    rng = random.Random(7)
    for _ in range(3):
        data["actors"] = rng.sample(data["actors"], len(data["actors"]))
        items = list(data["tasks"].items())
        rng.shuffle(items)
        data["tasks"] = {task: rng.sample(who, len(who)) for task, who in items}
        data["data"] = {k: list(reversed(v)) for k, v in data["data"].items()}
        path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
        assert run_cli("policy", path, "--format", "json").stdout == first
        assert run_cli("policy", path, "--graph", "dot").stdout == run_cli(
            "policy", POLICIES / "bakkerij-de-vries.yaml", "--graph", "dot").stdout


# -- constraints are data ---------------------------------------------------

CUSTOM_RULE = """\
id: register.hr-geen-regie
kind: incompatible_capacities
severity: warning
title: {nl: HR voert geen regie, en: HR does not run the case}
message: {nl: "{actors} is HR en voert de regie", en: "{actors} is HR and runs the case"}
source: {document: Beleid van een register, article: "art. 1"}
params:
  first: [{role: [hr]}]
  second: [{performs: [regie_re_integratie]}]
"""


def test_a_register_adds_a_constraint_without_python(tmp_path):
    pack = tmp_path / "register"
    pack.mkdir()
    (pack / "hr-geen-regie.yaml").write_text(CUSTOM_RULE, "utf-8")
    _, data = run_cli_json("policy", POLICIES / "leidinggevende-gezondheidsgegevens.yaml", "--rules", pack)
    custom = [f for f in data["findings"] if f["rule"] == "register.hr-geen-regie"]
    assert [(f["actors"], f["message"]) for f in custom] == [(["hr-4"], "hr-4 is HR en voert de regie")]


def test_a_constraint_with_an_unknown_name_is_rejected_with_a_hint(tmp_path):
    pack = tmp_path / "register"
    pack.mkdir()
    (pack / "hr-geen-regie.yaml").write_text(CUSTOM_RULE.replace("regie_re_integratie", "regie_reintegratie"), "utf-8")
    result = run_cli("policy", POLICIES / "dubbele-pet.yaml", "--rules", pack)
    assert result.exit_code == 2
    assert "$.params.second[0].performs[0]: onbekende naam 'regie_reintegratie' in tasks " \
           "(bedoelde u 'regie_re_integratie'?)" in result.stderr


def test_the_vocabulary_is_cross_checked(tmp_path):
    roles = Path(__file__).resolve().parent.parent / "roles"
    for path in roles.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text("utf-8"), "utf-8")
    titles = tmp_path / "titles.yaml"
    titles.write_text(titles.read_text("utf-8").replace("role: casemanager_taakdelegatie", "role: casemanager_taakdelegatei"),
                      "utf-8")
    with pytest.raises(InputErrors) as caught:
        load_vocabulary(str(tmp_path))
    [error] = caught.value.errors
    assert (error.code, error.json_path, error.hint) == ("roles.unknown-name", "$.titles.CMTD.role",
                                                        "casemanager_taakdelegatie")


def test_every_constraint_cites_a_source(rulebook):
    constraints = [r for r in rulebook.rules if r.id.startswith(("rol.", "arbo."))]
    assert len(constraints) >= 9
    for rule in constraints:
        assert rule.source["document"] and rule.source["article"], rule.id
    assert rulebook.by_id()["arbo.basiscontract"].valid_from.isoformat() == "2017-07-01"


# -- role checks in dossiers ------------------------------------------------

def test_every_role_dossier_has_expectations():
    assert sorted(p.name for p in DOSSIERS.glob("rol-*.yaml")) == sorted(ROLE_DOSSIERS)


@pytest.mark.parametrize("name", sorted(ROLE_DOSSIERS))
def test_role_dossier_gives_exactly_its_role_findings(name, vocab, rulebook):
    as_of, expected = ROLE_DOSSIERS[name]
    result = audit_dossier(load_dossier(DOSSIERS / name, vocab), rulebook, vocab, as_of=_date(as_of))
    assert findings_of(result, "rol.") + findings_of(result, "arbo.") == Counter(expected)
    assert not [f for f in result.findings if not f.rule.startswith("rol.")]  # the Wvp steps are in order


def test_role_findings_in_the_dossier_command_and_its_json_schema():
    result, data = run_cli_json("dossier", DOSSIERS / "rol-taakdelegatie-en-regie.yaml", "--as-of", "2025-05-10")
    assert result.exit_code == 1
    [finding] = data["findings"]
    assert finding["rule"] == "rol.taakdelegatie-en-regie" and finding["actors"] == ["cmtd-2"]
    assert finding["evidence"][2] == "actor:cmtd-2"
    assert list(Draft202012Validator(load_schema("report")).iter_errors(data)) == []


def test_the_readme_example_dossier_has_no_role_conflicts(vocab, rulebook):
    result = audit_dossier(load_dossier(DOSSIERS / "example-bakkerij.yaml", vocab), rulebook, vocab,
                           as_of=_date("2026-01-15"))
    assert not findings_of(result, "rol.")


def test_policy_only_constraints_do_not_run_on_dossiers(rulebook):
    dossier_rules = {r.id for r in rulebook.for_subject("dossier")}
    assert {"rol.regie-ontbreekt", "rol.taak-onbemand", "arbo.basiscontract"}.isdisjoint(dossier_rules)
    assert {"rol.taakdelegatie-en-regie", "rol.voorbehouden-taak", "rol.gezondheidsgegevens"} <= dossier_rules


def test_policy_from_dict_accepts_date_objects(vocab, rulebook):
    policy = policy_from_dict({"organisation": "o", "as_of": _date("2017-06-30"), "arbo": {"regeling": "vangnet"},
                               "actors": []}, vocab)
    assert policy.as_of == _date("2017-06-30")
    assert audit_policy(policy, rulebook, vocab).as_of == _date("2017-06-30")


def _date(text: str):
    from datetime import date

    return date.fromisoformat(text)


# -- documentation ----------------------------------------------------------

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_roles_doc_names_every_constraint_kind_and_vocabulary_entry(vocab, rulebook):
    text = (DOCS / "roles.md").read_text("utf-8")
    names = [r.id for r in rulebook.rules if r.id.startswith(("rol.", "arbo."))]  # the role constraints
    names += ["incompatible_capacities", "reserved_task", "data_flow", "quadrant_fit", "task_staffed",
              "contract_elements"]
    for section in ("roles", "sides", "organisation_types", "quadrants", "titles", "data_categories", "basiscontract"):
        names += list(getattr(vocab, section))
    assert [name for name in names if f"`{name}`" not in text] == []


def test_policy_format_example_is_a_valid_policy(tmp_path, vocab):
    text = (DOCS / "policy-format.md").read_text("utf-8")
    example = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    policy = load_policy(write(tmp_path, example), vocab)
    assert [a.id for a in policy.actors] == ["anna", "piet", "jan", "vera"]
    schema_fields = set(load_schema("policy")["properties"]) | set(load_schema("policy")["$defs"]["actor"]["properties"])
    assert [f for f in sorted(schema_fields) if f"`{f}`" not in text] == []


def test_schema_and_name_errors_come_together(tmp_path):
    from conftest import run_cli_on_text

    result, bad = run_cli_on_text(
        tmp_path, "mixed.yaml",
        "organisation: x\narbo: {regeling: vangnet, basiscontract: [toegang_bedrijfsarts]}\n"
        "verzekering: geen\nactors:\n  - {id: anna, role: casemanagr}\n"
        "  - {id: piet, role: bedrijfsarts, extra: 1}\ntasks:\n  probleemanalyse: [piett]\n",
        "policy", "--lang", "en")
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.startswith(str(bad)) or "mixed.yaml:" in line]
    assert len(lines) == 3, result.stderr
    assert "unknown field 'extra'" in result.stderr
    assert "did you mean 'casemanager'" in result.stderr and "did you mean 'piet'" in result.stderr


def test_reserved_task_and_basiscontract_cite_their_primary_sources(rulebook, vocab):
    rules = rulebook.by_id()
    reserved = rules["rol.voorbehouden-taak"].source
    assert reserved["document"] == "Regeling procesgang eerste en tweede ziektejaar"
    assert reserved["article"] == "art. 2 lid 2; art. 6 lid 1 sub j"
    also = [(a["document"], a.get("article", "")) for a in reserved["also"]]
    assert also[0][0] == "NVAB FAQ taakdelegatie (10-10-2023)"
    assert ("Arbeidsomstandighedenwet", "art. 14 lid 1 sub b") in also
    elements = vocab.basiscontract
    assert elements["second_opinion"]["source"]["article"].startswith("art. 14 lid 2 sub g (Stb. 2017, 255")
    assert elements["klachtenprocedure"]["source"]["article"] == "art. 14 lid 2 sub h (Stb. 2017, 255)"
    assert "preventie" in elements["overleg_preventie"]["label"]["nl"].split("en advies over")[1]
    for lang, words in {"nl": ("sub g", "sub h", "1 juli 2018", "advies over preventie"),
                        "en": ("sub g", "sub h", "1 July 2018", "advice on prevention")}.items():
        text = rules["arbo.basiscontract"].explanation[lang]
        assert all(word in text for word in words), (lang, text)
    assert list(rules["arbo.basiscontract"].params["elements"]) == [
        "toegang_bedrijfsarts", "werkplekbezoek", "second_opinion", "klachtenprocedure", "beroepsziekten",
        "overleg_preventie"]
