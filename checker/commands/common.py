"""What every command shares: exit codes, error handling, common options and loading.

Exit codes (docs/cli.md): 0 no finding reaches --fail-on; 1 one does; 2 bad
input or usage; 3 an internal error (a bug: please report it with --debug).
"""
from __future__ import annotations

import functools
import os
import sys
import traceback
from datetime import date
from pathlib import Path

import click

from ..errors import InputErrors
from ..load.limits import (
    DEFAULT_MAX_ERRORS,
    DEFAULT_MAX_FINDINGS,
    MAX_MAX_BYTES,
    MAX_MAX_ERRORS,
    MAX_MAX_FINDINGS,
    set_max_errors,
    set_max_findings,
)
from ..load.limits import reset as reset_limit
from ..messages import DEFAULT_LANGUAGE, LANGUAGES, render_error, text

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # the shell's convention for Ctrl-C
_PACKAGE_DIR = Path(__file__).resolve().parent.parent
FAIL_ON = ("error", "warning", "info", "never")


def exit_code(results, fail_on: str, had_input_errors: bool) -> int:
    """The one place that decides the exit code."""
    if had_input_errors:
        return EXIT_INPUT
    if fail_on == "never":
        return EXIT_OK
    threshold = FAIL_ON.index(fail_on)
    for result in results:  # the worst counted finding, those past --max-findings included
        worst = result.worst_severity()
        if worst is not None and FAIL_ON.index(worst) <= threshold:
            return EXIT_FINDINGS
    return EXIT_OK


_MORE = ("errors.more", "errors.more-than")


def capped(errors, limit: int) -> tuple:
    """(errors to print, total counted): at most ``limit`` per file, in order, then one
    ``errors.more`` line per file with how many were not shown (the schema's own
    count of errors it did not keep included)."""
    from ..errors import make_error

    by_file: dict = {}
    for error in errors:
        by_file.setdefault(error.file, []).append(error)
    shown, total = [], 0
    for file, found in by_file.items():
        regular = [e for e in found if e.code not in _MORE]
        hidden = max(0, len(regular) - limit) + sum(e.param_dict().get("count", 0) for e in found if e.code in _MORE)
        beyond = any(e.code == "errors.more-than" for e in found)
        shown += regular[:limit]
        total += min(len(regular), limit) + hidden
        if hidden:
            shown.append(make_error("errors.more-than" if beyond else "errors.more", file, count=hidden))
    return shown, total


def print_input_errors(errors, lang: str) -> None:
    """The input errors on stderr, capped per file (--max-errors). Writing them may fail
    (stderr closed, a full disk): the exit code stays 2 all the same."""
    from ..load.limits import max_errors

    shown, total = capped(errors, max_errors())
    try:
        for error in shown:
            click.echo(render_error(error, lang), err=True)
        click.echo(text("ui", "input_errors", lang, count=total), err=True)
    except (OSError, ValueError):  # ValueError: stderr already closed
        pass


def output_failed(exc: BaseException, lang: str) -> None:
    """Say that stdout or an output file could not be written, then exit 2."""
    if isinstance(exc, UnicodeEncodeError):
        reason = f"encoding {exc.encoding}"
    else:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
    _silence_stdout()
    try:
        click.echo("verzuimcheck: " + text("errors", "output.write-failed", lang, reason=reason), err=True)
    except (OSError, ValueError):
        pass
    sys.exit(EXIT_INPUT)


def finish(write, results, errors, fail_on: str, lang: str) -> None:
    """Write the report (if anything was audited), then the input errors; exit.

    The exit code is decided before writing, so a reader that closes the pipe
    early (``| head``) does not turn a failing audit into a success.
    """
    code = exit_code(results, fail_on, bool(errors))
    if results:
        try:
            write()
            sys.stdout.flush()
        except BrokenPipeError:
            _silence_stdout()
        except (OSError, UnicodeEncodeError) as exc:  # a full disk, an encoding without our characters
            if errors:
                print_input_errors(errors, lang)
            output_failed(exc, lang)
    if errors:
        print_input_errors(errors, lang)
    sys.exit(code)


