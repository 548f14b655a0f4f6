"""Kind ``task_staffed``: a task the organisation policy gives to nobody (policy only).

Every task the selector picks (minus ``exclude``) must have at least one
performer in the policy's ``tasks:`` section; one ``missing`` finding per task,
with the task and its side as evidence (``task:ziekmelding_uwv -belongs_to->
side:werkgever``). In a dossier a missing step is the Wvp rules' business, so
this kind does not run there.

params:
  tasks: {mandatory: true, side: [werkgever, bedrijfsarts]}   # a task selector
  exclude: [regie_re_integratie]                              # reported by another rule
Message placeholders: {task}, {task_source} (where the task is laid down).
"""
from __future__ import annotations

from ..roles.labels import TASK, node
from ..roles.match import TASK_SELECTOR_SCHEMA, select_tasks
from ..roles.names import selector_checks, unknown_names
from .base import Outcome

KIND = "task_staffed"
SUBJECTS = ("policy",)
USES_ROLE_GRAPH = True  # the engine skips it for a dossier that names nobody but the employee
PARAMS_SCHEMA = {
    "type": "object",
    "required": ["tasks"],
    "additionalProperties": False,
    "properties": {
        "tasks": TASK_SELECTOR_SCHEMA,
        "exclude": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
    },
}


def check_names(document, vocab) -> list:
    params = document.data["params"]
    return unknown_names(document, vocab, selector_checks(("tasks",), params["tasks"])
                         + [(("exclude",), "tasks", params.get("exclude", []))])


def check(rule, ctx):
    graph = ctx.role_graph
    exclude = set(rule.params.get("exclude", ()))
    for task in select_tasks(graph.vocab, rule.params["tasks"]):
        label = node(TASK, task)
        if task in exclude or graph.has_source(label, "performs"):
            continue
        entry = graph.vocab.tasks[task]
        yield Outcome("missing", evidence=(label, "belongs_to", graph.task_side(task)), timeline=False,
                      params=(("task", task), ("task_source", _citation(entry.get("source", {})))))


def _citation(source) -> str:
    return ", ".join(v for v in (source.get("document"), source.get("article")) if v)
