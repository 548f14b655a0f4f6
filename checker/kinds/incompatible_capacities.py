"""Kind ``incompatible_capacities``: one actor holds two capacities that exclude each other.

"Geen rolvermenging": an actor who matches capacity ``first`` and capacity
``second`` is a conflict (one finding per actor). A capacity is a list of matchers
(:mod:`checker.roles.match`) on role, acts_for side, quadrant, tasks performed,
titles, department or employer type. The evidence runs from what makes the first
capacity, through the actor, to what makes the second:

    side:bedrijfsarts -owns-> task:uitvraag_taakdelegatie -performed_by-> actor:anna
        -performs-> task:regie_re_integratie -belongs_to-> side:werkgever

params:
  first:  [{role: [casemanager_taakdelegatie]}, {performs: [uitvraag_taakdelegatie]}]
  second: [{performs: [regie_re_integratie]}]
Message placeholders: {actors}, {first}, {second} (what each capacity matched).
"""
from __future__ import annotations

from ..roles.labels import name_of, path_key, through
from ..roles.match import CAPACITY_SCHEMA, candidates, compiled, subject_of, witnesses
from ..roles.names import capacity_checks, unknown_names
from .base import Outcome

KIND = "incompatible_capacities"
SUBJECTS = ("dossier", "policy")
USES_ROLE_GRAPH = True  # the engine skips it for a dossier that names nobody but the employee
#: Placeholders this kind fills in a rule message, besides {due}, {date}, {actors}, {status}, {days}.
MESSAGE_PARAMS = ('first', 'second')
PARAMS_SCHEMA = {
    "type": "object",
    "required": ["first", "second"],
    "additionalProperties": False,
    "properties": {"first": CAPACITY_SCHEMA, "second": CAPACITY_SCHEMA},
}


def check_names(document, vocab) -> list:
    params = document.data["params"]
    return unknown_names(document, vocab, capacity_checks(("first",), params["first"])
                         + capacity_checks(("second",), params["second"]))


def check(rule, ctx):
    graph = ctx.role_graph
    first_capacity, second_capacity = compiled(rule.params["first"]), compiled(rule.params["second"])
    for actor in _candidates(graph, rule.params["first"], rule.params["second"]):
        first = witnesses(graph, actor, first_capacity)
        second = witnesses(graph, actor, second_capacity) if first else []
        pairs = [(a, b) for a in first for b in second if a != b]
        if not pairs:
            continue
        a, b = min(pairs, key=lambda pair: (path_key(pair[0] + pair[1]), pair))
        evidence = through(a, b)
        yield Outcome("conflict", actors=(name_of(actor),), evidence=evidence, date=graph.date_of(evidence),
                      params=(("first", subject_of(a)), ("second", subject_of(b))), timeline=False)


def _candidates(graph, first, second) -> list:
    """Only actors that can hold both capacities (all actors when that cannot be narrowed)."""
    found = [c for c in (candidates(graph, first), candidates(graph, second)) if c is not None]
    if not found:
        return graph.actors
    return sorted(set(found[0]).intersection(*found[1:]))
