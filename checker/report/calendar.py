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
    return data


def report_json(plans, rules, stream, lang) -> None:
    objects = [plan_to_dict(p, rules) for p in plans]
    json.dump(objects[0] if len(objects) == 1 else objects, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def report_table(plans, rules, stream, lang) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=stream, width=140, highlight=False, markup=False)
    for plan in plans:
        table = Table(title=text("ui", "calendar_title", lang, first=iso(plan.start)))
        for key in ("step", "what", "window", "due"):
            table.add_column(text("ui", key, lang))
        for entry in plan.steps:
            rule = rules.get(entry.step)
            table.add_row(entry.step, localized(rule.title, lang) if rule else "", iso(entry.window_start) or "",
                          iso(entry.due))
        for start, end in plan.facts.get("leave", ()):
            table.add_row("", text("ui", "leave", lang), iso(start), iso(end))
        for key in ("wachttijd_last_day", "wachttijd_first_day_after", "max_loonsanctie_end", "max_loonsanctie_until"):
            table.add_row("", text("ui", key, lang), "", iso(plan.facts[key]))
        console.print(table)


CALENDAR_REPORTERS = {"table": report_table, "json": report_json}
