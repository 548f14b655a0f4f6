"""Node labels, edge labels and evidence paths of the role graph.

A node label is ``<kind>:<name>``: ``actor:anna``, ``task:probleemanalyse``,
``side:werkgever``, ``role:casemanager``, ``org:arbo-noord``,
``org:verzekeraar-x/claimbeoordeling`` (a department), ``data:gezondheidsgegevens``,
``title:CMTD``, ``quadrant:medisch_onder_bedrijfsarts``, ``element:second_opinion``.

An evidence path alternates node and edge labels and starts and ends with a node:
``("actor:anna", "performs", "task:regie_re_integratie", "belongs_to", "side:werkgever")``.
A path may walk an edge against its direction; it then names the inverse
(``performed_by`` for ``performs``), so every step reads left to right.
docs/roles.md lists every label.
"""
from __future__ import annotations

import sys

ACTOR, TASK, SIDE, ROLE, ORG = "actor", "task", "side", "role", "org"
DATA, TITLE, QUADRANT, ELEMENT = "data", "title", "quadrant", "element"

#: edge label -> the label of the same edge walked backwards
INVERSE = {
    "performs": "performed_by",
    "belongs_to": "owns",
    "reserved_to": "reserves",
    "produces": "produced_by",
    "has_role": "role_of",
    "acts_for": "represented_by",
    "delegated_by": "delegates_to",
    "employed_by": "employs",
    "works_in": "has_member",
    "part_of": "has_part",
    "holds": "held_by",
    "strengthens": "strengthened_by",
    "in_quadrant": "quadrant_of",
    "receives": "received_by",
    "contracts": "contracted_by",
    "lacks": "lacked_by",  # evidence only: what a "missing" finding names as absent
}
INVERSE.update({inverse: label for label, inverse in list(INVERSE.items())})


def node(kind: str, name: str) -> str:
    """The label ``kind:name``, interned: a policy names the same role, task or employer
    for every actor, and one string object per label instead of one per mention saved
    about 40 MB on a 200,000-actor policy (interned strings are freed when unused)."""
    return sys.intern(f"{kind}:{name}")


#: the node kinds, so that kind_of returns one shared string per kind
_KINDS = {kind: kind for kind in (ACTOR, TASK, SIDE, ROLE, ORG, DATA, TITLE, QUADRANT, ELEMENT)}


def kind_of(label: str) -> str:
    kind = label.split(":", 1)[0]
    return _KINDS.get(kind, kind)


def name_of(label: str) -> str:
    return label.split(":", 1)[1]


def reverse(path: tuple) -> tuple:
    """The same path walked from its other end, edges renamed to their inverse."""
    return tuple(INVERSE[part] if i % 2 else part for i, part in enumerate(reversed(path)))


def through(first: tuple, second: tuple) -> tuple:
    """One path from two that start at the same node: ``first`` walked back, then ``second``."""
    assert first[0] == second[0], (first, second)
    return reverse(first) + second[1:]


def path_key(path: tuple) -> tuple:
    """Shorter paths first, then alphabetical: the one order used to pick evidence."""
    return (len(path), path)
