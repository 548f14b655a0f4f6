"""Kind ``waiver``: a problem with one waiver of a waivers file (rules ``waiver.*``).

The waiver step (:mod:`checker.waivers`) works out, for each waiver, whether its
rule is known, whether it matched a finding, whether it had expired on the
as-of date and whether its author approved it; a ``waiver`` rule reports one of
those problems. Message placeholders: {number} (the waiver's position in its
file), {reference}, {waived_rule}, {subject}, {approver}, {expires}.

params:
  problem: expired        # expired | unknown-rule | matches-nothing | self-approved
"""
from __future__ import annotations

from .base import Outcome

KIND = "waiver"
SUBJECTS = ("waivers",)
USES_ROLE_GRAPH = False
PROBLEMS = {"expired": "expired", "unknown-rule": "invalid", "matches-nothing": "unused",
            "self-approved": "invalid"}  # problem -> finding status
PARAMS_SCHEMA = {
    "type": "object",
    "required": ["problem"],
    "additionalProperties": False,
    "properties": {"problem": {"enum": sorted(PROBLEMS)}},
}


def check(rule, ctx):
    problem = rule.params["problem"]
    for waiver in ctx.with_problem(problem):
        yield Outcome(PROBLEMS[problem], due=waiver.expires if problem == "expired" else None,
                      date=waiver.granted, params=ctx.params_of(waiver), timeline=False)
