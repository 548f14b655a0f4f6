"""The deadline calendar of a wachttijd: every step's due date, no events needed."""
from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from datetime import date

from .engine import calendar_facts, run_rules




@dataclass
class _EmptyContext:
    """A dossier context with no events: every step shows its own due date."""

    calendar: object
    as_of: date = date.min
    vocab: object = None
    events: tuple = ()
    dossier: object = field(default_factory=lambda: SimpleNamespace(
        contract_end=None, eigenrisicodrager=(), vangnet=None, leave=()))

    def dates(self, types) -> list:
        return []

    def first(self, types):
        return None

    def latest_event(self, types):
        return None

    def agreement(self, rule_id):
        return None

    def term_end(self):
        return self.calendar.wachttijd_last_day()

    def not_required_reason(self, due):
        return None if self.calendar.required(due) else "hersteld"


@dataclass
class Plan:
    start: date
    steps: list  # TimelineEntry, sorted
    facts: dict
    file: str | None = None
    subject: str | None = None


def plan_for(calendar, rulebook, file=None, subject=None) -> Plan:
    rules = rulebook.for_subject("calendar", calendar.start)  # deadline kinds only: no people here
    _, timeline = run_rules(rules, _EmptyContext(calendar=calendar), subject or "")
    timeline.sort(key=lambda e: (e.due, e.step))
    return Plan(start=calendar.start, steps=timeline, facts=calendar_facts(calendar), file=file, subject=subject)
