"""Kind ``contract_elements``: the arbo contract lacks an element the law requires (policy only).

The policy lists the elements its basiscontract contains (``arbo.basiscontract``);
the elements in ``elements`` that are not there make one ``missing`` finding (one
cause, one finding), whose ``elements`` parameter lists them and whose evidence
walks ``org:<organisation> -lacks-> element:<a> -lacked_by-> org:<organisation>
-lacks-> element:<b> ...``. Give the rule a
``valid_from``: a policy is judged on its peildatum (docs/policy-format.md).

params:
  elements: [toegang_bedrijfsarts, werkplekbezoek, second_opinion, klachtenprocedure, beroepsziekten, overleg_preventie]
Message placeholders: {elements} (comma-separated), {count}.
"""
from __future__ import annotations

from ..roles.labels import ELEMENT, ORG, node
from ..roles.names import unknown_names
from .base import Outcome

KIND = "contract_elements"
SUBJECTS = ("policy",)
USES_ROLE_GRAPH = True  # the engine skips it for a dossier that names nobody but the employee
#: Placeholders this kind fills in a rule message, besides {due}, {date}, {actors}, {status}, {days}.
MESSAGE_PARAMS = ('count', 'elements')
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
    missing = [element for element in sorted(rule.params["elements"])
               if not graph.has(organisation, "contracts", node(ELEMENT, element))]
    if not missing:
        return
    evidence = (organisation, "lacks", node(ELEMENT, missing[0]))
    for element in missing[1:]:
        evidence += ("lacked_by", organisation, "lacks", node(ELEMENT, element))
    yield Outcome("missing", evidence=evidence, timeline=False,
                  params=(("count", len(missing)), ("elements", tuple(missing))))
