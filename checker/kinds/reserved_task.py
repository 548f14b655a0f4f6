"""Kind ``reserved_task``: a task reserved to some roles, performed by an actor in another role.

Which roles may perform a task is vocabulary: ``reserved_to`` in roles/tasks.yaml
(the probleemanalyse to the bedrijfsarts; the uitvraag to the bedrijfsarts and
the casemanager in taakdelegatie). One finding per actor and task; the evidence:

    role:casemanager -role_of-> actor:anna -performs-> task:probleemanalyse -reserved_to-> role:bedrijfsarts

params:
  tasks: {reserved: true}      # a task selector; default: every reserved task
  participants: [werknemer]    # roles that take part in any task without performing it
                               # (the employee at the consultation for his own probleemanalyse)
Message placeholders: {actors}, {task}, {role}, {reserved_to}.
"""
from __future__ import annotations

from ..roles.labels import ROLE, TASK, name_of, node
from ..roles.match import TASK_SELECTOR_SCHEMA, select_tasks
from ..roles.names import selector_checks, unknown_names
from .base import Outcome

KIND = "reserved_task"
SUBJECTS = ("dossier", "policy")
PARAMS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "tasks": TASK_SELECTOR_SCHEMA,
        "participants": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
    },
}
DEFAULT_SELECTOR = {"reserved": True}


def check_names(document, vocab) -> list:
    params = document.data["params"]
    return unknown_names(document, vocab, selector_checks(("tasks",), params.get("tasks"))
                         + [(("participants",), "roles", params.get("participants", []))])


def check(rule, ctx):
    graph = getattr(ctx, "role_graph", None)
    if graph is None:
        return
    participants = set(rule.params.get("participants", ()))
    for task in select_tasks(graph.vocab, rule.params.get("tasks", DEFAULT_SELECTOR)):
        allowed = sorted(graph.vocab.tasks[task].get("reserved_to", ()))
        if not allowed:
            continue
        label = node(TASK, task)
        for actor in graph.sources(label, "performs"):
            role = graph.attr(actor, "role")
            if role in allowed or role in participants:
                continue
            evidence = (node(ROLE, role), "role_of", actor, "performs", label, "reserved_to", node(ROLE, allowed[0]))
            yield Outcome("conflict", actors=(name_of(actor),), evidence=evidence, timeline=False,
                          params=(("reserved_to", ", ".join(allowed)), ("role", role), ("task", task)))
