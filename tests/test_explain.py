"""--explain RULE: the worked arithmetic behind due dates, checked against docs/counting.md and the audit."""
from __future__ import annotations

import json
import re
from datetime import date

import pytest

from checker.explain import explain_dossier
from checker.rulebook import default_rulebook
from conftest import FIXTURES, ROOT, dossier_from_dict, run_cli

COUNTING = (ROOT / "docs" / "counting.md").read_text("utf-8")
MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
DEADLINE_RULES = sorted(r.id for r in default_rulebook().rules
                        if hasattr(r.module, "explain") and "dossier" in r.module.SUBJECTS)
SAMENTELLING = FIXTURES / "dossiers" / "samentelling-2022.yaml"


def _doc_dates(cell: str) -> list:
    """``Mon 17 Nov 2025 … Sun 4 Jan 2026`` -> [date(2025, 11, 17), date(2026, 1, 4)]."""
    return [date(int(y), MONTHS[m], int(d)) for d, m, y in re.findall(r"(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})", cell)]


def _explained(path, rule, as_of):
    result = run_cli("dossier", path, "--explain", rule, "--as-of", as_of, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)["explanation"]


def _first_table_rows():
    """(rule id, [dates]) of the worked example for first sick day 6 January 2025."""
    section = COUNTING.split("### Worked example", 1)[1].split("\n## ", 1)[0]
    for line in section.splitlines():
        rule = re.search(r"`(wvp\.[a-z0-9-]+)`", line)
        cells = [c.strip() for c in line.strip("|").split("|")]
        if rule and _doc_dates(cells[-1]):
            yield rule.group(1), _doc_dates(cells[-1])


def test_the_worked_example_lists_every_deadline_rule_but_the_cadence():
    documented = {rule for rule, _ in _first_table_rows()}
    assert documented == {r for r in DEADLINE_RULES if r.startswith("wvp.")} - {"wvp.evaluatie"}


@pytest.mark.parametrize("rule,dates", list(_first_table_rows()), ids=lambda v: v if isinstance(v, str) else "")
def test_explain_reproduces_the_worked_example_of_counting_md(tmp_path, rule, dates):
    path = tmp_path / "d.yaml"
    path.write_text("dossier: D-1\nemployer: w\nemployee: W-1\nfirst_sick_day: 2025-01-06\n", "utf-8")
    explanation = _explained(path, rule, "2025-01-06")
    (step,) = explanation["steps"]
    assert step["due"] == dates[-1].isoformat()
    if len(dates) == 2:  # a window: its first day, then the due date
        assert step["window_start"] == dates[0].isoformat()
    assert step["status"] == "upcoming"


SAMENTELLING_ROWS = {"probleemanalyse": "wvp.probleemanalyse", "42e-weeksmelding": "wvp.ziekmelding-uwv",
                     "eerstejaarsevaluatie": "wvp.eerstejaarsevaluatie", "WIA-aanvraag": "wvp.wia-aanvraag"}


def _samentelling_rows():
    section = COUNTING.split("### The published example", 1)[1].split("\n## ", 1)[0]
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        name = cells[0].split(" (")[0] if cells else ""
        if name in SAMENTELLING_ROWS:
            yield SAMENTELLING_ROWS[name], _doc_dates(cells[-1])


@pytest.mark.parametrize("rule,dates", list(_samentelling_rows()), ids=lambda v: v if isinstance(v, str) else "")
def test_explain_reproduces_the_published_samentelling_example(rule, dates):
    explanation = _explained(SAMENTELLING, rule, "2023-06-01")
    assert explanation["gaps"] == [{"from": "2022-07-04", "to": "2022-07-24", "days": 21, "joined": True,
                                    "leave_days": 0}]
    assert [(p["first_day"], p["last_day"]) for p in explanation["periods"]] == [(1, 182), (183, None)]
    step = explanation["steps"][0]
    assert step["due"] == dates[-1].isoformat()
    if len(dates) == 2:
        assert step["window_start"] == dates[0].isoformat()


def test_samentelling_table_rows_were_all_found():
    assert {rule for rule, _ in _samentelling_rows()} == set(SAMENTELLING_ROWS.values())


def test_a_late_probleemanalyse_moves_the_plan_as_counting_md_says(vocab, rulebook):
    assert "a probleemanalyse on day 55 makes the\n  plan due on day 69" in COUNTING
    dossier = dossier_from_dict({"dossier": "D-1", "employer": "w", "employee": "W-1", "first_sick_day": "2025-01-06",
                                 "events": [{"type": "probleemanalyse", "date": "2025-03-01"}]}, vocab)
    (step,) = explain_dossier(dossier, rulebook.by_id()["wvp.plan-van-aanpak"], vocab, date(2025, 6, 1)).steps
    assert (step.basis.anchor_day, step.basis.days, step.basis.counted_day) == (55, 14, 69)
    assert step.basis.due == date(2025, 3, 15) and step.status == "missing"


