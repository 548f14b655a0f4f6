"""Kind ``data_flow``: a data category reaching, or recorded by, an actor on a forbidden side.

Data reaches an actor through a ``receives`` edge (a policy's ``data:`` section)
and is recorded by whoever performs a task that ``produces`` it (roles/tasks.yaml).
An actor that works for one of the forbidden ``sides`` (explicitly, through a
contracting chain, its quadrant or its role) is a conflict; one finding per actor
and category. The evidence runs from the data to the side:

    data:gezondheidsgegevens -received_by-> actor:jan -has_role-> role:leidinggevende -acts_for-> side:werkgever

params:
  data: [gezondheidsgegevens]
  sides: [werkgever, verzekeraar]
  via: [receives, records]     # default: both
Message placeholders: {actors}, {data}, {side}.
"""
from __future__ import annotations

from ..roles.labels import DATA, name_of, node, path_key
from ..roles.names import unknown_names
from .base import Outcome

KIND = "data_flow"
SUBJECTS = ("dossier", "policy")
USES_ROLE_GRAPH = True  # the engine skips it for a dossier that names nobody but the employee
#: Placeholders this kind fills in a rule message, besides {due}, {date}, {actors}, {status}, {days}.
MESSAGE_PARAMS = ('data', 'side')
_NAMES = {"type": "array", "items": {"type": "string"}, "minItems": 1, "uniqueItems": True}
PARAMS_SCHEMA = {
    "type": "object",
    "required": ["data", "sides"],
    "additionalProperties": False,
    "properties": {
        "data": _NAMES,
        "sides": _NAMES,
        "via": {"type": "array", "items": {"enum": ["receives", "records"]}, "minItems": 1, "uniqueItems": True},
    },
}


def check_names(document, vocab) -> list:
    params = document.data["params"]
    return unknown_names(document, vocab, [(("data",), "data_categories", params["data"]),
                                           (("sides",), "sides", params["sides"])])


def reaching(graph, category: str, via) -> dict:
    """Actor -> paths from the data node to the actor, for every actor it reaches."""
    data = node(DATA, category)
    paths: dict = {}
    if "receives" in via:
        for actor in graph.source_set(data, "receives"):
            paths.setdefault(actor, []).append((data, "received_by", actor))
    if "records" in via:
        for task in graph.sources(data, "produces"):
            for actor in graph.source_set(task, "performs"):  # order: the caller picks the minimum
                paths.setdefault(actor, []).append((data, "produced_by", task, "performed_by", actor))
    return paths


def check(rule, ctx):
    graph = ctx.role_graph
    forbidden = set(rule.params["sides"])
    via = rule.params.get("via", ("receives", "records"))
    for category in rule.params["data"]:
        # in actor order: --max-findings keeps the first ones, so the order must not depend on hashing
        found = reaching(graph, category, via)
        for actor in sorted(found):
            paths = found[actor]
            sides = [path for side, path in graph.sides_of(actor).items() if name_of(side) in forbidden]
            if not sides:
                continue
            evidence = min((p + s[1:] for p in paths for s in sides), key=path_key)
            yield Outcome("conflict", actors=(name_of(actor),), evidence=evidence, timeline=False,
                          date=graph.date_of(evidence),
                          params=(("data", category), ("side", name_of(evidence[-1]))))
