"""Reporters, chosen by name. Each is ``report(results, stream, lang, many=None)`` and reads findings only.

``many`` asks for the multi-subject form (a JSON array) even when only one result is left,
because the user named several files and one of them could not be read.
"""
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
