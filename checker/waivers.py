"""Applying waivers to audit results: pure, returns new results, never prints.

A finding that a valid waiver matches stays in the result with status
``waived`` and a :class:`~checker.findings.WaiverMark`; it no longer counts for
the summary or the exit code. A waiver that has expired on the result's as-of
date, or that its own author approved, accepts nothing: the finding counts. The
problems of the waivers themselves are findings of the ``waiver.*`` rules, in a
result of kind ``waivers`` of their own.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from .engine import run_rules
from .errors import safe_echo
from .findings import CAPPED, WAIVED, AuditResult, Note, WaiverMark


@dataclass
class WaiverContext:
    """What the ``waiver`` kind sees: each waiver and the problems found with it."""

    waivers: tuple
    as_of: date
    problems: dict = field(default_factory=dict)  # problem -> [waiver, ...]

    def with_problem(self, problem: str) -> list:
        return self.problems.get(problem, [])

    def has_role_facts(self) -> bool:
        return False  # waivers name no actors: no role rule runs on them

    def params_of(self, waiver) -> tuple:
        """Message parameters; every value from the file passes the echo gate."""
        return tuple(sorted({
            "number": waiver.index, "reference": safe_echo(waiver.reference), "waived_rule": safe_echo(waiver.rule),
            "subject": safe_echo(waiver.subject), "approver": safe_echo(waiver.approver),
            "expires": waiver.expires,
        }.items()))


def matches(waiver, finding, rule) -> bool:
    """Whether ``waiver`` is about ``finding`` (same rule and subject; step and actor when given)."""
    if waiver.rule != finding.rule or waiver.subject != finding.subject:
        return False
    if waiver.step is not None and not _names_step(finding, rule, waiver.step):
        return False
    return waiver.actor is None or waiver.actor in finding.actors or f"actor:{waiver.actor}" in finding.evidence


def _names_step(finding, rule, step: str) -> bool:
    events = rule.params.get("event", ()) if rule is not None else ()
    events = (events,) if isinstance(events, str) else tuple(events)
    return step in events or f"task:{step}" in finding.evidence


def apply_waivers(results, waiver_file, rulebook, as_of: date):
    """(results with waived findings marked, the ``waivers`` result)."""
    known = {**dict.fromkeys(rulebook.withheld), **rulebook.by_id()}  # announced law is known, not applied
    ctx = WaiverContext(waivers=waiver_file.waivers, as_of=as_of)
    used, audited = set(), {r.subject for r in results}
    by_key: dict = {}  # (rule, subject) -> waivers: each finding looks up its few candidates, never all
    for waiver in waiver_file.waivers:
        by_key.setdefault((waiver.rule, waiver.subject), []).append(waiver)
    marked = [_apply_to(result, by_key, known, used, ctx) for result in results]
    # a rule past --max-findings showed only some of its findings: a waiver for it may match one not shown
    capped = {(note.rule, result.subject) for result in results for note in result.notes if note.code == CAPPED}
    for waiver in waiver_file.waivers:
        if waiver.rule not in known:
            ctx.problems.setdefault("unknown-rule", []).append(waiver)
        elif waiver.subject in audited and waiver.index not in used and (waiver.rule, waiver.subject) not in capped:
            ctx.problems.setdefault("matches-nothing", []).append(waiver)
        if waiver.self_approved:
            ctx.problems.setdefault("self-approved", []).append(waiver)
        if waiver.index not in used and waiver.expired(as_of):
            ctx.problems.setdefault("expired", []).append(waiver)
    return marked, waivers_result(waiver_file, rulebook, ctx, audited if results else None)


def _apply_to(result, by_key: dict, known, used: set, ctx) -> AuditResult:
    findings = []
    when = result.as_of or ctx.as_of
    for finding in result.findings:
        candidates = by_key.get((finding.rule, finding.subject), ())
        matching = [w for w in candidates if matches(w, finding, known.get(finding.rule))]
        for waiver in matching:
            if waiver.expired(when) and waiver.index not in used:
                ctx.problems.setdefault("expired", []).append(waiver)
            used.add(waiver.index)
        valid = [w for w in matching if not w.expired(when) and not w.self_approved]
        if valid:
            waiver = min(valid, key=lambda w: w.index)
            finding = replace(finding, status=WAIVED, waiver=WaiverMark(
                reference=safe_echo(waiver.reference), approver=safe_echo(waiver.approver),
                expires=waiver.expires, status=finding.status, number=waiver.index))
        findings.append(finding)
    return replace(result, findings=findings)


def lint_waivers(waiver_file, rulebook, ctx) -> AuditResult:
    """The waivers file on its own (``waivers check``): every problem but "matches nothing"."""
    known = {**dict.fromkeys(rulebook.withheld), **rulebook.by_id()}
    for waiver in waiver_file.waivers:
        for problem, found in (("unknown-rule", waiver.rule not in known), ("self-approved", waiver.self_approved),
                               ("expired", waiver.expired(ctx.as_of))):
            if found:
                ctx.problems.setdefault(problem, []).append(waiver)
    return waivers_result(waiver_file, rulebook, ctx, None)


def waivers_result(waiver_file, rulebook, ctx, audited) -> AuditResult:
    """The findings about the waivers file itself (``audited``: subjects of the run, None when linting)."""
    notes: list = []
    findings, _ = run_rules(rulebook.for_subject("waivers", ctx.as_of), ctx, waiver_file.file, notes)
    if audited is not None:
        elsewhere = sum(1 for w in waiver_file.waivers if w.subject not in audited and w.rule in rulebook.by_id())
        if elsewhere:
            notes.append(Note("waivers-other-subjects", elsewhere))
    return AuditResult(kind="waivers", subject=waiver_file.file, file=waiver_file.file, as_of=ctx.as_of,
                       findings=findings, notes=notes, facts={"waivers": len(waiver_file.waivers)},
                       rules=rulebook.by_id(), adjustments=rulebook.adjustments)
