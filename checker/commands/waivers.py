"""``verzuimcheck waivers check``, and the ``--waivers FILE`` option of dossier and policy."""
from __future__ import annotations

import sys
from datetime import date

import click

from .common import (
    FAIL_ON,
    common_options,
    finish,
    guarded,
    load_context,
    max_findings_option,
    parse_option_date,
)


def register(main) -> None:
    main.add_command(waivers_group)


def waivers_option(command):
    """``--waivers FILE``: accepted findings (docs/waivers.md)."""
    return click.option("--waivers", "waivers_path", metavar="FILE", type=click.Path(),
                        help="Waivers file: accepted findings stay in the report as 'waived' and do not count "
                             "(docs/waivers.md).")(command)


def load_waiver_file(path, max_bytes):
    """The waivers file, or None when not given; a bad file stops the run (exit 2) before any audit."""
    if path is None:
        return None
    from ..model.waivers import load_waivers

    return load_waivers(path, max_bytes)


def with_waivers(results, waiver_file, rulebook, as_of: date) -> list:
    """The results with waived findings marked, followed by the result about the waivers file."""
    if waiver_file is None:
        return results
    from ..waivers import apply_waivers

    marked, about_waivers = apply_waivers(results, waiver_file, rulebook, as_of)
    return marked + [about_waivers]


@click.group("waivers")
def waivers_group():
    """Waivers files: accepted findings with a reference, an approver and an expiry date."""


@waivers_group.command("check")
@click.argument("path", type=click.Path())
@click.option("--as-of", "as_of", metavar="DATE", help="Judge expiry as on this date (default: today).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="warning", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@max_findings_option
@common_options(("table", "json"))
@guarded
def waivers_check(path, as_of, fail_on, fmt, lang, rule_dirs, max_bytes, debug):
    """Lint a waivers file on its own: format, unknown rules, expiry, self-approval."""
    from .. import report
    from ..waivers import WaiverContext, lint_waivers

    when = parse_option_date(as_of, "--as-of", lang) or date.today()
    _, rulebook = load_context(rule_dirs)
    waiver_file = load_waiver_file(path, max_bytes)
    result = lint_waivers(waiver_file, rulebook, WaiverContext(waivers=waiver_file.waivers, as_of=when))
    finish(lambda: report.get(fmt)([result], sys.stdout, lang), [result], [], fail_on, lang)
