"""What a batch worker does with a chunk: read each record, audit it, hand back text and a brief.

Each record goes through :func:`checker.api.audit_document`, the same function the
``dossier`` and ``policy`` commands' JSON output and the public API use, so a batch
answers exactly what a single-file audit answers. A worker sends back, per record,
the text to write (already in the output format) and a small :class:`Brief` for the
summary: never the parsed document.

Rules, vocabulary and compiled validators are loaded once per process by
:func:`prepare` (in the parent before workers fork, or in each worker's initializer).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date

from ..api import audit_document, error_record, is_policy
from ..errors import InputErrors, make_error
from ..findings import CAPPED
from ..load import json_text, text
from ..load.document import DEFAULT_MAX_BYTES, Document, load_document
from ..load.limits import set_max_errors, set_max_findings
from . import csv_export


@dataclass(frozen=True)
class Settings:
    as_of: date
    lang: str = "nl"
    fmt: str = "jsonl"  # decides the text a worker renders (none for table and html)
    max_bytes: int = DEFAULT_MAX_BYTES
    rule_dirs: tuple = ()
    summary_only: bool = False
    by_registration: bool = False
    max_errors: int | None = None  # --max-errors and --max-findings, for workers that did not fork
    max_findings: int | None = None


@dataclass(frozen=True)
class Brief:
    """What the summary needs of one audited (or unreadable) record."""

    kind: str  # dossier | policy | error
    file: str
    subject: str | None
    employer: str | None
    counts: tuple = (0, 0, 0)  # error, warning, info
    rules: tuple = ()  # (rule id, severity, number of findings), those past --max-findings included
    errors: tuple = ()  # rendered messages of an unreadable record
    people: tuple = ()  # registered professionals seen (see checker.batch.registration)


_SETTINGS: Settings | None = None


def prepare(settings: Settings) -> None:
    """Load rules, vocabulary and compiled validators once for this process."""
    global _SETTINGS
    from ..load import fast
    from ..rulebook import default_rulebook
    from ..vocab import load_vocabulary

    _SETTINGS = settings
    if settings.max_errors:
        set_max_errors(settings.max_errors)
    if settings.max_findings:
        set_max_findings(settings.max_findings)
    load_vocabulary()
    default_rulebook(tuple(settings.rule_dirs))
    for name in ("dossier", "policy"):
        fast.compiled(name)


def process_chunk(chunk) -> list:
    """[(text or None, Brief), ...] for every record of a chunk, in order."""
    settings = _SETTINGS
    kind = chunk[0]
    if kind == "paths":
        documents = (_from_path(path, settings) for path in chunk[1])
    elif kind == "unreadable":
        _, source, line, code, params = chunk
        documents = [_Unreadable(source, [make_error(code, source, line=line, **params)])]
    elif kind == "lines":
        documents = (_from_line(chunk[1], number, raw, settings) for number, raw in chunk[2] if raw.strip())
    else:
        documents = _from_csv(chunk[1], chunk[2], chunk[3])
    return [_audit(document, settings) for document in documents]


# -- reading ----------------------------------------------------------------------------------
def _from_path(path: str, settings: Settings):
    try:
        if _special(path):  # a FIFO or device in an export folder would block the batch
            return _Unreadable(path, [make_error("file.unreadable", path, reason="not a regular file")])
        return load_document(path, settings.max_bytes)
    except InputErrors as exc:
        return _Unreadable(path, exc.errors)


def _special(path: str) -> bool:
    import os
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False  # the loader words it (not found, unreadable)
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _from_line(source: str, number: int, raw: bytes, settings: Settings):
    """One JSON Lines record, strictly parsed; every error placed on its line of the file."""
    at_line = lambda errors: [replace(e, line=number) for e in errors]  # noqa: E731
    if len(raw) > settings.max_bytes:
        return _Unreadable(source, [make_error("file.too-large", source, line=number, limit=settings.max_bytes)])
    try:
        content = text.decode(raw, source).rstrip("\r\n")
        problems = text.control_character_errors(content, source)
        if problems:
            raise InputErrors(problems)
        data = json_text.parse_json(content, source)
    except InputErrors as exc:
        return _Unreadable(source, at_line(exc.errors))
    document = _LineDocument(file=source, data=data, _text=content)
    document.number = number
    constants = json_text.constant_paths(data)
    if constants:
        return _Unreadable(source, [document.error("json.constant", path, value=name) for path, name in constants])
    return document


def _from_csv(source: str, header: list, groups: list):
    missing = csv_export.missing_columns(header)
    if missing:
        yield _Unreadable(source, [csv_export.file_error("csv.missing-column", source, columns=", ".join(missing))])
        return
    for split, rows in groups:
        record, line_of = csv_export.record_from_rows(header, rows)
        if split:
            yield _Unreadable(source, [make_error("csv.split-dossier", source, line=rows[0][0],
                                                  value=record["dossier"])])
            continue
        yield _CsvDocument(file=source, data=record, line_of=line_of)


class _LineDocument(Document):
    """A record read from one line of a JSON Lines file: positions are that line."""

    number = 0

    def error(self, code, path=(), want_key=False, hint=None, **params):
        found = super().error(code, path, want_key, hint, **params)
        return replace(found, line=self.number)


class _CsvDocument(Document):
    def __init__(self, file, data, line_of):
        super().__init__(file=file, data=data)
        self.line_of = line_of

    def error(self, code, path=(), want_key=False, hint=None, **params):
        return csv_export.at_csv_lines([super().error(code, path, want_key, hint, **params)], self.line_of)[0]


@dataclass
class _Unreadable:
    file: str
    errors: list


# -- auditing ---------------------------------------------------------------------------------
def _audit(document, settings: Settings) -> tuple:
    if isinstance(document, _Unreadable):
        result = error_record(document.file, document.errors, settings.lang)
    else:
        result = audit_document(document, settings.as_of, settings.lang, settings.rule_dirs)
    brief = _brief(result, document)
    return (None if settings.summary_only else render_record(result, settings.fmt)), brief


def _brief(result: dict, document) -> Brief:
    if result["kind"] == "error":
        return Brief("error", result["file"], None, None, errors=tuple(e["message"] for e in result["errors"]))
    data = document.data
    employer = data.get("organisation") if is_policy(data) else data.get("employer")
    summary = result["summary"]
    people = ()
    if _SETTINGS and _SETTINGS.by_registration:
        from .registration import people_in

        people = people_in(data, result)
    rules: dict = {}  # (rule, severity) -> findings, shown or past --max-findings (a findings-capped note)
    for finding in result["findings"]:
        key = (finding["rule"], finding["severity"])
        rules[key] = rules.get(key, 0) + 1
    for note in result.get("notes", ()):
        if note["code"] == CAPPED:
            key = (note["rule"], note["severity"])
            rules[key] = rules.get(key, 0) + note["count"]
    return Brief(result["kind"], result["file"], result["subject"], employer,
                 (summary["error"], summary["warning"], summary["info"]),
                 tuple((rule, severity, count) for (rule, severity), count in rules.items()), people=people)


def render_record(result: dict, fmt: str) -> str | None:
    """The text of one result in a streamed format (None: the format has no per-record text)."""
    if fmt in ("jsonl", "json"):
        return json.dumps(result, ensure_ascii=False)
    if fmt == "csv":
        from ..report.batch import csv_rows

        return csv_rows(result)
    return None
