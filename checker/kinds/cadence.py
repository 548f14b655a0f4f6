"""Kind ``cadence``: events that must follow each other with no gap over a maximum.

From the first ``start`` event until recovery, the first ``until`` event or the
as-of date, every gap between consecutive ``anchors`` is at most
``max_gap_days`` counted sick days (gap days of samentelling are skipped).
Each gap is one timeline entry; a gap that is too long is ``late`` (closed
by a later event) or ``missing`` (still open, or open when the case ended).

params:
  start: plan_van_aanpak
  anchors: [plan_van_aanpak, evaluatie, bijstelling_plan_van_aanpak, eerstejaarsevaluatie]
  until: [wia_aanvraag]
  max_gap_days: 42
"""
from __future__ import annotations

from .base import EVENTS_SCHEMA, DueBasis, Outcome, as_list

KIND = "cadence"
SUBJECTS = ("dossier", "calendar")
USES_ROLE_GRAPH = False
PARAMS_SCHEMA = {
    "type": "object",
    "required": ["start", "anchors", "max_gap_days"],
    "additionalProperties": False,
    "properties": {
        "start": {"type": "string"},
        "anchors": EVENTS_SCHEMA,
        "until": EVENTS_SCHEMA,
        "max_gap_days": {"type": "integer", "minimum": 1, "maximum": 365},
    },
}


def referenced_events(params: dict) -> list:
    return [params["start"]] + as_list(params["anchors"]) + as_list(params.get("until", []))


def check(rule, ctx):
    params = rule.params
    first = ctx.first(params["start"])
    if first is None:
        return  # no plan yet: the plan's own rule reports that
    ended = ctx.first(as_list(params.get("until", [])))
    anchors = _anchors(ctx, params, first, ended)
    if not anchors:
        return  # the case ended (an `until` event) before it started
    gap = params["max_gap_days"]
    for previous, following in zip(anchors, anchors[1:]):
        due = ctx.calendar.add_counted_days(previous, gap)
        if ctx.not_required_reason(due):
            return  # recovered (or no longer the employer's) before this evaluation was due
        yield Outcome("late" if following > due else "on-time", due=due, date=following)
    due = ctx.calendar.add_counted_days(anchors[-1], gap)
    if ended is not None and due >= ended:
        return  # the case ended (the WIA-aanvraag) before another evaluation was due
    if ctx.not_required_reason(due):
        return  # recovered, contract ended or IVA granted before another evaluation was due
    yield Outcome("missing" if due < ctx.as_of else "upcoming", due=due)


def explain(rule, ctx) -> list:
    """One DueBasis per timeline entry of :func:`check`: each gap hangs on the moment before it."""
    params = rule.params
    first = ctx.first(params["start"])
    if first is None:
        return []
    anchors = _anchors(ctx, params, first, ctx.first(as_list(params.get("until", []))))
    kinds = as_list(params["anchors"])
    bases = []
    for anchor, _ in zip(anchors, check(rule, ctx)):
        day = max(ctx.calendar.counted_day(anchor), 1)
        moment = "+".join(sorted({e.type for e in ctx.events if e.date == anchor and e.type in kinds}))
        bases.append(DueBasis("after_event", due=ctx.calendar.add_counted_days(anchor, params["max_gap_days"]),
                              counted_day=day + params["max_gap_days"], after_event=moment, anchor=anchor,
                              anchor_day=day, days=params["max_gap_days"]))
    return bases


def _anchors(ctx, params, first, ended) -> list:
    """Distinct anchor dates from the first ``start`` event up to and including the end."""
    dates = ctx.dates(as_list(params["anchors"]))
    return sorted({d for d in dates if d >= first and (ended is None or d <= ended)})
