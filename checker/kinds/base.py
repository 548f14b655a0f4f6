"""What every rule kind shares: the outcome it yields, due dates and conditions.

A due date is a small specification (``DUE_SCHEMA``) resolved against the
dossier's calendar; a list of specifications means "the earliest of these".
Conditions (``CONDITION_SCHEMA``) say when a rule applies at all
(``applies_if``) and when a step is not required (``exempt_if``); the reason
of an exemption is shown in the timeline. Kinds read the dossier only through
the context (checker/context.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Outcome:
    """What a kind found for one rule: a timeline step, a finding, or both.

    ``status`` is a timeline status (on-time, upcoming, ...) or a finding status
    (late, missing, early, conflict); the engine turns it into a TimelineEntry
    when ``timeline`` is true and into a Finding when the status is one.
    ``reason`` says why a step is not required, or why its due date differs
    from the rule's own term (an agreed deviation): a code with a message in
    checker/messages.yaml (``reasons``).
    """

    status: str
    due: date | None = None
    date: date | None = None
    window_start: date | None = None
    actors: tuple = ()
    evidence: tuple = ()
    params: tuple = ()
    severity: str | None = None  # overrides the rule's severity (e.g. early -> warning)
    timeline: bool = True
    reason: str | None = None


def as_list(value) -> list:
    return [value] if isinstance(value, str) else list(value)


EVENTS_SCHEMA = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]}
#: Dossier fields a due date or condition may name.
DOSSIER_DATES = ("contract_end",)
DOSSIER_FIELDS = ("contract_end", "vangnet")

#: JSON Schema for one due-date specification, shared by the deadline kinds.
DUE_ITEM_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "day": {"type": "integer", "minimum": 1, "maximum": 1500},
        "plus_days": {"type": "integer", "minimum": 0, "maximum": 365},
        "after_event": EVENTS_SCHEMA,
        "days": {"type": "integer", "minimum": 0, "maximum": 365},
        "suspended_by": EVENTS_SCHEMA,
        "before_end": {"type": "integer", "minimum": 0, "maximum": 1500},
        "date_of": {"enum": list(DOSSIER_DATES)},
        "minus_days": {"type": "integer", "minimum": 0, "maximum": 365},
        "on_event": EVENTS_SCHEMA,
    },
    "anyOf": [{"required": ["day"]}, {"required": ["before_end"]}, {"required": ["date_of"]},
              {"required": ["on_event"]}],
}
DUE_SCHEMA = {"anyOf": [DUE_ITEM_SCHEMA, {"type": "array", "items": DUE_ITEM_SCHEMA, "minItems": 1}]}

CONDITION_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "dossier": {"enum": list(DOSSIER_FIELDS)},
        "eigenrisicodrager": {"enum": ["ziektewet", "wga"]},
        "event": EVENTS_SCHEMA,
        "days_from_start_to": {"enum": list(DOSSIER_DATES)},
        "below": {"type": "integer", "minimum": 1, "maximum": 1500},
        "reason": {"type": "string", "pattern": "^[a-z0-9_]+$"},
    },
    "oneOf": [{"required": ["dossier"]}, {"required": ["eigenrisicodrager"]}, {"required": ["event"]},
              {"required": ["days_from_start_to", "below"]}],
}
CONDITIONS_SCHEMA = {"type": "array", "items": CONDITION_SCHEMA, "minItems": 1}
#: params every step kind (deadline, window, precedes) accepts besides its own
STEP_PARAMS = {"applies_if": CONDITIONS_SCHEMA, "exempt_if": CONDITIONS_SCHEMA}


def events_to_record(params: dict) -> list:
    """The event type(s) that fulfil a step, for "record event X" advice: a step
    kind's ``event``, or a cadence's anchors other than its start."""
    if "event" in params:
        return as_list(params["event"])
    anchors = as_list(params.get("anchors", []))
    return [a for a in anchors if a != params.get("start")] or anchors


def due_events(spec) -> list:
    """Event types a due specification refers to (for the vocabulary check)."""
    names = []
    for item in (spec if isinstance(spec, (list, tuple)) else [spec]):
        for key in ("after_event", "suspended_by", "on_event"):
            if key in item:
                names += as_list(item[key])
    return names


def condition_events(params) -> list:
    return [name for key in STEP_PARAMS for cond in params.get(key, ()) for name in as_list(cond.get("event", []))]


def condition_holds(cond, ctx) -> str | None:
    """The condition's reason code when it holds for the dossier, else None."""
    dossier = ctx.dossier
    if "dossier" in cond:
        held = bool(getattr(dossier, cond["dossier"], None))
        code = cond["dossier"]
    elif "eigenrisicodrager" in cond:
        held = cond["eigenrisicodrager"] in dossier.eigenrisicodrager
        code = f"eigenrisicodrager_{cond['eigenrisicodrager']}"
    elif "event" in cond:
        held = ctx.first(cond["event"]) is not None
        code = as_list(cond["event"])[0]
    else:
        when = getattr(dossier, cond["days_from_start_to"], None)
        held = when is not None and (when - ctx.calendar.start).days < cond["below"]
        code = "te_kort_ziek"
    return (cond.get("reason") or code) if held else None


