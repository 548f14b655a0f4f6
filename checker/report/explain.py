"""``--explain RULE`` in words: the worked example behind a due date, one sentence a line.

Reads an :class:`~checker.explain.Explanation` only; every date is shown with its weekday.
"""
from __future__ import annotations

from datetime import timedelta

from ..messages import localized, text


def long_date(value, lang: str) -> str:
    """``zo 2025-02-16``: a date with its weekday."""
    if value is None:
        return "-"
    return f"{text('explain', 'weekdays', lang).split()[value.weekday()]} {value.isoformat()}"


def explanation_lines(e, lang: str) -> list:
    """The worked example, in order: calendar, term, version and source, status."""
    d = lambda value: long_date(value, lang)  # noqa: E731 - one short local name keeps the lines readable
    lines = [text("explain", "title", lang, title=localized(e.title or {}, lang) or e.rule, rule=e.rule)]
    lines.append(text("explain", "first_sick_day", lang, date=d(e.first_sick_day)))
    if e.wachttijd_start != e.first_sick_day or e.judged > 1:
        lines.append(text("explain", "judged", lang, date=d(e.wachttijd_start)))
    lines += _calendar_lines(e, d, lang)
    if not e.in_force:
        lines.append(text("explain", "not_in_force", lang, start=d(e.wachttijd_start)))
    elif not e.steps:
        lines.append(text("explain", "no_steps", lang))
    for number, step in enumerate(e.steps, 1):
        if len(e.steps) > 1:
            lines.append(text("explain", "step", lang, n=number, total=len(e.steps)))
        lines += ["  " + line for line in _step_lines(e, step, d, lang)]
    lines.append(_version_line(e, d, lang))
    lines.append(text("explain", "source", lang, source=_source_text(e.source)))
    for also in e.also:
        lines.append(text("explain", "also", lang, source=_source_text(also)))
    return lines


def _calendar_lines(e, d, lang) -> list:
    lines, number = [], 0
    gaps = iter(e.gaps)
    for index, period in enumerate(e.periods):
        if index:
            gap = next(gaps)
            lines.append(text("explain", "gap_joined" if gap.joined else "gap_new", lang,
                              start=d(gap.first_fit_day), end=d(gap.last_fit_day), days=gap.days))
            if gap.leave_days:
                lines.append(text("explain", "gap_leave", lang, leave=gap.leave_days))
        if period.wachttijd < e.judged:
            lines.append(text("explain", "period_earlier", lang, start=d(period.start), end=d(period.end)))
            continue
        number += 1
        key = "period" if period.end else "period_open"
        lines.append(text("explain", key, lang, n=number, start=d(period.start), end=d(period.end),
                          first=period.first_day, last=period.last_day))
    if not e.gaps:
        lines.append(text("explain", "no_gaps", lang))
    for start, end in e.leave:
        lines.append(text("explain", "leave", lang, start=d(start), end=d(end)))
    if e.recovered_after:
        last = e.periods[-1]
        lines.append(text("explain", "recovered", lang, date=d(e.recovered_after), day=last.last_day))
    if e.end_set_by:
        lines.append(text("explain", "end_set_by", lang, date=d(e.wachttijd_last_day), reason=e.end_set_by))
    return lines


def _event(e, name, lang) -> str:
    labels = e.labels or {}
    return " + ".join(localized(labels.get(n, n), lang) for n in (name or "").split("+"))


