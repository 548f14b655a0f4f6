"""Kind ``precedes``: a step that must be present on or before another event.

While that other event has not happened the step is due on counted day
``otherwise_day``.

params:
  event: actueel_oordeel
  before: wia_aanvraag
  otherwise_day: 651
"""
from __future__ import annotations

from .base import EVENTS_SCHEMA, as_list, resolve_due, step_outcome

KIND = "precedes"
SUBJECTS = ("dossier", "calendar")
#: Placeholders this kind fills in a rule message, besides {due}, {date}, {actors}, {status}, {days}.
MESSAGE_PARAMS = ()
PARAMS_SCHEMA = {
    "type": "object",
    "required": ["event", "before", "otherwise_day"],
    "additionalProperties": False,
    "properties": {
        "event": EVENTS_SCHEMA,
        "before": {"type": "string"},
        "otherwise_day": {"type": "integer", "minimum": 1, "maximum": 1500},
    },
}


def referenced_events(params: dict) -> list:
    return as_list(params["event"]) + [params["before"]]


def check(rule, ctx):
    params = rule.params
    due = resolve_due({"after_event": params["before"], "days": 0, "day": params["otherwise_day"]}, ctx)
    yield step_outcome(ctx, as_list(params["event"]), due)
