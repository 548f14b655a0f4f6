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
        "params": {name: _plain_param(value) for name, value in finding.params},
        **({"announced": True} if finding.announced else {}),
        **({"waiver": waiver_to_dict(finding.waiver)} if finding.waiver else {}),
    }


def _plain_param(value):
    """A finding parameter as JSON: dates as YYYY-MM-DD, tuples as lists."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_plain_param(v) for v in value]
    return value


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


def timeline_to_dict(entry, as_of: date | None = None) -> dict:
    data = {"step": entry.step, "due": iso(entry.due), "done": iso(entry.done), "status": entry.status}
    if entry.window_start:
        data["window_start"] = iso(entry.window_start)
    if entry.announced:
        data["announced"] = True
    if entry.reason:
        data["reason"] = entry.reason
    if entry.version:
        data["version"] = entry.version
    if as_of is not None:
        data.update(_days(entry.status, entry.due, entry.done, as_of))
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


# --- what to do next: shared by every reporter (table, Markdown, HTML) -------------------------

def day_text(value: date | None, lang: str) -> str:
    """``ma 2025-02-24``: an ISO date with its weekday, for people ("-" for none)."""
    if value is None:
        return "-"
    return f"{text('weekday', str(value.weekday()), lang)} {value.isoformat()}"


def _days(status: str, due: date | None, done: date | None, as_of: date) -> dict:
    """``days_late`` for a late step (done after due) or a missing one (as of the peildatum),
    ``days_left`` for an upcoming one; {} otherwise."""
    if due is None:
        return {}
    if status == "late" and done is not None:
        return {"days_late": (done - due).days}
    if status == "missing":
        return {"days_late": max((as_of - due).days, 0)}
    if status == "upcoming":
        return {"days_left": (due - as_of).days}
    return {}


def event_to_record(result, step: str) -> str | None:
    """The dossier event type that fulfils a step (``plan_van_aanpak`` for ``wvp.plan-van-aanpak``)."""
    from ..kinds.base import events_to_record

    rule = result.rules.get(step)
    events = events_to_record(rule.params) if rule is not None else []
    return events[0] if events else None


def step_title(result, step: str, lang: str) -> str:
    rule = result.rules.get(step)
    return localized(rule.title, lang) if rule else step


def next_steps(result) -> list:
    """What must happen next in a dossier, as plain data (the JSON ``next`` list): every
    missing step (overdue on the as-of date) and every upcoming one, by due date. Each has
    ``step``, ``due``, ``status``, ``event`` (the event type to record) and ``days_late``
    (missing) or ``days_left`` (upcoming)."""
    if result.kind != "dossier" or result.as_of is None:
        return []
    steps = []
    for entry in result.timeline:
        if entry.status not in ("missing", "upcoming") or entry.due is None:
            continue
        step = {"step": entry.step, "due": iso(entry.due), "status": entry.status,
                "event": event_to_record(result, entry.step)}
        if entry.window_start:
            step["window_start"] = iso(entry.window_start)
        step.update(_days(entry.status, entry.due, entry.done, result.as_of))
        steps.append(step)
    steps.sort(key=lambda s: (s["status"] != "missing", s["due"], s["step"]))
    return steps


def days_words(step: dict, lang: str) -> str:
    """``12 dag(en) te laat`` / ``nog 3 dag(en)`` / ``vandaag`` for a timeline or next-step dict."""
    if "days_late" in step:
        return text("next", "days_late", lang, days=step["days_late"])
    if "days_left" in step:
        return text("next", "today", lang) if step["days_left"] == 0 else \
            text("next", "days_left", lang, days=step["days_left"])
    return ""


def next_step_lines(result, lang: str, upcoming: int = 3) -> list:
    """The header's next steps in words: every missing step, then the first ``upcoming``
    upcoming ones, and how many more there are. Each line is a dict of words: ``title``,
    ``step`` (rule id), ``due`` (with weekday), ``days`` (late or left), ``advice`` (the
    event type to record) and ``status``."""
    steps = next_steps(result)
    missing = [s for s in steps if s["status"] == "missing"]
    later = [s for s in steps if s["status"] == "upcoming"]
    lines = []
    for step in missing + later[:upcoming]:
        advice = text("next", "record", lang, event=step["event"]) if step["event"] else ""
        due = text("next", "due", lang, date=day_text(date.fromisoformat(step["due"]), lang))
        lines.append({"title": step_title(result, step["step"], lang), "step": step["step"], "due": due,
                      "days": days_words(step, lang), "advice": advice, "status": step["status"]})
    return lines, max(len(later) - upcoming, 0)


def header_facts(result, lang: str, next_row: bool = True) -> list:
    """(label, value) pairs that open a subject's report, shared by every format.

    A dossier: employee pseudonym, first sick day, end of the wachttijd (with samentelling,
    leave and recovery where present), the as-of date and, with ``next_row``, the next steps
    in one line (the table prints them as a block of their own instead). A policy: the as-of
    date, regeling, verzekering and counts.
    """
    if result.kind != "dossier":
        rows = [(text("next", "as_of", lang), day_text(result.as_of, lang))]
        for key in ("regeling", "verzekering", "actors", "assignments"):
            if key in result.facts:
                rows.append((text("ui", key, lang), str(result.facts[key])))
        return rows
    facts = []
    if result.employee:
        facts.append((text("next", "employee", lang), result.employee))
    first = result.facts.get("wachttijd_start")
    facts.append((text("next", "first_sick_day", lang), day_text(first, lang)))
    end = day_text(result.facts.get("wachttijd_last_day"), lang)
    extra = []
    if len(result.periods) > 1:
        extra.append(text("next", "samentelling", lang, count=len(result.periods)))
    if result.facts.get("leave"):  # zwangerschaps- or bevallingsverlof inside the wachttijd moves its end
        extra.append(text("next", "leave", lang, count=len(result.facts["leave"])))
    if result.facts.get("recovered_after"):
        extra.append(text("next", "recovered", lang, date=day_text(result.facts["recovered_after"], lang)))
    facts.append((text("next", "wachttijd_end", lang), end + (f" ({'; '.join(extra)})" if extra else "")))
    facts.append((text("next", "as_of", lang), day_text(result.as_of, lang)))
    if next_row:
        lines, more = next_step_lines(result, lang)
        steps = [f"{line['title']} ({line['due']}" + (f", {line['days']}" if line["days"] else "") + ")"
                 for line in lines]
        if more:
            steps.append(text("next", "more_upcoming", lang, count=more))
        facts.append((text("ui", "next_steps", lang), "; ".join(steps) or text("next", "nothing", lang)))
    return facts


# --- evidence in words ---------------------------------------------------------------------------

def _node_words(label: str, lang: str) -> str:
    from ..roles.labels import SIDE, kind_of, name_of

    if ":" not in label:
        return label
    name = name_of(label)
    return text("evidence", "_side", lang, name=name) if kind_of(label) == SIDE else name


def _evidence_steps(path: list) -> list:
    """(left, edge, right) steps of a path, a step straight back (``lacked_by`` after ``lacks``)
    dropped and consecutive steps with the same subject and edge merged: ``org lacks a, b``."""
    from ..roles.labels import INVERSE

    steps, back = [], False
    for i in range(0, len(path) - 2, 2):
        left, edge, right = path[i], path[i + 1], path[i + 2]
        last = steps[-1] if steps else None
        if last and not back and last[2][-1] == left and last[0] == right and INVERSE.get(last[1]) == edge:
            back = True  # walks straight back: says nothing new
            continue
        if back and last[:2] == (left, edge):
            steps[-1] = (left, edge, last[2] + (right,))
            back = False
            continue
        back = False
        steps.append((left, edge, (right,)))
    return steps


def evidence_sentence(evidence, lang: str) -> str:
    """An evidence path as a sentence: ``sam heeft de rol casemanager_taakdelegatie, die ...``.

    Each step (node, edge, node) is one clause from ``messages.yaml`` (section ``evidence``);
    a clause that starts where the previous one ended says "die"/"which" instead of repeating it.
    """
    path = list(evidence)
    if len(path) < 3:
        return " ".join(_node_words(p, lang) for p in path)
    out, previous_end = "", None
    for left, edge, rights in _evidence_steps(path):
        subject = text("evidence", "_which", lang) if left == previous_end else _node_words(left, lang)
        objects = ", ".join(_node_words(r, lang) for r in rights)
        clause = text("evidence", edge, lang, a=subject, b=objects)
        if clause == edge:  # an edge label without words: say it plainly rather than drop it
            clause = f"{subject} {edge} {objects}"
        out += (", " if left == previous_end else "; ") + clause if out else clause
        previous_end = rights[-1] if len(rights) == 1 else None
    return out


def finding_status_text(finding, lang: str) -> str:
    """A finding's status in words for every report: announced law says so, and a waived
    finding names its waiver's reference, approver and expiry (never the justification)."""
    words = status_text(finding.status, finding.announced, lang)
    return f"{words}: {waiver_text(finding.waiver, lang)}" if finding.waiver else words


