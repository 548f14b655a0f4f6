"""The role graph: who performs what, for whom, employed by whom, receiving which data.

A :class:`RoleGraph` wraps a networkx ``DiGraph`` whose nodes are labels
(``actor:anna``, see :mod:`checker.roles.labels`) and whose edges carry their
labels as attribute keys (``{"performs": True}``); one pair of nodes may carry
several (an actor can be employed by and act for the same organisation).
Every query that returns several nodes returns them sorted, so nothing built on
the graph depends on insertion order. Built by :mod:`checker.roles.build`.
"""
from __future__ import annotations

from functools import cached_property

from .labels import ACTOR, SIDE, kind_of, node, path_key

#: edges that say on whose behalf a node works, strongest first (docs/roles.md, "sides")
EXPLICIT_SIDE_EDGES = ("acts_for", "delegated_by")
FALLBACK_SIDE_EDGES = ("in_quadrant", "has_role")


class PlainDiGraph:
    """The part of networkx's DiGraph a dossier's graph uses, as plain dicts.

    A dossier's role graph is small and read only through RoleGraph's queries (no graph
    algorithm, no drawing), so it needs neither networkx's import (half a second of a
    one-dossier run) nor its per-edge overhead. Same attribute names and semantics:
    ``_node``, ``_succ``, ``_pred``, ``add_node``, ``add_edge`` (attributes merged),
    ``add_edges_from``, ``edges()``, ``nodes[label]``, ``in``, iteration. Policies keep networkx.
    """

    def __init__(self) -> None:
        self._node: dict = {}
        self._succ: dict = {}
        self._pred: dict = {}

    @property
    def nodes(self) -> dict:
        return self._node

    def __contains__(self, label) -> bool:
        return label in self._node

    def __iter__(self):
        return iter(self._node)

    def add_node(self, label, **attrs) -> None:
        if label not in self._node:
            self._node[label] = {}
            self._succ[label] = {}
            self._pred[label] = {}
        self._node[label].update(attrs)

    def add_edge(self, source, target, **attrs) -> None:
        for end in (source, target):
            if end not in self._node:
                self.add_node(end)
        data = self._succ[source].get(target)
        if data is None:
            data = self._succ[source][target] = self._pred[target][source] = {}
        data.update(attrs)

    def add_edges_from(self, edges) -> None:
        for source, target, attrs in edges:
            self.add_edge(source, target, **attrs)

    def edges(self, data: bool = False):
        """(source, target[, attributes]) of every edge, as networkx's ``edges()``."""
        return [(s, t, d) if data else (s, t) for s, targets in self._succ.items() for t, d in targets.items()]


