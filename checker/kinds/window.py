"""Kind ``window``: a deadline that also has an earliest sensible day.

Done before the window counts as ``early`` (with ``early_severity``) unless
another event falls inside the window; with ``count_early: false`` an event
before the window does not count at all (the step is then missing).

params:
  event: eerstejaarsevaluatie
  start_day: 316                  # first day of week 46 (or start: a due specification)
  due: {day: 364}
  early_severity: warning
"""
from __future__ import annotations

from dataclasses import replace

from .base import (DUE_ITEM_SCHEMA, DUE_SCHEMA, EVENTS_SCHEMA, STEP_PARAMS, as_list, condition_events,
                   due_basis, due_events, judge_step, resolve_due)

KIND = "window"
SUBJECTS = ("dossier", "calendar")
USES_ROLE_GRAPH = False
PARAMS_SCHEMA = {
    "type": "object",
    "required": ["event", "due"],
    "additionalProperties": False,
    "properties": {
        "event": EVENTS_SCHEMA,
        "due": DUE_SCHEMA,
        "start_day": {"type": "integer", "minimum": 1, "maximum": 1500},
        "start": DUE_ITEM_SCHEMA,
        "early_severity": {"enum": ["error", "warning", "info"]},
        "count_early": {"type": "boolean"},
        **STEP_PARAMS,
    },
    "oneOf": [{"required": ["start_day"]}, {"required": ["start"]}],
}


def referenced_events(params: dict) -> list:
    return as_list(params["event"]) + due_events(params["due"]) + due_events(params.get("start", {})) + \
        condition_events(params)


def explain(rule, ctx) -> list:
    """The due date and the window's first day, for --explain."""
    params = rule.params
    if "start_day" in params:
        start_day, start = params["start_day"], ctx.calendar.day(params["start_day"])
    else:
        start, _ = resolve_due(params["start"], ctx)
        start_day = ctx.calendar.counted_day(start) if start else None
    return [replace(due_basis(params["due"], ctx, as_list(params["event"])), window_start=start,
                    window_start_day=start_day)]


def check(rule, ctx):
    params = rule.params
    if "start_day" in params:
        start = ctx.calendar.day(params["start_day"])
    else:
        start, _ = resolve_due(params["start"], ctx)
    outcome = judge_step(rule, ctx, as_list(params["event"]), params["due"], window_start=start,
                         early_severity=params.get("early_severity"),
                         count_early=params.get("count_early", True))
    if outcome is not None:
        yield outcome
