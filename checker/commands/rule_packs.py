"""``verzuimcheck rules validate`` and ``rules test``: tooling for rule packs (docs/rule-packs.md)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..messages import DEFAULT_LANGUAGE, LANGUAGES, text
from .common import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, guarded, print_input_errors


def register(group) -> None:
    group.add_command(rules_validate)
    group.add_command(rules_test)


def _pack_options(command):
    command = click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")(command)
    command = click.option("--lang", type=click.Choice(LANGUAGES), default=DEFAULT_LANGUAGE, show_default=True,
                           help="Language of the report.")(command)
    return click.argument("directories", nargs=-1, required=True,
                          type=click.Path(exists=True, file_okay=False))(command)


def pack_directories(directories) -> tuple:
    """The packs to load after the shipped rules: a shipped folder (or one inside it) named again is
    not loaded twice."""
    from ..rulebook import DEFAULT_RULE_DIRS

    shipped = {Path(d).resolve() for d in DEFAULT_RULE_DIRS}
    extra, seen = [], set()
    for directory in directories:
        resolved = Path(directory).resolve()
        inside_shipped = any(resolved.is_relative_to(root) for root in shipped)  # e.g. rules/wvp
        if not inside_shipped and resolved not in seen:
            seen.add(resolved)
            extra.append(Path(directory))
    return tuple(extra)


def _load(directories):
    """(vocabulary, rulebook) of the shipped rules plus the packs; InputErrors lists every problem."""
    from ..rulebook import DEFAULT_RULE_DIRS, load_rulebook
    from ..vocab import load_vocabulary

    vocab = load_vocabulary()
    return vocab, load_rulebook(DEFAULT_RULE_DIRS + pack_directories(directories), vocab)


def _in_packs(rulebook, directories) -> list:
    """The rules whose files lie below ``directories``."""
    roots = [Path(d).resolve() for d in directories]
    return [r for r in rulebook.rules if any(Path(r.file).resolve().is_relative_to(root) for root in roots)]


@click.command("validate")
@_pack_options
@guarded
def rules_validate(directories, lang, debug):
    """Check rule packs: schema, kinds, events, roles, unique ids, overrides, pack.yaml and test case files."""
    from ..rule_cases import case_files, load_case_files

    _, rulebook = _load(directories)  # InputErrors: printed by guarded, exit 2
    cases, errors = load_case_files(case_files(directories))
    known = rulebook.by_id()
    for case_file in cases:
        if case_file.rule not in known:
            errors.append(case_file.document.error("rule.unknown-rule", ("rule",), value=case_file.rule))
    if errors:
        print_input_errors(sorted(errors, key=lambda e: e.sort_key()), lang)
        sys.exit(EXIT_INPUT)
    rules = _in_packs(rulebook, directories)
    click.echo(text("ui", "pack_valid", lang, rules=len(rules), cases=sum(len(c.cases) for c in cases),
                    files=len(cases)))
    for adjustment in rulebook.adjustments:
        from ..report.render import adjustment_text

        click.echo(adjustment_text(adjustment, lang))
    sys.exit(EXIT_OK)


@click.command("test")
@_pack_options
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True,
              help="Output format.")
@guarded
def rules_test(directories, lang, debug, fmt):
    """Run the YAML test cases of rule packs: a pass/fail table; exit 1 when a case fails."""
    from ..report.rule_tests import RULE_TEST_REPORTERS
    from ..rule_cases import case_files, coverage_gaps, load_case_files, run_cases

    vocab, rulebook = _load(directories)
    cases, errors = load_case_files(case_files(directories))
    results = run_cases(cases, vocab, rulebook)
    gaps = coverage_gaps(results, [r.id for r in _in_packs(rulebook, directories)])
    RULE_TEST_REPORTERS[fmt](results, gaps, sys.stdout, lang)
    if errors:
        print_input_errors(errors, lang)
        sys.exit(EXIT_INPUT)
    sys.exit(EXIT_FINDINGS if any(not r.passed for r in results) else EXIT_OK)
