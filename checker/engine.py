"""The audit: rules over a subject, returning an AuditResult. Pure: never prints."""
from __future__ import annotations

from datetime import date

from .context import DossierContext
from .findings import CAPPED, FINDING_STATUSES, WAIVER_STATUSES, AuditResult, Finding, Note, TimelineEntry
from .model.calendar import WACHTTIJD_DAYS
from .model.dossier import Dossier


def run_rules(rules, ctx, subject: str, capped: list | None = None, max_findings: int | None = None):
    """Evaluate rules on a context: (findings, timeline). The engine, not the kind,
    stamps rule id, severity and subject on every finding.

    At most ``max_findings`` (default: --max-findings) findings per rule are made; the
    rest are counted. A role rule is stopped after counting FINDINGS_COUNTED_FACTOR times
    the cap (its count is then a lower bound); a step rule (deadline, window, precedes,
    cadence) is never stopped: its outcomes also make the timeline, and they are bounded
    by the dossier's own events and days. Each rule that went past the cap adds a
    ``findings-capped`` Note to ``capped`` (when given). Bounded work: a policy that puts
    190,000 actors in conflict made 190,000 findings of about 1 KB of report each
    (docs/errors.md, "Bounds")."""
    from .load.limits import FINDINGS_COUNTED_FACTOR
    from .load.limits import max_findings as current_max_findings

    cap = max_findings or current_max_findings()
    findings, timeline = [], []
    role_facts = ctx.has_role_facts()
    for rule in rules:
        if rule.module.USES_ROLE_GRAPH and not role_facts:
            continue  # nobody named but the employee: no graph to build, nothing to find
        made, past, stopped = 0, {}, False  # findings made; severity -> findings counted past the cap
        for outcome in rule.module.check(rule, ctx):
            if outcome.timeline:
                timeline.append(TimelineEntry(step=rule.id, due=outcome.due, done=outcome.date,
                                              status=outcome.status, window_start=outcome.window_start,
                                              reason=outcome.reason, version=rule.version,
                                              announced=rule.announced))
            if outcome.status in FINDING_STATUSES or outcome.status in WAIVER_STATUSES:
                if made >= cap:
                    severity = outcome.severity or rule.severity
                    past[severity] = past.get(severity, 0) + 1
                    if rule.module.USES_ROLE_GRAPH and sum(past.values()) >= cap * FINDINGS_COUNTED_FACTOR:
                        stopped = True  # a role kind feeds no timeline: nothing else is lost by stopping
                        break
                    continue
                made += 1
                params = outcome.params
                if outcome.window_start:
                    params = tuple(sorted(params + (("window_start", outcome.window_start),)))
                findings.append(Finding(
                    rule=rule.id, severity=outcome.severity or rule.severity, status=outcome.status,
                    subject=subject, due=outcome.due, date=outcome.date, actors=outcome.actors,
                    evidence=outcome.evidence, params=params, version=rule.version, reason=outcome.reason,
                    announced=rule.announced))
        if past and capped is not None:
            capped.extend(Note(CAPPED, count, rule=rule.id, severity=severity, at_least=stopped)
                          for severity, count in sorted(past.items()))
    return findings, timeline


def dossier_context(dossier: Dossier, as_of: date, vocab) -> DossierContext:
    """The context a dossier is judged in: its latest wachttijd, with the length the law gave it."""
    from .parameters import value_on

    return DossierContext(dossier=dossier, as_of=as_of, vocab=vocab,
                          wachttijd_days=lambda start: value_on("wachttijd_days", start) or 728)


def wachttijd_calendar(periods, leave=()):
    """The calendar of the latest wachttijd among ``periods``, with the length the law gave it."""
    from .model.calendar import SickCalendar
    from .parameters import value_on

    intervals = [(x.start, x.end) for x in leave]
    latest = SickCalendar.from_periods(periods, leave=intervals)
    return SickCalendar.from_periods(periods, leave=intervals,
                                     wachttijd_days=value_on("wachttijd_days", latest.start) or WACHTTIJD_DAYS)


