"""Turning findings into words and plain dicts: shared by every reporter."""
from __future__ import annotations

from datetime import date

from ..messages import fill, localized, text
from ..model.dates import iso


def _param(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return ", ".join(str(v) for v in value)
    return value


def finding_message(result, finding, lang: str) -> str:
    """The rule's message template filled with the finding's facts."""
    rule = result.rules.get(finding.rule)
    if rule is None:
        return finding.rule
    params = {name: _param(value) for name, value in finding.params}
    params.update(due=iso(finding.due) or "-", date=iso(finding.date) or "-",
                  actors=", ".join(finding.actors), status=status_text(finding.status, finding.announced, lang))
    if finding.due and finding.date:
        params["days"] = (finding.date - finding.due).days
    return fill(localized(rule.message, lang), params)


def finding_title(result, finding, lang: str) -> str:
    rule = result.rules.get(finding.rule)
    return localized(rule.title, lang) if rule else finding.rule


def finding_source(result, finding) -> str:
    rule = result.rules.get(finding.rule)
    return rule.source_text() if rule else ""


def finding_to_dict(result, finding, lang: str) -> dict:
    rule = result.rules.get(finding.rule)
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "status": finding.shown_status,
        "due": iso(finding.due),
        "date": iso(finding.date),
        "actors": list(finding.actors),
        "evidence": list(finding.evidence),
        "title": finding_title(result, finding, lang),
        "message": finding_message(result, finding, lang),
        "source": finding_source(result, finding),
        "source_url": rule.source.get("url") if rule else None,
        **({"version": finding.version} if finding.version else {}),
        **({"reason": finding.reason} if finding.reason else {}),
        **({"announced": True} if finding.announced else {}),
        **({"waiver": waiver_to_dict(finding.waiver)} if finding.waiver else {}),
    }


def waiver_to_dict(mark) -> dict:
    """A waived finding's waiver: reference and approver, never the justification."""
    return {"reference": mark.reference, "approver": mark.approver, "expires": iso(mark.expires),
            "status": mark.status, "number": mark.number}


def adjustment_text(adjustment, lang: str) -> str:
    """One pack change in words, with its reason (docs/rule-packs.md)."""
    params = adjustment.to_dict()
    for name in ("severity", "previous"):
        if name in params:
            params[name] = text("severity", params[name], lang)
    return text("adjustments", adjustment.change, lang, **params)


def waiver_text(mark, lang: str) -> str:
    return text("ui", "waived_by", lang, reference=mark.reference, approver=mark.approver, expires=iso(mark.expires))


def reason_text(code: str | None, lang: str) -> str | None:
    """The words for a timeline reason code; a rule pack's own code is shown as written."""
    if not code:
        return None
    from ..messages import catalogue

    entry = catalogue().get("reasons", {}).get(code)
    return localized(entry, lang) if entry else code


def timeline_status(entry, lang: str) -> str:
    """A timeline status in words, with its reason when there is one."""
    status = status_text(entry.status, entry.announced, lang)
    reason = reason_text(entry.reason, lang)
    return f"{status}: {reason}" if reason else status


def timeline_to_dict(entry) -> dict:
    data = {"step": entry.step, "due": iso(entry.due), "done": iso(entry.done), "status": entry.status}
    if entry.window_start:
        data["window_start"] = iso(entry.window_start)
    if entry.announced:
        data["announced"] = True
    if entry.reason:
        data["reason"] = entry.reason
    if entry.version:
        data["version"] = entry.version
    return data


def facts_to_dict(facts: dict) -> dict:
    """The wachttijd facts as JSON values: dates as ISO strings, periods and leave as lists."""
    data = {}
    for name, value in facts.items():
        if name == "leave":
            data[name] = [{"from": iso(s), "to": iso(e)} for s, e in value]
        elif name == "periods":
            data[name] = [{"from": iso(s), "to": iso(e)} for s, e in value]
        elif isinstance(value, str):
            data[name] = value
        else:
            data[name] = iso(value)
    return data


def status_text(status: str, announced: bool, lang: str) -> str:
    """A status in words; announced law says so ("ontbreekt (aangekondigd)")."""
    words = text("status", status, lang)
    return f"{words} ({text('status', 'announced', lang)})" if announced else words


def note_to_dict(note, lang: str) -> dict:
    return {"code": note.code, "count": note.count, "message": text("notes", note.code, lang, count=note.count)}


def result_to_dict(result, lang: str) -> dict:
    data = {
        "kind": result.kind,
        "subject": result.subject,
        "file": result.file,
        "as_of": iso(result.as_of),
        "summary": result.counts(),
        "findings": [finding_to_dict(result, f, lang) for f in result.findings],
    }
    if result.kind == "dossier":
        data["timeline"] = [timeline_to_dict(e) for e in result.timeline]
        data["wachttijd"] = facts_to_dict(result.facts)
    elif result.kind == "policy":
        data["policy"] = dict(result.facts)
    elif result.kind == "waivers":
        data["waivers"] = dict(result.facts)
    data["notes"] = [note_to_dict(n, lang) for n in result.notes]
    if result.adjustments:
        data["adjustments"] = [a.to_dict() for a in result.adjustments]
    if result.explanation is not None:
        from ..explain import explanation_to_dict

        data["explanation"] = explanation_to_dict(result.explanation)
    return data
