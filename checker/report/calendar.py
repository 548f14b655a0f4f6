"""Rendering a deadline calendar (``verzuimcheck calendar``) as a table or JSON."""
from __future__ import annotations

import json

from ..messages import localized, text
from ..model.dates import iso


def plan_to_dict(plan, rules) -> dict:
    steps = []
    for entry in plan.steps:
        step = {"step": entry.step, "due": iso(entry.due)}
        if entry.window_start:
            step["window_start"] = iso(entry.window_start)
        if plan.as_of is not None:  # a dossier's calendar is its audit timeline: say where each step stands
            step.update(status=entry.status, done=iso(entry.done))
        steps.append(step)
    data = {
        "kind": "calendar",
        "first_sick_day": iso(plan.start),
        "steps": steps,
        "wachttijd_last_day": iso(plan.facts["wachttijd_last_day"]),
        "wachttijd_first_day_after": iso(plan.facts["wachttijd_first_day_after"]),
        "max_loonsanctie_end": iso(plan.facts["max_loonsanctie_end"]),
        "max_loonsanctie_until": iso(plan.facts["max_loonsanctie_until"]),
    }
    if plan.facts.get("leave"):
        data["leave"] = [{"from": iso(s), "to": iso(e)} for s, e in plan.facts["leave"]]
    if plan.subject:
        data["subject"] = plan.subject
        data["file"] = plan.file
    if plan.as_of is not None:
        data["as_of"] = iso(plan.as_of)
        data["periods"] = plan.periods
    if plan.adjustments:
        data["adjustments"] = [a.to_dict() for a in plan.adjustments]
    return data


def report_json(plans, rules, stream, lang) -> None:
    objects = [plan_to_dict(p, rules) for p in plans]
    json.dump(objects[0] if len(objects) == 1 else objects, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def calendar_title(plan, lang: str) -> str:
    """The table's title: the dossier, its as-of date and its samentelling, or the first sick day."""
    from .render import day_text

    first = day_text(plan.start, lang)
    if plan.as_of is None:
        return text("ui", "calendar_title", lang, first=first)
    title = text("next", "calendar_dossier_title", lang, subject=plan.subject, file=plan.file,
                 as_of=day_text(plan.as_of, lang))
    detail = (text("next", "calendar_samentelling", lang, count=plan.periods, first=first) if plan.periods > 1
              else text("next", "calendar_no_samentelling", lang, first=first))
    return f"{title}; {detail}"


def report_table(plans, rules, stream, lang, width: int | None = None) -> None:
    from rich.text import Text

    from .render import day_text, timeline_status
    from .table import NARROW, _date_width, make_console, make_table

    console = make_console(stream, width)
    narrow = console.width < NARROW
    for plan in plans:
        table = make_table(calendar_title(plan, lang), narrow)
        table.add_column(text("ui", "what", lang), ratio=1, min_width=max((len(e.step) for e in plan.steps), default=10))
        if not narrow:
            table.add_column(text("ui", "window", lang), no_wrap=True)
        table.add_column(text("ui", "due", lang), no_wrap=not narrow, width=_date_width(lang) if narrow else None)
        if plan.as_of is not None:
            table.add_column(text("ui", "status", lang), max_width=12)
        for entry in plan.steps:
            rule = rules.get(entry.step)
            title = localized(rule.title, lang) if rule else entry.step
            due = Text(day_text(entry.due, lang))
            if narrow and entry.window_start:
                due.append("\n" + text("next", "window", lang, date=iso(entry.window_start)), "dim")
            cells = [Text.assemble((title, "bold"), "\n", (entry.step, "dim"))]
            if not narrow:
                cells.append(iso(entry.window_start) or "")
            cells.append(due)
            if plan.as_of is not None:
                cells.append(timeline_status(entry, lang))
            table.add_row(*cells)
        blank = [""] if plan.as_of is not None else []
        for start, end in plan.facts.get("leave", ()):  # leave: from (window column) to (due column)
            table.add_row(text("ui", "leave", lang), *([] if narrow else [iso(start)]),
                          iso(end) if not narrow else f"{iso(start)} – {iso(end)}", *blank)
        for key in ("wachttijd_last_day", "wachttijd_first_day_after", "max_loonsanctie_end", "max_loonsanctie_until"):
            table.add_row(text("ui", key, lang), *([] if narrow else [""]), day_text(plan.facts[key], lang), *blank)
        console.print(table)
        for adjustment in plan.adjustments:  # what --rules packs changed, with their reasons
            from .render import adjustment_text

            console.print(adjustment_text(adjustment, lang), soft_wrap=True)


CALENDAR_REPORTERS = {"table": report_table, "json": report_json}
