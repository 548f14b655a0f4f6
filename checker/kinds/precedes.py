"""Kind ``precedes``: a step that must be present on or before another event.

While that other event has not happened the step is due on counted day
``otherwise_day`` (or on the due specification ``otherwise``).

params:
  event: actueel_oordeel
  before: wia_aanvraag
  otherwise_day: 651              # or: otherwise: {before_end: 77}
"""
from __future__ import annotations

from .base import (DUE_SCHEMA, EVENTS_SCHEMA, STEP_PARAMS, as_list, condition_events, due_events,
                   judge_step)

KIND = "precedes"
SUBJECTS = ("dossier", "calendar")
PARAMS_SCHEMA = {
    "type": "object",
    "required": ["event", "before"],
    "additionalProperties": False,
    "properties": {
        "event": EVENTS_SCHEMA,
        "before": {"type": "string"},
        "otherwise_day": {"type": "integer", "minimum": 1, "maximum": 1500},
        "otherwise": DUE_SCHEMA,
        **STEP_PARAMS,
    },
    "oneOf": [{"required": ["otherwise_day"]}, {"required": ["otherwise"]}],
}


def referenced_events(params: dict) -> list:
    return as_list(params["event"]) + [params["before"]] + due_events(params.get("otherwise", {})) + \
        condition_events(params)


def check(rule, ctx):
    params = rule.params
    if ctx.first(params["before"]) is not None:
        due = {"on_event": params["before"]}
    else:
        due = params.get("otherwise") or {"day": params["otherwise_day"]}
    outcome = judge_step(rule, ctx, as_list(params["event"]), due)
    if outcome is not None:
        yield outcome
