"""Kind ``reserved_task``: a task reserved to some roles, performed by an actor in another role.

Which roles may perform a task is vocabulary: ``reserved_to`` in roles/tasks.yaml
(the probleemanalyse to the bedrijfsarts; the uitvraag to the bedrijfsarts and
the casemanager in taakdelegatie). Who counts as such a role is a capacity in the
params (``capacities``; default: holding that role), so a casemanager working in
taakdelegatie of a bedrijfsarts counts as ``casemanager_taakdelegatie`` without
the Python knowing that name. ``assists`` lets a capacity take part in a task
reserved to another role when somebody in that role performs it on the same
occasion (the same dossier event; in a policy, among the task's performers): the
delegate who helps the bedrijfsarts prepare the probleemanalyse. One finding per
actor and task, dated (in a dossier) by the first event that breaks the reservation:

    role:casemanager -role_of-> actor:anna -performs-> task:probleemanalyse -reserved_to-> role:bedrijfsarts

The path ends at the role the actor needed: for a delegate acting alone, the role it
assists; else the last role ``reserved_to`` lists (the widest: for the uitvraag, the
casemanager in taakdelegatie).

params:
  tasks: {reserved: true}      # a task selector; default: every reserved task
  participants: [werknemer]    # roles that take part in any task without performing it
                               # (the employee at the consultation for his own probleemanalyse)
  capacities:                  # reserved_to role -> the capacity that counts as it
    casemanager_taakdelegatie: [{role: [casemanager_taakdelegatie]}, {role: [casemanager], delegated_by: [bedrijfsarts]}]
  assists:                     # reserved_to role -> the roles it may help on the same occasion
    casemanager_taakdelegatie: [bedrijfsarts]
Message placeholders: {actors}, {task}, {role}, {reserved_to}.
"""
from __future__ import annotations

from ..roles.labels import ROLE, TASK, name_of, node
from ..roles.match import CAPACITY_SCHEMA, TASK_SELECTOR_SCHEMA, compiled, select_tasks, witnesses
from ..roles.names import capacity_checks, selector_checks, unknown_names
from .base import Outcome

KIND = "reserved_task"
SUBJECTS = ("dossier", "policy")
USES_ROLE_GRAPH = True  # the engine skips it for a dossier that names nobody but the employee
#: Placeholders this kind fills in a rule message, besides {due}, {date}, {actors}, {status}, {days}.
MESSAGE_PARAMS = ('reserved_to', 'role', 'task')
_ROLES = {"type": "array", "items": {"type": "string"}, "uniqueItems": True}
PARAMS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "tasks": TASK_SELECTOR_SCHEMA,
        "participants": _ROLES,
        "capacities": {"type": "object", "additionalProperties": CAPACITY_SCHEMA},
        "assists": {"type": "object", "additionalProperties": {**_ROLES, "minItems": 1}},
    },
}
DEFAULT_SELECTOR = {"reserved": True}


def check_names(document, vocab) -> list:
    params = document.data["params"]
    checks = selector_checks(("tasks",), params.get("tasks")) + [
        (("participants",), "roles", params.get("participants", [])),
        (("capacities",), "roles", sorted(params.get("capacities", {}))),
        (("assists",), "roles", sorted(params.get("assists", {})))]
    for role, capacity in params.get("capacities", {}).items():
        checks += capacity_checks(("capacities", role), capacity)
    for role, helped in params.get("assists", {}).items():
        checks.append((("assists", role), "roles", helped))
    return unknown_names(document, vocab, checks)


def check(rule, ctx):
    graph = ctx.role_graph
    participants = set(rule.params.get("participants", ()))
    capacities = _Capacities(rule.params.get("capacities", {}))
    assists = rule.params.get("assists", {})
    for task in select_tasks(graph.vocab, rule.params.get("tasks", DEFAULT_SELECTOR)):
        reserved_to = list(graph.vocab.tasks[task].get("reserved_to", ()))
        if not reserved_to:
            continue
        label = node(TASK, task)
        performers = graph.sources(label, "performs")
        helpers = {}  # helped roles -> the performers of this task who count as one of them
        present: dict = {}  # (event's performers, helpers) -> how many helpers took part: once per event
        for actor in performers:
            role = graph.attr(actor, "role")
            if role in participants or any(_counts_as(graph, actor, r, capacities) for r in reserved_to):
                continue
            helped = tuple(r for a, roles in sorted(assists.items()) if _counts_as(graph, actor, a, capacities)
                           for r in reserved_to if r in roles)
            if helped not in helpers:
                helpers[helped] = {p for p in performers if any(_counts_as(graph, p, r, capacities) for r in helped)}
            when = _first_unassisted(graph, actor, label, helpers[helped], present)
            if when is False:
                continue
            needed = helped[0] if helped else reserved_to[-1]
            evidence = (node(ROLE, role), "role_of", actor, "performs", label, "reserved_to", node(ROLE, needed))
            yield Outcome("conflict", actors=(name_of(actor),), evidence=evidence, timeline=False, date=when,
                          params=(("reserved_to", ", ".join(sorted(reserved_to))), ("role", role), ("task", task)))


class _Capacities(dict):
    """Role -> the compiled capacity that counts as that role (default: holding the role),
    compiled on first use: once per rule, not per actor."""

    def __init__(self, given: dict) -> None:
        super().__init__()
        self.given = given

    def __missing__(self, role: str):
        found = self[role] = compiled(self.given.get(role, [{"role": [role]}]))
        return found


def _counts_as(graph, actor: str, role: str, capacities: _Capacities) -> bool:
    return bool(witnesses(graph, actor, capacities[role]))


def _first_unassisted(graph, actor: str, task: str, helped: set, present: dict):
    """The date of the first occasion on which ``actor`` performed ``task`` without one of
    ``helped`` (None: undated, a policy); False when every occasion had one of them too.

    Linear in the performers: an event's helpers are counted once per event (``present``,
    keyed by the event's shared performers tuple), not once per actor of the event, and
    ``helped`` is never copied per actor (both were k^2 for an event or task of k performers)."""
    self_counted = 1 if actor in helped else 0
    for when, together in graph.occasions(actor, task):
        if when is None:  # a policy: everybody who performs the task performs it together
            if len(helped) - self_counted == 0:
                return None
            continue
        key = (id(together), id(helped))
        if key not in present:
            present[key] = (together, sum(1 for p in together if p in helped))  # keeps the tuple alive for the id
        if present[key][1] - self_counted == 0:
            return when
    return False
