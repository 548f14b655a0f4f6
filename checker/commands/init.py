"""``verzuimcheck init dossier|policy [PATH]``: start a file from a commented template.

The templates (``checker/templates/``) are valid as written and explain each field in the
run's language; a test audits each one. An existing file is never overwritten.
"""
from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import click

from .common import EXIT_INPUT, guarded, lang_option

KINDS = ("dossier", "policy")


def register(main) -> None:
    main.add_command(init_command)


def template_text(kind: str, lang: str) -> str:
    return resources.files("checker").joinpath("templates", f"{kind}.{lang}.yaml").read_text("utf-8")


@click.command("init")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("path", required=False, default="-", metavar="[PATH]")
@lang_option
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
@guarded
def init_command(kind, path, lang, debug):
    """Write a commented template for a dossier or a policy to PATH (default: standard output)."""
    from ..messages import text
    from .output import atomic_output, check_output_path

    content = template_text(kind, lang)
    if path == "-":
        sys.stdout.write(content)
        return
    check_output_path(path, (), "PATH")
    if Path(path).exists():
        click.echo(f"verzuimcheck: {text('ui', 'init_exists', lang, path=path)}", err=True)
        sys.exit(EXIT_INPUT)
    with atomic_output(path, "PATH") as stream:
        stream.write(content)
    click.echo(text("ui", "init_written", lang, path=path, kind=kind), err=True)