def applies(params, ctx) -> bool:
    return all(condition_holds(c, ctx) for c in params.get("applies_if", ()))


def exemption(params, ctx) -> str | None:
    for cond in params.get("exempt_if", ()):
        reason = condition_holds(cond, ctx)
        if reason:
            return reason
    return None


def resolve_due(spec, ctx, done_events=()) -> tuple:
    """(due date, reason): the earliest date of the specification(s) that resolve.

    (None, None) when nothing resolves (the rule has nothing to judge: e.g. no
    contract end); (None, reason) when the step is suspended (``suspended_by``).
    """
    items = spec if isinstance(spec, (list, tuple)) else [spec]
    dates, reason = [], None
    for item in items:
        due, why = _resolve_one(item, ctx, done_events)
        if due is not None:
            dates.append(due)
        reason = reason or why
    return (min(dates), None) if dates else (None, reason)


def _resolve_one(spec, ctx, done_events) -> tuple:
    if "suspended_by" in spec:
        return _suspendable(spec, ctx, done_events)
    if "after_event" in spec:
        anchor = ctx.first(spec["after_event"])
        if anchor is not None:
            days = spec.get("days", 0)
            return (ctx.calendar.add_counted_days(anchor, days) if days else anchor), None
    if "on_event" in spec:
        return ctx.first(spec["on_event"]), None
    if "date_of" in spec:
        when = getattr(ctx.dossier, spec["date_of"], None)
        return (when - timedelta(days=spec.get("minus_days", 0)) if when else None), None
    if "before_end" in spec:
        calendar = ctx.calendar
        return calendar.day(calendar.counted_day(ctx.term_end()) - spec["before_end"]), None
    return ctx.calendar.day(spec["day"]) + timedelta(days=spec.get("plus_days", 0)), None


def _suspendable(spec, ctx, done_events) -> tuple:
    """A term that runs from a statement and is suspended by a later contrary one.

    The bedrijfsarts' statements in date order: ``after_event`` (there are
    possibilities: the term starts, ``days`` counted days) and ``suspended_by``
    (there are none: a pending term lapses, unless the step was already done or
    was already overdue). A later ``after_event`` starts the term again. With no
    statement at all the term is counted ``day``. The reason of a lapsed term is
    the suspending event type.
    """
    done = ctx.dates(done_events)
    statements = sorted([(d, 0) for d in ctx.dates(spec["after_event"])] +
                        [(d, 1) for d in ctx.dates(spec["suspended_by"])])
    if not statements:
        return ctx.calendar.day(spec["day"]) + timedelta(days=spec.get("plus_days", 0)), None
    due, suspended = None, False
    for when, contrary in statements:
        if not contrary:
            if due is None:
                due, suspended = ctx.calendar.add_counted_days(when, spec.get("days", 0)), False
        elif due is None or (when <= due and not any(d <= when for d in done)):
            due, suspended = None, True
    return (due, None) if due is not None else (None, as_list(spec["suspended_by"])[0] if suspended else None)


def judge_step(rule, ctx, events, due_spec, window_start: date | None = None,
               early_severity: str | None = None, count_early: bool = True):
    """The one outcome of a step rule (deadline, window, precedes), or None when the rule has
    nothing to judge in this dossier. Conditions, suspension, agreed deviation and every
    reason why a step is not required are applied here, the same for every kind."""
    params = rule.params
    if not applies(params, ctx):
        return None
    due, reason = resolve_due(due_spec, ctx, events)
    agreed = ctx.agreed_due(rule.id) if getattr(rule, "deviable", False) else None
    if agreed is not None:
        due, reason = agreed, "afwijking_termijn"
    dates = ctx.dates(events)
    if due is None:
        if reason is None:
            return None
        return Outcome("not-required", date=dates[0] if dates else None, reason=reason)
    exempt = exemption(params, ctx) or ctx.not_required_reason(due)
    if exempt:
        return Outcome("not-required", due=due, date=dates[0] if dates else None, window_start=window_start,
                       reason=exempt)
    outcome = step_outcome(ctx, events, due, window_start, early_severity, count_early)
    return outcome if reason is None else Outcome(**{**outcome.__dict__, "reason": reason})


def step_outcome(ctx, events, due: date, window_start: date | None = None,
                 early_severity: str | None = None, count_early: bool = True) -> Outcome:
    """Judge one step: done on time, late, early, missing, upcoming or not required.

    The first event on or after ``window_start`` (or the first at all) counts;
    an event before the window only counts as ``early`` when there is no other
    (and ``count_early``; otherwise it is ignored).
    """
    dates = ctx.dates(events)
    in_window = [d for d in dates if window_start is None or d >= window_start]
    reason = ctx.not_required_reason(due)
    if reason:
        return Outcome("not-required", due=due, date=dates[0] if dates else None, window_start=window_start,
                       reason=reason)
    if in_window:
        done = in_window[0]
        return Outcome("late" if done > due else "on-time", due=due, date=done, window_start=window_start)
    if dates and count_early:
        return Outcome("early", due=due, date=dates[0], window_start=window_start, severity=early_severity)
    return Outcome("missing" if due < ctx.as_of else "upcoming", due=due, window_start=window_start)
