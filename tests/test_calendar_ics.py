"""``calendar --format ics``: parsed back with icalendar, UIDs stable, done steps left out."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from icalendar import Calendar

from checker.report.ics import to_ics
from conftest import FIXTURES, audit_dict, run_cli

BAKKERIJ = FIXTURES / "dossiers" / "example-bakkerij.yaml"
HERSTELD = FIXTURES / "dossiers" / "hersteld-week-10.yaml"


def events(*args, env=None):
    from click.testing import CliRunner

    from checker.cli import main

    result = CliRunner(env=env or {}).invoke(main, ["calendar", *map(str, args), "--format", "ics"],
                                             catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    calendar = Calendar.from_ical(result.stdout)
    return calendar, [c for c in calendar.walk("VEVENT")]


def test_first_sick_day_gives_one_all_day_event_per_step_with_a_reminder():
    calendar, found = events("--first-sick-day", "2025-01-06")
    plan = run_cli("calendar", "--first-sick-day", "2025-01-06", "--format", "json").stdout
    assert len(found) == plan.count('"step"')
    first = min(found, key=lambda e: e.decoded("dtstart"))
    assert first.decoded("dtstart") == date(2025, 1, 12)  # the ziekmelding, day 7
    assert first.decoded("dtend") == date(2025, 1, 13)
    alarm = first.walk("VALARM")[0]
    assert alarm.decoded("trigger") == timedelta(days=-7)
    assert str(alarm["action"]) == "DISPLAY"
    description = str(first["description"])
    assert "Regeling procesgang eerste en tweede ziektejaar, art. 2 lid 1" in description
    assert "Regel: wvp.ziekmelding-bedrijfsarts" in description
    assert str(first["summary"]).startswith("Ziekmelding bij arbodienst of bedrijfsarts")


def test_uids_are_stable_across_runs_and_unique():
    _, one = events(BAKKERIJ, env={"SOURCE_DATE_EPOCH": "1767225600"})
    _, two = events(BAKKERIJ)  # another DTSTAMP, the same UIDs
    uids = [str(e["uid"]) for e in one]
    assert uids == [str(e["uid"]) for e in two]
    assert len(set(uids)) == len(uids)
    assert all(u.endswith("@verzuimcheck") and "D-2025-001" not in u for u in uids)


def test_a_dossier_leaves_done_steps_out_unless_include_done():
    _, todo = events(BAKKERIJ)
    steps = sorted(str(e["uid"]).split(".")[1].rsplit("-", 1)[0] for e in todo)
    # done: ziekmelding, probleemanalyse, casemanager, plan, eerstejaarsevaluatie, four evaluations
    assert steps == ["actueel-oordeel", "evaluatie", "re-integratieverslag", "spoor2", "wia-aanvraag",
                     "ziekmelding-uwv"]
    _, everything = events(BAKKERIJ, "--include-done")
    assert len(everything) == len(todo) + 9
    plan = next(e for e in everything if "plan-van-aanpak" in str(e["uid"]))
    assert plan.decoded("dtstart") == date(2025, 3, 11)  # on the day it was done
    assert "gedaan op di 2025-03-11" in str(plan["summary"]) and not plan.walk("VALARM")
    todo_uids = {str(e["uid"]) for e in todo}
    assert todo_uids <= {str(e["uid"]) for e in everything}  # same UID whether or not done ones are shown


def test_steps_no_longer_required_are_left_out():
    _, todo = events(HERSTELD)
    _, everything = events(HERSTELD, "--include-done")
    assert len(todo) < len(everything)
    assert any("niet nodig" in str(e["summary"]) for e in everything)


def test_english_texts():
    _, found = events("--first-sick-day", "2025-01-06", "--lang", "en")
    assert any(str(e["summary"]).startswith("Sickness report") for e in found)
    assert all("Source: " in str(e["description"]) for e in found)


def test_ics_written_to_a_file_never_over_the_dossier(tmp_path):
    target = tmp_path / "p.ics"
    result = run_cli("calendar", BAKKERIJ, "--format", "ics", "--output", target)
    assert result.exit_code == 0 and result.stdout == ""
    assert Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert b"\r\n" in target.read_bytes()  # RFC 5545 line ends
    result = run_cli("calendar", BAKKERIJ, "--format", "ics", "--output", BAKKERIJ)
    assert result.exit_code == 2


@pytest.mark.parametrize("subject", ["D\"'<script>`x`|[a](b);,\\\n", "plain"])
def test_a_hostile_subject_round_trips_as_text(subject):
    result = audit_dict({"dossier": subject, "employer": "e", "employee": "w", "first_sick_day": "2025-01-06"},
                        "2025-01-07")
    ics = to_ics(subject, f"dossier:{subject}", result.timeline, result.rules, "nl")
    calendar = Calendar.from_ical(ics)
    shown = " ".join(subject.split())  # one line
    # icalendar does not know X-WR-CALNAME's type and hands it back still escaped, as a calendar app reads it
    raw = str(calendar["x-wr-calname"])
    assert re.sub(r"\\([\\;,])", r"\1", raw) == f"Poortwachter {shown}"  # RFC 5545 3.3.11 TEXT escapes
    for event in calendar.walk("VEVENT"):
        assert str(event["summary"]).endswith(f"({shown})")
        assert "\n" not in str(event["uid"]) and " " not in str(event["uid"])
    assert all(len(line) <= 75 for line in ics.split(b"\r\n"))  # folded as RFC 5545 asks
