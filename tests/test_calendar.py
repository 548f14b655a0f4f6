"""Counting conventions of the counted-day calendar (docs/counting.md).

Expected dates are worked out by hand: counted day n of an uninterrupted wachttijd is
first sick day + (n - 1) days; every gap day of samentelling pushes later days by one.
"""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.model.calendar import SickCalendar, split_wachttijden
from conftest import FIXTURES, run_cli_json

MON_6_JAN_2025 = date(2025, 1, 6)
ONE_DAY = timedelta(days=1)


def open_calendar(first=MON_6_JAN_2025):
    return SickCalendar.open_from(first)


# --- day 1 and weeks -------------------------------------------------------------------------

def test_day_one_is_the_first_sick_day():
    assert open_calendar().day(1) == MON_6_JAN_2025
    assert open_calendar().counted_day(MON_6_JAN_2025) == 1


def test_uiterlijk_in_week_n_is_counted_day_7n():
    calendar = open_calendar()
    assert calendar.day(7 * 1) == date(2025, 1, 12)  # a Sunday: week 1 is Mon 6 - Sun 12 Jan
    assert calendar.day(7 * 6) == date(2025, 2, 16)  # probleemanalyse
    assert calendar.day(7 * 8) == date(2025, 3, 2)  # plan van aanpak without a probleemanalyse
    assert calendar.day(7 * 6 + 1) == date(2025, 2, 17)  # first day of week 7


def test_derived_calendar_of_the_facts_sheet():
    """wvp-facts.md §1.3, first sick day Mon 6 Jan 2025."""
    calendar = open_calendar()
    assert calendar.day(294) + ONE_DAY == date(2025, 10, 27)  # 42e-weeksmelding
    assert calendar.day(364) == date(2026, 1, 4)  # end of week 52
    assert calendar.day(476) == date(2026, 4, 26)  # end of week 68
    assert calendar.day(637) == date(2026, 10, 4)  # re-integratieverslag, end of week 91
    assert calendar.day(651) == date(2026, 10, 18)  # WIA-aanvraag, end of week 93
    assert calendar.wachttijd_last_day() == date(2027, 1, 3)
    assert calendar.wachttijd_first_day_after() == date(2027, 1, 4)
    assert calendar.max_loonsanctie_end() == date(2028, 1, 2)


def test_days_before_the_start_count_zero():
    assert open_calendar().counted_day(date(2025, 1, 5)) == 0


# --- samentelling ----------------------------------------------------------------------------

PUBLISHED = [(date(2022, 1, 3), date(2022, 7, 3)), (date(2022, 7, 25), None)]


def test_published_samentelling_example():
    """Sick 3 Jan - 3 Jul 2022, fit 21 days, sick again 25 Jul: the end moves 21 days."""
    assert SickCalendar.open_from(date(2022, 1, 3)).wachttijd_first_day_after() == date(2024, 1, 1)
    calendar = SickCalendar.from_periods(PUBLISHED)
    assert calendar.earlier_wachttijden == 0
    assert calendar.start == date(2022, 1, 3)
    assert calendar.day(182) == date(2022, 7, 3)
    assert calendar.day(183) == date(2022, 7, 25)
    assert calendar.wachttijd_last_day() == date(2024, 1, 21)
    assert calendar.wachttijd_first_day_after() == date(2024, 1, 22)
    assert calendar.max_loonsanctie_end() == date(2025, 1, 19)


def test_published_example_through_the_calendar_command():
    result, data = run_cli_json("calendar", FIXTURES / "dossiers" / "samentelling-2022.yaml")
    assert result.exit_code == 0
    assert data["wachttijd_first_day_after"] == "2024-01-22"
    assert data["wachttijd_last_day"] == "2024-01-21"
    steps = {s["step"]: s["due"] for s in data["steps"]}
    assert steps["wvp.ziekmelding-uwv"] == "2022-11-14"  # 24 Oct + 21 days


def test_without_samentelling_the_calendar_command_gives_the_unshifted_end():
    result, data = run_cli_json("calendar", "--first-sick-day", "2022-01-03")
    assert result.exit_code == 0
    assert data["wachttijd_first_day_after"] == "2024-01-01"


def _two_periods(gap_days: int):
    """Sick 6-20 Jan 2025 (days 1-15), ``gap_days`` fit days, then sick again."""
    end = date(2025, 1, 20)
    return [(MON_6_JAN_2025, end), (end + timedelta(days=gap_days + 1), None)]