def _cases_of(rule_id):
    """The dossier cases of the rule's own YAML test cases (every path its authors thought of)."""
    from checker.paths import RULES_DIR
    from checker.rule_cases import case_files, load_case_file

    for path in case_files([RULES_DIR]):
        case_file = load_case_file(path)
        if case_file.rule == rule_id:
            yield from (c for c in case_file.cases if "dossier" in c and not c.get("include_announced"))


def _fixture_dossiers():
    """Every fixture dossier, judged on its expected as-of date (fixtures/expected/dossiers.yaml) or a fixed one."""
    import yaml

    from checker.model.dossier import load_dossier
    from checker.vocab import load_vocabulary

    expected = yaml.safe_load((FIXTURES / "expected" / "dossiers.yaml").read_text("utf-8"))
    vocab = load_vocabulary()
    found = []
    for path in sorted((FIXTURES / "dossiers").iterdir()):
        as_of = (expected.get(path.name) or {}).get("as_of", date(2026, 1, 15))
        found.append((load_dossier(path, vocab), as_of if isinstance(as_of, date) else date.fromisoformat(as_of)))
    return found


FIXTURE_DOSSIERS = _fixture_dossiers()


@pytest.mark.parametrize("rule_id", DEADLINE_RULES)
def test_every_deadline_rule_explains_exactly_the_audit_timeline(rule_id, vocab, rulebook):
    """On every dossier of the rule's test cases and every fixture dossier: the explained due dates,
    statuses and reasons are the audit's, and each named counted day is the due date's."""
    from checker.engine import audit_dossier, dossier_context
    from checker.rule_cases import DOSSIER_DEFAULTS

    subjects = [(dossier, as_of) for dossier, as_of in FIXTURE_DOSSIERS]
    subjects += [(dossier_from_dict({**DOSSIER_DEFAULTS, **c["dossier"]}, vocab), date.fromisoformat(c["as_of"]))
                 for c in _cases_of(rule_id)]
    assert len(subjects) > 6, "the rule has no dossier test cases"
    explained_any = False
    for dossier, as_of in subjects:
        explanation = explain_dossier(dossier, rulebook.by_id()[rule_id], vocab, as_of)
        timeline = [e for e in audit_dossier(dossier, rulebook, vocab, as_of).timeline if e.step == rule_id]
        assert [(s.due, s.status, s.done, s.reason) for s in explanation.steps] == \
               sorted([(e.due, e.status, e.done, e.reason) for e in timeline], key=lambda t: t[0] or date.max)
        calendar = dossier_context(dossier, as_of, vocab).calendar
        for step in explanation.steps:
            explained_any = True
            b = step.basis
            if b.mode in ("day", "after_event", "before_end") and b.due and not b.plus_days:
                assert calendar.counted_day(b.due) == b.counted_day
                assert calendar.day(b.counted_day) == b.due
    assert explained_any


def test_table_explains_in_sentences_with_weekdays():
    result = run_cli("dossier", SAMENTELLING, "--explain", "wvp.ziekmelding-uwv", "--as-of", "2023-06-01",
                     "--lang", "en")
    out = result.stdout
    assert "Fit from Mon 2022-07-04 to Sun 2022-07-24: 21 day(s), fewer than 28, so joined" in out
    assert "Day 294 falls in sick period 2: Mon 2022-07-25 (day 183) + 111 day(s) = Sun 2022-11-13." in out
    assert "The term ends 1 calendar day(s) later: Mon 2022-11-14." in out
    assert "Source: Ziektewet, art. 38 lid 1 (https://wetten.overheid.nl/BWBR0001888)." in out
    assert "Status on time: done on Tue 2022-11-08" in out


def test_a_new_wachttijd_is_explained(tmp_path):
    result = run_cli("dossier", FIXTURES / "dossiers" / "nieuwe-wachttijd.json", "--explain", "wvp.probleemanalyse",
                     "--as-of", "2025-06-15", "--lang", "en")
    assert "28 or more, so a new wachttijd starts after it" in result.stdout
    assert "belongs to an earlier wachttijd and does not count" in result.stdout


@pytest.mark.parametrize("rule,lang,message", [
    ("wvp.plan-van-aanpk", "en", "did you mean 'wvp.plan-van-aanpak'"),
    ("rol.dubbele-pet", "en", "has no due date to explain"),
    ("wvp.plan-van-aanpk", "nl", "bedoelde u 'wvp.plan-van-aanpak'"),  # one language per run
    ("rol.dubbele-pet", "nl", "heeft geen uiterste datum om uit te leggen")])
def test_explain_of_an_unknown_or_dateless_rule_is_a_usage_error(rule, lang, message):
    result = run_cli("dossier", FIXTURES / "dossiers" / "example-bakkerij.yaml", "--explain", rule, "--lang", lang)
    assert result.exit_code == 2 and message in result.stderr


