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

from .labels import ACTOR, ORG, SIDE, kind_of, name_of, node, path_key

#: edges that say on whose behalf a node works, strongest first (docs/roles.md, "sides")
EXPLICIT_SIDE_EDGES = ("acts_for", "delegated_by")
FALLBACK_SIDE_EDGES = ("in_quadrant", "has_role")
#: the groups of edges tried in turn: the explicit ones together, then each fallback alone
_SIDE_EDGE_GROUPS = (EXPLICIT_SIDE_EDGES,) + tuple((edge,) for edge in FALLBACK_SIDE_EDGES)
_SIDE_EDGES = EXPLICIT_SIDE_EDGES + FALLBACK_SIDE_EDGES

#: frozenset of edge labels -> the one attribute dict every edge with those labels shares
_EDGE_DATA: dict = {}
#: label -> the shared dict of an edge with that label alone (the common case, without a frozenset)
_SINGLE: dict = {}


class EdgeData(dict):
    """A read-only ``{label: True, ...}``: the attributes of every edge with those labels.

    Shared between edges and graphs, so changing one in place would change them all:
    every way of doing so raises (networkx's own ``add_edge`` on an existing edge
    included). Add labels with :meth:`RoleGraph.add`, which swaps in another shared dict.
    """

    __slots__ = ()

    def _refuse(self, *args, **kwargs):
        raise TypeError("role graph edge attributes are shared: add edges with RoleGraph.add")

    __setitem__ = __delitem__ = __ior__ = update = setdefault = pop = popitem = clear = _refuse

    def __reduce__(self):
        return edge_data, (tuple(self),)


def edge_data(labels) -> EdgeData:
    """The shared attribute dict ``{label: True, ...}`` for an edge carrying ``labels``.

    Edge attributes are only ever these flags, and a large policy has millions of edges
    with a handful of distinct label sets: one dict per set instead of one per edge
    (profiled on a 190,000-actor policy: about 140 MB of the graph's 300 MB were these
    dicts). Adding a label to an edge replaces its dict.
    """
    key = frozenset(labels)
    found = _EDGE_DATA.get(key)
    if found is None:
        found = _EDGE_DATA[key] = EdgeData(dict.fromkeys(sorted(key), True))
    return found


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
        data = dict(self._succ[source].get(target) or {})  # copy: edge dicts may be shared (edge_data)
        data.update(attrs)
        self._succ[source][target] = self._pred[target][source] = data

    def add_edges_from(self, edges) -> None:
        for source, target, attrs in edges:
            self.add_edge(source, target, **attrs)

    def edges(self, data: bool = False):
        """(source, target[, attributes]) of every edge, as networkx's ``edges()``."""
        return [(s, t, d) if data else (s, t) for s, targets in self._succ.items() for t, d in targets.items()]


