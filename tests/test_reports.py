"""The document reports (Markdown, HTML, SARIF) and the ICS calendar: content, escaping, files.

Every writer gets a hostile id (quotes, brackets, <script>, backticks, pipes, a line break)
and must keep it as text in its own syntax: each test parses the output back with a real
parser for that syntax (html.parser, markdown-it, json + the SARIF schema, icalendar).
"""
from __future__ import annotations

import io
import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from checker.commands.output import REPORT_FORMATS
from checker.engine import audit_policy
from checker.model.policy import policy_from_dict
from checker.report import REPORTERS
from conftest import FIXTURES, ROOT, audit_dict, run_cli

# no line break: the loader refuses one in an id (issue 8, value.control-in-identifier)
HOSTILE = "D\"'<script>alert(1)</script>[x](javascript:alert(2))|`tick`&amp;*_#"
HOSTILE_ACTOR = "<script>x</script>|`a`[b](c)\"'"
BAKKERIJ = FIXTURES / "dossiers" / "example-bakkerij.yaml"
CONFLICT_POLICY = FIXTURES / "policies" / "casemanager-medische-taken.yaml"
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"


def hostile_dossier():
    return audit_dict({
        "dossier": HOSTILE, "employer": "bakkerij", "employee": "W-1", "first_sick_day": "2025-01-06",
        "actors": [{"id": HOSTILE_ACTOR, "role": "bedrijfsarts"}],
        "events": [{"type": "probleemanalyse", "date": "2025-03-10", "by": HOSTILE_ACTOR}],
    }, "2026-01-15")


def hostile_policy(vocab, rulebook):
    policy = policy_from_dict({
        "organisation": HOSTILE, "as_of": "2025-06-01",
        "arbo": {"regeling": "vangnet", "basiscontract": []}, "verzekering": "geen",
        "actors": [{"id": HOSTILE_ACTOR, "role": "casemanager", "acts_for": "werkgever"},
                   {"id": "ba-1", "role": "bedrijfsarts"}],
        "tasks": {"probleemanalyse": [HOSTILE_ACTOR], "regie_re_integratie": [HOSTILE_ACTOR]},
    }, vocab)
    return audit_policy(policy, rulebook, vocab)


def render(name: str, results, lang: str = "nl") -> str:
    stream = io.StringIO()
    REPORTERS[name](results, stream, lang)
    return stream.getvalue()


def test_the_cli_offers_every_registered_format():
    assert REPORT_FORMATS == tuple(REPORTERS)


# -- HTML -------------------------------------------------------------------------------

