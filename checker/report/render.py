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
                  actors=", ".join(finding.actors), status=text("status", finding.status, lang))
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
        "status": finding.status,
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
    }


def reason_text(code: str | None, lang: str) -> str | None:
    """The words for a timeline reason code; a rule pack's own code is shown as written."""
    if not code:
        return None
    from ..messages import catalogue

    entry = catalogue().get("reasons", {}).get(code)
    return localized(entry, lang) if entry else code


def timeline_status(entry, lang: str) -> str:
    """A timeline status in words, with its reason when there is one."""
    status = text("status", entry.status, lang)
    reason = reason_text(entry.reason, lang)
    return f"{status}: {reason}" if reason else status


def timeline_to_dict(entry) -> dict:
    data = {"step": entry.step, "due": iso(entry.due), "done": iso(entry.done), "status": entry.status}
    if entry.window_start:
        data["window_start"] = iso(entry.window_start)
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
    data["notes"] = [note_to_dict(n, lang) for n in result.notes]
    return data


# -- header facts for the document reports (HTML, Markdown) --------------------------------
# One small function of their own; the table and JSON may get richer header facts from
# another change (next steps, days late): these two are meant to be unified with them.

def long_date(value: date | None, lang: str) -> str:
    """``ma 2025-01-06``: a date with its weekday, as people read dates."""
    if value is None:
        return "-"
    return f"{text('ui', 'weekdays', lang).split()[value.weekday()]} {value.isoformat()}"


def upcoming_steps(result, limit: int = 3) -> list:
    """The next timeline steps still to do after the as-of date, earliest first."""
    return [e for e in result.timeline if e.status == "upcoming" and e.due][:limit]


def header_facts(result, lang: str) -> list:
    """(label, value) pairs that head a subject's section: its dates, or the policy's facts."""
    facts = result.facts
    if result.kind == "dossier":
        rows = [(text("ui", "first_sick_day", lang), long_date(facts.get("wachttijd_start"), lang)),
                (text("ui", "wachttijd_end", lang), long_date(facts.get("wachttijd_last_day"), lang))]
        if facts.get("recovered_after"):
            rows.append((text("ui", "recovered_after", lang), long_date(facts["recovered_after"], lang)))
        rows.append((text("ui", "as_of", lang).capitalize(), long_date(result.as_of, lang)))
        steps = [f"{finding_title_of(result, e.step, lang)} ({long_date(e.due, lang)})"
                 for e in upcoming_steps(result)]
        rows.append((text("ui", "next_steps", lang), "; ".join(steps) or text("ui", "none", lang)))
        return rows
    rows = [(text("ui", "as_of", lang).capitalize(), long_date(result.as_of, lang))]
    for key in ("regeling", "verzekering", "actors", "assignments"):
        if key in facts:
            rows.append((text("ui", key, lang), str(facts[key])))
    return rows


def finding_title_of(result, rule_id: str, lang: str) -> str:
    """A rule's title by id (a timeline step's), or the id when the rule is unknown."""
    rule = result.rules.get(rule_id)
    return localized(rule.title, lang) if rule else rule_id


def leave_periods(result) -> tuple:
    """Leave periods as (start, end) pairs when the audit knows them (facts["leave"]), else ()."""
    found = result.facts.get("leave") or ()
    pairs = []
    for item in found:
        start, end = (item.start, item.end) if hasattr(item, "start") else tuple(item)[:2]
        if isinstance(start, date):
            pairs.append((start, end if isinstance(end, date) else start))
    return tuple(sorted(pairs))


def evidence_words(evidence) -> str:
    """An evidence path as words: ``anna → performs → probleemanalyse`` (node kinds left out)."""
    from ..roles.labels import name_of

    return " → ".join(name_of(part) if i % 2 == 0 and ":" in part else part for i, part in enumerate(evidence))
