"""Kind ``deadline``: a step due on a counted sick day, some days after another event, or on a date.

params:
  event: probleemanalyse          # event type(s) that fulfil the step
  due: {day: 42}                  # counted day 42
  due: {day: 294, plus_days: 1}   # the day after counted day 294
  due: {after_event: probleemanalyse, days: 14, day: 56}  # 14 days after it; day 56 while there is none
  due: {before_end: 91}           # 91 counted days before the wachttijd's last day
  due: [{day: 42, plus_days: 1}, {date_of: contract_end}]  # the earliest of these
  applies_if: [{dossier: contract_end}]      # the rule only judges dossiers where this holds
  exempt_if: [{event: spoor2_niet_nodig}]    # the step is not required (the timeline says why)
"""
from __future__ import annotations

from .base import (DUE_SCHEMA, EVENTS_SCHEMA, STEP_PARAMS, as_list, condition_events, due_basis,
                   due_events, judge_step)

KIND = "deadline"
SUBJECTS = ("dossier", "calendar")
USES_ROLE_GRAPH = False
PARAMS_SCHEMA = {
    "type": "object",
    "required": ["event", "due"],
    "additionalProperties": False,
    "properties": {"event": EVENTS_SCHEMA, "due": DUE_SCHEMA, **STEP_PARAMS},
}


def referenced_events(params: dict) -> list:
    return as_list(params["event"]) + due_events(params["due"]) + condition_events(params)


def explain(rule, ctx) -> list:
    """The arithmetic of the due date (one DueBasis per timeline entry), for --explain."""
    return [due_basis(rule.params["due"], ctx, as_list(rule.params["event"]))]


def check(rule, ctx):
    outcome = judge_step(rule, ctx, as_list(rule.params["event"]), rule.params["due"])
    if outcome is not None:
        yield outcome
