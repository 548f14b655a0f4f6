"""``--format sarif``: SARIF 2.1.0 for pipelines and code-scanning dashboards.

One run; ``tool.driver.rules`` holds every rule that has a finding (id, name, short and
full description, help with the legal source and URL, default level). Each finding is
a result with level, message and a location: the input file and, where loading kept
it, the line of the event (dossier) or actor (role finding) concerned. Checked against
the official schema in tests/data.
"""
from __future__ import annotations

import json

from ..findings import CAPPED
from ..messages import localized, text
from .render import finding_message, note_to_dict

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _rule(rule, lang: str) -> dict:
    source = rule.source_text()
    url = rule.source.get("url")
    help_text = f"{text('ui', 'source', lang)}: {source}" + (f" ({url})" if url else "")
    if rule.explanation:
        help_text = localized(rule.explanation, lang) + "\n\n" + help_text
    descriptor = {
        "id": rule.id,
        "name": rule.id.replace(".", "/"),
        "shortDescription": {"text": localized(rule.title, lang)},
        "fullDescription": {"text": localized(rule.explanation or rule.title, lang)},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"kind": rule.kind, "source": source, "practiceNorm": rule.practice_norm},
    }
    if url:
        descriptor["helpUri"] = url
    return descriptor


def _line(result, finding) -> int | None:
    """The line of the event on the finding's date (a dossier), else of the first actor it names."""
    positions = result.positions
    if positions is None:
        return None
    if result.kind == "dossier" and finding.date:
        rule = result.rules.get(finding.rule)
        line = positions.event_line(finding.date, rule.params.get("event") if rule else None)
        if line:
            return line
    for actor in finding.actors:
        line = positions.actor_line(actor)
        if line:
            return line
    return None


def _result(result, finding, rule_index: dict, lang: str) -> dict:
    location = {"physicalLocation": {"artifactLocation": {"uri": _uri(result.file)}}}
    line = _line(result, finding)
    if line:
        location["physicalLocation"]["region"] = {"startLine": line}
    location["logicalLocations"] = [{"name": result.subject, "kind": "module"}]
    entry = {
        "ruleId": finding.rule,
        "level": LEVELS[finding.severity],
        "message": {"text": finding_message(result, finding, lang)},
        "locations": [location],
        "properties": {"status": finding.shown_status, "subject": result.subject},
    }
    if finding.waiver:  # SARIF's own word for an accepted result: a suppression, with who approved it
        mark = finding.waiver
        entry["suppressions"] = [{"kind": "external", "status": "accepted",
                                  "justification": f"{mark.reference} (approver {mark.approver}, "
                                                   f"until {mark.expires.isoformat()})"}]
        entry["properties"]["waiver"] = {"reference": mark.reference, "approver": mark.approver,
                                         "expires": mark.expires.isoformat(), "status": mark.status}
    if finding.announced:
        entry["properties"]["announced"] = True
    if finding.rule in rule_index:
        entry["ruleIndex"] = rule_index[finding.rule]
    for key, value in (("due", finding.due), ("date", finding.date)):
        if value:
            entry["properties"][key] = value.isoformat()
    if finding.actors:
        entry["properties"]["actors"] = list(finding.actors)
    if finding.evidence:
        entry["properties"]["evidence"] = list(finding.evidence)
    return entry


def _capped(result, note, lang: str) -> dict:
    """A tool notification for a findings-capped note: which rule, how many results not listed."""
    return {"descriptor": {"id": CAPPED}, "level": LEVELS[note.severity or "warning"],
            "message": {"text": note_to_dict(note, lang, result.rules)["message"]},
            "associatedRule": {"id": note.rule},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(result.file)}},
                           "logicalLocations": [{"name": result.subject, "kind": "module"}]}],
            "properties": {"count": note.count, "atLeast": note.at_least, "subject": result.subject}}


def _uri(file: str) -> str:
    """A relative URI reference for a file name as the user gave it (spaces and '%' encoded)."""
    from urllib.parse import quote

    return quote(file.replace("\\", "/"), safe="/:._-~")


def report(results, stream, lang: str, many: bool | None = None) -> None:
    used = sorted({f.rule for r in results for f in r.findings})
    known = {}
    for result in results:
        known.update(result.rules)
    rules = [_rule(known[rule_id], lang) for rule_id in used if rule_id in known]
    rule_index = {descriptor["id"]: i for i, descriptor in enumerate(rules)}
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "verzuimcheck", "semanticVersion": _version(), "language": lang, "rules": rules}},
            "artifacts": [{"location": {"uri": _uri(r.file)}} for r in _unique_files(results)],
            "results": [_result(r, f, rule_index, lang) for r in results for f in r.findings],
            "columnKind": "unicodeCodePoints",
        }],
    }
    capped = [_capped(r, note, lang) for r in results for note in r.notes if note.code == CAPPED]
    if capped:  # results past --max-findings exist but are not listed: say so where SARIF tools look
        log["runs"][0]["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": capped}]
    json.dump(log, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def _unique_files(results) -> list:
    seen, unique = set(), []
    for result in results:
        if result.file not in seen:
            seen.add(result.file)
            unique.append(result)
    return unique


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("verzuimcheck")
    except PackageNotFoundError:
        return "0.0.0"
