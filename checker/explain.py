"""``--explain RULE``: the worked arithmetic behind a step's due dates. Pure: returns data, never prints.

An :class:`Explanation` holds the facts a person needs to check a due date by
hand (docs/counting.md): the first sick day, every sick period and gap as known
on the as-of date (which gaps were joined by samentelling, which started a new
wachttijd), the counted day each term ends on and the event it hangs on, the
rule version and its source, and how the status follows from the done date and
the as-of date. The rule's own kind supplies the arithmetic (``explain(rule, ctx)``,
one :class:`~checker.kinds.base.DueBasis` per timeline entry), so the explanation
and the audit cannot disagree.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .context import DossierContext, periods_as_of
from .engine import run_rules
from .model.calendar import SAMENTELLING_GAP_DAYS, split_wachttijden


class NotExplainable(ValueError):
    """The rule has no due date to explain (a role rule, a waiver rule)."""


@dataclass(frozen=True)
class PeriodFact:
    start: date
    end: date | None
    wachttijd: int  # 1-based number of the wachttijd the period belongs to
    first_day: int | None = None  # counted days, for the periods of the wachttijd judged
    last_day: int | None = None


@dataclass(frozen=True)
class GapFact:
    first_fit_day: date
    last_fit_day: date
    days: int
    joined: bool  # fewer than 28 fit days: samentelling (one wachttijd)


@dataclass(frozen=True)
class StepFact:
    """One timeline entry of the rule with the arithmetic of its due date."""

    basis: object  # DueBasis
    status: str
    done: date | None
    period: int | None  # 1-based period of the judged wachttijd the term's counted day falls in; None: after recovery
    offset: int  # days from that period's start (or from the last sick day) to the counted day


@dataclass(frozen=True)
class Explanation:
    rule: str
    kind: str
    subject: str
    as_of: date
    first_sick_day: date
    wachttijd_start: date
    periods: tuple
    gaps: tuple
    recovered_after: date | None
    steps: tuple
    in_force: bool
    version: date | None  # the rule version applied: its valid_from
    valid_until: date | None
    source: dict
    also: tuple = ()
    title: dict | None = None  # the rule's title {nl, en}
    labels: dict | None = None  # event type -> its label {nl, en}, for the events the terms hang on

    @property
    def judged(self) -> int:
        return max((p.wachttijd for p in self.periods), default=1)


def explain_dossier(dossier, rule, vocab, as_of: date) -> Explanation:
    """The explanation of ``rule``'s due dates in ``dossier`` as on ``as_of``."""
    explain = getattr(rule.module, "explain", None)
    if explain is None or "dossier" not in rule.module.SUBJECTS:
        raise NotExplainable(rule.id)
    ctx = DossierContext(dossier=dossier, as_of=as_of, vocab=vocab)
    calendar = ctx.calendar
    in_force = rule.applies_from(calendar.start)
    steps = []
    if in_force:
        _, timeline = run_rules([rule], ctx, dossier.id)
        for basis, entry in zip(explain(rule, ctx), timeline):
            period, offset = _locate(calendar, basis.counted_day)
            steps.append(StepFact(basis=basis, status=entry.status, done=entry.done, period=period, offset=offset))
    periods, gaps = _periods_and_gaps(periods_as_of(dossier.periods, as_of), calendar)
    return Explanation(
        rule=rule.id, kind=rule.kind, subject=dossier.id, as_of=as_of, first_sick_day=dossier.first_sick_day,
        wachttijd_start=calendar.start, periods=periods, gaps=gaps, recovered_after=calendar.recovered_after,
        steps=tuple(steps), in_force=in_force, version=rule.valid_from, valid_until=rule.valid_until,
        source={k: rule.source.get(k) for k in ("document", "article", "url")},
        also=tuple(dict(a) for a in rule.source.get("also", ())), title=dict(rule.title),
        labels=_labels(steps, vocab),
    )


def _labels(steps, vocab) -> dict:
    names = {n for s in steps if s.basis.after_event for n in s.basis.after_event.split("+")}
    return {n: dict(vocab.tasks[n]["label"]) for n in sorted(names) if n in vocab.tasks}


def _locate(calendar, n: int) -> tuple:
    """(period number, days from its start) of counted day ``n``; (None, days after the last sick day)."""
    for number, segment in enumerate(calendar.segments, 1):
        length = segment.length()
        if length is None or n < segment.first_counted_day + length:
            return number, n - segment.first_counted_day
    last = calendar.segments[-1]
    return None, n - (last.first_counted_day + last.length() - 1)


def _periods_and_gaps(periods, calendar) -> tuple:
    groups = split_wachttijden(sorted(periods))
    facts, gaps, previous_end = [], [], None
    for number, group in enumerate(groups, 1):
        for start, end in group:
            if previous_end is not None:
                days = (start - previous_end).days - 1
                gaps.append(GapFact(previous_end + timedelta(days=1), start - timedelta(days=1), days,
                                    days < SAMENTELLING_GAP_DAYS))
            previous_end = end
            if number == len(groups):
                segment = next(s for s in calendar.segments if s.start == start)
                length = segment.length()
                facts.append(PeriodFact(start, end, number, segment.first_counted_day,
                                        None if length is None else segment.first_counted_day + length - 1))
            else:
                facts.append(PeriodFact(start, end, number))
    return tuple(facts), tuple(gaps)


def explanation_to_dict(explanation: Explanation) -> dict:
    """The ``explanation`` object of the JSON output (docs/json-output.md)."""
    iso = _iso
    return {
        "rule": explanation.rule,
        "kind": explanation.kind,
        "first_sick_day": iso(explanation.first_sick_day),
        "wachttijd_start": iso(explanation.wachttijd_start),
        "periods": [{"from": iso(p.start), "to": iso(p.end), "wachttijd": p.wachttijd, "first_day": p.first_day,
                     "last_day": p.last_day} for p in explanation.periods],
        "gaps": [{"from": iso(g.first_fit_day), "to": iso(g.last_fit_day), "days": g.days, "joined": g.joined}
                 for g in explanation.gaps],
        "recovered_after": iso(explanation.recovered_after),
        "in_force": explanation.in_force,
        "version": iso(explanation.version),
        "valid_until": iso(explanation.valid_until),
        "source": dict(explanation.source),
        "steps": [_step_to_dict(s) for s in explanation.steps],
    }


def _step_to_dict(step: StepFact) -> dict:
    b = step.basis
    return {
        "due": _iso(b.due), "counted_day": b.counted_day, "plus_days": b.plus_days,
        "after_event": b.after_event, "anchor": _iso(b.anchor), "anchor_day": b.anchor_day, "days": b.days,
        "window_start": _iso(b.window_start), "window_start_day": b.window_start_day,
        "period": step.period, "offset": step.offset, "status": step.status, "done": _iso(step.done),
    }


def _iso(value):
    return value.isoformat() if value else None
