"""Kind ``title_fit``: registered titles against the work their holder does.

Each title (roles/titles.yaml) ``allows`` some tasks (a task selector: a werkgever
title the werkgever's tasks, CMTD the bedrijfsarts' taakdelegatie). For the tasks
the rule names (``tasks``: work that needs a title allowing it, the taakdelegatie),
a conflict is (one finding per actor and task, or per actor and title):

- one of those tasks done by a registered professional (someone holding a title) or by
  someone in one of the ``roles``, with no title that allows it: a werkgever title in the
  taakdelegatie, or taakdelegatie work without the taakdelegatie title (a line manager
  without any title doing it is rol.voorbehouden-taak's concern, not this rule's)

      side:werkgever -strengthened_by-> title:ROV -held_by-> actor:anna
          -performs-> task:uitvraag_taakdelegatie -belongs_to-> side:bedrijfsarts

- someone in one of the ``roles`` (the CMTD role) who does none of those tasks yet and
  holds a title that allows none of them

      side:werkgever -strengthened_by-> title:RCM -held_by-> actor:sam -has_role-> role:casemanager_taakdelegatie

Actors matching ``exempt`` (the bedrijfsarts himself) are not checked.

params:
  tasks: {tasks: [uitvraag_taakdelegatie, registratie_gezondheidsgegevens]}
  roles: [casemanager_taakdelegatie]
  exempt: [{role: [bedrijfsarts, arbodienst]}]
Message placeholders: {actors}, {title} (empty when no title), {task}, {allowed} (titles that would fit).
"""
from __future__ import annotations

from ..roles.labels import ROLE, TASK, TITLE, name_of, node
from ..roles.match import CAPACITY_SCHEMA, TASK_SELECTOR_SCHEMA, compiled, select_tasks, witnesses
from ..roles.names import capacity_checks, selector_checks, unknown_names
from .base import Outcome

KIND = "title_fit"
SUBJECTS = ("dossier", "policy")
USES_ROLE_GRAPH = True  # the engine skips it for a dossier that names nobody but the employee
#: Placeholders this kind fills in a rule message, besides {due}, {date}, {actors}, {status}, {days}.
MESSAGE_PARAMS = ('allowed', 'task', 'title')
PARAMS_SCHEMA = {
    "type": "object",
    "required": ["tasks"],
    "additionalProperties": False,
    "properties": {
        "tasks": TASK_SELECTOR_SCHEMA,
        "roles": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
        "exempt": CAPACITY_SCHEMA,
    },
}


def check_names(document, vocab) -> list:
    params = document.data["params"]
    checks = selector_checks(("tasks",), params.get("tasks")) + capacity_checks(("exempt",), params.get("exempt"))
    checks.append((("roles",), "roles", params.get("roles", [])))
    return unknown_names(document, vocab, checks)


def allowed_tasks(vocab) -> dict:
    """Title -> the set of task names it allows (computed once per vocabulary)."""
    return vocab.memo("title-allows", lambda: {title: frozenset(select_tasks(vocab, entry.get("allows")))
                                              for title, entry in vocab.titles.items()})


def check(rule, ctx):
    graph = ctx.role_graph
    titled = select_tasks(graph.vocab, rule.params["tasks"])
    allows = allowed_tasks(graph.vocab)
    roles = set(rule.params.get("roles", ()))
    workers = {a for task in titled for a in graph.source_set(node(TASK, task), "performs")}
    workers |= {a for role in roles for a in graph.source_set(node(ROLE, role), "has_role")}
    exempt = compiled(rule.params["exempt"]) if rule.params.get("exempt") else None
    for actor in sorted(workers):
        if exempt and witnesses(graph, actor, exempt):
            continue
        held = [name_of(t) for t in graph.targets(actor, "holds")]
        if not held and graph.attr(actor, "role") not in roles:
            continue  # no registered title, not in a taakdelegatie role: rol.voorbehouden-taak's concern
        done = [name_of(t) for t in graph.targets(actor, "performs") if name_of(t) in titled]
        for task in done:
            if not any(task in allows.get(title, ()) for title in held):
                yield _unfit(graph, actor, held, (actor, "performs", node(TASK, task), "belongs_to",
                                                  graph.task_side(task)), task, _fitting(allows, task))
        if not done:  # in a taakdelegatie role, with titles that allow none of its work
            for title in held:
                if not allows.get(title, frozenset()).intersection(titled):
                    role = node(ROLE, graph.attr(actor, "role"))
                    yield _unfit(graph, actor, [title], (actor, "has_role", role), "",
                                 ", ".join(sorted(t for t, tasks in allows.items() if tasks.intersection(titled))))


def _unfit(graph, actor: str, held: list, path: tuple, task: str, fits: str) -> Outcome:
    """A finding whose evidence starts at the (first) title held, when there is one."""
    title = held[0] if held else ""
    if title:
        strengthens = graph.targets(node(TITLE, title), "strengthens")
        path = ((strengthens[0], "strengthened_by") if strengthens else ()) + (node(TITLE, title), "held_by") + path
    return _conflict(actor, path, ", ".join(held), task, fits, graph.date_of(path))


def _fitting(allows: dict, task: str) -> str:
    return ", ".join(sorted(title for title, tasks in allows.items() if task in tasks))


def _conflict(actor: str, evidence: tuple, title: str, task: str, fits: str, when=None) -> Outcome:
    return Outcome("conflict", actors=(name_of(actor),), evidence=evidence, timeline=False, date=when,
                   params=(("allowed", fits), ("task", task), ("title", title)))
