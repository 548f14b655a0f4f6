"""What every rule kind shares: the outcome it yields, due dates and conditions.

A due date is a small specification (``DUE_SCHEMA``) resolved against the
dossier's calendar; a list of specifications means "the earliest of these".
Conditions (``CONDITION_SCHEMA``) say when a rule applies at all
(``applies_if``) and when a step is not required (``exempt_if``); the reason
of an exemption is shown in the timeline. Kinds read the dossier only through
the context (checker/context.py).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
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
        "renew": {"type": "boolean"},
        "reason": {"type": "string", "pattern": "^[a-z0-9_]+$"},
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
        "sick_days_at": {"enum": list(DOSSIER_DATES)},
        "below": {"type": "integer", "minimum": 1, "maximum": 1500},
        "fit_on": {"enum": list(DOSSIER_DATES)},
        "within_wachttijd": {"enum": list(DOSSIER_DATES)},
        "by_due": {"type": "boolean"},
        "reason": {"type": "string", "pattern": "^[a-z0-9_]+$"},
    },
    "oneOf": [{"required": ["dossier"]}, {"required": ["eigenrisicodrager"]}, {"required": ["event"]},
              {"required": ["sick_days_at", "below"]}, {"required": ["fit_on"]}, {"required": ["within_wachttijd"]}],
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


def condition_holds(cond, ctx, due: date | None = None) -> str | None:
    """The condition's reason code when it holds for the dossier, else None.

    ``{event: X, by_due: true}`` holds only for an event on or before the step's due date: an
    exemption recorded after the step was overdue does not undo the breach.
    """
    dossier = ctx.dossier
    if "dossier" in cond:
        held = bool(getattr(dossier, cond["dossier"], None))
        code = cond["dossier"]
    elif "eigenrisicodrager" in cond:
        held = cond["eigenrisicodrager"] in dossier.eigenrisicodrager
        code = f"eigenrisicodrager_{cond['eigenrisicodrager']}"
    elif "event" in cond:
        first = ctx.first(cond["event"])
        held = first is not None and not (cond.get("by_due") and due is not None and first > due)
        code = as_list(cond["event"])[0]
    elif "fit_on" in cond:  # not a sick day: between periods, or after recovery
        when = getattr(dossier, cond["fit_on"], None)
        held = when is not None and not ctx.calendar.is_sick(when)
        code = "niet_ziek_op_laatste_werkdag"
    elif "within_wachttijd" in cond:
        when = getattr(dossier, cond["within_wachttijd"], None)
        held = when is not None and when <= ctx.calendar.wachttijd_last_day()
        code = "na_de_wachttijd"
    else:  # fewer than ``below`` counted sick days up to and including the date
        when = getattr(dossier, cond["sick_days_at"], None)
        held = when is not None and ctx.calendar.counted_day(when) < cond["below"]
        code = "te_kort_ziek"
    return (cond.get("reason") or code) if held else None


def applies(params, ctx) -> bool:
    return all(condition_holds(c, ctx) for c in params.get("applies_if", ()))


def exemption(params, ctx, due: date | None = None) -> str | None:
    for cond in params.get("exempt_if", ()):
        reason = condition_holds(cond, ctx, due)
        if reason:
            return reason
    return None


@dataclass(frozen=True)
class Due:
    """A resolved due date: when, why it is not the rule's plain term (``reason``), from which
    day the step's events count (``counts_from``; None: any), or why there is no term at all."""

    date: date | None = None
    reason: str | None = None
    counts_from: date | None = None


def resolve_due(spec, ctx, done_events=()) -> tuple:
    """(due date, reason) of a specification: see :func:`resolve`."""
    due = resolve(spec, ctx, done_events)
    return due.date, due.reason


def resolve(spec, ctx, done_events=()) -> Due:
    """The earliest date of the specification(s) that resolve.

    ``Due()`` when nothing resolves (the rule has nothing to judge: e.g. no contract end);
    ``Due(reason=...)`` without a date when the step is suspended (``suspended_by``). The reason
    of the earliest item is kept: an item's own ``reason``, or what moved the term (an extension).
    """
    items = spec if isinstance(spec, (list, tuple)) else [spec]
    found = [_resolve_one(item, ctx, done_events) for item in items]
    dated = [(due.date, i, due) for i, due in enumerate(found) if due.date is not None]
    if dated:
        _, i, due = min(dated)
        reason = items[i].get("reason") if len(items) > 1 and i > 0 else None
        return Due(due.date, reason or due.reason, due.counts_from)
    return next((due for due in found if due.reason), Due())