def test_explanation_json_matches_the_report_schema():
    from jsonschema import Draft202012Validator

    from checker.load.schema import load_schema

    result = run_cli("dossier", SAMENTELLING, "--explain", "wvp.evaluatie", "--as-of", "2023-06-01", "--format", "json")
    Draft202012Validator(load_schema("report")).validate(json.loads(result.stdout))


INLINE_2008 = {"dossier": "D-2008", "employer": "w", "employee": "W-1", "first_sick_day": "2008-06-02",
               "events": [{"type": "ziekmelding_uwv", "date": "2009-03-20"}]}
VANGNET = {"dossier": "D-V", "employer": "w", "employee": "W-1", "first_sick_day": "2025-01-06", "vangnet": "zwangerschap"}
#: (dossier fixture or inline dossier, rule, as-of, due date and version as docs/counting.md's worked examples give them)
LATER_EXAMPLES = [
    ("verlof-tussen-ziekteperiodes.yaml", "wvp.ziekmelding-uwv", "2026-03-01", "Mon 16 Feb 2026", "2008-11-01"),
    ("verlenging-loondoorbetaling.yaml", "wvp.re-integratieverslag", "2027-05-01", "Wed 31 Mar 2027", None),
    ("verlenging-loondoorbetaling.yaml", "wvp.wia-aanvraag", "2027-05-01", "Wed 14 Apr 2027", "2013-07-01"),
    ("ziek-uit-dienst.yaml", "zw.ziekmelding-einde-dienstverband", "2025-09-01", "Mon 30 Jun 2025", None),
    ("ziek-uit-dienst.yaml", "zw.re-integratieverslag-einde-dienstverband", "2025-09-01", "Mon 30 Jun 2025", None),
    ("oud-recht-2007.yaml", "wvp.ziekmelding-uwv", "2007-07-01", "Monday 4 June 2007", "2002-04-01"),
    ("oud-recht-2011.yaml", "wvp.wia-aanvraag", "2013-01-15", "Sunday 2 December 2012", "2004-01-01"),
    ("vroege-wia-aanvraag.yaml", "wvp.re-integratieverslag", "2026-10-20", "3 August 2026", None),
    (INLINE_2008, "wvp.ziekmelding-uwv", "2009-06-01", "Monday 23 March 2009", "2008-11-01"),
    (VANGNET, "zw.ziekmelding-vangnet", "2025-06-01", "Monday 17 February\n2025", None),
]


@pytest.mark.parametrize("subject,rule_id,as_of,doc_date,version", LATER_EXAMPLES,
                         ids=[f"{r}@{a}" for _, r, a, _, _ in LATER_EXAMPLES])
def test_explain_reproduces_the_later_worked_examples(subject, rule_id, as_of, doc_date, version, vocab, rulebook):
    """Leave, extended wage payment, contract end, vangnet and the law as it stood (docs/counting.md)."""
    from checker.model.dossier import load_dossier

    assert doc_date in COUNTING, doc_date
    day, month, year = re.search(r"(\d{1,2}) ([A-Z][a-z]{2})[a-z]*\s(\d{4})", doc_date).groups()
    expected = date(int(year), MONTHS[month], int(day))
    dossier = (load_dossier(FIXTURES / "dossiers" / subject, vocab) if isinstance(subject, str)
               else dossier_from_dict(subject, vocab))
    explanation = explain_dossier(dossier, rulebook.by_id()[rule_id], vocab, date.fromisoformat(as_of))
    assert explanation.steps[0].due == expected
    if version:
        assert explanation.version.isoformat() == version


def test_leave_is_explained_as_neither_sick_nor_fit():
    result = run_cli("dossier", FIXTURES / "dossiers" / "verlof-tussen-ziekteperiodes.yaml", "--as-of", "2026-03-01",
                     "--explain", "wvp.ziekmelding-uwv", "--lang", "en")
    out = result.stdout
    assert "Sick period 1: Mon 2025-01-06 to Mon 2025-03-31: day 1 to 85." in out
    assert "That break holds 112 day(s) of leave: they are not fit days." in out
    assert "Sick period 2: from Tue 2025-07-22, still sick on the as-of date: day 86 onwards." in out
    assert "Day 294 falls in sick period 2: Tue 2025-07-22 (day 86) + 208 day(s) = Sun 2026-02-15." in out


def test_an_early_iva_grant_is_explained_as_not_required():
    result = run_cli("dossier", FIXTURES / "dossiers" / "vervroegde-iva-toegekend.yaml", "--as-of", "2026-01-15",
                     "--explain", "wvp.ziekmelding-uwv", "--lang", "en")
    assert "Due date: Mon 2025-10-27." in result.stdout  # docs/counting.md: 42e-weeksmelding (27 Oct 2025)
    assert "Status not required: IVA granted" in result.stdout
    assert "Last day of the wachttijd: Tue 2025-09-30, set by UWV (iva_toegekend)." in result.stdout
