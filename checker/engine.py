"""The audit: rules over a subject, returning an AuditResult. Pure: never prints."""
from __future__ import annotations

from datetime import date

from .context import DossierContext
from .findings import FINDING_STATUSES, AuditResult, Finding, Note, TimelineEntry
from .model.dossier import Dossier


def run_rules(rules, ctx, subject: str):
    """Evaluate rules on a context: (findings, timeline). The engine, not the kind,
    stamps rule id, severity and subject on every finding."""
    findings, timeline = [], []
    for rule in rules:
        for outcome in rule.module.check(rule, ctx):
            if outcome.timeline:
                timeline.append(TimelineEntry(step=rule.id, due=outcome.due, done=outcome.date,
                                              status=outcome.status, window_start=outcome.window_start))
            if outcome.status in FINDING_STATUSES:
                params = outcome.params
                if outcome.window_start:
                    params = tuple(sorted(params + (("window_start", outcome.window_start),)))
                findings.append(Finding(
                    rule=rule.id, severity=outcome.severity or rule.severity, status=outcome.status,
                    subject=subject, due=outcome.due, date=outcome.date, actors=outcome.actors,
                    evidence=outcome.evidence, params=params))
    return findings, timeline


def audit_dossier(dossier: Dossier, rulebook, vocab, as_of: date) -> AuditResult:
    """All findings and the timeline of one dossier on ``as_of``."""
    ctx = DossierContext(dossier=dossier, as_of=as_of, vocab=vocab)
    rules = rulebook.for_subject("dossier", ctx.calendar.start)
    findings, timeline = run_rules(rules, ctx, dossier.id)
    notes = [Note(code, count) for code, count in sorted(ctx.skipped_events().items()) if count]
    if ctx.calendar.earlier_wachttijden:
        notes.append(Note("earlier-wachttijden", ctx.calendar.earlier_wachttijden))
    not_in_force = len(rulebook.for_subject("dossier")) - len(rules)
    if not_in_force:  # e.g. a wachttijd from before the Wvp: say so instead of a clean report
        notes.append(Note("rules-not-in-force", not_in_force))
    if as_of < dossier.first_sick_day:
        notes.append(Note("as-of-before-first-sick-day", 1))
    return AuditResult(
        kind="dossier", subject=dossier.id, file=dossier.file, as_of=as_of,
        findings=findings, timeline=timeline, notes=notes, facts=calendar_facts(ctx.calendar),
        rules=rulebook.by_id(), employee=dossier.employee,
        periods=tuple((s.start, s.end) for s in ctx.calendar.segments),
    )


def calendar_facts(calendar) -> dict:
    return {
        "wachttijd_start": calendar.start,
        "wachttijd_last_day": calendar.wachttijd_last_day(),
        "wachttijd_first_day_after": calendar.wachttijd_first_day_after(),
        "max_loonsanctie_end": calendar.max_loonsanctie_end(),
        "recovered_after": calendar.recovered_after,
    }


def audit_policy(policy, rulebook, vocab, as_of: date | None = None) -> AuditResult:
    """All role findings of one organisation policy.

    The peildatum decides which rules are in force (``valid_from``/``valid_until``):
    ``as_of`` (the CLI's --as-of), else the policy's own ``as_of``, else today.
    """
    from .roles.context import PolicyContext

    when = as_of or policy.as_of or date.today()
    ctx = PolicyContext(policy=policy, as_of=when, vocab=vocab)
    findings, _ = run_rules(rulebook.for_subject("policy", when), ctx, policy.organisation)
    return AuditResult(
        kind="policy", subject=policy.organisation, file=policy.file, as_of=when, findings=findings,
        facts={"regeling": policy.regeling, "verzekering": policy.verzekering,
               "actors": len(policy.actors), "assignments": sum(len(who) for _, who in policy.tasks)},
        rules=rulebook.by_id(), graph=ctx.role_graph,
    )