class _Elements(HTMLParser):
    """Start tags and the text of a page, as a browser's parser sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text, self.hrefs = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.hrefs += [value for name, value in attrs if name in ("href", "xlink:href")]

    def handle_data(self, data):
        self.text.append(data)


def parsed(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    return parser


@pytest.mark.parametrize("kind", ["dossier", "policy"])
def test_html_keeps_a_hostile_id_as_text(kind, vocab, rulebook):
    result = hostile_dossier() if kind == "dossier" else hostile_policy(vocab, rulebook)
    assert result.findings, "the hostile subject must reach the findings too"
    page = render("html", [result, result])
    elements = parsed(page)
    assert "script" not in elements.tags
    assert not any(h.lower().startswith("javascript") for h in elements.hrefs)
    text = "".join(elements.text)
    assert HOSTILE.strip() in text
    assert kind == "dossier" or "<script>x</script>" in text  # the actor in the role graph, as text


def test_html_dossier_has_the_timeline_with_late_and_missing_steps():
    result = audit_dict(json.loads(json.dumps(_yaml(BAKKERIJ), default=str)), "2026-01-15")
    page = render("html", [result])
    assert page.count('<svg class="timeline"') == 1
    assert page.count('class="late"') == 2  # plan van aanpak and one evaluation: +15 d and +118 d
    assert "+15 d" in page and "+118 d" in page
    assert page.count('class="missing"') == 1  # the 42e-weeksmelding
    assert page.count("<line x1=") >= 104  # a tick per counted week
    assert "wk 104" in page and "ma 2025-01-06" in page
    assert "<script" not in page and "http" not in page.split("<body>")[0].replace("http-equiv", "")


def test_html_policy_draws_conflicting_edges_red_with_their_rule(vocab, rulebook):
    from checker.model.policy import load_policy

    result = audit_policy(load_policy(CONFLICT_POLICY, vocab), rulebook, vocab)
    page = render("html", [result], "en")
    assert '<svg class="roles"' in page
    conflicts = re.findall(r'<path class="performs conflict"[^>]*stroke="#c00000"', page)
    assert len(conflicts) == 2  # kim performs two tasks reserved to the bedrijfsarts
    assert "rol.voorbehouden-taak" in re.findall(r'class="conflict-label"[^>]*>(.*?)</text>', page)[0] + \
        re.findall(r'class="conflict-label"[^>]*>(.*?)</text>', page)[1]
    for side in ("Employer", "Occupational physician"):
        assert f">{side}</text>" in page


def test_html_several_subjects_get_an_overview_linking_to_each_section():
    results = [audit_dict(_yaml(BAKKERIJ), "2026-01-15"), hostile_dossier()]
    page = render("html", results)
    assert '<table class="overview">' in page
    assert '<a href="#s1">' in page and '<a href="#s2">' in page
    assert 'id="s1"' in page and 'id="s2"' in page
    assert 'id="s1-gap"' in page and 'id="s2-gap"' in page  # pattern ids unique per picture
    assert "page-break-before: always" in page


def test_html_is_english_with_lang_en():
    result = audit_dict(_yaml(BAKKERIJ), "2026-01-15")
    english, dutch = render("html", [result], "en"), render("html", [result], "nl")
    assert '<html lang="en">' in english and "First sick day" in english and "Eerste ziektedag" not in english
    assert '<html lang="nl">' in dutch and "Eerste ziektedag" in dutch


def test_html_draws_leave_when_the_audit_knows_it():
    result = audit_dict(_yaml(BAKKERIJ), "2026-01-15")
    assert 'class="leave"' not in render("html", [result])
    result.facts["leave"] = ((date(2025, 7, 14), date(2025, 8, 1)),)
    assert render("html", [result]).count('class="leave"') == 1


# -- Markdown ---------------------------------------------------------------------------

def _markdown_to_html(text: str) -> str:
    from markdown_it import MarkdownIt  # comes with rich

    return MarkdownIt("commonmark").enable("table").render(text)


@pytest.mark.parametrize("kind", ["dossier", "policy"])
def test_markdown_keeps_a_hostile_id_as_text(kind, vocab, rulebook):
    result = hostile_dossier() if kind == "dossier" else hostile_policy(vocab, rulebook)
    text = render("markdown", [result, result])
    rendered = _markdown_to_html(text)
    elements = parsed(rendered)
    assert "script" not in elements.tags
    assert not any("javascript" in h for h in elements.hrefs)
    assert {"em", "strong", "code"} >= set(elements.tags) - {"h1", "h2", "h3", "p", "ul", "li", "a", "table",
                                                             "thead", "tbody", "tr", "th", "td"}
    assert HOSTILE.strip() in "".join(elements.text)
    # the overview table keeps its three columns although the subject holds a pipe
    row = next(line for line in text.splitlines() if line.startswith("| [D"))
    assert len(re.split(r"(?<!\\)\|", row)) == 5


def test_markdown_has_the_header_facts_and_findings():
    text = render("markdown", [audit_dict(_yaml(BAKKERIJ), "2026-01-15")])
    assert "- Eerste ziektedag: ma 2025-01-06" in text
    assert "- Einde wachttijd: zo 2027-01-03" in text  # header_facts, shared with the table
    assert "Volgende stappen: Ziekmelding bij UWV (42e-weeksmelding) (uiterlijk ma 2025-10-27, 80 dag(en) te laat)" in text
    assert text.count("\n- **fout: ") == 2 and text.count("\n- **waarschuwing: ") == 1
    assert "(<https://wetten.overheid.nl/BWBR0001888>)" in text


# -- SARIF ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sarif_validator():
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def _sarif_cli(*args):
    result = run_cli(*args, "--format", "sarif")
    return json.loads(result.stdout)


def test_sarif_of_a_dossier_validates_and_points_at_event_lines(sarif_validator):
    log = _sarif_cli("dossier", BAKKERIJ, "--as-of", "2026-01-15")
    sarif_validator.validate(log)
    run = log["runs"][0]
    results = {r["ruleId"]: r for r in run["results"]}
    lines = BAKKERIJ.read_text(encoding="utf-8").splitlines()
    plan = results["wvp.plan-van-aanpak"]["locations"][0]["physicalLocation"]
    assert plan["artifactLocation"]["uri"] == "fixtures/dossiers/example-bakkerij.yaml" or \
        plan["artifactLocation"]["uri"].endswith("example-bakkerij.yaml")
    assert "plan_van_aanpak" in lines[plan["region"]["startLine"] - 1]
    missing = results["wvp.ziekmelding-uwv"]["locations"][0]["physicalLocation"]
    assert "region" not in missing  # nothing happened, so no line to point at
    rules = {d["id"]: d for d in run["tool"]["driver"]["rules"]}
    assert rules["wvp.ziekmelding-uwv"]["helpUri"] == "https://wetten.overheid.nl/BWBR0001888"
    assert "Ziektewet, art. 38 lid 1" in rules["wvp.ziekmelding-uwv"]["help"]["text"]
    assert rules["wvp.evaluatie"]["defaultConfiguration"]["level"] == "warning"
    for result in run["results"]:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_of_a_policy_points_at_the_actor_line(sarif_validator):
    log = _sarif_cli("policy", CONFLICT_POLICY)
    sarif_validator.validate(log)
    lines = CONFLICT_POLICY.read_text(encoding="utf-8").splitlines()
    for result in log["runs"][0]["results"]:
        line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
        assert "id: kim" in lines[line - 1]
        assert result["level"] in ("error", "warning")


@pytest.mark.parametrize("kind", ["dossier", "policy"])
def test_sarif_keeps_a_hostile_id_exactly(kind, vocab, rulebook, sarif_validator):
    result = hostile_dossier() if kind == "dossier" else hostile_policy(vocab, rulebook)
    log = json.loads(render("sarif", [result]))
    sarif_validator.validate(log)
    assert {r["properties"]["subject"] for r in log["runs"][0]["results"]} == {HOSTILE}
    assert log["runs"][0]["results"][0]["locations"][0]["logicalLocations"][0]["name"] == HOSTILE


def test_sarif_with_no_findings_is_a_valid_empty_run(sarif_validator):
    log = _sarif_cli("dossier", FIXTURES / "dossiers" / "compliant-twee-jaar.yaml", "--as-of", "2027-06-01")
    sarif_validator.validate(log)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


# -- --output ---------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["html", "markdown", "sarif", "json", "table"])
def test_output_writes_the_report_to_a_file(tmp_path, fmt):
    target = tmp_path / f"r.{fmt}"
    result = run_cli("dossier", BAKKERIJ, "--as-of", "2026-01-15", "--format", fmt, "--output", target)
    assert result.exit_code == 1  # findings
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == \
        run_cli("dossier", BAKKERIJ, "--as-of", "2026-01-15", "--format", fmt).stdout
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left


def test_output_never_overwrites_an_input(tmp_path):
    copy = tmp_path / "d.yaml"
    copy.write_text(BAKKERIJ.read_text(encoding="utf-8"), encoding="utf-8")
    before = copy.read_bytes()
    result = run_cli("dossier", copy, "--format", "html", "--output", copy)
    assert result.exit_code == 2 and "--output" in result.stderr
    assert copy.read_bytes() == before
    result = run_cli("policy", CONFLICT_POLICY, "--format", "html", "--output", tmp_path)
    assert result.exit_code == 2 and "is een map" in result.stderr  # the run is Dutch: one language per run


def test_policy_output_and_graph_out_must_differ(tmp_path):
    target = tmp_path / "x.dot"
    result = run_cli("policy", CONFLICT_POLICY, "--graph-out", target, "--output", target)
    assert result.exit_code == 2


def test_policy_graph_on_stdout_and_report_to_a_file(tmp_path):
    target = tmp_path / "r.html"
    result = run_cli("policy", CONFLICT_POLICY, "--graph", "dot", "--format", "html", "--output", target)
    assert result.stdout.startswith("digraph")
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# -- determinism ------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["html", "markdown", "sarif"])
def test_same_input_same_bytes(fmt):
    args = ("dossier", BAKKERIJ, FIXTURES / "dossiers" / "samentelling-2022.yaml", "--as-of", "2026-01-15",
            "--format", fmt)
    assert run_cli(*args).stdout == run_cli(*args).stdout


def _yaml(path: Path) -> dict:
    import yaml

    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def test_the_role_picture_of_a_large_policy_is_bounded_and_keeps_the_conflict(vocab, rulebook):
    from checker.report.svg_roles import MAX_ACTORS

    managers = [f"lg-{i:03d}" for i in range(MAX_ACTORS + 20)]
    policy = policy_from_dict({
        "organisation": "groot", "as_of": "2025-06-01", "arbo": {"regeling": "vangnet", "basiscontract": []},
        "verzekering": "geen",
        "actors": [{"id": m, "role": "leidinggevende"} for m in managers]
        + [{"id": "zz-cm", "role": "casemanager", "acts_for": "werkgever"}, {"id": "ba-1", "role": "bedrijfsarts"}],
        "tasks": {"ziekmelding_bedrijfsarts": managers, "probleemanalyse": ["zz-cm"]},
    }, vocab)
    page = render("html", [audit_policy(policy, rulebook, vocab)])
    assert page.count('<g class="actor') == MAX_ACTORS
    assert 'data-id="zz-cm"' in page  # named in a finding: drawn although its id sorts last
    assert "22 actor(en) niet getekend" in page


def test_sarif_lines_for_a_json_dossier(tmp_path, sarif_validator):
    import yaml

    data = yaml.safe_load(BAKKERIJ.read_text(encoding="utf-8"))
    path = tmp_path / "d.json"
    path.write_text(json.dumps(data, default=str, indent=2), encoding="utf-8")
    log = _sarif_cli("dossier", path, "--as-of", "2026-01-15")
    sarif_validator.validate(log)
    lines = path.read_text(encoding="utf-8").splitlines()
    plan = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "wvp.plan-van-aanpak")
    line = plan["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert '"plan_van_aanpak"' in "".join(lines[line - 1:line + 2])  # the event object's opening brace


def test_include_done_belongs_to_ics():
    result = run_cli("calendar", "--first-sick-day", "2025-01-06", "--include-done")
    assert result.exit_code == 2 and "--include-done" in result.stderr


def test_html_timeline_says_which_steps_recovery_made_unnecessary():
    result = audit_dict(_yaml(FIXTURES / "dossiers" / "hersteld-week-10.yaml"), "2025-12-01")
    skipped = [e for e in result.timeline if e.status == "not-required"]
    page = render("html", [result], "en")
    assert skipped and page.count('class="not-required-label"') == len(skipped)
    assert page.count(">not required</text>") == len(skipped)


def test_html_timeline_says_which_step_came_too_early():
    result = audit_dict(_yaml(FIXTURES / "dossiers" / "vroege-eerstejaarsevaluatie.yaml"), "2026-06-01")
    early = [e for e in result.timeline if e.status == "early"]
    page = render("html", [result])
    assert len(early) == 1 and page.count('class="early-label"') == 1 and ">te vroeg</text>" in page


def test_output_never_overwrites_a_rule_file_of_an_extra_pack(tmp_path):
    pack = tmp_path / "pack" / "extra"
    pack.mkdir(parents=True)
    rule = pack / "probleemanalyse.yaml"
    text = (ROOT / "rules" / "wvp" / "probleemanalyse.yaml").read_text(encoding="utf-8")
    rule.write_text(text.replace("id: wvp.probleemanalyse", "id: extra.probleemanalyse"), encoding="utf-8")
    before = rule.read_bytes()
    assert run_cli("dossier", BAKKERIJ, "--rules", tmp_path / "pack", "--as-of", "2026-01-15").exit_code == 1
    result = run_cli("dossier", BAKKERIJ, "--rules", tmp_path / "pack", "--format", "html", "--output", rule)
    assert result.exit_code == 2 and "--output" in result.stderr and rule.read_bytes() == before


def test_html_timeline_follows_the_audits_calendar_leave_and_wao_weeks():
    leave = audit_dict(_yaml(FIXTURES / "dossiers" / "verlof-tussen-ziekteperiodes.yaml"), "2026-01-15")
    page = render("html", [leave])
    assert page.count('class="leave"') == len(leave.facts["leave"]) >= 1
    assert len(leave.week_ends) == 104 and "wk 104" in page
    wao = audit_dict(_yaml(FIXTURES / "dossiers" / "wao-2003.yaml"), "2026-01-15")
    page = render("html", [wao])
    assert len(wao.week_ends) == 52 and "wk 52</text>" in page and "wk 104" not in page
