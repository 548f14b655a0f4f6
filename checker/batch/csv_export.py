"""A CSV event export (one row per event) as dossier records (docs/batch.md).

Columns (a header row names them; order free, case ignored): ``dossier``, ``employer``,
``employee``, ``first_sick_day``, ``period_from``, ``period_to``, ``event``, ``date``,
``by``; optional ``by_role``, ``actor``, ``actor_role``. Several ``by`` ids (and their
roles) are separated by ``;``. A row may carry only a period. The rows of one dossier
follow each other. Errors point at the CSV line of the row that holds the problem.
"""
from __future__ import annotations

from dataclasses import replace

from ..errors import make_error

REQUIRED = ("dossier", "employer", "employee", "first_sick_day", "period_from", "period_to", "event", "date", "by")
OPTIONAL = ("by_role", "actor", "actor_role")
SEPARATOR = ";"


def missing_columns(header: list) -> list:
    names = {name.strip().lower() for name in header}
    return [name for name in REQUIRED if name not in names]


def _split(value: str) -> list:
    return [part.strip() for part in value.split(SEPARATOR) if part.strip()]


def record_from_rows(header: list, rows: list) -> tuple:
    """(record, line_of) for the rows of one dossier; ``line_of`` maps a JSON path prefix
    (``()``, ``("events", 3)``, ``("periods", 0)``) to the CSV line it came from."""
    column: dict = {}  # name -> its first position: looked up once, not per row (a wide header was quadratic)
    for i, name in enumerate(header):
        column.setdefault(name.strip().lower(), i)

    def get(row, name) -> str:
        i = column.get(name)
        return row[i].strip() if i is not None and i < len(row) else ""

    first_line, first = rows[0]
    record = {key: get(first, key) for key in ("dossier", "employer", "employee", "first_sick_day")}
    line_of = {(): first_line}
    periods, events, roles = [], [], {}
    seen_periods: set = set()  # (from, to) already listed: a set, not a scan of the list per row
    for number, row in rows:
        start, end = get(row, "period_from"), get(row, "period_to")
        if start and (start, end) not in seen_periods:
            seen_periods.add((start, end))
            line_of[("periods", len(periods))] = number
            periods.append({"from": start, **({"to": end} if end else {})})
        kind = get(row, "event")
        if not kind:
            continue
        event = {"type": kind, "date": get(row, "date")}
        by = _split(get(row, "by"))
        if by:
            event["by"] = by
        for actor_id, role in zip(by, _split(get(row, "by_role"))):
            roles.setdefault(actor_id, role)
        if get(row, "actor"):
            event["actor"] = get(row, "actor")
            if get(row, "actor_role"):
                roles.setdefault(event["actor"], get(row, "actor_role"))
        line_of[("events", len(events))] = number
        events.append(event)
    if periods:
        record["periods"] = periods
    record["actors"] = [{"id": a, "role": r} for a, r in roles.items() if a != record["employee"]]
    record["events"] = events
    return record, line_of


def at_csv_lines(errors, line_of: dict) -> list:
    """The errors of a record built from CSV rows, each placed on the row it came from."""
    placed = []
    for error in errors:
        path = error.path or ()
        key = next((path[:n] for n in (2, 0) if path[:n] in line_of), ())
        placed.append(replace(error, line=line_of[key], column=None))
    return placed


def file_error(code: str, source: str, **params):
    return make_error(code, source, line=1, **params)
