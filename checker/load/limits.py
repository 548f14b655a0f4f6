"""The documented bounds on input (docs/errors.md), in one place without imports,
so the command line can show them without loading the parsers."""
from __future__ import annotations

from contextvars import ContextVar

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
#: Largest --max-bytes accepted: beyond it a file could not be held in memory anyway.
MAX_MAX_BYTES = 1024 * 1024 * 1024
DEFAULT_MAX_ERRORS = 100
#: Largest --max-errors accepted (the cap keeps memory flat; a larger one is no cap).
MAX_MAX_ERRORS = 100_000
#: The --max-errors of this run: set once by the CLI, read by every load (no model
#: or command signature has to carry it).
_max_errors: ContextVar = ContextVar("max_errors", default=DEFAULT_MAX_ERRORS)


def set_max_errors(limit: int):
    """Set --max-errors; returns the token that ``_max_errors.reset`` takes (see reset)."""
    return _max_errors.set(limit)


def reset(token) -> None:
    """Undo a set_max_errors or set_max_findings (the CLI does, when its command ends, so
    that an in-process run leaves the setting as it found it)."""
    token.var.reset(token)


def max_errors() -> int:
    return _max_errors.get()


DEFAULT_MAX_FINDINGS = 100
#: Largest --max-findings accepted.
MAX_MAX_FINDINGS = 1_000_000
#: Past the cap, findings are still counted (not made) up to this many times the cap;
#: beyond that a rule is stopped and its note says "at least".
FINDINGS_COUNTED_FACTOR = 100
#: The --max-findings of this run (per rule and subject): set once by the CLI, read by the engine.
_max_findings: ContextVar = ContextVar("max_findings", default=DEFAULT_MAX_FINDINGS)


def set_max_findings(limit: int):
    """Set --max-findings; returns the token for :func:`reset`."""
    return _max_findings.set(limit)


def max_findings() -> int:
    return _max_findings.get()
