"""The register's view (``batch --by registration``): per registered professional.

An actor with ``registration: {register, number}`` is the same professional in every
dossier and policy that names that number. For each, over all inputs: the
organisations they work for or in, the dossiers and policies they appear in, their
roles, the tasks they perform there, their registered titles, and the findings that
name them (``rol.titel-past-niet`` compares the titles with what they do).

A worker extracts :class:`Appearance` records from one audited record; the summary
merges them. Memory grows with the number of registered professionals, not records;
the lists of subjects and findings kept per professional are capped (all are counted).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..api import is_policy

LISTED = 50


@dataclass(frozen=True)
class Appearance:
    register: str
    number: str
    organisation: str
    subject: str
    role: str
    titles: tuple
    tasks: tuple
    findings: tuple  # (subject, rule, severity, status)


def people_in(data: dict, result: dict) -> tuple:
    """Every registered actor of one audited dossier or policy, as Appearances."""
    policy = is_policy(data)
    home = data.get("organisation") if policy else data.get("employer")
    tasks = _tasks_by_actor(data, policy)
    found = []
    for actor in data.get("actors", ()):
        registration = actor.get("registration")
        if not registration:
            continue
        named = tuple((result["subject"], f["rule"], f["severity"], f["status"])
                      for f in result["findings"] if actor["id"] in f["actors"])
        found.append(Appearance(registration["register"], str(registration["number"]),
                                actor.get("employer") or home, result["subject"], actor["role"],
                                tuple(actor.get("titles", ())), tuple(sorted(tasks.get(actor["id"], ()))), named))
    return tuple(found)


def _tasks_by_actor(data: dict, policy: bool) -> dict:
    tasks: dict = {}
    if policy:
        for task, who in data.get("tasks", {}).items():
            for actor in who:
                tasks.setdefault(actor, set()).add(task)
        return tasks
    for event in data.get("events", ()):
        by = event.get("by", ())
        for actor in [by] if isinstance(by, str) else by:
            tasks.setdefault(actor, set()).add(event["type"])
    return tasks


def merge(people: dict, person: Appearance, brief) -> None:
    entry = people.setdefault((person.register, person.number), {
        "organisations": set(), "subjects": [], "appearances": 0, "roles": set(), "tasks": set(),
        "titles": set(), "findings": [], "finding_count": 0, "title_misfits": 0})
    entry["organisations"].add(person.organisation)
    entry["appearances"] += 1
    if len(entry["subjects"]) < LISTED:
        entry["subjects"].append(person.subject)
    entry["roles"].add(person.role)
    entry["tasks"].update(person.tasks)
    entry["titles"].update(person.titles)
    entry["finding_count"] += len(person.findings)
    entry["title_misfits"] += sum(1 for f in person.findings if f[1] == "rol.titel-past-niet")
    room = LISTED - len(entry["findings"])
    entry["findings"].extend(person.findings[:max(room, 0)])


def to_dicts(people: dict) -> list:
    """One JSON object per professional, sorted by register and number (docs/batch.md)."""
    return [{"register": register, "number": number, "organisations": sorted(e["organisations"]),
             "dossiers": e["appearances"], "subjects": e["subjects"], "roles": sorted(e["roles"]),
             "tasks": sorted(e["tasks"]), "titles": sorted(e["titles"]),
             "findings": [{"subject": s, "rule": r, "severity": v, "status": t} for s, r, v, t in e["findings"]],
             "finding_count": e["finding_count"], "title_misfits": e["title_misfits"]}
            for (register, number), e in sorted(people.items())]
