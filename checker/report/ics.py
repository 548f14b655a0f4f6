"""``calendar --format ics``: the steps still to do as an iCalendar file for Outlook, Google, Apple.

One all-day event per step on its due date: the rule title as summary; what to do, the
legal source (with URL) and the rule id in the description; a reminder a week before.
UIDs come from the subject (dossier id, or the first sick day) and the rule id, with a
number for a rule that recurs (the evaluations), so importing a newer file updates the
events instead of duplicating them. Steps done or no longer required are left out;
``include_done`` shows them as past events (on the day done, without a reminder).
Written with the icalendar library, which folds lines and escapes text as RFC 5545 asks.
"""
from __future__ import annotations

import hashlib
import os
from datetime import datetime, timedelta, timezone

from ..messages import fill, localized, text
from .render import long_date

PRODID = "-//verzuimcheck//Poortwachter calendar//NL"
UID_DOMAIN = "verzuimcheck"
_DONE_STATUSES = ("on-time", "late", "early")


def stamp_now() -> datetime:
    """DTSTAMP: now, or the reproducible-builds SOURCE_DATE_EPOCH when set (same input, same bytes)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def uid(subject: str, rule_id: str, number: int) -> str:
    """Stable across runs: a digest of the subject (no personal text in the UID), the rule id, a number."""
    digest = hashlib.sha256(subject.encode("utf-8")).hexdigest()[:16]
    safe_rule = "".join(ch if ch.isalnum() or ch in ".-_" else "_" for ch in rule_id)
    return f"{safe_rule}-{number}.{digest}@{UID_DOMAIN}"


def _state(entry) -> str:
    if entry.status == "not-required":
        return "not-required"
    return "done" if entry.done is not None or entry.status in _DONE_STATUSES else "todo"


def _description(rule, entry, lang: str) -> str:
    if rule is None:
        return entry.step
    source = rule.source_text() + (f" ({rule.source['url']})" if rule.source.get("url") else "")
    message = fill(localized(rule.message, lang), {"due": long_date(entry.due, lang)})
    return text("ui", "ics_description", lang, message=message, source=source, rule=rule.id)


def _event(entry, rule, subject: str, key: str, number: int, stamp, lang: str):
    from icalendar import Alarm, Event

    state = _state(entry)
    title = localized(rule.title, lang) if rule else entry.step
    day = entry.due if state == "todo" or entry.done is None else entry.done
    event = Event()
    event.add("uid", uid(key, entry.step, number))
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    if state == "todo":
        event.add("summary", f"{title} ({subject})")
    else:
        done = text("ui", "ics_done", lang, done=long_date(entry.done, lang)) if state == "done" \
            else text("status", "not-required", lang)
        event.add("summary", f"{title} ({subject}): {done}")
    event.add("description", _description(rule, entry, lang))
    if rule is not None and rule.source.get("url"):
        event.add("url", rule.source["url"])
    event.add("categories", ["Poortwachter"])
    if state == "todo":
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", timedelta(days=-7))
        alarm.add("description", text("ui", "reminder", lang, title=title, due=long_date(entry.due, lang)))
        event.add_component(alarm)
    return event


def to_ics(subject: str, key: str, entries, rules: dict, lang: str, include_done: bool = False,
           stamp=None) -> bytes:
    """The iCalendar file of ``entries`` (timeline entries, sorted) of one subject; ``key`` makes the UIDs."""
    from icalendar import Calendar, vText

    subject = " ".join(subject.split())  # a title is one line, whatever the id holds
    stamp = stamp or stamp_now()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", vText(f"Poortwachter {subject}"))  # vText: escaped like SUMMARY
    seen: dict = {}
    for entry in entries:
        if entry.due is None:
            continue
        seen[entry.step] = number = seen.get(entry.step, 0) + 1
        if _state(entry) != "todo" and not include_done:
            continue
        calendar.add_component(_event(entry, rules.get(entry.step), subject, key, number, stamp, lang))
    return calendar.to_ical()
