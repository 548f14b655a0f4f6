"""``verzuimcheck rules``: the rule reference."""
from __future__ import annotations

import sys

import click

from .common import common_options, guarded, load_context


def register(main) -> None:
    main.add_command(rules_command)


@click.command("rules")
@common_options(("table", "json", "markdown"))
@guarded
def rules_command(fmt, lang, rule_dirs, max_bytes, debug):
    """List every rule with its kind, severity and legal source."""
    from ..report.rules_doc import RULE_REPORTERS

    _, rulebook = load_context(rule_dirs)
    RULE_REPORTERS[fmt](rulebook, sys.stdout, lang)
