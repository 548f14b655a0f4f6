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


def register(main) -> None:
    main.add_command(calendar)


@click.command()
@click.argument("dossier_path", required=False, type=click.Path())
@click.option("--first-sick-day", metavar="DATE", help="First sick day (instead of a dossier).")
@click.option("--as-of", "as_of", metavar="DATE",
              help="With a dossier: the due dates as the audit sees them on this date (default: today).")
@common_options(("table", "json"))
@guarded
def calendar(dossier_path, first_sick_day, as_of, fmt, lang, rule_dirs, max_bytes, debug):
    """Every Wvp deadline from a first sick day, or from a dossier (with samentelling)."""
    from ..engine import wachttijd_calendar
    from ..model.dossier import load_dossier
    from ..planning import plan_for, plan_for_dossier
    from ..report.calendar import CALENDAR_REPORTERS

    if bool(dossier_path) == bool(first_sick_day):
        raise click.UsageError(usage_text("calendar_one_source"))
    if as_of and not dossier_path:  # without events there is nothing the as-of date could change
        raise click.UsageError(usage_text("calendar_as_of"))
    when = parse_option_date(as_of, "--as-of", lang) or date.today()
    vocab, rulebook = load_context(rule_dirs)
    if dossier_path:
        loaded = load_dossier(dossier_path, vocab, max_bytes, steps=rulebook.deviable_ids())
        plan = plan_for_dossier(loaded, rulebook, vocab, when)
    else:
        first = parse_option_date(first_sick_day, "--first-sick-day", lang)
        plan = plan_for(wachttijd_calendar(((first, None),)), rulebook)
    CALENDAR_REPORTERS[fmt]([plan], rulebook.by_id(), sys.stdout, lang)