def _resolve_one(spec, ctx, done_events) -> Due:
    if "suspended_by" in spec:
        return _suspendable(spec, ctx, done_events)
    if "after_event" in spec:
        anchor = ctx.first(spec["after_event"])
        if anchor is not None:
            days = spec.get("days", 0)
            return Due(ctx.calendar.add_counted_days(anchor, days) if days else anchor)
    if "on_event" in spec:
        return Due(ctx.first(spec["on_event"]))
    if "date_of" in spec:
        when = getattr(ctx.dossier, spec["date_of"], None)
        return Due(when - timedelta(days=spec.get("minus_days", 0)) if when else None)
    if "before_end" in spec:
        calendar, end = ctx.calendar, ctx.term_end()
        moved = end != calendar.day(calendar.wachttijd_days)  # an extension (WIA art. 24) moved the end
        return Due(calendar.day(calendar.counted_day(end) - spec["before_end"]),
                   "verlenging_loondoorbetaling" if moved else None)
    return Due(ctx.calendar.day(spec["day"]) + timedelta(days=spec.get("plus_days", 0)))


def _suspendable(spec, ctx, done_events) -> Due:
    """A term that runs from a statement and is suspended by a later contrary one.

    The bedrijfsarts' statements in date order: ``after_event`` (there are possibilities: the
    term of ``days`` counted days starts) and ``suspended_by`` (there are none). A contrary
    statement suspends a pending term, unless the step was already done or already overdue (the
    breach stands). A later statement with possibilities starts the term anew; with ``renew``
    also after the step was done (the earlier plan no longer fits: a new plan or its
    bijstelling is due, and only events from the suspension on count). With no statement at all
    the term is counted ``day``. The reason of a suspended term is the suspending event type.
    """
    done = ctx.dates(done_events)
    statements = sorted([(d, 0) for d in ctx.dates(spec["after_event"])] +
                        [(d, 1) for d in ctx.dates(spec["suspended_by"])])
    if not statements:
        return Due(ctx.calendar.day(spec["day"]) + timedelta(days=spec.get("plus_days", 0)))
    term = None  # the term as it stands: Due(date, reason, counts_from)
    suspended_since = None
    locked = False  # an overdue term: later statements do not change it
    for when, contrary in statements:
        if locked:
            continue
        if not contrary:
            if term is None:
                counts_from = suspended_since
                term = Due(ctx.calendar.add_counted_days(when, spec.get("days", 0)), None, counts_from)
                suspended_since = None
            elif suspended_since is not None and spec.get("renew"):
                term = Due(ctx.calendar.add_counted_days(when, spec.get("days", 0)), None, suspended_since)
                suspended_since = None
            continue
        if term is None:
            suspended_since = suspended_since or when
            continue
        # a done date in [counts_from, when]: one bisection in the sorted dates, not a scan per statement
        i = bisect_left(done, term.counts_from) if term.counts_from is not None else 0
        done_by = i < len(done) and done[i] <= when
        if done_by:
            suspended_since = when  # done: stays done unless a later statement renews the term
        elif when <= term.date:
            term, suspended_since = None, when
        else:
            locked = True  # overdue when the bedrijfsarts found no capacity: the breach stands
    if term is None:
        return Due(reason=as_list(spec["suspended_by"])[0])
    return term


def judge_step(rule, ctx, events, due_spec, window_start: date | None = None,
               early_severity: str | None = None, count_early: bool = True):
    """The one outcome of a step rule (deadline, window, precedes), or None when the rule has
    nothing to judge in this dossier. Conditions, suspension, agreed deviation and every
    reason why a step is not required are applied here, the same for every kind."""
    params = rule.params
    if not applies(params, ctx):
        return None
    due = resolve(due_spec, ctx, events)
    agreed = _agreement(rule, ctx, due.date)
    if agreed is not None:
        due = Due(agreed, "afwijking_termijn", due.counts_from)
    dates = ctx.dates(events)
    if due.date is None:
        if due.reason is None:
            return None
        return Outcome("not-required", date=dates[0] if dates else None, reason=due.reason)
    exempt = exemption(params, ctx, due.date) or ctx.not_required_reason(due.date)
    if exempt:
        return Outcome("not-required", due=due.date, date=dates[0] if dates else None, window_start=window_start,
                       reason=exempt)
    start, early = window_start, count_early
    if due.counts_from is not None and (start is None or due.counts_from > start):
        start, early = due.counts_from, False  # a renewed term: only events from its start count
    outcome = step_outcome(ctx, events, due.date, start, early_severity, early)
    return replace(outcome, window_start=window_start, reason=due.reason or outcome.reason)


