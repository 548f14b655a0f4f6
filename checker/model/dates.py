"""Dates are parsed here, once, with explicit errors (never by the YAML library)."""
from __future__ import annotations

import re
from datetime import date

#: Plausible range for any date in a dossier or policy; outside it is a typo.
EARLIEST = date(1990, 1, 1)
LATEST = date(2100, 12, 31)
_ISO = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")  # not \d: it matches any Unicode digit


class DateProblem(ValueError):
    """``code`` is a message code: date.format, date.impossible or date.out-of-range."""

    def __init__(self, code: str, value: str) -> None:
        super().__init__(code)
        self.code = code
        self.value = value


def parse_date(value) -> date:
    """An ISO date string (YYYY-MM-DD) as a date within the plausible range."""
    text = str(value)
    match = _ISO.fullmatch(text)  # $ alone also matches before a final newline
    if not match:
        raise DateProblem("date.format", text)
    try:
        parsed = date(*map(int, match.groups()))
    except ValueError:
        raise DateProblem("date.impossible", text) from None
    if not EARLIEST <= parsed <= LATEST:
        raise DateProblem("date.out-of-range", text)
    return parsed


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
