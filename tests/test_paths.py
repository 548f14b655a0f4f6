"""The paths real dossiers take beyond the textbook (docs/counting.md): leave, the wachttijd's
end set by UWV, the law as it stood, rule versions and reasons in the output.

Dates are worked out by hand in the comments; the rule cases next to the rules
(rules/*/tests/) and the fixtures (fixtures/expected/dossiers.yaml) cover the rules
themselves; this module covers the calendar, the output and the rule-pack format.
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from checker.errors import InputErrors
from checker.model.calendar import LeaveDays, SickCalendar
from conftest import FIXTURES, audit_dict, run_cli, run_cli_json

MON_6_JAN_2025 = date(2025, 1, 6)


def _sick_leave_sick(fit_before: int, fit_after: int):
    """Sick from 6 Jan to 20 Mar 2025 (74 days), ``fit_before`` fit days, leave of 100 days,
    ``fit_after`` fit days, then sick again (open)."""
    end1 = date(2025, 3, 20)
    leave_start = end1 + timedelta(days=fit_before + 1)
    leave_end = leave_start + timedelta(days=99)
    start2 = leave_end + timedelta(days=fit_after + 1)
    return [(MON_6_JAN_2025, end1), (start2, None)], [(leave_start, leave_end)]


@pytest.mark.parametrize("before, after, joined", [(0, 0, True), (11, 16, True), (14, 14, False), (27, 0, True),
                                                   (0, 28, False)])
def test_leave_is_neither_sick_nor_fit(before, after, joined):
    periods, leave = _sick_leave_sick(before, after)
    calendar = SickCalendar.from_periods(periods, leave=leave)
    assert (calendar.start == MON_6_JAN_2025) is joined
    assert calendar.earlier_wachttijden == (0 if joined else 1)


def test_leave_days_are_not_counted_and_move_every_term():
    # sick 6 Jan - 31 Mar 2025 (85 days), leave 1 Apr - 21 Jul (112 days), sick from 22 Jul (day 86)
    calendar = SickCalendar.from_periods([(MON_6_JAN_2025, date(2025, 3, 31)), (date(2025, 7, 22), None)],
                                         leave=[(date(2025, 4, 1), date(2025, 7, 21))])
    assert calendar.counted_day(date(2025, 5, 1)) == 85  # a leave day has the count of the sick day before
    assert calendar.day(86) == date(2025, 7, 22)
    assert calendar.day(728) == date(2025, 7, 22) + timedelta(days=728 - 86)
    assert calendar.wachttijd_last_day() == date(2027, 1, 3) + timedelta(days=112)


def test_counting_beyond_the_last_period_skips_leave():
    # recovered after 31 Mar 2025 (day 85); leave 1-10 Apr: day 86 is 11 Apr
    calendar = SickCalendar.from_periods([(MON_6_JAN_2025, date(2025, 3, 31))],
                                         leave=[(date(2025, 4, 1), date(2025, 4, 10))])
    assert calendar.day(86) == date(2025, 4, 11)
    assert calendar.counted_day(date(2025, 4, 11)) == 86


def test_leave_after_the_wachttijd_moves_the_latest_loonsanctie_end():
    # WIA art. 25 lid 9: leave at the start of, or during, the sanction period suspends it
    plain = SickCalendar.open_from(MON_6_JAN_2025)
    assert plain.max_loonsanctie_end() == date(2028, 1, 2)
    assert plain.max_loonsanctie_until() == date(2028, 1, 3)
    leave = [(date(2027, 3, 1), date(2027, 3, 30))]  # 30 days inside the sanction period
    moved = SickCalendar([(MON_6_JAN_2025, None)], leave=LeaveDays(leave))
    assert moved.wachttijd_last_day() == date(2027, 1, 3)
    assert moved.max_loonsanctie_end() == date(2028, 2, 1)
    at_start = SickCalendar([(MON_6_JAN_2025, None)], leave=LeaveDays([(date(2027, 1, 4), date(2027, 1, 13))]))
    assert at_start.max_loonsanctie_end() == date(2028, 1, 12)


def test_leave_days_count_in_logarithmic_lookups():
    leave = LeaveDays([(date(2025, 3, 1), date(2025, 3, 10)), (date(2025, 5, 1), date(2025, 5, 1))])
    assert leave.count(date(2025, 3, 5), date(2025, 5, 1)) == 7
    assert leave.count(date(2025, 2, 1), date(2025, 2, 28)) == 0
    assert leave.skip(date(2025, 2, 27), 3) == date(2025, 3, 12)
    assert leave.skip(date(2025, 4, 29), 3) == date(2025, 5, 3)


def test_wao_wachttijd_is_52_weeks_and_says_so():
    result = audit_dict({"dossier": "D", "employer": "e", "employee": "W", "first_sick_day": "2003-02-03"},
                        "2003-09-01")
    assert result.facts["wachttijd_last_day"] == date(2004, 2, 1)  # day 364
    notes = {n.code: n.count for n in result.notes}
    assert notes["wao-wachttijd"] == 52 and notes["rules-not-in-force"] == 5
    run, data = run_cli_json("calendar", "--first-sick-day", "2003-02-03")
    assert data["wachttijd_last_day"] == "2004-02-01"
    assert "wvp.wia-aanvraag" not in [s["step"] for s in data["steps"]]


def test_json_names_the_version_and_the_reason():
    result, data = run_cli_json("dossier", FIXTURES / "dossiers" / "oud-recht-2007.yaml", "--as-of", "2007-07-01")
    finding = data["findings"][0]
    assert (finding["rule"], finding["version"], finding["due"]) == ("wvp.ziekmelding-uwv", "2002-04-01", "2007-06-04")
    result, data = run_cli_json("dossier", FIXTURES / "dossiers" / "ziek-uit-dienst.yaml", "--as-of", "2025-09-01")
    steps = {e["step"]: e for e in data["timeline"]}
    assert steps["wvp.ziekmelding-uwv"]["reason"] == "einde_dienstverband"
    assert steps["wvp.ziekmelding-uwv"]["version"] == "2008-11-01"
    assert data["wachttijd"]["contract_end"] == "2025-06-30"
    assert data["wachttijd"]["max_loonsanctie_until"] == "2028-01-03"  # 3 Jan 2027 + 364 days + 1


def test_json_lists_leave_in_the_wachttijd_and_the_calendar():
    path = FIXTURES / "dossiers" / "verlof-tussen-ziekteperiodes.yaml"
    _, data = run_cli_json("dossier", path, "--as-of", "2025-10-15")
    assert data["wachttijd"]["leave"] == [{"from": "2025-04-01", "to": "2025-05-12"},
                                          {"from": "2025-05-13", "to": "2025-07-21"}]
    assert data["wachttijd"]["periods"][1] == {"from": "2025-07-22", "to": None}
    _, calendar = run_cli_json("calendar", path)
    assert calendar["leave"] == data["wachttijd"]["leave"]
    assert calendar["wachttijd_last_day"] == data["wachttijd"]["wachttijd_last_day"]


def test_table_says_why_a_step_is_not_required(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # tables fit the terminal: at 80 columns the reason wraps in its cell
    result = run_cli("dossier", FIXTURES / "dossiers" / "ziek-uit-dienst.yaml", "--as-of", "2025-09-01", "--lang", "en")
    assert "not required: after the contract ended (UWV takes over)" in result.stdout


def test_a_plan_made_before_a_period_without_capacity_stays_on_time_while_it_lasts():
    base = {"dossier": "D", "employer": "e", "employee": "W", "first_sick_day": "2025-01-06"}
    events = [{"type": "probleemanalyse", "date": "2025-02-09"},
              {"type": "plan_van_aanpak", "date": "2025-02-15"},
              {"type": "geen_benutbare_mogelijkheden", "date": "2025-03-01"}]
    result = audit_dict({**base, "events": events}, "2025-08-01")
    plan = next(e for e in result.timeline if e.step == "wvp.plan-van-aanpak")
    assert (plan.status, plan.due, plan.done) == ("on-time", date(2025, 2, 23), date(2025, 2, 15))


def _pack(tmp_path, body: str):
    folder = tmp_path / "pack" / "eigen"
    folder.mkdir(parents=True)
    (folder / "norm.yaml").write_text(body, encoding="utf-8")
    return tmp_path / "pack"


RULE = """id: eigen.norm
kind: deadline
severity: warning
title: {nl: Eigen norm, en: Own norm}
message: {nl: "uiterlijk {due}", en: "by {due}"}
source: {document: Intern beleid, article: "§1"}
valid_from: 2020-01-01
params: {event: probleemanalyse, due: {day: 28}}
"""


def test_a_rule_pack_may_carry_dated_versions(tmp_path):
    pack = _pack(tmp_path, RULE + "versions:\n  - {valid_from: 2010-01-01, params: {event: probleemanalyse, due: {day: 35}},"
                                  " source: {document: Intern beleid, article: \"§1 (oud)\"}}\n")
    result, data = run_cli_json("dossier", FIXTURES / "dossiers" / "oud-recht-2011.yaml", "--rules", pack,
                                "--as-of", "2013-01-15")
    steps = {e["step"]: e for e in data["timeline"]}
    assert steps["eigen.norm"]["version"] == "2010-01-01"
    assert steps["eigen.norm"]["due"] == "2011-04-10"  # day 35 of 7 Mar 2011 (the 2020 version says day 28)
    finding = next(f for f in data["findings"] if f["rule"] == "eigen.norm")
    assert (finding["status"], finding["date"], finding["version"]) == ("late", "2011-04-11", "2010-01-01")


def test_rule_versions_must_be_older_than_the_newest(tmp_path):
    pack = _pack(tmp_path, RULE + "versions:\n  - {valid_from: 2021-01-01, params: {event: probleemanalyse, due: {day: 35}},"
                                  " source: {document: Intern beleid, article: \"§1\"}}\n")
    result = run_cli("rules", "--rules", pack, "--lang", "en")
    assert result.exit_code == 2
    assert "rule.version-order" not in result.stderr and "rule versions need ascending" in result.stderr
    assert "norm.yaml:" in result.stderr


def test_deviation_must_name_a_deviable_step_when_checked_against_the_rulebook(vocab, rulebook):
    from checker.load.document import Document
    from checker.model.dossier import build_dossier

    data = {"dossier": "D", "employer": "e", "employee": "W", "first_sick_day": "2025-01-06",
            "actors": [{"id": "hr-1", "role": "hr"}],
            "events": [{"type": "afwijking_termijn", "date": "2025-02-01", "by": ["hr-1", "W"],
                        "step": "wvp.wia-aanvraag", "due": "2026-12-01"}]}
    with pytest.raises(InputErrors) as caught:
        build_dossier(Document(file="<t>", data=data), vocab, steps=rulebook.deviable_ids())
    assert [e.code for e in caught.value.errors] == ["event.unknown-step"]
    assert {"wvp.probleemanalyse", "wvp.plan-van-aanpak", "wvp.casemanager"} <= rulebook.deviable_ids()
    assert "wvp.re-integratieverslag" not in rulebook.deviable_ids()
