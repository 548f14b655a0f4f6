"""Capacities, task selectors and policy conditions: the vocabulary of constraint params.

A *capacity* is a list of matchers, any of which may match an actor; a *matcher*
is a mapping of conditions that must all hold, each condition a list of names of
which the actor needs one:

    - {role: [casemanager_taakdelegatie]}
    - {performs: [uitvraag_taakdelegatie]}
    - {role: [casemanager], acts_for: [verzekeraar]}

When an actor matches, the *witness* is the graph path from the actor that shows
it, e.g. ``actor:anna -performs-> task:regie_re_integratie -belongs_to-> side:werkgever``.
A matcher with several conditions shows the path of its first condition in
:data:`CONDITIONS` order. No networkx here: only :class:`~checker.roles.graph.RoleGraph` queries.
"""
from __future__ import annotations

from .labels import ACTOR, QUADRANT, ROLE, SIDE, TASK, TITLE, name_of, node, path_key

#: condition -> the vocabulary section its names come from (None: free names)
CONDITIONS = {
    "performs": "tasks",
    "acts_for": "sides",
    "title": "titles",
    "quadrant": "quadrants",
    "department": None,
    "employer_type": "organisation_types",
    "role": "roles",
    "delegated_by": "roles",
}
_NAMES = {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1, "uniqueItems": True}
MATCHER_SCHEMA = {"type": "object", "additionalProperties": False, "minProperties": 1,
                  "properties": {name: _NAMES for name in CONDITIONS}}
CAPACITY_SCHEMA = {"type": "array", "items": MATCHER_SCHEMA, "minItems": 1}
#: tasks that satisfy every condition given; {} selects none
TASK_SELECTOR_SCHEMA = {"type": "object", "additionalProperties": False, "properties": {
    "tasks": _NAMES, "side": _NAMES, "medical": {"type": "boolean"},
    "mandatory": {"type": "boolean"}, "reserved": {"type": "boolean"}}}
#: policy facts a rule can depend on; a dossier has none, so a `when` never holds there
WHEN_SCHEMA = {"type": "object", "additionalProperties": False, "minProperties": 1, "properties": {
    "regeling": _NAMES, "verzekering": _NAMES}}


def select_tasks(vocab, selector) -> list:
    """Sorted task names matching every condition of ``selector`` ({} or None: none)."""
    if not selector:
        return []
    names = selector.get("tasks")
    found = []
    for name, task in sorted(vocab.tasks.items()):
        if names is not None and name not in names:
            continue
        if "side" in selector and task["side"] not in selector["side"]:
            continue
        if any(key in selector and bool(task.get(key)) != selector[key] for key in ("medical", "mandatory")):
            continue
        if "reserved" in selector and bool(task.get("reserved_to")) != selector["reserved"]:
            continue
        found.append(name)
    return found


def holds(graph, when) -> bool:
    """Whether the graph's policy facts satisfy ``when`` (no ``when``: always)."""
    return not when or all(graph.facts.get(key) in values for key, values in when.items())


#: the order conditions are evaluated in: cheap attribute checks before graph walks,
#: so a matcher fails fast (the witness still comes from the first in CONDITIONS order)
_EVALUATION_ORDER = ("role", "quadrant", "title", "department", "employer_type", "delegated_by", "performs",
                     "acts_for")


class CompiledCapacity:
    """A capacity prepared once for many actors: per matcher, its conditions in
    evaluation order with their names as label sets, and the condition its witness
    comes from. Profiled on a 190,000-actor policy: re-reading the matcher dicts and
    rebuilding node labels for every actor was half the time of a constraint."""

    __slots__ = ("matchers",)

    def __init__(self, capacity) -> None:
        self.matchers = []
        for matcher in capacity:
            steps = tuple((key, _CONDITION[key], _PREPARE.get(key, frozenset)(matcher[key]))
                          for key in _EVALUATION_ORDER if key in matcher)
            shown = next(key for key in CONDITIONS if key in matcher)
            self.matchers.append((steps, shown))


def compiled(capacity) -> CompiledCapacity:
    """``capacity`` prepared for :func:`witnesses` (compile once, outside a loop over actors)."""
    return capacity if isinstance(capacity, CompiledCapacity) else CompiledCapacity(capacity)


