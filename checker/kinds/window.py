"""Kind ``window``: a deadline that also has an earliest sensible day.

Done before ``start_day`` counts as ``early`` (with ``early_severity``) unless
another event falls inside the window.

params:
  event: eerstejaarsevaluatie
  start_day: 316                  # first day of week 46
  due: {day: 364}
  early_severity: warning
"""
from __future__ import annotations

from .base import DUE_SCHEMA, EVENTS_SCHEMA, as_list, resolve_due, step_outcome

KIND = "window"
SUBJECTS = ("dossier", "calendar")
#: Placeholders this kind fills in a rule message, besides {due}, {date}, {actors}, {status}, {days}.
MESSAGE_PARAMS = ('window_start',)
PARAMS_SCHEMA = {
    "type": "object",
    "required": ["event", "due", "start_day"],
    "additionalProperties": False,
    "properties": {
        "event": EVENTS_SCHEMA,
        "due": DUE_SCHEMA,
        "start_day": {"type": "integer", "minimum": 1, "maximum": 1500},
        "early_severity": {"enum": ["error", "warning", "info"]},
    },
}


def referenced_events(params: dict) -> list:
    return as_list(params["event"])


def check(rule, ctx):
    params = rule.params
    start = ctx.calendar.day(params["start_day"])
    yield step_outcome(ctx, as_list(params["event"]), resolve_due(params["due"], ctx),
                       window_start=start, early_severity=params.get("early_severity"))
