"""Kind ``contract_elements``: the arbo contract lacks an element the law requires (policy only).

The policy lists the elements its basiscontract contains (``arbo.basiscontract``);
every element in ``elements`` that is not there is one ``missing`` finding, with
the evidence ``org:<organisation> -lacks-> element:<name>``. Give the rule a
``valid_from``: a policy is judged on its peildatum (docs/policy-format.md).

params:
  elements: [toegang_bedrijfsarts, werkplekbezoek, second_opinion, klachtenprocedure, beroepsziekten, overleg_preventie]
Message placeholders: {element}.
"""
from __future__ import annotations

from ..roles.labels import ELEMENT, ORG, node
from ..roles.names import unknown_names
from .base import Outcome

KIND = "contract_elements"
SUBJECTS = ("policy",)
USES_ROLE_GRAPH = True  # the engine skips it for a dossier that names nobody but the employee
#: Placeholders this kind fills in a rule message, besides {due}, {date}, {actors}, {status}, {days}.
MESSAGE_PARAMS = ('element',)
PARAMS_SCHEMA = {
    "type": "object",
    "required": ["elements"],
    "additionalProperties": False,
    "properties": {"elements": {"type": "array", "items": {"type": "string"}, "minItems": 1, "uniqueItems": True}},
}


def check_names(document, vocab) -> list:
    return unknown_names(document, vocab, [(("elements",), "basiscontract", document.data["params"]["elements"])])


def check(rule, ctx):
    graph = ctx.role_graph
    organisation = node(ORG, graph.facts["organisation"])
    for element in sorted(rule.params["elements"]):
        label = node(ELEMENT, element)
        if graph.has(organisation, "contracts", label):
            continue
        yield Outcome("missing", evidence=(organisation, "lacks", label), timeline=False,
                      params=(("element", element),))