def witnesses(graph, actor: str, capacity) -> list:
    """Every witness path of ``capacity`` (a list of matchers or a :func:`compiled` one)
    for ``actor``, best first (empty: no match)."""
    found = []
    for steps, shown in compiled(capacity).matchers:
        paths = {}
        for key, condition, names in steps:
            paths[key] = condition(graph, actor, names)
            if not paths[key]:
                break
        else:
            found.extend(paths[shown])
    if len(found) <= 1:  # the common case: no match or one witness, nothing to order
        return found
    return sorted(set(found), key=path_key)


def candidates(graph, capacity):
    """The actors that may match ``capacity``, sorted: found through the graph's edges
    (performers of a task, holders of a role or title, members of a department, those
    who can reach a side, ...) instead of by visiting every actor. None when some matcher
    has only conditions that cannot be looked up that way. A superset is fine: the
    witnesses decide."""
    found = set()
    for matcher in capacity:
        key = next((k for k in _INDEXED if k in matcher), None)
        if key is None:
            return None
        for name in matcher[key]:
            found |= _INDEXED[key](graph, name)
    return sorted(a for a in found if a.startswith(ACTOR + ":"))


# Each condition takes the names as prepared by _PREPARE (default: a frozenset of them).
def _task_labels(names) -> tuple:
    return tuple((t, node(TASK, t)) for t in names)


def _performs(graph, actor, tasks):
    return [(actor, "performs", label, "belongs_to", graph.task_side(t))
            for t, label in tasks if graph.has(actor, "performs", label)]


def _acts_for(graph, actor, sides):
    return [path for side, path in graph.sides_of(actor).items() if side in sides]


def _title(graph, actor, titles):
    paths = []
    for label in titles:
        if graph.has(actor, "holds", label):
            strengthens = graph.targets(label, "strengthens")
            paths.append((actor, "holds", label) + (("strengthens", strengthens[0]) if strengthens else ()))
    return paths


def _quadrant(graph, actor, quadrants):
    quadrant = graph.quadrant_of(actor)
    return [(actor, "in_quadrant", quadrant)] if quadrant in quadrants else []


def _department(graph, actor, names):
    return [(actor, "works_in", dept, "part_of", org) for dept in graph.targets(actor, "works_in")
            if name_of(dept).rsplit("/", 1)[-1] in names for org in graph.targets(dept, "part_of")]


def _employer_type(graph, actor, names):
    return [(actor, "employed_by", org) for org in graph.targets(actor, "employed_by")
            if graph.attr(org, "type") in names]


def _delegated_by(graph, actor, names):
    return [(actor, "delegated_by", principal, "has_role", node(ROLE, graph.attr(principal, "role")))
            for principal in graph.targets(actor, "delegated_by") if graph.attr(principal, "role") in names]


def _role(graph, actor, names):
    role = graph.attr(actor, "role")
    return [(actor, "has_role", node(ROLE, role))] if role in names else []


def _labels(kind: str):
    return lambda names: frozenset(node(kind, name) for name in names)


#: condition -> (graph, one of its names) -> the nodes that may meet it, found through the
#: graph's edges; in order of preference (the cheapest lookup first)
_INDEXED = {
    "role": lambda graph, name: graph.source_set(node(ROLE, name), "has_role"),
    "performs": lambda graph, name: graph.source_set(node(TASK, name), "performs"),
    "title": lambda graph, name: graph.source_set(node(TITLE, name), "holds"),
    "quadrant": lambda graph, name: graph.source_set(node(QUADRANT, name), "in_quadrant"),
    "department": lambda graph, name: set().union(*(graph.source_set(dept, "works_in")
                                                   for dept in graph.departments().get(name, ()))),
    # whoever can reach the side over side edges: a superset, since an explicit edge overrides
    "acts_for": lambda graph, name: graph.may_act_for(node(SIDE, name)),
}
_CONDITION = {"performs": _performs, "acts_for": _acts_for, "title": _title, "quadrant": _quadrant,
              "department": _department, "employer_type": _employer_type, "role": _role,
              "delegated_by": _delegated_by}
#: how a condition's names are prepared for it (others: a frozenset of the names)
_PREPARE = {"performs": _task_labels, "acts_for": _labels(SIDE), "title": lambda names: tuple(
    node(TITLE, t) for t in names), "quadrant": _labels(QUADRANT)}


def subject_of(path: tuple) -> str:
    """What a witness is about, for messages: the first node after the actor (its name)."""
    return name_of(path[2]) if len(path) > 2 else name_of(path[0])

