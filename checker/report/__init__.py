"""Reporters, chosen by name. Each is ``report(results, stream, lang)`` and reads findings only."""
from __future__ import annotations

from . import json_report, table

REPORTERS = {
    "table": table.report,
    "json": json_report.report,
}


def get(name: str):
    try:
        return REPORTERS[name]
    except KeyError:
        raise ValueError(f'no such output format: "{name}"') from None