def test_gap_of_27_days_is_one_wachttijd_and_moves_later_days():
    calendar = SickCalendar.from_periods(_two_periods(27))
    assert calendar.earlier_wachttijden == 0
    assert calendar.start == MON_6_JAN_2025
    assert calendar.day(15) == date(2025, 1, 20)
    assert calendar.day(16) == date(2025, 2, 17)
    assert calendar.day(42) == date(2025, 2, 16) + timedelta(days=27)


def test_gap_of_28_days_starts_a_new_wachttijd_judged_on_the_latest():
    calendar = SickCalendar.from_periods(_two_periods(28))
    assert calendar.earlier_wachttijden == 1
    assert calendar.start == date(2025, 2, 18)
    assert calendar.day(1) == date(2025, 2, 18)
    assert calendar.day(42) == date(2025, 3, 31)


def test_split_wachttijden_groups_by_the_28_day_rule():
    periods = [(date(2025, 1, 6), date(2025, 1, 10)), (date(2025, 2, 7), date(2025, 2, 10)),  # 27 fit days
               (date(2025, 3, 11), None)]  # 28 fit days
    assert split_wachttijden(periods) == [periods[:2], periods[2:]]


def test_adjacent_periods_are_one_wachttijd_without_shift():
    calendar = SickCalendar.from_periods([(MON_6_JAN_2025, date(2025, 1, 20)), (date(2025, 1, 21), None)])
    assert calendar.day(42) == date(2025, 2, 16)


def test_several_gaps_add_up():
    """Days 1-15 (6-20 Jan), 10 fit days, days 16-30 (31 Jan - 14 Feb), 5 fit days, day 31 = 20 Feb."""
    calendar = SickCalendar.from_periods([
        (MON_6_JAN_2025, date(2025, 1, 20)), (date(2025, 1, 31), date(2025, 2, 14)), (date(2025, 2, 20), None)])
    assert calendar.day(16) == date(2025, 1, 31)
    assert calendar.day(30) == date(2025, 2, 14)
    assert calendar.day(31) == date(2025, 2, 20)
    assert calendar.day(42) == date(2025, 2, 16) + timedelta(days=15)
    assert calendar.wachttijd_first_day_after() == date(2027, 1, 4) + timedelta(days=15)


def test_three_wachttijden_judge_the_last():
    calendar = SickCalendar.from_periods([
        (date(2024, 1, 8), date(2024, 2, 1)), (date(2024, 6, 3), date(2024, 6, 14)), (MON_6_JAN_2025, None)])
    assert calendar.earlier_wachttijden == 2
    assert calendar.start == MON_6_JAN_2025


def test_counted_day_of_a_gap_date_is_the_last_sick_day_before_it():
    calendar = SickCalendar.from_periods(_two_periods(10))  # fit 21-30 Jan
    assert calendar.counted_day(date(2025, 1, 20)) == 15
    assert calendar.counted_day(date(2025, 1, 21)) == 15
    assert calendar.counted_day(date(2025, 1, 30)) == 15
    assert calendar.counted_day(date(2025, 1, 31)) == 16


def test_counting_goes_on_after_recovery():
    """Beyond the last period days count on as if still sick, so every step keeps a due date."""
    calendar = SickCalendar.from_periods([(MON_6_JAN_2025, date(2025, 2, 15))])
    assert calendar.recovered_after == date(2025, 2, 15)
    assert calendar.day(42) == date(2025, 2, 16)
    assert calendar.counted_day(date(2025, 2, 20)) == 46


def test_add_counted_days_skips_gap_days():
    calendar = SickCalendar.from_periods(_two_periods(10))
    assert calendar.add_counted_days(date(2025, 1, 10), 14) == date(2025, 2, 3)  # day 5 + 14 = day 19
    assert calendar.add_counted_days(date(2025, 2, 3), 14) == date(2025, 2, 17)  # no gap in between


def test_required_while_sick_on_the_due_date():
    calendar = SickCalendar.from_periods([(MON_6_JAN_2025, date(2025, 2, 16))])
    assert calendar.required(date(2025, 2, 16))
    assert not calendar.required(date(2025, 2, 17))
    assert open_calendar().required(date(2030, 1, 1))


# --- properties ------------------------------------------------------------------------------