def _week(day, lang: str) -> str:
    return text("explain", "week", lang, week=day // 7) if day and day % 7 == 0 else ""


def _term_line(e, b, d, lang) -> str:
    event = _event(e, b.after_event, lang)
    if b.mode == "after_event" and b.days:
        return text("explain", "term_after", lang, event=event, anchor=d(b.anchor), anchor_day=b.anchor_day,
                    days=b.days, day=b.counted_day)
    if b.mode in ("after_event", "on_event") and b.anchor is not None:
        return text("explain", "term_same_day", lang, event=event, anchor=d(b.anchor), anchor_day=b.anchor_day)
    if b.mode == "on_event":
        return text("explain", "term_on_event_missing", lang, event=event)
    if b.mode == "date_of":
        minus = text("explain", "minus_days", lang, days=b.minus_days) if b.minus_days else ""
        when = b.due + timedelta(days=b.minus_days) if b.due else None
        return text("explain", "term_date_of", lang, field=b.field, date=d(when), minus=minus, due=d(b.due))
    if b.mode == "before_end":
        return text("explain", "term_before_end", lang, before=b.before_end, end=d(b.end), end_day=b.end_day,
                    day=b.counted_day)
    if b.mode == "suspended":
        return text("explain", "term_suspended", lang, days=b.days, event=event, anchor=d(b.anchor))
    if b.after_event:
        return text("explain", "term_fallback", lang, event=event, day=b.counted_day, week=_week(b.counted_day, lang))
    return text("explain", "term_day", lang, day=b.counted_day, week=_week(b.counted_day, lang))


def _step_lines(e, step, d, lang) -> list:
    b = step.basis
    lines = [_term_line(e, b, d, lang)]
    if b.alternatives:
        lines.append(text("explain", "alternatives", lang, count=b.alternatives + 1))
    if b.counted_day is not None and b.due is not None and b.mode in ("day", "after_event", "before_end"):
        lines.append(_day_line(e, step, d, lang, b.due if not b.plus_days else None))
    if b.plus_days:
        lines.append(text("explain", "plus_days", lang, plus=b.plus_days, due=d(b.due)))
    if b.window_start is not None:
        lines.append(text("explain", "window", lang, day=b.window_start_day, date=d(b.window_start)))
    if step.reason == "afwijking_termijn":
        lines.append(text("explain", "agreed", lang, due=d(step.due)))
    reason = _reason(step.reason, lang)
    if step.due is None:
        lines.append(text("explain", "no_due", lang, reason=reason))
    else:
        lines.append(text("explain", "due", lang, due=d(step.due)))
    if step.status == "not-required" and step.reason and step.reason != "hersteld":
        lines.append(text("explain", "status_not-required_reason", lang, reason=reason))
        return lines
    days = (step.done - step.due).days if step.done and step.due else None
    lines.append(text("explain", f"status_{step.status}", lang, done=d(step.done), due=d(step.due), days=days,
                      as_of=d(e.as_of), recovered=d(e.recovered_after)))
    return lines


def _reason(code, lang: str) -> str:
    """A reason code in words (an unknown one, e.g. from a rule pack, as written)."""
    from .render import reason_text

    return reason_text(code, lang) or "-"


def _day_line(e, step, d, lang, day_date) -> str:
    judged = [p for p in e.periods if p.wachttijd == e.judged]
    if step.period is not None:
        period = judged[step.period - 1]
        when = day_date or period.start + timedelta(days=step.offset)
        return text("explain", "day_in_period", lang, day=step.basis.counted_day, period=step.period,
                    start=d(period.start), first=period.first_day, offset=step.offset, date=d(when))
    last = judged[-1]
    when = day_date or last.end + timedelta(days=step.offset)
    key = "day_after_recovery_leave" if step.leave_days else "day_after_recovery"
    return text("explain", key, lang, day=step.basis.counted_day, last=d(last.end), last_day=last.last_day,
                offset=step.offset, leave=step.leave_days, date=d(when))


def _version_line(e, d, lang) -> str:
    until = text("explain", "until", lang, date=d(e.valid_until)) if e.valid_until else ""
    if e.version is None:
        line = text("explain", "version_always", lang, start=d(e.wachttijd_start))
    else:
        line = text("explain", "version", lang, valid_from=d(e.version), until=until, start=d(e.wachttijd_start))
    return line + (text("explain", "announced", lang) if e.announced else "")


def _source_text(source) -> str:
    parts = [source.get("document"), source.get("article")]
    words = ", ".join(p for p in parts if p)
    return f"{words} ({source['url']})" if source.get("url") else words