def audit_dossier(dossier: Dossier, rulebook, vocab, as_of: date) -> AuditResult:
    """All findings and the timeline of one dossier on ``as_of``."""
    ctx = dossier_context(dossier, as_of, vocab)
    rules = rulebook.in_force("dossier", ctx)
    capped: list = []
    findings, timeline = run_rules(rules, ctx, dossier.id, capped)
    notes = [Note(code, count) for code, count in sorted(ctx.skipped_events().items()) if count]
    notes += capped
    if ctx.calendar.earlier_wachttijden:
        notes.append(Note("earlier-wachttijden", ctx.calendar.earlier_wachttijden))
    not_in_force = len(rulebook.for_subject("dossier")) - len(rules)
    if not_in_force:  # e.g. a wachttijd from before the Wvp: say so instead of a clean report
        notes.append(Note("rules-not-in-force", not_in_force))
    if ctx.calendar.wachttijd_days != WACHTTIJD_DAYS:  # a WAO wachttijd (before 2004): 52 weeks
        notes.append(Note("wao-wachttijd", ctx.calendar.wachttijd_days // 7))
    if as_of < dossier.first_sick_day:
        notes.append(Note("as-of-before-first-sick-day", 1))
    applied = {rule.id: rule for rule in rules}
    return AuditResult(
        kind="dossier", subject=dossier.id, file=dossier.file, as_of=as_of,
        findings=findings, timeline=timeline, notes=notes, facts=calendar_facts(ctx.calendar, ctx),
        rules={**rulebook.by_id(), **applied}, employee=dossier.employee, periods=ctx.calendar.periods(),
        adjustments=rulebook.adjustments,
        week_ends=tuple(ctx.calendar.day(7 * n) for n in range(1, ctx.calendar.wachttijd_days // 7 + 1)),
        positions=dossier.positions,
    )


def calendar_facts(calendar, ctx=None) -> dict:
    """The fixed dates of a wachttijd; with a dossier context also what moved them."""
    facts = {
        "wachttijd_start": calendar.start,
        "wachttijd_last_day": calendar.wachttijd_last_day(),
        "wachttijd_first_day_after": calendar.wachttijd_first_day_after(),
        "max_loonsanctie_end": calendar.max_loonsanctie_end(),
        "max_loonsanctie_until": calendar.max_loonsanctie_until(),
        "recovered_after": calendar.recovered_after,
    }
    if calendar.leave_within():
        facts["leave"] = calendar.leave_within()
    if calendar.samentelling():
        facts["periods"] = calendar.periods()
    if ctx is not None:
        if ctx.end_reason():
            facts["wachttijd_end_set_by"] = ctx.end_reason()
        if ctx.dossier.contract_end:
            facts["contract_end"] = ctx.dossier.contract_end
    return facts


def audit_policy(policy, rulebook, vocab, as_of: date | None = None) -> AuditResult:
    """All role findings of one organisation policy.

    The peildatum decides which rules are in force (``valid_from``/``valid_until``):
    ``as_of`` (the CLI's --as-of), else the policy's own ``as_of``, else today.
    """
    from .roles.context import PolicyContext

    when = as_of or policy.as_of or date.today()
    ctx = PolicyContext(policy=policy, as_of=when, vocab=vocab)
    capped: list = []
    findings, _ = run_rules(rulebook.for_subject("policy", when), ctx, policy.organisation, capped)
    return AuditResult(
        kind="policy", subject=policy.organisation, file=policy.file, as_of=when, findings=findings, notes=capped,
        facts={"regeling": policy.regeling, "verzekering": policy.verzekering,
               "actors": len(policy.actors), "assignments": sum(len(who) for _, who in policy.tasks)},
        rules=rulebook.by_id(), graph=ctx.role_graph, positions=policy.positions,
        adjustments=rulebook.adjustments,
    )
