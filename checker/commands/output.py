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
