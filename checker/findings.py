"""Findings, timeline entries and audit results: plain, sortable data.

Checking produces these; reporters read them. Messages are not stored here:
a reporter renders them from the rule's templates in the language asked for.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
FINDING_STATUSES = ("late", "missing", "early", "conflict")
TIMELINE_STATUSES = ("on-time", "late", "missing", "early", "upcoming", "not-required")
_FAR = date.max


@dataclass(frozen=True)
class Finding:
    """One broken obligation or role conflict, with the facts that show it."""

    rule: str
    severity: str
    status: str
    subject: str
    due: date | None = None
    date: date | None = None
    actors: tuple = ()
    evidence: tuple = ()  # path of nodes (actor, task, side, ...) that makes a role conflict
    params: tuple = ()  # extra message parameters as sorted (name, value) pairs
    version: str | None = None  # the rule version applied (its valid_from)
    reason: str | None = None  # why the due date is not the rule's own term (an agreed deviation)

    def sort_key(self) -> tuple:
        return (self.due or self.date or _FAR, self.rule, self.status, self.date or _FAR,
                self.actors, self.evidence, self.subject)

    def param_dict(self) -> dict:
        return dict(self.params)


@dataclass(frozen=True)
class TimelineEntry:
    """One Poortwachter step as it stands on the as-of date."""

    step: str
    due: date | None
    done: date | None
    status: str
    window_start: date | None = None
    reason: str | None = None  # why not required, or why the due date differs (docs/json-output.md)
    version: str | None = None  # the rule version applied (its valid_from)

    def sort_key(self) -> tuple:
        return (self.due or _FAR, self.step, self.done or _FAR)


@dataclass(frozen=True)
class Note:
    """Something the audit did not count, said out loud (never a finding)."""

    code: str
    count: int


@dataclass
class AuditResult:
    """Everything a reporter needs about one audited subject."""

    kind: str  # "dossier" | "policy"
    subject: str
    file: str
    as_of: date | None
    findings: list = field(default_factory=list)
    timeline: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    facts: dict = field(default_factory=dict)  # e.g. wachttijd dates
    rules: dict = field(default_factory=dict, repr=False)  # rule id -> Rule, for messages
    graph: object = field(default=None, repr=False)  # role graph, for --graph
    employee: str | None = None  # dossier: the employee's pseudonym (an id, never free text)
    periods: tuple = ()  # the judged wachttijd's sick periods, ((start, end or None), ...), for pictures
    week_ends: tuple = ()  # the date of counted day 7n for each week n of the wachttijd, for pictures
    positions: object = field(default=None, repr=False)  # load.positions.Positions: lines, for SARIF

    def __post_init__(self) -> None:
        self.findings = sorted(self.findings, key=Finding.sort_key)
        self.timeline = sorted(self.timeline, key=TimelineEntry.sort_key)

    def worst_severity(self) -> str | None:
        ranks = [SEVERITY_RANK[f.severity] for f in self.findings]
        return SEVERITIES[min(ranks)] if ranks else None

    def counts(self) -> dict:
        counts = {name: 0 for name in SEVERITIES}
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts
