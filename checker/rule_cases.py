"""Rule test cases, written as YAML next to the rules (OpenFisca style); run by ``rules test`` and pytest.

Every ``tests/*.yaml`` below a rule pack holds cases for one rule:

    rule: wvp.probleemanalyse
    cases:
      - name: done in week 5
        as_of: 2025-06-01
        dossier: {first_sick_day: 2025-01-06, events: [...]}   # or policy: {...}
        expect: []                                              # findings of this rule only
      - name: missing
        as_of: 2025-06-01
        dossier: {...}
        expect: [{status: missing, due: 2025-02-16}]

A dossier case may leave out ``dossier``, ``employer`` and ``employee`` (filled
with test values). A case may add ``waivers:`` (applied to the audit). Each
expected finding lists the fields it checks (status, due, date, severity,
actors, evidence, params); the findings of the rule must match the list exactly, in
order. Every rule should have a case where it fires and one where it does not.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import InputErrors
from .load.document import Document, load_document
from .load.schema import validate
from .model.dates import iso

CASE_FOLDER = "tests"
DOSSIER_DEFAULTS = {"dossier": "D-TEST", "employer": "werkgever-test", "employee": "W-TEST"}
FIELDS = ("status", "severity", "due", "date", "actors", "evidence", "params")


@dataclass(frozen=True)
class CaseFile:
    file: str
    rule: str
    cases: tuple  # plain dicts, validated
    document: Document = field(repr=False, compare=False)

    def line_of(self, index: int) -> int | None:
        return self.document.position(("cases", index))[0]


@dataclass(frozen=True)
class CaseResult:
    rule: str
    name: str
    file: str
    line: int | None
    passed: bool
    expected: tuple  # of dicts
    found: tuple  # of dicts (the fields the case checks, or all)
    fires: bool  # whether the case expects the rule to fire


def case_files(directories) -> list:
    """Case files below ``directories``: ``tests/*.yaml`` (or ``.yml``) in any namespace folder."""
    found = set()
    for directory in directories:
        for suffix in ("yaml", "yml"):
            found.update(Path(directory).rglob(f"{CASE_FOLDER}/*.{suffix}"))
    return sorted(found)


def load_case_file(path) -> CaseFile:
    document = load_document(path)
    errors = validate(document, "rule-cases")
    if errors:
        raise InputErrors(errors)
    return CaseFile(file=document.file, rule=document.data["rule"], cases=tuple(document.data["cases"]),
                    document=document)


def load_case_files(paths) -> tuple:
    """(case files, input errors) for every path: one bad file does not hide the others."""
    from .errors import load_each

    return load_each(paths, load_case_file)


def audit_case(case: dict, vocab, rulebook, file: str = "<case>") -> list:
    """The findings of every result the case produces (the audit and, with waivers, the waivers result).

    ``rulebook`` holds announced law too; a case applies it only with ``include_announced: true``.
    """
    from .engine import audit_dossier, audit_policy
    from .packs import without_announced

    if not case.get("include_announced"):
        rulebook = without_announced(rulebook)
    if "policy" in case:
        from .model.policy import policy_from_dict

        policy = policy_from_dict(case["policy"], vocab, file)
        results = [audit_policy(policy, rulebook, vocab, _date(case.get("as_of")))]
        when = results[0].as_of
    else:
        from .model.dossier import build_dossier

        data = {**DOSSIER_DEFAULTS, **case["dossier"]}
        when = _date(case.get("as_of")) or date.today()
        results = [audit_dossier(build_dossier(Document(file=file, data=data), vocab), rulebook, vocab, when)]
    if "waivers" in case:
        from .model.waivers import build_waivers
        from .waivers import apply_waivers

        waiver_file = build_waivers(Document(file=file, data={"waivers": case["waivers"]}))
        marked, about = apply_waivers(results, waiver_file, rulebook, when)
        results = marked + [about]
    return [f for result in results for f in result.findings]


def _date(value):
    return date.fromisoformat(value) if isinstance(value, str) else value


def finding_view(finding, keys) -> dict:
    full = {"status": finding.status, "severity": finding.severity, "due": iso(finding.due),
            "date": iso(finding.date), "actors": list(finding.actors), "evidence": list(finding.evidence),
            "params": {k: list(v) if isinstance(v, tuple) else v for k, v in finding.params}}
    return {k: full[k] for k in keys}


def run_case(case_file: CaseFile, index: int, vocab, rulebook) -> CaseResult:
    case = case_file.cases[index]
    expected = tuple(case["expect"])
    try:
        found = [f for f in audit_case(case, vocab, rulebook, case_file.file) if f.rule == case_file.rule]
    except InputErrors as exc:  # the case's dossier or policy is broken: a failure, shown as its errors
        return CaseResult(case_file.rule, case["name"], case_file.file, case_file.line_of(index), False,
                          expected, tuple({"error": e.code, "path": e.json_path} for e in exc.errors), bool(expected))
    keys = sorted({k for e in expected for k in e}, key=FIELDS.index) or ["status", "due", "date"]
    views = tuple(finding_view(f, keys) for f in found)
    passed = len(found) == len(expected) and all(finding_view(f, e.keys()) == e for f, e in zip(found, expected))
    return CaseResult(case_file.rule, case["name"], case_file.file, case_file.line_of(index), passed,
                      expected, views, bool(expected))


def run_cases(case_files_, vocab, rulebook) -> list:
    """Every case of every file, in file order; a case naming an unknown rule fails (no finding can match)."""
    return [run_case(cf, i, vocab, rulebook) for cf in case_files_ for i in range(len(cf.cases))]


def coverage_gaps(results, rule_ids) -> dict:
    """Rule id -> what it lacks: ``("firing",)``, ``("non-firing",)`` or both."""
    seen: dict = {}
    for result in results:
        seen.setdefault(result.rule, set()).add(result.fires)
    gaps = {}
    for rule_id in sorted(rule_ids):
        missing = tuple(name for name, fires in (("firing", True), ("non-firing", False))
                        if fires not in seen.get(rule_id, set()))
        if missing:
            gaps[rule_id] = missing
    return gaps
