"""Kind ``precedes``: a step that must be present on or before another event.

While that other event has not happened the step is due on counted day
``otherwise_day`` (or on the due specification ``otherwise``).

params:
  event: actueel_oordeel
  before: wia_aanvraag
  otherwise_day: 651              # or: otherwise: {before_end: 77}
"""
from __future__ import annotations

from .base import (DUE_SCHEMA, EVENTS_SCHEMA, STEP_PARAMS, as_list, condition_events, due_basis,
                   due_events, judge_step)

KIND = "precedes"
SUBJECTS = ("dossier", "calendar")
USES_ROLE_GRAPH = False
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


def _spec(params, ctx) -> dict:
    """The day of the ``before`` event when it happened, else the fallback term."""
    if ctx.first(params["before"]) is not None:
        return {"on_event": params["before"]}
    return params.get("otherwise") or {"day": params["otherwise_day"], "after_event": params["before"]}


def explain(rule, ctx) -> list:
    """The arithmetic of the due date, for --explain."""
    return [due_basis(_spec(rule.params, ctx), ctx, as_list(rule.params["event"]))]


def check(rule, ctx):
    params = rule.params
    outcome = judge_step(rule, ctx, as_list(params["event"]), _spec(params, ctx))
    if outcome is not None:
        yield outcome
