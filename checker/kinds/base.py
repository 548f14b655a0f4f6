"""What every rule kind shares: the outcome it yields and the due-date helpers."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Outcome:
    """What a kind found for one rule: a timeline step, a finding, or both.

    ``status`` is a timeline status (on-time, upcoming, ...) or a finding status
    (late, missing, early, conflict); the engine turns it into a TimelineEntry
    when ``timeline`` is true and into a Finding when the status is one.
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


def as_list(value) -> list:
    return [value] if isinstance(value, str) else list(value)


#: JSON Schema for a due-date specification, shared by the deadline kinds.
DUE_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "day": {"type": "integer", "minimum": 1, "maximum": 1500},
        "plus_days": {"type": "integer", "minimum": 0, "maximum": 365},
        "after_event": {"type": "string"},
        "days": {"type": "integer", "minimum": 0, "maximum": 365},
    },
    "required": ["day"],
}
EVENTS_SCHEMA = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]}


def events_to_record(params: dict) -> list:
    """The event type(s) that fulfil a step, for "record event X" advice: a step
    kind's ``event``, or a cadence's anchors other than its start."""
    if "event" in params:
        return as_list(params["event"])
    anchors = as_list(params.get("anchors", []))
    return [a for a in anchors if a != params.get("start")] or anchors


def resolve_due(spec: dict, ctx) -> date:
    """Due date: ``days`` after ``after_event`` when it happened, else counted ``day`` (+ ``plus_days``).

    ``days`` after an event are counted sick days, like every other term: a
    samentelling gap between the event and the due date moves the due date by
    the gap. ``plus_days`` are calendar days after counted ``day`` ("the day
    after 42 weeks of sickness").
    """
    if "after_event" in spec:
        anchor = ctx.first(spec["after_event"])
        if anchor is not None:
            days = spec.get("days", 0)
            return ctx.calendar.add_counted_days(anchor, days) if days else anchor
    return ctx.calendar.day(spec["day"]) + timedelta(days=spec.get("plus_days", 0))


def step_outcome(ctx, events, due: date, window_start: date | None = None,
                 early_severity: str | None = None) -> Outcome:
    """Judge one step: done on time, late, early, missing, upcoming or not required.

    The first event on or after ``window_start`` (or the first at all) counts;
    an event before the window only counts as ``early`` when there is no other.
    """
    dates = ctx.dates(events)
    in_window = [d for d in dates if window_start is None or d >= window_start]
    if not ctx.calendar.required(due):
        return Outcome("not-required", due=due, date=dates[0] if dates else None, window_start=window_start)
    if in_window:
        done = in_window[0]
        return Outcome("late" if done > due else "on-time", due=due, date=done, window_start=window_start)
    if dates:
        return Outcome("early", due=due, date=dates[0], window_start=window_start, severity=early_severity)
    return Outcome("missing" if due < ctx.as_of else "upcoming", due=due, window_start=window_start)
