"""Building the role graph from an organisation policy or from a dossier.

Nodes: every side and task of the vocabulary (a task points at its side, the roles
it is reserved to and the data it produces), then the actors with their role,
employer (and department), titles, quadrant and whom they act for, the
organisations with their contracting chains, and who performs which task and
receives which data. A dossier adds its events: the ``by`` actors perform the
event's task; an appointment event's ``actor`` takes on the task it appoints.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager

from .graph import RoleGraph
from .labels import ACTOR, DATA, ELEMENT, ORG, QUADRANT, ROLE, SIDE, TASK, TITLE, node

EMPLOYER_TYPE = "werkgever"


@contextmanager
def collector_paused():
    """Pause CPython's cycle collector while a large graph is built.

    Building allocates millions of dicts and strings but no reference cycles, so the
    collector has nothing to find; its full passes over an ever larger heap are what
    made building a 200,000-actor policy grow faster than the input.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def graph_from_policy(policy, vocab) -> RoleGraph:
    with collector_paused():
        return _policy_graph(policy, vocab)


def _policy_graph(policy, vocab) -> RoleGraph:
    graph = RoleGraph(vocab, facts={"organisation": policy.organisation, "regeling": policy.regeling,
                                    "verzekering": policy.verzekering})
    add_vocabulary(graph, vocab)
    own = add_organisation(graph, vocab, policy.organisation, EMPLOYER_TYPE, None)
    for organisation in policy.organisations:
        add_organisation(graph, vocab, organisation.id, organisation.type, organisation.acts_for)
    # one label object per actor, reused for every edge: hashed once, compared by identity
    labels = {actor.id: add_actor(graph, vocab, actor, policy.organisation) for actor in policy.actors}
    for actor in policy.actors:  # after all actors exist: a delegate may be listed before its bedrijfsarts
        if actor.delegated_by:
            graph.add(labels[actor.id], "delegated_by", labels[actor.delegated_by])
    for task, performers in policy.tasks:
        target = node(TASK, task)
        graph.add_many("performs", ((labels[a], target) for a in performers))
    for category, receivers in policy.data:
        target = node(DATA, category)
        if target not in graph:
            graph.add_node(target)
        graph.add_many("receives", ((labels[a], target) for a in receivers))
    for element in policy.basiscontract:
        graph.add(own, "contracts", node(ELEMENT, element))
    return graph


def graph_from_dossier(dossier, vocab, events=None) -> RoleGraph:
    """The graph of a dossier; ``events`` (default: all) are the ones to count."""
    from ..model.dossier import Actor

    graph = RoleGraph.copy_of(vocab.memo("role-graph-vocabulary", lambda: vocabulary_graph(vocab)))
    add_organisation(graph, vocab, dossier.employer, EMPLOYER_TYPE, None)
    for actor in dossier.actors + (Actor(id=dossier.employee, role="werknemer"),):
        add_actor(graph, vocab, actor, dossier.employer)
    appointing = vocab.appointing_tasks()
    for event in dossier.events if events is None else events:
        performers = tuple(sorted({node(ACTOR, actor_id) for actor_id in event.by}))  # once per event, not per actor
        task = node(TASK, event.type)
        for actor in performers:
            graph.add_occasion(actor, task, event.date, performers)
        if event.actor and event.type in appointing:
            appointed = node(ACTOR, event.actor)
            graph.add_occasion(appointed, node(TASK, appointing[event.type]), event.date, (appointed,))
    return graph


def vocabulary_graph(vocab) -> RoleGraph:
    """The part of every dossier's graph that comes from the vocabulary alone (built once)."""
    graph = RoleGraph(vocab, plain=True)
    add_vocabulary(graph, vocab)
    return graph


def add_vocabulary(graph: RoleGraph, vocab) -> None:
    """Sides and tasks, with what the vocabulary says about each task."""
    for side, entry in sorted(vocab.sides.items()):
        graph.add_node(node(SIDE, side), core=bool(entry.get("core")))
    for side, entry in sorted(vocab.sides.items()):
        if entry.get("strengthens"):
            graph.add(node(SIDE, side), "strengthens", node(SIDE, entry["strengthens"]))
    for name, task in sorted(vocab.tasks.items()):
        label = graph.add_node(node(TASK, name), medical=bool(task.get("medical")))
        graph.add(label, "belongs_to", node(SIDE, task["side"]))
        for role in task.get("reserved_to", ()):
            add_role(graph, vocab, role)
            graph.add(label, "reserved_to", node(ROLE, role))
        for category in task.get("produces", ()):
            graph.add(label, "produces", node(DATA, category))


def add_role(graph: RoleGraph, vocab, role: str) -> str:
    label = node(ROLE, role)
    if label not in graph:
        graph.add_node(label)
        if role in vocab.roles:
            graph.add(label, "acts_for", node(SIDE, vocab.role_side(role)))
    return label


def add_organisation(graph: RoleGraph, vocab, org_id: str, org_type, acts_for) -> str:
    label = node(ORG, org_id)
    graph.add_node(label, type=org_type)
    default_side = vocab.organisation_types.get(org_type, {}).get("side") if org_type else None
    if acts_for:
        graph.add(label, "acts_for", node(SIDE if acts_for in vocab.sides else ORG, acts_for))
    elif default_side:
        graph.add(label, "acts_for", node(SIDE, default_side))
    return label


def add_actor(graph: RoleGraph, vocab, actor, default_employer: str) -> str:
    label = graph.add_node(node(ACTOR, actor.id), role=actor.role)
    shared = graph.shared  # what many actors point to, added once (a policy may list 200,000 actors)
    role = shared.get(("role", actor.role))
    if role is None:
        role = shared["role", actor.role] = add_role(graph, vocab, actor.role)
    graph.add(label, "has_role", role)
    employer = actor.employer or default_employer
    graph.add(label, "employed_by", node(ORG, employer))
    if actor.department:
        department = node(ORG, f"{employer}/{actor.department}")
        graph.add(label, "works_in", department)
        graph.add(department, "part_of", node(ORG, employer))
    for title in actor.titles:
        graph.add(label, "holds", node(TITLE, title))
        if title in vocab.titles:
            graph.add(node(TITLE, title), "strengthens", node(SIDE, vocab.titles[title]["strengthens"]))
    key = ("quadrant", actor.role, actor.quadrant)
    quadrant = shared.get(key)
    if quadrant is None:
        quadrant = shared[key] = _add_quadrant(graph, vocab, actor_quadrant(vocab, actor))
    if quadrant:
        graph.add(label, "in_quadrant", quadrant)
    if actor.acts_for:
        graph.add(label, "acts_for", node(SIDE if actor.acts_for in vocab.sides else ORG, actor.acts_for))
    return label


def _add_quadrant(graph: RoleGraph, vocab, quadrant: str | None) -> str:
    """The quadrant's node with the side it works for ("" for no quadrant)."""
    if not quadrant:
        return ""
    label = graph.add_node(node(QUADRANT, quadrant))
    side = vocab.quadrants[quadrant].get("side")
    if side:
        graph.add(label, "acts_for", node(SIDE, side))
    return label


def actor_quadrant(vocab, actor) -> str | None:
    """The actor's stated quadrant, else the one its role implies (roles/actor-roles.yaml)."""
    axes = actor.quadrant
    if axes is None:
        implied = vocab.roles.get(actor.role, {}).get("quadrant")
        axes = (implied["werkt"], implied["onder_bedrijfsarts"]) if implied else None
    return vocab.quadrant_name(*axes) if axes else None
