"""The deadline calendar of a wachttijd.

From a first sick day alone, every step shows its statutory due date (no events).
From a dossier, the calendar *is* the audit's timeline on the as-of date: a due
date that depends on an event (the plan van aanpak two weeks after the
probleemanalyse, the next evaluation after the last one) is the date the audit
judges by, so planning from the calendar never misses a deadline the audit reports.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from datetime import date

from .engine import audit_dossier, calendar_facts, run_rules




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

    def has_role_facts(self) -> bool:
        return False

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
    as_of: date | None = None  # only for a dossier: the day the audit judged
    periods: int = 1  # sick periods counted together (samentelling) in the wachttijd
    adjustments: tuple = ()  # what rule packs changed (packs.Adjustment): every report shows them


def plan_for(calendar, rulebook, file=None, subject=None) -> Plan:
    """The event-less calendar of an uninterrupted (or given) sickness."""
    rules = rulebook.for_subject("calendar", calendar.start)  # deadline kinds only: no people here
    _, timeline = run_rules(rules, _EmptyContext(calendar=calendar), subject or "")
    timeline.sort(key=lambda e: (e.due, e.step))
    return Plan(start=calendar.start, steps=timeline, facts=calendar_facts(calendar), file=file, subject=subject,
                adjustments=rulebook.adjustments)


def plan_for_dossier(dossier, rulebook, vocab, as_of: date) -> Plan:
    """The calendar of a dossier: the audit's own timeline and wachttijd facts on ``as_of``."""
    result = audit_dossier(dossier, rulebook, vocab, as_of)
    timeline = sorted((e for e in result.timeline if e.due is not None), key=lambda e: (e.due, e.step))
    return Plan(start=result.facts["wachttijd_start"], steps=timeline, facts=result.facts, file=result.file,
                subject=result.subject, as_of=result.as_of, periods=len(result.periods),
                adjustments=rulebook.adjustments)
