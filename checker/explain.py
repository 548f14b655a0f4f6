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
from datetime import date

from .context import periods_as_of
from .engine import dossier_context, run_rules
from .model.calendar import ONE_DAY, SAMENTELLING_GAP_DAYS, split_wachttijden


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
    days: int  # fit days: the days between the periods, leave left out
    joined: bool  # fewer than 28 fit days: samentelling (one wachttijd)
    leave_days: int = 0  # zwangerschaps-/bevallingsverlof inside the gap: neither sick nor fit


@dataclass(frozen=True)
class StepFact:
    """One timeline entry of the rule with the arithmetic of its due date."""

    basis: object  # DueBasis
    due: date | None  # the due date judged (an agreed date replaces the term's: reason afwijking_termijn)
    status: str
    done: date | None
    reason: str | None  # the timeline's reason code (not required, agreed date, suspended)
    period: int | None  # 1-based period of the judged wachttijd the term's counted day falls in; None: after recovery
    offset: int  # days from that period's start (or from the last sick day) to the counted day
    leave_days: int = 0  # leave days skipped after the last sick day on the way to the counted day


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
    leave: tuple = ()  # (from, to) of zwangerschaps-/bevallingsverlof inside the wachttijd
    wachttijd_last_day: date | None = None
    end_set_by: str | None = None  # iva_toegekend / verlenging_loondoorbetaling: UWV set the last day
    announced: bool = False  # the version applied is announced law (--include-announced)

    @property
    def judged(self) -> int:
        return max((p.wachttijd for p in self.periods), default=1)


def explain_dossier(dossier, rule, vocab, as_of: date) -> Explanation:
    """The explanation of ``rule``'s due dates in ``dossier`` as on ``as_of``."""
    explain = getattr(rule.module, "explain", None)
    if explain is None or "dossier" not in rule.module.SUBJECTS:
        raise NotExplainable(rule.id)
    ctx = dossier_context(dossier, as_of, vocab)
    calendar = ctx.calendar
    applied = rule.version_at(rule.version_date(ctx))  # the version the audit applies (issue 7)
    steps = []
    if applied is not None:
        rule = applied
        _, timeline = run_rules([rule], ctx, dossier.id)
        for basis, entry in zip(explain(rule, ctx), timeline):
            period, offset, skipped = _locate(calendar, basis.counted_day)
            steps.append(StepFact(basis=basis, due=entry.due, status=entry.status, done=entry.done,
                                  reason=entry.reason, period=period, offset=offset, leave_days=skipped))
    periods, gaps = _periods_and_gaps(periods_as_of(dossier.periods, as_of), calendar)
    return Explanation(
        rule=rule.id, kind=rule.kind, subject=dossier.id, as_of=as_of, first_sick_day=dossier.first_sick_day,
        wachttijd_start=calendar.start, periods=periods, gaps=gaps, recovered_after=calendar.recovered_after,
        steps=tuple(steps), in_force=applied is not None, version=rule.valid_from, valid_until=rule.valid_until,
        source={k: rule.source.get(k) for k in ("document", "article", "url")},
        also=tuple(dict(a) for a in rule.source.get("also", ())), title=dict(rule.title),
        labels=_labels(steps, vocab), leave=calendar.leave_within(), wachttijd_last_day=calendar.wachttijd_last_day(),
        announced=rule.announced, end_set_by=ctx.end_reason(),
    )


def _labels(steps, vocab) -> dict:
    names = {n for s in steps if s.basis.after_event for n in s.basis.after_event.split("+")}
    return {n: dict(vocab.tasks[n]["label"]) for n in sorted(names) if n in vocab.tasks}


def _locate(calendar, n: int | None) -> tuple:
    """(period number, days from its start, 0) of counted day ``n``; after recovery (None, calendar
    days after the last sick day, leave days skipped on the way)."""
    if n is None:
        return None, 0, 0
    for number, segment in enumerate(calendar.segments, 1):
        length = segment.length()
        if length is None or n < segment.first_counted_day + length:
            return number, n - segment.first_counted_day, 0
    last = calendar.segments[-1]
    counted = n - (last.first_counted_day + last.length() - 1)
    when = calendar.day(n)
    return None, (when - last.end).days, (when - last.end).days - counted


def _periods_and_gaps(periods, calendar) -> tuple:
    groups = split_wachttijden(sorted(periods), calendar.leave)
    facts, gaps, previous_end = [], [], None
    for number, group in enumerate(groups, 1):
        for start, end in group:
            if previous_end is not None:
                first, last = previous_end + ONE_DAY, start - ONE_DAY
                leave = calendar.leave.count(first, last)
                days = (start - previous_end).days - 1 - leave
                gaps.append(GapFact(first, last, days, days < SAMENTELLING_GAP_DAYS, leave))
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
        "gaps": [{"from": iso(g.first_fit_day), "to": iso(g.last_fit_day), "days": g.days, "joined": g.joined,
                  "leave_days": g.leave_days} for g in explanation.gaps],
        "leave": [{"from": iso(a), "to": iso(b)} for a, b in explanation.leave],
        "wachttijd_last_day": iso(explanation.wachttijd_last_day),
        "wachttijd_end_set_by": explanation.end_set_by,
        "recovered_after": iso(explanation.recovered_after),
        "in_force": explanation.in_force,
        "version": iso(explanation.version),
        "announced": explanation.announced,
        "valid_until": iso(explanation.valid_until),
        "source": dict(explanation.source),
        "steps": [_step_to_dict(s) for s in explanation.steps],
    }


def _step_to_dict(step: StepFact) -> dict:
    b = step.basis
    return {
        "due": _iso(step.due), "term": b.mode, "term_due": _iso(b.due), "counted_day": b.counted_day,
        "plus_days": b.plus_days, "after_event": b.after_event, "anchor": _iso(b.anchor), "anchor_day": b.anchor_day,
        "days": b.days, "date_of": b.field, "minus_days": b.minus_days, "before_end": b.before_end,
        "end": _iso(b.end), "end_day": b.end_day, "other_terms": b.alternatives,
        "window_start": _iso(b.window_start), "window_start_day": b.window_start_day,
        "period": step.period, "offset": step.offset, "leave_days": step.leave_days,
        "status": step.status, "done": _iso(step.done), "reason": step.reason,
    }


def _iso(value):
    return value.isoformat() if value else None
