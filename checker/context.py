"""What a rule kind sees of a dossier: the latest wachttijd, as of one date.

The audit sees the dossier as it stood on the as-of date: events after it are
not counted, a period that starts after it is not known yet, and a period that
ends after it was still open on that date.

Besides the calendar, the context answers the questions that the paths beyond
the textbook raise (docs/counting.md): is a step still the employer's (recovery,
contract end, an IVA granted with a shorter wachttijd), did the parties agree
another due date (Regeling procesgang art. 5), which statements of the
bedrijfsarts stand. Kinds ask; they never look at dossier fields themselves.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from .kinds.base import as_list
from .model.calendar import WACHTTIJD_DAYS, LeaveDays, SickCalendar
from .model.dossier import Dossier

#: Why a step is not (or no longer) required; the codes are public (JSON timeline ``reason``).
RECOVERED = "hersteld"
CONTRACT_END = "einde_dienstverband"
WACHTTIJD_ENDED = "iva_toegekend"


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
    wachttijd_days: object = WACHTTIJD_DAYS  # an int, or a function of the wachttijd's first day
    calendar: SickCalendar = field(init=False)
    events: tuple = field(init=False)

    def __post_init__(self) -> None:
        self._latest: dict = {}
        leave = LeaveDays([(x.start, x.end) for x in self.dossier.leave])
        known = periods_as_of(self.dossier.periods, self.as_of)
        first = SickCalendar.from_periods(known, leave=leave)  # which wachttijd, before the end is known
        days = self.wachttijd_days(first.start) if callable(self.wachttijd_days) else self.wachttijd_days
        start = first.start
        in_scope = [e for e in self.dossier.events if start <= e.date <= self.as_of]
        self.events = tuple(sorted(in_scope, key=lambda e: (e.date, e.type, e.by, e.actor or "")))
        self.calendar = SickCalendar(first.periods(), earlier_wachttijden=first.earlier_wachttijden, leave=leave,
                                     wachttijd_days=days, end=self._set_end())

    # --- events --------------------------------------------------------------------------
    @cached_property
    def _by_type(self) -> dict:
        by_type: dict = {}
        for event in self.events:
            by_type.setdefault(event.type, []).append(event)
        return by_type

    def dates(self, types) -> list:
        """Sorted dates of in-scope events of the given type(s)."""
        return sorted(e.date for t in as_list(types) for e in self._by_type.get(t, ()))

    def first(self, types) -> date | None:
        dates = self.dates(types)
        return dates[0] if dates else None

    def latest_event(self, types):
        """The last in-scope event of the given type(s), or None (remembered: the steps of a
        dossier ask it once per due date)."""
        key = tuple(as_list(types))
        if key not in self._latest:
            found = [e for t in key for e in self._by_type.get(t, ())]
            self._latest[key] = max(found, key=lambda e: (e.date, e.index)) if found else None
        return self._latest[key]

    def _set_end(self) -> date | None:
        """The wachttijd's last day when UWV set it: an IVA granted with a shortened wachttijd
        (WIA art. 23 lid 6), else the latest extension of wage payment (WIA art. 24)."""
        granted = self.latest_event("iva_toegekend")
        if granted is not None:
            return granted.wachttijd_end
        extended = self.latest_event("verlenging_loondoorbetaling")
        return extended.until if extended is not None else None

    def term_end(self) -> date:
        """The end the WIA terms count back from (``before_end``): the extended period's last day
        after an extension (WIA art. 25 lid 4, art. 64 lid 3), else counted day 728. A granted IVA
        ends the wachttijd earlier but does not move these terms: it makes them moot."""
        extended = self.latest_event("verlenging_loondoorbetaling")
        if extended is not None and self.latest_event("iva_toegekend") is None:
            return extended.until
        return self.calendar.day(self.calendar.wachttijd_days)

    def end_reason(self) -> str | None:
        """What set the wachttijd's end (an event type), or None for the ordinary 104 weeks."""
        if self.latest_event("iva_toegekend") is not None:
            return "iva_toegekend"
        return "verlenging_loondoorbetaling" if self.latest_event("verlenging_loondoorbetaling") else None

    # --- whose step is it --------------------------------------------------------------------
    @property
    def responsibility_end(self) -> date | None:
        """The last day the employer carries the Wvp steps: the contract end, unless the employer
        is eigenrisicodrager for the Ziektewet (it keeps them: WIA art. 26 lid 2)."""
        if self.dossier.contract_end and "ziektewet" not in self.dossier.eigenrisicodrager:
            return self.dossier.contract_end
        return None

    def not_required_reason(self, due: date) -> str | None:
        """Why a step due on ``due`` is not required, or None when it is."""
        if not self.calendar.required(due):
            return RECOVERED
        if self.latest_event("iva_toegekend") is not None and due > self.calendar.wachttijd_last_day():
            return WACHTTIJD_ENDED
        end = self.responsibility_end
        if end is not None and due > end:
            return CONTRACT_END
        return None

    def agreement(self, rule_id: str):
        """The latest ``afwijking_termijn`` event for a step (Regeling procesgang art. 5), or None;
        its ``date`` is when it was agreed, its ``due`` the agreed due date."""
        agreed = [e for e in self._by_type.get("afwijking_termijn", ()) if e.step == rule_id]
        return max(agreed, key=lambda e: (e.date, e.index)) if agreed else None

    # --- notes -----------------------------------------------------------------------------
    def skipped_events(self) -> dict:
        """Events the audit does not count, by reason: for notes, never silently."""
        start = self.calendar.start
        appointing = self.vocab.appointing_tasks()
        return {
            "events-after-as-of": sum(1 for e in self.dossier.events if e.date > self.as_of),
            "events-earlier-wachttijd": sum(1 for e in self.dossier.events if e.date < start),
            "events-after-wachttijd": sum(1 for e in self.events if e.date > self.calendar.wachttijd_last_day()),
            # an appointment that names nobody: the Wvp step counts, but role checks cannot see who
            "appointments-without-actor": sum(1 for e in self.events if e.actor is None and e.type in appointing),
            "performed-by-organisation": self._not_preferred(),
        }

    def has_role_facts(self) -> bool:
        """Whether a role rule has anything to look at: a listed actor, or an event that says who."""
        return bool(self.dossier.actors) or any(e.by or e.actor for e in self.events)

    def _not_preferred(self) -> int:
        """Events of a task with a preferred role (roles/tasks.yaml ``prefer``) performed by another
        role the task allows (the arbodienst for the bedrijfsarts: "bedrijfsarts of arbodienst")
        and by nobody in the preferred role: accepted, but noted. Anyone else is a role check's
        business (rol.voorbehouden-taak), not this note's."""
        roles = {a.id: a.role for a in self.dossier.actors}
        count = 0
        for event in self.events:
            task = self.vocab.tasks.get(event.type, {})
            preferred = task.get("prefer")
            if not preferred or not event.by:
                continue
            performers = {roles.get(who) for who in event.by}
            others = set(task.get("reserved_to", ())) - {preferred}
            if preferred not in performers and performers & others:
                count += 1
        return count

    @cached_property
    def role_graph(self):
        """The role graph of who did what in this dossier (built on first use, and only
        for a dossier with role facts: the engine skips role rules otherwise)."""
        from .roles.graph import graph_from_dossier

        return graph_from_dossier(self.dossier, self.vocab, self.events)