def _silence_stdout() -> None:
    """After a closed pipe or a failed write, point stdout at devnull so the final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file descriptor (a test runner's stream)
        pass


def guarded(command):
    """Turn InputErrors into messages and exit 2; hide tracebacks unless --debug.

    An unexpected exception is a bug: it exits 3 with its type and the place in
    our code where it happened, but never its message, which may quote input
    (and so personal data); --debug shows the full traceback.
    """

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        lang = kwargs.get("lang") or default_language()
        _forgiving_stderr()
        try:
            return command(*args, **kwargs)
        except InputErrors as exc:
            print_input_errors(exc.errors, lang)
            sys.exit(EXIT_INPUT)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo(f"verzuimcheck: {text('ui', 'interrupted', lang)}", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:  # output piped into `head` and the like
            sys.stderr.close()
            sys.exit(EXIT_OK)
        except (OSError, UnicodeEncodeError) as exc:  # writing stdout failed (rules, calendar)
            output_failed(exc, lang)
        except Exception as exc:  # a bug, not bad input
            if kwargs.get("debug"):  # the traceback, and still exit 3
                traceback.print_exc()
                sys.exit(EXIT_INTERNAL)
            click.echo("verzuimcheck: " + text("ui", "internal_error", lang, kind=type(exc).__name__,
                                               where=crash_site(exc)), err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper


def _forgiving_stderr() -> None:
    """Messages on stderr never fail for a character its encoding lacks (PYTHONIOENCODING=ascii):
    such a character is written as an escape instead."""
    try:
        sys.stderr.reconfigure(errors="backslashreplace")
    except (AttributeError, ValueError, OSError):  # not a TextIOWrapper (a test runner's stream)
        pass


def crash_site(exc: BaseException) -> str:
    """``checker/load/text.py:37``: the innermost frame of our own code in a traceback."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if Path(f.filename).resolve().is_relative_to(_PACKAGE_DIR)] or frames
    if not ours:
        return "?"
    where = Path(ours[-1].filename).resolve()
    shown = where.relative_to(_PACKAGE_DIR.parent) if where.is_relative_to(_PACKAGE_DIR) else where.name
    return f"{shown}:{ours[-1].lineno}"


def parse_option_date(value: str | None, option: str, lang: str = DEFAULT_LANGUAGE) -> date | None:
    from ..model.dates import EARLIEST, LATEST, DateProblem, parse_date

    if value is None:
        return None
    try:
        return parse_date(value)
    except DateProblem as problem:
        message = text("errors", problem.code, lang, value=value, low=EARLIEST.isoformat(), high=LATEST.isoformat())
        raise click.BadParameter(message, param_hint=option) from None


def _set_max_errors(ctx, param, value):
    token = set_max_errors(value)
    ctx.call_on_close(lambda: reset_limit(token))  # an in-process run (tests, callers of main) leaks nothing
    return value


def _set_max_findings(ctx, param, value):
    token = set_max_findings(value)
    ctx.call_on_close(lambda: reset_limit(token))
    return value


def max_findings_option(command):
    """``--max-findings N``: findings made per rule and subject; the rest are counted (engine.run_rules)."""
    return click.option("--max-findings", type=click.IntRange(1, MAX_MAX_FINDINGS), default=DEFAULT_MAX_FINDINGS,
                        metavar="N", expose_value=False, is_eager=True, callback=_set_max_findings,
                        help="Findings shown per rule and subject; the rest are counted (default 100).")(command)


LANG_ENV = "VERZUIMCHECK_LANG"


def default_language() -> str:
    """The run's language when --lang is not given: VERZUIMCHECK_LANG when it names one, else Dutch."""
    wanted = os.environ.get(LANG_ENV, "").strip().lower()
    return wanted if wanted in LANGUAGES else DEFAULT_LANGUAGE


def lang_option(command):
    return click.option("--lang", type=click.Choice(LANGUAGES), default=default_language, show_default="nl",
                        help=f"Language of the report and messages (default: ${LANG_ENV}, else nl).")(command)


def common_options(formats):
    def decorate(command):
        command = click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")(command)
        command = click.option("--max-errors", type=click.IntRange(1, MAX_MAX_ERRORS), default=DEFAULT_MAX_ERRORS,
                               metavar="N", expose_value=False, is_eager=True, callback=_set_max_errors,
                               help="Errors shown per input file; the rest are counted (default 100).")(command)
        command = click.option("--max-bytes", type=click.IntRange(1, MAX_MAX_BYTES), default=None, metavar="BYTES",
                               help="Largest input file accepted, in bytes (default 10485760 = 10 MB, "
                                    "at most 1073741824 = 1 GB).")(command)
        command = click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False),
                               help="Extra rule pack directory (repeatable).")(command)
        command = lang_option(command)
        command = click.option("--format", "fmt", type=click.Choice(formats), default=formats[0],
                               show_default=True, help="Output format.")(command)
        return command
    return decorate


def load_context(rule_dirs, include_announced: bool = False):
    from ..rulebook import default_rulebook
    from ..vocab import load_vocabulary

    # resolved: the rulebook is cached per process, and "pack" means another folder after a chdir
    return load_vocabulary(), default_rulebook(tuple(str(Path(d).resolve()) for d in rule_dirs), include_announced)


def announced_option(command):
    """``--include-announced``: apply announced law too; its findings say so and never count."""
    return click.option("--include-announced", is_flag=True,
                        help="Also apply announced rule versions (law not yet in force); their findings carry "
                             "the status suffix 'announced' and never count for the exit code.")(command)


def load_all(paths, loader):
    """Load every path; return (loaded objects, input errors)."""
    from ..errors import load_each

    return load_each(paths, loader)


