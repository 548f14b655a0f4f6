"""``verzuimcheck calendar``: the deadlines of a wachttijd."""
from __future__ import annotations

import sys

import click

from .common import common_options, guarded, load_context, parse_option_date
from .output import check_output_path, input_files, output_option, output_stream


def register(main) -> None:
    main.add_command(calendar)


@click.command()
@click.argument("dossier_path", required=False, type=click.Path())
@click.option("--first-sick-day", metavar="DATE", help="First sick day (instead of a dossier).")
@click.option("--include-done", is_flag=True,
              help="ics: also show steps already done or no longer required, as past events.")
@output_option
@common_options(("table", "json", "ics"))
@guarded
def calendar(dossier_path, first_sick_day, include_done, output, fmt, lang, rule_dirs, max_bytes, debug):
    """Every Wvp deadline from a first sick day, or from a dossier (with samentelling)."""
    from ..engine import wachttijd_calendar
    from ..model.dossier import load_dossier
    from ..planning import plan_for
    from ..report.calendar import CALENDAR_REPORTERS

    if bool(dossier_path) == bool(first_sick_day):
        raise click.UsageError("give either --first-sick-day DATE or a DOSSIER file (not both)")
    if include_done and fmt != "ics":
        raise click.UsageError("--include-done belongs to --format ics")
    start = parse_option_date(first_sick_day, "--first-sick-day", lang) if first_sick_day else None
    check_output_path(output, input_files([dossier_path] if dossier_path else [], rule_dirs), "--output")
    vocab, rulebook = load_context(rule_dirs)
    loaded = load_dossier(dossier_path, vocab, max_bytes, steps=rulebook.deviable_ids()) if dossier_path else None
    if fmt == "ics":
        subject, key, entries = _steps_to_do(loaded, start, rulebook, vocab)
        from ..report.ics import to_ics

        content = to_ics(subject, key, entries, rulebook.by_id(), lang, include_done).decode("utf-8")
        with output_stream(output) as stream:
            stream.write(content)
        return
    if loaded:
        plan = plan_for(wachttijd_calendar(loaded.periods, loaded.leave), rulebook, file=loaded.file,
                        subject=loaded.id)
    else:
        plan = plan_for(wachttijd_calendar(((start, None),)), rulebook)
    with output_stream(output) as stream:
        CALENDAR_REPORTERS[fmt]([plan], rulebook.by_id(), stream, lang)
    sys.stdout.flush()


def _steps_to_do(loaded, start, rulebook, vocab) -> tuple:
    """(subject, UID key, timeline entries): a dossier's steps with what is done (every event
    counted: the audit on the last plausible date), or an uninterrupted sickness's plan."""
    from ..engine import audit_dossier, wachttijd_calendar
    from ..model.dates import LATEST
    from ..planning import plan_for

    if loaded is not None:
        return loaded.id, f"dossier:{loaded.id}", audit_dossier(loaded, rulebook, vocab, LATEST).timeline
    plan = plan_for(wachttijd_calendar(((start, None),)), rulebook)
    return start.isoformat(), f"first-sick-day:{start.isoformat()}", plan.steps
