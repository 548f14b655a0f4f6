"""The public API: the audit of one record as a pure function of (record, rulebook, as-of).

    from checker.api import audit_record
    result = audit_record({"dossier": "D-1", "employer": "E", "employee": "W-1",
                           "first_sick_day": "2025-01-06"}, "2026-01-15")
    result["summary"]   # {"error": 3, "warning": 0, "info": 0}

A record is a dossier or an organisation policy (one that has ``organisation``) as
plain data, exactly as in a file (docs/dossier-format.md, docs/policy-format.md).
The answer is the JSON object ``verzuimcheck dossier --format json`` (or ``policy``)
prints for it (docs/json-output.md); a record that cannot be audited gives
``{"kind": "error", "file": ..., "errors": [...]}`` instead of raising, so a batch or a
Dask bag never stops at one bad record. Rules and vocabulary are loaded once per
process; nothing is printed, nothing is written. ``verzuimcheck batch`` is built on it.
"""
from __future__ import annotations

from datetime import date

from .errors import InputErrors

__all__ = ["audit_record", "audit_document", "error_record"]


def audit_record(record, as_of, lang: str = "nl", source: str = "<record>", max_findings: int | None = None) -> dict:
    """Audit one dossier or policy given as plain data on ``as_of`` (a date or ``YYYY-MM-DD``).

    ``source`` names the record in error messages (a file name, ``export.jsonl:12``).
    ``max_findings``: findings made per rule (default: this process's setting,
    ``checker.load.limits.max_findings()``, 100 unless changed; the rest are counted in a
    ``findings-capped`` note, docs/json-output.md).
    """
    from .load.document import Document

    document = Document(file=source, data=record)
    if max_findings is None:
        return audit_document(document, _as_date(as_of), lang)
    from contextvars import copy_context

    from .load.limits import set_max_findings

    def run() -> dict:  # in a copy of the context: the caller's own setting is left as it was
        set_max_findings(max_findings)
        return audit_document(document, _as_date(as_of), lang)

    return copy_context().run(run)


def audit_document(document, as_of: date, lang: str = "nl", rule_dirs: tuple = ()) -> dict:
    """Like :func:`audit_record` for a loaded :class:`~checker.load.document.Document`
    (which knows the lines of a file, for error messages)."""
    from .engine import audit_dossier, audit_policy
    from .model.dossier import build_dossier
    from .model.policy import build_policy
    from .report.render import result_to_dict
    from .rulebook import default_rulebook
    from .vocab import load_vocabulary

    vocab, rulebook = load_vocabulary(), default_rulebook(tuple(rule_dirs))
    try:
        if is_policy(document.data):
            result = audit_policy(build_policy(document, vocab), rulebook, vocab, as_of)
        else:
            result = audit_dossier(build_dossier(document, vocab), rulebook, vocab, as_of)
    except InputErrors as exc:
        return error_record(document.file, exc.errors, lang)
    return result_to_dict(result, lang)


def is_policy(data) -> bool:
    return isinstance(data, dict) and "organisation" in data


def error_record(source: str, errors, lang: str = "nl") -> dict:
    """The answer for a record that could not be audited: every problem, rendered."""
    from .messages import render_error

    return {"kind": "error", "file": source,
            "errors": [{**error.to_dict(), "message": render_error(error, lang)} for error in errors]}


def _as_date(value) -> date:
    if isinstance(value, date):
        return value
    from .model.dates import parse_date

    return parse_date(value)
