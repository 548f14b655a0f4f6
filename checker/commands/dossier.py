"""``verzuimcheck dossier``: audit case dossiers against the Wvp rules."""
from __future__ import annotations

from datetime import date

import click

from .common import (
    FAIL_ON,
    common_options,
    finish,
    guarded,
    load_all,
    load_context,
    parse_option_date,
)
from .output import REPORT_FORMATS, check_output_path, input_files, output_option, output_stream


def register(main) -> None:
    main.add_command(dossier)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())  # the loader reports directories
@click.option("--as-of", "as_of", metavar="DATE", help="Judge the dossier as on this date (default: today).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@output_option
@common_options(REPORT_FORMATS)
@guarded
def dossier(paths, as_of, fail_on, output, fmt, lang, rule_dirs, max_bytes, debug):
    """Audit one or more case dossiers (YAML or JSON) against the Wvp rules."""
    from .. import report
    from ..engine import audit_dossier
    from ..model.dossier import load_dossier

    when = parse_option_date(as_of, "--as-of", lang) or date.today()
    check_output_path(output, input_files(paths, rule_dirs), "--output")
    vocab, rulebook = load_context(rule_dirs)
    dossiers, errors = load_all(paths, lambda p: load_dossier(p, vocab, max_bytes, steps=rulebook.deviable_ids()))
    results = [audit_dossier(d, rulebook, vocab, when) for d in dossiers]

    def write() -> None:
        with output_stream(output) as stream:
            report.get(fmt)(results, stream, lang, many=len(paths) > 1)

    finish(write, results, errors, fail_on, lang)
