"""Writing output files safely: never over an input, never half a file.

Every option that names an output file (``--graph-out``, ``--output``, ...) goes
through :func:`check_output_path` before any work is written and is then
written with :func:`atomic_output`: to a temporary file in the same folder,
renamed over the target only when the whole output was written.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import click

from .i18n import usage_text

STDOUT = "-"
#: the report formats of ``dossier`` and ``policy`` (checker.report.REPORTERS, which a test compares)
REPORT_FORMATS = ("table", "json", "markdown", "html", "sarif")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def check_output_path(path: str, inputs, option: str) -> None:
    """Refuse (exit 2) an output path that is an input file or an existing directory."""
    if path == STDOUT:
        return
    target = Path(path)
    if target.is_dir():
        raise click.BadParameter(usage_text("output_directory", path=path), param_hint=option)
    for given in inputs:
        if given != STDOUT and _same_file(target, Path(given)):
            raise click.BadParameter(usage_text("output_is_input", path=path),
                                     param_hint=option)


@contextmanager
def atomic_output(path: str, option: str, encoding: str = "utf-8", newline: str | None = None):
    """A text stream whose content replaces ``path`` only when the block ends without error."""
    target = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                             dir=str(target.parent) if str(target.parent) else ".")
    except OSError as exc:
        raise click.BadParameter(usage_text("output_unwritable", path=path, reason=exc.strerror or exc),
                                 param_hint=option) from None
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline=newline) as stream:
            yield stream
        os.replace(temporary, target)
    except OSError as exc:
        _remove(temporary)
        raise click.BadParameter(usage_text("output_unwritable", path=path, reason=exc.strerror or exc),
                                 param_hint=option) from None
    except BaseException:
        _remove(temporary)
        raise


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


@contextmanager
def output_stream(path: str, option: str = "--output"):
    """Standard output for ``-``, else :func:`atomic_output` (call :func:`check_output_path` first)."""
    import sys

    if path == STDOUT:
        yield sys.stdout
        return
    with atomic_output(path, option) as stream:
        yield stream


def output_option(command):
    """``--output FILE``: where the report goes (standard output by default)."""
    return click.option("--output", "-o", "output", metavar="FILE", default=STDOUT, show_default=True,
                        help="Write the report to FILE (written whole or not at all; never an input "
                             "file); '-' is standard output.")(command)


def input_files(paths, rule_dirs=()) -> list:
    """Every file a command reads: its paths and the YAML files of the extra rule packs (an
    output must not land on any of them)."""
    found = [str(p) for p in paths]
    for directory in rule_dirs:
        root = Path(directory)
        if root.is_dir():
            found += [str(p) for p in sorted(root.rglob("*.y*ml"))]
    return found
