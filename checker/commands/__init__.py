"""The ``verzuimcheck`` command line: one module per command, each parses, builds, executes.

Exit codes (docs/cli.md): 0 no finding reaches --fail-on; 1 one does; 2 bad
input or usage; 3 an internal error (a bug: please report it with --debug).
"""
from __future__ import annotations

import click

from . import batch, calendar, dossier, i18n, init, policy, rules, vocab, waivers


@click.group(cls=i18n.Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="verzuimcheck")
def main():
    """verzuimcheck: Wet verbetering poortwachter rules and role separation, checked as data."""


for _module in (dossier, calendar, rules, policy, batch, waivers, vocab, init):  # the order of --help
    _module.register(main)
