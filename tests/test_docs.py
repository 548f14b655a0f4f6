"""The documentation is generated where it can be, and checked against the code where it cannot."""
from __future__ import annotations

import json
import re

import pytest
import yaml

from checker.cli import main
from checker.load.schema import load_schema
from checker.vocab import load_vocabulary
from conftest import ROOT, audit_dict, run_cli

DOCS = ROOT / "docs"
MY_DOCS = ("dossier-format.md", "counting.md", "json-output.md", "cli.md")
REGENERATE = "regenerate with: verzuimcheck rules --format markdown{lang} > docs/{name}"


def doc(name: str) -> str:
    return (DOCS / name).read_text("utf-8")


def code_blocks(name: str, language: str) -> list:
    return re.findall(rf"```{language}\n(.*?)```", doc(name), flags=re.S)


# --- generated rule documentation -------------------------------------------------------------

@pytest.mark.parametrize("name,options", [("rules.md", ()), ("rules.en.md", ("--lang", "en"))])
def test_rule_docs_are_up_to_date(name, options):
    result = run_cli("rules", "--format", "markdown", *options)
    assert result.exit_code == 0
    lang = " --lang en" if options else ""
    assert doc(name) == result.stdout, REGENERATE.format(lang=lang, name=name)


def test_rule_docs_cover_every_wvp_rule():
    ids = {path.stem for path in (ROOT / "rules" / "wvp").glob("*.yaml")}
    for name in ("rules.md", "rules.en.md"):
        assert all(f"## wvp.{rule}" in doc(name) for rule in ids)


# --- dossier-format.md ------------------------------------------------------------------------

def _schema_fields(schema) -> set:
    fields = set(schema["properties"])
    for definition in schema["$defs"].values():
        fields |= set(definition.get("properties", {}))
    return fields


def test_dossier_format_documents_every_schema_field():
    text = doc("dossier-format.md")
    missing = sorted(f for f in _schema_fields(load_schema("dossier")) if f"`{f}`" not in text)
    assert not missing, f"fields of dossier.schema.json not in docs/dossier-format.md: {missing}"


def test_dossier_format_lists_the_vocabularies():
    text = doc("dossier-format.md")
    vocab = load_vocabulary()
    missing = sorted(name for name in list(vocab.tasks) + list(vocab.roles) if f"| `{name}` |" not in text)
    assert not missing, f"event types or roles missing from docs/dossier-format.md: {missing}"
    assert "roles/tasks.yaml" in text and "roles/actor-roles.yaml" in text


def test_dossier_format_examples_are_valid_and_equivalent(vocab, rulebook):
    yaml_example, *more = code_blocks("dossier-format.md", "yaml")  # the first YAML block is the JSON's twin
    (json_example,) = code_blocks("dossier-format.md", "json")
    from_yaml = json.loads(json.dumps(yaml.safe_load(yaml_example), default=str))
    from_json = json.loads(json_example)
    audits = [audit_dict(data, "2025-06-01", vocab, rulebook) for data in (from_yaml, from_json)]
    assert [(f.rule, f.status, f.due) for f in audits[0].findings] == \
           [(f.rule, f.status, f.due) for f in audits[1].findings]
    assert audits[0].timeline == audits[1].timeline


def test_dossier_format_path_examples_are_valid_dossiers(vocab, rulebook):
    """Every further YAML example (the paths beyond the textbook) loads and audits without a crash."""
    _, *more = code_blocks("dossier-format.md", "yaml")
    assert more, "docs/dossier-format.md shows an example of a path beyond the textbook"
    for block in more:
        data = json.loads(json.dumps(yaml.safe_load(block), default=str))
        result = audit_dict(data, "2025-12-01", vocab, rulebook)
        assert result.timeline


# --- json-output.md ---------------------------------------------------------------------------

def test_json_output_examples_match_the_schemas():
    from jsonschema import Draft202012Validator

    examples = [json.loads(block) for block in code_blocks("json-output.md", "json")]
    by_kind = {example["kind"]: example for example in examples}
    assert set(by_kind) == {"dossier", "calendar"}
    Draft202012Validator(load_schema("report")).validate(by_kind["dossier"])
    Draft202012Validator(load_schema("calendar")).validate(by_kind["calendar"])


def test_json_output_calendar_example_is_the_real_output():
    (calendar,) = [json.loads(b) for b in code_blocks("json-output.md", "json") if '"calendar"' in b]
    assert json.loads(run_cli("calendar", "--first-sick-day", "2025-01-06", "--format", "json").stdout) == calendar


def test_json_output_documents_every_status_and_note():
    from checker.findings import FINDING_STATUSES, TIMELINE_STATUSES
    from checker.messages import catalogue

    text = doc("json-output.md")
    for name in set(TIMELINE_STATUSES) | set(FINDING_STATUSES) | set(catalogue()["notes"]):
        assert f"`{name}`" in text, name


# --- cli.md -----------------------------------------------------------------------------------

def test_cli_doc_names_every_command_and_option():
    text = doc("cli.md")
    for name, command in main.commands.items():
        assert f"## `verzuimcheck {name}`" in text, name
        for param in command.params:
            for option in param.opts:
                if option.startswith("--") and option != "--help":
                    assert f"`{option}" in text, f"{name} {option}"


def test_cli_doc_lists_every_exit_code():
    from checker import cli

    text = doc("cli.md")
    for code in (cli.EXIT_OK, cli.EXIT_FINDINGS, cli.EXIT_INPUT, cli.EXIT_INTERNAL):
        assert f"| {code} |" in text


# --- counting.md and the glossary -------------------------------------------------------------

def test_counting_doc_has_the_published_example_and_fixed_dates():
    text = doc("counting.md")
    for needle in ("1 Jan 2024", "22 Jan 2024", "`wachttijd_last_day`", "`wachttijd_first_day_after`",
                   "`max_loonsanctie_end`", "counted day 728", "fewer than 28", "7n"):
        assert needle in text, needle


WVP_TERMS = ("probleemanalyse", "plan van aanpak", "bijstelling", "eerstejaarsevaluatie", "42e-weeksmelding",
             "re-integratieverslag", "actueel oordeel", "wachttijd", "samentelling", "loonsanctie",
             "spoor 1 / spoor 2", "deskundigenoordeel", "WIA")


def test_glossary_defines_the_wvp_terms():
    text = doc("glossary.md")
    missing = [term for term in WVP_TERMS if f"**{term}**" not in text]
    assert not missing, missing


# --- links ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", MY_DOCS + ("glossary.md",))
def test_relative_links_resolve(name):
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", doc(name)):
        assert (DOCS / target).resolve().exists(), f"{name}: broken link {target}"


def test_readme_doc_links_resolve():
    readme = (ROOT / "README.md").read_text("utf-8")
    for target in re.findall(r"\]\((docs/[^)#]+)\)", readme):
        if target.rsplit("/", 1)[-1] in MY_DOCS + ("rules.md", "glossary.md"):
            assert (ROOT / target).exists(), target
