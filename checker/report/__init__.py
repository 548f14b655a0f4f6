"""Reporters, chosen by name. Each is ``report(results, stream, lang, many=None)`` and reads findings only.

``many`` asks for the multi-subject form (a JSON array) even when only one result is left,
because the user named several files and one of them could not be read.
Adding a format is one new module here and one line in ``REPORTERS``.
"""
from __future__ import annotations

from . import html, json_report, markdown, sarif, table

REPORTERS = {
    "table": table.report,
    "json": json_report.report,
    "markdown": markdown.report,
    "html": html.report,
    "sarif": sarif.report,
}
FORMATS = tuple(REPORTERS)


def get(name: str):
    try:
        return REPORTERS[name]
    except KeyError:
        raise ValueError(f'no such output format: "{name}"') from None
