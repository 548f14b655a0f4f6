"""``verzuimcheck calendar``: the deadlines of a wachttijd."""
from __future__ import annotations

import sys

import click

from .common import common_options, guarded, load_context, parse_option_date


def register(main) -> None:
    main.add_command(calendar)


@click.command()
@click.argument("dossier_path", required=False, type=click.Path())
@click.option("--first-sick-day", metavar="DATE", help="First sick day (instead of a dossier).")
@common_options(("table", "json"))
@guarded
def calendar(dossier_path, first_sick_day, fmt, lang, rule_dirs, max_bytes, debug):
    """Every Wvp deadline from a first sick day, or from a dossier (with samentelling)."""
    from ..engine import wachttijd_calendar
    from ..model.dossier import load_dossier
    from ..planning import plan_for
    from ..report.calendar import CALENDAR_REPORTERS

    if bool(dossier_path) == bool(first_sick_day):
        raise click.UsageError("give either --first-sick-day DATE or a DOSSIER file (not both)")
    vocab, rulebook = load_context(rule_dirs)
    if dossier_path:
        loaded = load_dossier(dossier_path, vocab, max_bytes, steps=rulebook.deviable_ids())
        plan = plan_for(wachttijd_calendar(loaded.periods, loaded.leave), rulebook, file=loaded.file,
                        subject=loaded.id)
    else:
        first = parse_option_date(first_sick_day, "--first-sick-day", lang)
        plan = plan_for(wachttijd_calendar(((first, None),)), rulebook)
    CALENDAR_REPORTERS[fmt]([plan], rulebook.by_id(), sys.stdout, lang)