class RoleGraph:
    """A graph of one organisation policy (networkx) or dossier (:class:`PlainDiGraph`),
    with the queries the kinds need.

    RoleGraph writes the adjacency dicts itself (``_node``, ``_succ``, ``_pred``, the
    structure networkx and PlainDiGraph share) instead of calling ``add_edge``: a policy
    of 190,000 actors spent most of its build time in networkx's per-call bookkeeping.
    Edge attribute dicts are shared (:func:`edge_data`): read them, never update them.
    """

    def __init__(self, vocab, facts: dict | None = None, plain: bool = False) -> None:
        if plain:
            self.nx = PlainDiGraph()
        else:
            import networkx as nx  # imported where needed: a dossier never needs it

            self.nx = nx.DiGraph()
        # networkx's own adjacency dicts (node -> neighbour -> edge data): reading them
        # directly instead of through its views keeps the per-actor queries fast
        self._node, self._succ, self._pred = self.nx._node, self.nx._succ, self.nx._pred
        self.vocab = vocab
        self.facts = dict(facts or {})
        self._sides: dict = {}
        self._departments = None
        #: (what, key) -> a node many actors share (their role, their quadrant), added once: roles/build.py
        self.shared: dict = {}
        self._reaching: dict = {}
        # (actor, task) -> [(date, performers)]: the dossier events in which the actor
        # performed the task, with everybody who performed it on that occasion
        self._occasions: dict = {}
        self._sorted: set = set()  # (actor, task) whose occasions are sorted

    @classmethod
    def copy_of(cls, template: "RoleGraph") -> "RoleGraph":
        """A new graph starting as a copy of ``template`` (nodes, edges, attributes, facts):
        copying the adjacency dicts directly is several times faster than networkx's copy()."""
        graph = cls(template.vocab, template.facts, plain=isinstance(template.nx, PlainDiGraph))
        graph._node.update((n, dict(data)) for n, data in template._node.items())
        # edge dicts are shared and never mutated (edge_data): the neighbour dicts are copied, not them
        graph._succ.update((n, dict(nbrs)) for n, nbrs in template._succ.items())
        graph._pred.update((n, dict(nbrs)) for n, nbrs in template._pred.items())
        for (actor, task), found in template._occasions.items():
            graph._occasions[actor, task] = list(found)
        return graph

    # -- building -----------------------------------------------------------
    def add_node(self, label: str, **attrs) -> str:
        found = self._node.get(label)
        if found is None:
            self._node[label] = {"kind": kind_of(label), **attrs}
            self._succ[label] = {}
            self._pred[label] = {}
        elif attrs:
            found.update(attrs)
        return label

    def add(self, source: str, label: str, target: str) -> None:
        """Add edge ``source -label-> target`` (nodes are created as needed)."""
        if source not in self._node:
            self.add_node(source)
        if target not in self._node:
            self.add_node(target)
        old = self._succ[source].get(target)
        if old is None:
            data = _SINGLE.get(label) or _SINGLE.setdefault(label, edge_data((label,)))
        elif label in old:
            return
        else:
            data = edge_data((*old, label))
        self._succ[source][target] = self._pred[target][source] = data

    def add_many(self, label: str, pairs) -> None:
        """Bulk ``add`` (the same result; for large policies)."""
        for source, target in pairs:
            self.add(source, label, target)

    def add_occasion(self, actor: str, task: str, when, performers: tuple) -> None:
        """Record that ``actor`` performed ``task`` on ``when`` together with ``performers``
        (a dossier event; its ``performs`` edge is added too). ``performers`` is the event's
        sorted tuple, shared by all its performers: sorting or copying it per performer made
        an event naming k actors cost k^2 (review: a 60 KB dossier used 810 MB)."""
        self.add(actor, "performs", task)
        self._occasions.setdefault((actor, task), []).append((when, performers))
        self._sorted.discard((actor, task))

    # -- queries ------------------------------------------------------------
    def occasions(self, actor: str, task: str) -> list:
        """(date, performers) of every time ``actor`` performed ``task``, earliest first.

        A policy has no events: its one occasion is ``(None, None)``, undated, with every
        performer of the task (``sources(task, "performs")``) taking part."""
        found = self._occasions.get((actor, task))
        if found:
            if (actor, task) not in self._sorted:  # sorted once, not on every question (date_of asks per finding)
                found.sort()
                self._sorted.add((actor, task))
            return found
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
        return label in self._node

    def attr(self, label: str, key: str, default=None):
        found = self._node.get(label)
        return default if found is None else found.get(key, default)

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

    def may_act_for(self, side: str) -> set:
        """Every node from which ``side`` can be reached over the edges ``sides_of`` follows
        (acts_for, delegated_by, in_quadrant, has_role): a superset of those that work for
        it, since an explicit edge overrides the fallbacks. One walk back from the side,
        linear in the edges it crosses; cached per side. Read after the graph is built."""
        found = self._reaching.get(side)
        if found is None:
            found, frontier = {side}, [side]
            while frontier:
                current = frontier.pop()
                for source, data in self._pred.get(current, {}).items():
                    if source not in found and any(edge in data for edge in _SIDE_EDGES):
                        found.add(source)
                        frontier.append(source)
            self._reaching[side] = found
        return found

    def departments(self) -> dict:
        """Department name -> the department nodes of that name (``org:<employer>/<name>``),
        for every organisation. Read after the graph is built (computed once)."""
        if self._departments is None:
            self._departments = {}
            for label, succ in self._succ.items():
                if kind_of(label) == ORG and any("part_of" in data for data in succ.values()):
                    self._departments.setdefault(name_of(label).rsplit("/", 1)[-1], []).append(label)
        return self._departments

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
        found = self._sides.get(label)
        if found is None:
            found = self._sides_direct(label)
            if found is None:  # a target not resolved yet: walk the chain
                self._resolve_sides(label)
                return self._sides[label]
            self._sides[label] = found
        return found

    def _sides_direct(self, label: str):
        """``_compute_sides`` without the trampoline, for the common case that every node
        ``label`` points to already has its sides (an actor whose quadrant or role was
        resolved for an earlier actor): None when some target is still unresolved."""
        if kind_of(label) == SIDE:
            return {label: (label,)}
        succ = self._succ.get(label) or {}
        for edges in _SIDE_EDGE_GROUPS:
            best: dict = {}
            for target, data in succ.items():  # any order: the shortest, then smallest, path wins
                for edge in edges:
                    if edge not in data:
                        continue
                    sides = self._sides.get(target)
                    if sides is None:
                        return None
                    for side, path in sides.items():
                        candidate = (label, edge) + path
                        if side not in best or path_key(candidate) < path_key(best[side]):
                            best[side] = candidate
            if best:
                return best
        return {}

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
        for edges in _SIDE_EDGE_GROUPS:
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
