"""``verzuimcheck dossier``: audit case dossiers against the Wvp rules."""
from __future__ import annotations

from datetime import date

import click

from .common import (
    FAIL_ON,
    announced_option,
    common_options,
    finish,
    guarded,
    load_all,
    load_context,
    max_findings_option,
    parse_option_date,
)
from .i18n import usage_text
from .output import (
    REPORT_FORMATS,
    check_output_path,
    input_files,
    output_option,
    output_stream,
)
from .waivers import load_waiver_file, waivers_option, with_waivers


def register(main) -> None:
    main.add_command(dossier)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())  # the loader reports directories
@click.option("--as-of", "as_of", metavar="DATE", help="Judge the dossier as on this date (default: today).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--explain", "explain_rule", metavar="RULE",
              help="Show the worked arithmetic behind RULE's due dates (instead of the tables; JSON: 'explanation').")
@waivers_option
@announced_option
@output_option
@max_findings_option
@common_options(REPORT_FORMATS)
@guarded
def dossier(paths, as_of, fail_on, explain_rule, waivers_path, include_announced, output, fmt, lang, rule_dirs,
            max_bytes, debug):
    """Audit one or more case dossiers (YAML or JSON) against the Wvp rules."""
    from .. import report
    from ..engine import audit_dossier
    from ..model.dossier import load_dossier

    when = parse_option_date(as_of, "--as-of", lang) or date.today()
    check_output_path(output, input_files(paths, rule_dirs) + ([waivers_path] if waivers_path else []), "--output")
    vocab, rulebook = load_context(rule_dirs, include_announced)
    if explain_rule:
        explainable(rulebook, explain_rule)  # a usage error before any file is read
    waiver_file = load_waiver_file(waivers_path, max_bytes)
    dossiers, errors = load_all(paths, lambda p: load_dossier(p, vocab, max_bytes, steps=rulebook.deviable_ids()))
    results = [audit_dossier(d, rulebook, vocab, when) for d in dossiers]
    if explain_rule:
        results = with_explanations(results, dossiers, explainable(rulebook, explain_rule), vocab, when)
    results = with_waivers(results, waiver_file, rulebook, when)
    many = len(paths) > 1 or waiver_file is not None

    def write() -> None:
        with output_stream(output) as stream:
            report.get(fmt)(results, stream, lang, many=many)

    finish(write, results, errors, fail_on, lang)


def explainable(rulebook, rule_id: str):
    """The rule --explain names; a usage error (exit 2) for an unknown rule or one without due dates."""
    from ..errors import did_you_mean, safe_echo

    rule = rulebook.by_id().get(rule_id)
    if rule is None:
        hint = did_you_mean(rule_id, rulebook.by_id())
        suggestion = usage_text("explain_suggestion", hint=hint) if hint else ""
        raise click.BadParameter(usage_text("explain_unknown_rule", rule=safe_echo(rule_id), suggestion=suggestion),
                                 param_hint="--explain")
    if not hasattr(rule.module, "explain") or "dossier" not in rule.module.SUBJECTS:
        raise click.BadParameter(usage_text("explain_no_due_date", rule=rule.id, kind=rule.kind),
                                 param_hint="--explain")
    return rule


def with_explanations(results, dossiers, rule, vocab, when) -> list:
    from dataclasses import replace

    from ..explain import explain_dossier

    return [replace(r, explanation=explain_dossier(d, rule, vocab, when)) for r, d in zip(results, dossiers)]