class RoleGraph:
    """A graph of one organisation policy (networkx) or dossier (:class:`PlainDiGraph`),
    with the queries the kinds need."""

    def __init__(self, vocab, facts: dict | None = None, plain: bool = False) -> None:
        if plain:
            self.nx = PlainDiGraph()
        else:
            import networkx as nx  # imported where needed: a dossier never needs it

            self.nx = nx.DiGraph()
        # networkx's own adjacency dicts (node -> neighbour -> edge data): reading them
        # directly instead of through its views keeps the per-actor queries fast
        self._succ, self._pred = self.nx._succ, self.nx._pred
        self.vocab = vocab
        self.facts = dict(facts or {})
        self._sides: dict = {}
        # (actor, task) -> [(date, performers)]: the dossier events in which the actor
        # performed the task, with everybody who performed it on that occasion
        self._occasions: dict = {}

    @classmethod
    def copy_of(cls, template: "RoleGraph") -> "RoleGraph":
        """A new graph starting as a copy of ``template`` (nodes, edges, attributes, facts):
        copying the adjacency dicts directly is several times faster than networkx's copy()."""
        graph = cls(template.vocab, template.facts, plain=isinstance(template.nx, PlainDiGraph))
        graph.nx._node.update((n, dict(data)) for n, data in template.nx._node.items())
        graph._succ.update((n, {m: dict(d) for m, d in nbrs.items()}) for n, nbrs in template._succ.items())
        # one dict per edge, shared by both directions (as networkx does)
        graph._pred.update((n, {m: graph._succ[m][n] for m in nbrs}) for n, nbrs in template._pred.items())
        for (actor, task), found in template._occasions.items():
            graph._occasions[actor, task] = list(found)
        return graph

    # -- building -----------------------------------------------------------
    def add_node(self, label: str, **attrs) -> str:
        self.nx.add_node(label, kind=kind_of(label), **attrs)
        return label

    def add(self, source: str, label: str, target: str) -> None:
        """Add edge ``source -label-> target`` (nodes are created as needed)."""
        for end in (source, target):
            if end not in self.nx:
                self.add_node(end)
        self.nx.add_edge(source, target, **{label: True})

    def add_many(self, label: str, pairs) -> None:
        """Bulk ``add`` for edges whose nodes already exist (fast path for large policies)."""
        self.nx.add_edges_from((s, t, {label: True}) for s, t in pairs)

    def add_occasion(self, actor: str, task: str, when, performers) -> None:
        """Record that ``actor`` performed ``task`` on ``when`` together with ``performers``
        (a dossier event; its ``performs`` edge is added too)."""
        self.add(actor, "performs", task)
        self._occasions.setdefault((actor, task), []).append((when, tuple(sorted(performers))))

    # -- queries ------------------------------------------------------------
    def occasions(self, actor: str, task: str) -> list:
        """(date, performers) of every time ``actor`` performed ``task``, earliest first.

        A policy has no events: its one occasion is ``(None, None)``, undated, with every
        performer of the task (``sources(task, "performs")``) taking part."""
        found = self._occasions.get((actor, task))
        if found:
            return sorted(found)
        return [(None, None)]

    def date_of(self, path: tuple):
        """The date an evidence path became true in a dossier: the latest of the first dates of
        the events it walks (``performs`` steps); None for a policy or a path without events."""
        dates = []
        for i in range(1, len(path) - 1, 2):
            left, label, right = path[i - 1:i + 2]
            if label in ("performs", "performed_by"):
                actor, task = (left, right) if label == "performs" else (right, left)
                first = self.occasions(actor, task)[0][0]
                if first is not None:
                    dates.append(first)
        return max(dates) if dates else None

    def __contains__(self, label: str) -> bool:
        return label in self.nx

    def attr(self, label: str, key: str, default=None):
        return self.nx.nodes[label].get(key, default) if label in self.nx else default

    def has(self, source: str, label: str, target: str) -> bool:
        data = self._succ.get(source, {}).get(target)
        return bool(data and data.get(label))

    def targets(self, source: str, label: str) -> list:
        found = [t for t, data in self._succ.get(source, {}).items() if label in data]
        if len(found) > 1:  # most nodes have one target per label: nothing to sort (profiled on huge policies)
            found.sort()
        return found

    def sources(self, target: str, label: str) -> list:
        return sorted(self.source_set(target, label))

    def source_set(self, target: str, label: str) -> set:
        """Like ``sources``, unsorted: for lookups and set algebra, never for output order."""
        return {s for s, data in self._pred.get(target, {}).items() if label in data}

    def has_source(self, target: str, label: str) -> bool:
        return any(label in data for data in self._pred.get(target, {}).values())

    @cached_property
    def actors(self) -> tuple:
        """Every actor node, sorted. Read after the graph is built."""
        return tuple(sorted(n for n in self._succ if kind_of(n) == ACTOR))

    def quadrant_of(self, actor: str) -> str | None:
        found = self.targets(actor, "in_quadrant")
        return found[0] if found else None

    def task_side(self, task_name: str) -> str:
        return node(SIDE, self.vocab.tasks[task_name]["side"])

    # -- sides --------------------------------------------------------------
    def sides_of(self, label: str) -> dict:
        """Side label -> shortest path from ``label`` to it, for every side it works for.

        Explicit ``acts_for``/``delegated_by`` edges decide; an actor without them
        works for its quadrant's side, else for its role's side. Contracting chains
        (actor -> organisation -> organisation -> side) are followed to the end.
        """
        if label not in self._sides:
            self._resolve_sides(label)
        return self._sides[label]

    def _resolve_sides(self, label: str) -> None:
        """Compute ``sides_of(label)`` and of everything it depends on, without recursion:
        a contracting or delegation chain may be as long as the input (a trampoline of
        generators stands in for the call stack; each asks for the sides of a target
        by yielding it). A label being computed counts as having no sides, which
        guards against cycles exactly as the recursive version did."""
        self._sides[label] = {}
        stack = [(label, self._compute_sides(label))]
        answer = None
        while stack:
            current, steps = stack[-1]
            try:
                target = steps.send(answer)
            except StopIteration as done:
                self._sides[current] = done.value
                stack.pop()
                answer = done.value
                continue
            if target in self._sides:
                answer = self._sides[target]
            else:
                self._sides[target] = {}
                stack.append((target, self._compute_sides(target)))
                answer = None

    def _compute_sides(self, label: str):
        if kind_of(label) == SIDE:
            return {label: (label,)}
        for edges in (EXPLICIT_SIDE_EDGES,) + tuple((e,) for e in FALLBACK_SIDE_EDGES):
            found = yield from self._sides_via(label, edges)
            if found:
                return found
        return {}

    def _sides_via(self, label: str, edges: tuple):
        best: dict = {}
        for edge in edges:
            for target in self.targets(label, edge):
                sides = yield target
                for side, path in sides.items():
                    candidate = (label, edge) + path
                    if side not in best or path_key(candidate) < path_key(best[side]):
                        best[side] = candidate
        return best


def graph_from_dossier(dossier, vocab, events=None) -> RoleGraph:
    """The role graph of who did what in a dossier, counting ``events`` (default: all)."""
    from .build import graph_from_dossier as build

    return build(dossier, vocab, events)


def graph_from_policy(policy, vocab) -> RoleGraph:
    """The role graph of an organisation policy (see :mod:`checker.roles.build`)."""
    from .build import graph_from_policy as build

    return build(policy, vocab)
