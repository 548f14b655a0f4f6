"""Kind ``deadline``: a step due on a counted sick day, or some days after another event.

params:
  event: probleemanalyse          # event type(s) that fulfil the step
  due: {day: 42}                  # counted day 42
  due: {day: 294, plus_days: 1}   # the day after counted day 294
  due: {after_event: probleemanalyse, days: 14, day: 56}  # 14 days after it; day 56 while there is none
"""
from __future__ import annotations

from .base import DUE_SCHEMA, EVENTS_SCHEMA, as_list, resolve_due, step_outcome

KIND = "deadline"
SUBJECTS = ("dossier", "calendar")
#: Placeholders this kind fills in a rule message, besides {due}, {date}, {actors}, {status}, {days}.
MESSAGE_PARAMS = ()
PARAMS_SCHEMA = {
    "type": "object",
    "required": ["event", "due"],
    "additionalProperties": False,
    "properties": {"event": EVENTS_SCHEMA, "due": DUE_SCHEMA},
}


def referenced_events(params: dict) -> list:
    return as_list(params["event"]) + ([params["due"]["after_event"]] if "after_event" in params["due"] else [])


def check(rule, ctx):
    params = rule.params
    yield step_outcome(ctx, as_list(params["event"]), resolve_due(params["due"], ctx))
