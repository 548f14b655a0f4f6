"""What a rule kind sees of a dossier: the latest wachttijd, as of one date.

The audit sees the dossier as it stood on the as-of date: events after it are
not counted, a period that starts after it is not known yet, and a period that
ends after it was still open on that date.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from .kinds.base import as_list
from .model.calendar import SickCalendar
from .model.dossier import Dossier


def periods_as_of(periods, as_of: date) -> tuple:
    """The sick periods as known on ``as_of`` (the first one when none had begun)."""
    known = tuple((start, end if end is None or end <= as_of else None)
                  for start, end in periods if start <= as_of)
    return known or tuple(periods[:1])


@dataclass
class DossierContext:
    dossier: Dossier
    as_of: date
    vocab: object
    calendar: SickCalendar = field(init=False)
    events: tuple = field(init=False)

    def __post_init__(self) -> None:
        self.calendar = SickCalendar.from_periods(periods_as_of(self.dossier.periods, self.as_of))
        start = self.calendar.start
        in_scope = [e for e in self.dossier.events if start <= e.date <= self.as_of]
        self.events = tuple(sorted(in_scope, key=lambda e: (e.date, e.type, e.by, e.actor or "")))

    @cached_property
    def _dates_by_type(self) -> dict:
        by_type: dict = {}
        for event in self.events:
            by_type.setdefault(event.type, []).append(event.date)
        return by_type

    def dates(self, types) -> list:
        """Sorted dates of in-scope events of the given type(s)."""
        return sorted(d for t in as_list(types) for d in self._dates_by_type.get(t, ()))

    def first(self, types) -> date | None:
        dates = self.dates(types)
        return dates[0] if dates else None

    def skipped_events(self) -> dict:
        """Events the audit does not count, by reason: for notes, never silently."""
        start = self.calendar.start
        return {
            "events-after-as-of": sum(1 for e in self.dossier.events if e.date > self.as_of),
            "events-earlier-wachttijd": sum(1 for e in self.dossier.events if e.date < start),
            "events-after-wachttijd": sum(1 for e in self.events if e.date > self.calendar.wachttijd_last_day()),
            # an appointment that names nobody: the Wvp step counts, but role checks cannot see who
            "appointments-without-actor": sum(1 for e in self.events
                                              if e.actor is None and e.type in self.vocab.appointing_tasks()),
        }

    def has_role_facts(self) -> bool:
        """Whether a role rule has anything to look at: a listed actor, or an event that says who."""
        return bool(self.dossier.actors) or any(e.by or e.actor for e in self.events)

    @cached_property
    def role_graph(self):
        """The role graph of who did what in this dossier (built on first use, and only
        for a dossier with role facts: the engine skips role rules otherwise)."""
        from .roles.graph import graph_from_dossier

        return graph_from_dossier(self.dossier, self.vocab, self.events)
