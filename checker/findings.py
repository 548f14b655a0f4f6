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
#: Statuses of the findings about a waivers file (rules ``waiver.*``).
WAIVER_STATUSES = ("expired", "invalid", "unused")
#: A finding accepted by a waiver: still reported, never counted for the exit code.
WAIVED = "waived"
#: The status suffix of a finding from an announced rule version.
ANNOUNCED = "announced"
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
    waiver: WaiverMark | None = None  # set when a waiver accepts this finding (status is then "waived")
    announced: bool = False  # from an announced rule version (--include-announced): not law yet

    @property
    def counts(self) -> bool:
        """Whether the finding counts for the summary and the exit code (waived or announced: no)."""
        return self.status != WAIVED and not self.announced

    @property
    def shown_status(self) -> str:
        """The status as reports show it: ``missing-announced`` for announced law."""
        return f"{self.status}-{ANNOUNCED}" if self.announced else self.status

    def sort_key(self) -> tuple:
        return (self.due or self.date or _FAR, self.rule, self.status, self.date or _FAR,
                self.actors, self.evidence, self.subject)

    def param_dict(self) -> dict:
        return dict(self.params)


@dataclass(frozen=True)
class WaiverMark:
    """What a report shows of the waiver that accepted a finding (never its justification)."""

    reference: str
    approver: str
    expires: date
    status: str  # the finding's own status before it was waived (late, missing, ...)
    number: int  # the waiver's position in its file


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
    announced: bool = False  # from an announced rule version (--include-announced)

    def sort_key(self) -> tuple:
        return (self.due or _FAR, self.step, self.done or _FAR)


@dataclass(frozen=True)
class Note:
    """Something the audit did not count, said out loud (never a finding).

    ``findings-capped`` (past --max-findings) also names the ``rule``, the ``severity``
    of the findings not shown, and whether ``count`` is a lower bound (``at_least``)."""

    code: str
    count: int
    rule: str | None = None
    severity: str | None = None
    at_least: bool = False


CAPPED = "findings-capped"


@dataclass
class AuditResult:
    """Everything a reporter needs about one audited subject."""

    kind: str  # "dossier" | "policy" | "waivers"
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
    adjustments: tuple = ()  # what rule packs changed (packs.Adjustment): every report shows them
    explanation: object = field(default=None, repr=False)  # --explain RULE: checker.explain.Explanation
    periods: tuple = ()  # the judged wachttijd's sick periods, ((start, end or None), ...), for pictures
    week_ends: tuple = ()  # the date of counted day 7n for each week n of the wachttijd, for pictures
    positions: object = field(default=None, repr=False)  # load.positions.Positions: lines, for SARIF

    def __post_init__(self) -> None:
        self.findings = sorted(self.findings, key=Finding.sort_key)
        self.timeline = sorted(self.timeline, key=TimelineEntry.sort_key)

    def worst_severity(self) -> str | None:
        ranks = [SEVERITY_RANK[f.severity] for f in self.findings if f.counts]
        ranks += [SEVERITY_RANK[severity] for severity, _ in self.hidden()]
        return SEVERITIES[min(ranks)] if ranks else None

    def hidden(self) -> list:
        """(severity, count) of the findings past --max-findings: not shown, but counted
        (a lower bound where the note says ``at_least``), and never waived."""
        return [(n.severity, n.count) for n in self.notes if n.code == CAPPED]

    def counts(self) -> dict:
        counts = {name: 0 for name in SEVERITIES}
        apart = {"waived": 0, "announced": 0}
        for finding in self.findings:
            if finding.counts:
                counts[finding.severity] += 1
            else:
                apart["waived" if finding.status == WAIVED else "announced"] += 1
        for severity, count in self.hidden():
            counts[severity] += count
        counts.update({name: n for name, n in apart.items() if n})
        return counts
