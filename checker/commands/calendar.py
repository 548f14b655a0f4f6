"""``verzuimcheck calendar``: the deadlines of a wachttijd.

With a dossier the calendar is the audit's own timeline (checker.planning), so it
gives the same due dates as ``verzuimcheck dossier`` on the same as-of date.
"""
from __future__ import annotations

import sys
from datetime import date

import click

from .common import common_options, guarded, load_context, parse_option_date
from .i18n import usage_text
from .output import check_output_path, input_files, output_option, output_stream


def register(main) -> None:
    main.add_command(calendar)


@click.command()
@click.argument("dossier_path", required=False, type=click.Path())
@click.option("--first-sick-day", metavar="DATE", help="First sick day (instead of a dossier).")
@click.option("--as-of", "as_of", metavar="DATE",
              help="With a dossier: the due dates as the audit sees them on this date (default: today).")
@click.option("--include-done", is_flag=True,
              help="ics: also show steps already done or no longer required, as past events.")
@output_option
@common_options(("table", "json", "ics"))
@guarded
def calendar(dossier_path, first_sick_day, as_of, include_done, output, fmt, lang, rule_dirs, max_bytes, debug):
    """Every Wvp deadline from a first sick day, or from a dossier (with samentelling)."""
    from ..engine import wachttijd_calendar
    from ..model.dossier import load_dossier
    from ..planning import plan_for, plan_for_dossier
    from ..report.calendar import CALENDAR_REPORTERS

    if bool(dossier_path) == bool(first_sick_day):
        raise click.UsageError(usage_text("calendar_one_source"))
    if as_of and not dossier_path:  # without events there is nothing the as-of date could change
        raise click.UsageError(usage_text("calendar_as_of"))
    if include_done and fmt != "ics":
        raise click.UsageError(usage_text("include_done_ics"))
    start = parse_option_date(first_sick_day, "--first-sick-day", lang) if first_sick_day else None
    when = parse_option_date(as_of, "--as-of", lang)
    check_output_path(output, input_files([dossier_path] if dossier_path else [], rule_dirs), "--output")
    vocab, rulebook = load_context(rule_dirs)
    loaded = load_dossier(dossier_path, vocab, max_bytes, steps=rulebook.deviable_ids()) if dossier_path else None
    if fmt == "ics":
        subject, key, entries = _steps_to_do(loaded, start, rulebook, vocab, when)
        from ..report.ics import to_ics

        content = to_ics(subject, key, entries, rulebook.by_id(), lang, include_done).decode("utf-8")
        with output_stream(output) as stream:
            stream.write(content)
        return
    if loaded:
        plan = plan_for_dossier(loaded, rulebook, vocab, when or date.today())
    else:
        plan = plan_for(wachttijd_calendar(((start, None),)), rulebook)
    with output_stream(output) as stream:
        applied = {r.id: r for r in rulebook.for_subject("calendar", plan.start)}  # the versions in force
        CALENDAR_REPORTERS[fmt]([plan], {**rulebook.by_id(), **applied}, stream, lang)
    sys.stdout.flush()


def _steps_to_do(loaded, start, rulebook, vocab, as_of=None) -> tuple:
    """(subject, UID key, timeline entries): a dossier's steps with what is done (every event
    counted: the audit on the last plausible date, or on --as-of), or an uninterrupted sickness's plan."""
    from ..engine import audit_dossier, wachttijd_calendar
    from ..model.dates import LATEST
    from ..planning import plan_for

    if loaded is not None:
        return loaded.id, f"dossier:{loaded.id}", audit_dossier(loaded, rulebook, vocab, as_of or LATEST).timeline
    plan = plan_for(wachttijd_calendar(((start, None),)), rulebook)
    return start.isoformat(), f"first-sick-day:{start.isoformat()}", plan.steps
