"""``verzuimcheck rules``: the rule reference."""
from __future__ import annotations

import sys

import click

from .common import common_options, guarded, load_context


def register(main) -> None:
    from . import rule_packs

    main.add_command(rules_command)
    rule_packs.register(rules_command)  # rules validate, rules test


@click.group("rules", invoke_without_command=True)
@common_options(("table", "json", "markdown"))
@click.pass_context
@guarded
def rules_command(ctx, fmt, lang, rule_dirs, max_bytes, debug):
    """List every rule with its kind, severity and legal source (or: validate, test a rule pack)."""
    from ..report.rules_doc import RULE_REPORTERS

    if ctx.invoked_subcommand is not None:
        return
    _, rulebook = load_context(rule_dirs, include_announced=True)  # the reference lists announced law too
    RULE_REPORTERS[fmt](rulebook, sys.stdout, lang)
