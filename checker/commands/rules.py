"""``verzuimcheck rules``: the rule reference (``rules`` lists all, ``rules show ID`` prints one)."""
from __future__ import annotations

import sys

import click

from .common import EXIT_INPUT, common_options, guarded, load_context


def register(main) -> None:
    from . import rule_packs

    main.add_command(rules_command)
    rule_packs.register(rules_command)  # rules validate, rules test


@click.group("rules", invoke_without_command=True)
@common_options(("table", "json", "markdown"))
@click.pass_context
@guarded
def rules_command(ctx, fmt, lang, rule_dirs, max_bytes, debug):
    """List every rule with its kind, severity and legal source (or: rules show ID, validate, test)."""
    from ..report.rules_doc import RULE_REPORTERS

    if ctx.invoked_subcommand is not None:
        return
    _, rulebook = load_context(rule_dirs, include_announced=True)  # the reference lists announced law too
    RULE_REPORTERS[fmt](rulebook, sys.stdout, lang)


@rules_command.command("show")
@click.argument("rule_id", metavar="ID")
@common_options(("table", "json"))
@guarded
def show_command(rule_id, fmt, lang, rule_dirs, max_bytes, debug):
    """One rule or role constraint whole: title, severity, kind, parameters, explanation,
    sources with URLs, validity and the names of its test cases."""
    show_rule(rule_id, fmt, lang, rule_dirs)


def show_rule(rule_id: str, fmt: str, lang: str, rule_dirs) -> None:
    from ..errors import did_you_mean
    from ..messages import text
    from ..report.rules_doc import SHOW_REPORTERS

    _, rulebook = load_context(rule_dirs, include_announced=True)  # announced law can be shown too
    rule = rulebook.by_id().get(rule_id)
    if rule is None:
        hint = did_you_mean(rule_id, rulebook.by_id())
        message = text("errors", "rule.unknown-rule", lang, value=rule_id)
        if hint:
            message += "; " + text("ui", "did_you_mean", lang, hint=hint)
        click.echo(f"verzuimcheck: {message}", err=True)
        sys.exit(EXIT_INPUT)
    SHOW_REPORTERS[fmt](rule, sys.stdout, lang)