def status_text(status: str, announced: bool, lang: str) -> str:
    """A status in words; announced law says so ("ontbreekt (aangekondigd)")."""
    words = text("status", status, lang)
    return f"{words} ({text('status', 'announced', lang)})" if announced else words


def note_to_dict(note, lang: str, rules=None) -> dict:
    """A note as JSON; ``rules`` (id -> Rule, a result's ``rules``) gives a rule's title for
    a note that names a rule (findings-capped)."""
    extra, title = {}, ""
    if note.rule is not None:  # findings-capped: which rule, how serious, and whether count is a lower bound
        extra = {"rule": note.rule, "severity": note.severity, "at_least": note.at_least}
        rule = (rules or {}).get(note.rule)
        title = localized(rule.title, lang) if rule else note.rule
    code = note.code + ("-at-least" if note.at_least else "")
    return {"code": note.code, "count": note.count, **extra,
            "message": text("notes", code, lang, count=note.count, rule=note.rule or "", title=title,
                            severity=text("severity", note.severity, lang) if note.severity else "")}


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
        for finding, item in zip(result.findings, data["findings"]):
            if result.as_of is not None:
                item.update(_days(finding.status, finding.due, finding.date, result.as_of))
        data["timeline"] = [timeline_to_dict(e, result.as_of) for e in result.timeline]
        data["next"] = next_steps(result)
        data["wachttijd"] = facts_to_dict(result.facts)
    elif result.kind == "policy":
        data["policy"] = dict(result.facts)
    elif result.kind == "waivers":
        data["waivers"] = dict(result.facts)
    data["notes"] = [note_to_dict(n, lang, result.rules) for n in result.notes]
    if result.adjustments:
        data["adjustments"] = [a.to_dict() for a in result.adjustments]
    if result.explanation is not None:
        from ..explain import explanation_to_dict

        data["explanation"] = explanation_to_dict(result.explanation)
    return data


# -- helpers of the document reports (HTML, Markdown, ICS, SVG) --------------------------------
# Their header facts are header_facts() above, shared with the table.

def long_date(value: date | None, lang: str) -> str:
    """``ma 2025-01-06``: a date with its weekday, as people read dates."""
    if value is None:
        return "-"
    return f"{text('ui', 'weekdays', lang).split()[value.weekday()]} {value.isoformat()}"


def upcoming_steps(result, limit: int = 3) -> list:
    """The next timeline steps still to do after the as-of date, earliest first."""
    return [e for e in result.timeline if e.status == "upcoming" and e.due][:limit]


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