@st.composite
def wachttijden(draw):
    """One wachttijd: sick periods separated by gaps of 0-27 fit days; the last may be open."""
    start = draw(st.dates(min_value=date(1995, 1, 1), max_value=date(2090, 1, 1)))
    periods = []
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        length = draw(st.integers(min_value=1, max_value=120))
        end = start + timedelta(days=length - 1)
        periods.append((start, end))
        start = end + timedelta(days=draw(st.integers(min_value=0, max_value=27)) + 1)
    if draw(st.booleans()):
        periods[-1] = (periods[-1][0], None)
    return periods


def sick_days(periods, limit=800):
    for start, end in periods:
        last = end or start + timedelta(days=limit)
        for offset in range((last - start).days + 1):
            yield start + timedelta(days=offset)


@settings(deadline=None)  # no timing assertions: only behaviour
@given(wachttijden(), st.data())
def test_day_of_counted_day_round_trips_on_sick_days(periods, data):
    calendar = SickCalendar.from_periods(periods)
    assert calendar.earlier_wachttijden == 0
    when = data.draw(st.sampled_from(list(sick_days(periods))))
    assert calendar.day(calendar.counted_day(when)) == when


@settings(deadline=None)  # no timing assertions: only behaviour
@given(wachttijden(), st.integers(min_value=1, max_value=1000))
def test_counted_day_of_day_round_trips(periods, n):
    calendar = SickCalendar.from_periods(periods)
    assert calendar.counted_day(calendar.day(n)) == n


@settings(deadline=None)  # no timing assertions: only behaviour
@given(wachttijden(), st.integers(min_value=1, max_value=1000), st.integers(min_value=1, max_value=200))
def test_due_dates_are_monotone_in_n(periods, n, more):
    calendar = SickCalendar.from_periods(periods)
    assert calendar.day(n) < calendar.day(n + more)
    assert calendar.day(n + 1) - calendar.day(n) >= ONE_DAY


@settings(deadline=None)  # no timing assertions: only behaviour
@given(wachttijden())
def test_the_wachttijd_is_728_counted_days_plus_the_gaps(periods):
    calendar = SickCalendar.from_periods(periods)
    gaps = sum((b[0] - a[1]).days - 1 for a, b in zip(periods, periods[1:]))
    assert calendar.wachttijd_last_day() == periods[0][0] + timedelta(days=727 + gaps)


# --- one calendar: `calendar DOSSIER` is the audit's timeline -----------------------------------

AUDIT_DAYS = ("2025-06-01", "2026-01-15", "2022-09-01")


def _dossier_fixtures():
    return sorted(p for p in (FIXTURES / "dossiers").iterdir() if p.suffix in (".yaml", ".json"))


def test_calendar_of_every_dossier_fixture_gives_the_audits_due_dates():
    """Same file, same day: the calendar's due dates are exactly the dossier audit's timeline."""
    compared = 0
    for path in _dossier_fixtures():
        for day in AUDIT_DAYS:
            _, audit = run_cli_json("dossier", path, "--as-of", day)
            _, plan = run_cli_json("calendar", path, "--as-of", day)
            expected = sorted((e["step"], e["due"], e.get("window_start")) for e in audit["timeline"] if e["due"])
            got = sorted((s["step"], s["due"], s.get("window_start")) for s in plan["steps"])
            assert got == expected, (path.name, day)
            assert plan["wachttijd_last_day"] == audit["wachttijd"]["wachttijd_last_day"]
            assert plan["as_of"] == day and plan["subject"] == audit["subject"]
            compared += 1
    assert compared == 3 * len(_dossier_fixtures())


def test_calendar_reads_the_events_a_due_date_depends_on():
    """The bakkerij's probleemanalyse (10 Feb) makes the plan van aanpak due 24 Feb, not on day 56."""
    _, plan = run_cli_json("calendar", FIXTURES / "dossiers" / "example-bakkerij.yaml", "--as-of", "2025-06-01")
    steps = {s["step"]: s for s in plan["steps"]}
    assert steps["wvp.plan-van-aanpak"]["due"] == "2025-02-24"
    assert steps["wvp.plan-van-aanpak"]["status"] == "late"


def test_calendar_title_names_the_dossier_and_the_samentelling():
    from conftest import run_cli

    out = run_cli("calendar", FIXTURES / "dossiers" / "samentelling-2022.yaml", "--as-of", "2022-09-01").stdout
    assert "D-2022-103" in out and "samentelling: 2 ziekteperiodes" in out and "do 2022-09-01" in out