def _agreement(rule, ctx, due: date | None):
    """The due date employer and employee agreed for this step (Regeling procesgang art. 5), if the
    rule allows it and the agreement was made on or before the term it moves (an agreement made
    after the step was overdue does not undo the breach)."""
    names = (rule.id,) + tuple(getattr(rule, "deviable_with", ()) or ()) if getattr(rule, "deviable", False) else ()
    for name in names:
        agreed = ctx.agreement(name)
        if agreed is not None and (due is None or agreed.date <= due):
            return agreed.due
    return None


@dataclass(frozen=True)
class DueBasis:
    """How a due date was found, for ``--explain``: which term applied and the counted days behind it.

    ``mode`` names the term: ``day`` (counted ``counted_day`` [+ ``plus_days`` calendar
    days]), ``after_event`` (``days`` counted days after ``anchor``), ``on_event`` (the day
    of ``anchor``), ``date_of`` (a dossier date, ``field``, minus ``minus_days``),
    ``before_end`` (``before_end`` counted days before the wachttijd's last day ``end``)
    or ``suspended`` (a term that runs from a statement of the bedrijfsarts and lapses on
    a contrary one). ``due`` is None when the term did not resolve.
    """

    mode: str
    due: date | None
    counted_day: int | None = None
    plus_days: int = 0
    after_event: str | None = None  # the event type the term names (it may not have happened)
    anchor: date | None = None  # when it happened; None: the fallback day applies
    anchor_day: int | None = None
    days: int = 0
    field: str | None = None
    minus_days: int = 0
    before_end: int | None = None
    end: date | None = None
    end_day: int | None = None
    window_start: date | None = None
    window_start_day: int | None = None
    alternatives: int = 0  # other terms of a list ("the earliest of") that were later or did not resolve


def due_basis(spec, ctx, done_events=()) -> DueBasis:
    """The term that gives :func:`resolve_due`'s date, with its arithmetic (the earliest of a list)."""
    items = spec if isinstance(spec, (list, tuple)) else [spec]
    bases = [_basis_one(item, ctx, done_events) for item in items]
    resolved = [b for b in bases if b.due is not None]
    chosen = min(resolved, key=lambda b: b.due) if resolved else bases[0]
    return replace(chosen, alternatives=len(bases) - 1)


def _basis_one(item, ctx, done_events) -> DueBasis:
    """One term described; its date always comes from ``_resolve_one`` (one source of truth)."""
    due = _resolve_one(item, ctx, done_events).date
    calendar = ctx.calendar
    counted = calendar.counted_day(due) if due is not None else None
    event = "+".join(as_list(item["after_event"])) if "after_event" in item else None
    if "suspended_by" in item:
        anchor = ctx.first(item["after_event"])
        return DueBasis("suspended", due, counted, after_event=event, anchor=anchor,
                        anchor_day=calendar.counted_day(anchor) if anchor else None, days=item.get("days", 0))
    if event and ctx.first(item["after_event"]) is not None:
        anchor = ctx.first(item["after_event"])
        anchor_day = max(calendar.counted_day(anchor), 1)
        days = item.get("days", 0)
        return DueBasis("after_event", due, anchor_day + days, after_event=event, anchor=anchor,
                        anchor_day=anchor_day, days=days)
    if "on_event" in item:
        anchor = ctx.first(item["on_event"])
        return DueBasis("on_event", due, counted, after_event="+".join(as_list(item["on_event"])), anchor=anchor,
                        anchor_day=counted)
    if "date_of" in item:
        return DueBasis("date_of", due, counted, field=item["date_of"], minus_days=item.get("minus_days", 0))
    if "before_end" in item:
        end = ctx.term_end()
        end_day = calendar.counted_day(end)
        return DueBasis("before_end", due, end_day - item["before_end"], before_end=item["before_end"], end=end,
                        end_day=end_day)
    return DueBasis("day", due, item["day"], plus_days=item.get("plus_days", 0), after_event=event)


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
