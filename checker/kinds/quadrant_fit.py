"""Kind ``quadrant_fit``: an actor whose quadrant does not fit the work it does.

Each quadrant (roles/quadrants.yaml) ``excludes`` some tasks (procesmatig: every
medical task). An actor checked by this rule (``who``; default: every actor with a
stated or role-implied quadrant) that performs an excluded task is a conflict:

    quadrant:procesmatig_niet_onder_bedrijfsarts -quadrant_of-> actor:anna
        -performs-> task:uitvraag_taakdelegatie -belongs_to-> side:bedrijfsarts

``require`` adds quadrants that a policy's arrangements demand: when the policy
facts satisfy ``when``, an actor matching ``who`` must be in one of ``quadrant``
(the MKB verzuim-ontzorgverzekering's casemanager works procesmatig and not under
the bedrijfsarts). A dossier has no policy facts, so ``require`` is policy-only.

params:
  who: [{role: [casemanager, casemanager_taakdelegatie]}]
  require:
    - when: {verzekering: [mkb-verzuim-ontzorgverzekering]}
      who: [{performs: [regie_re_integratie]}]
      quadrant: [procesmatig_niet_onder_bedrijfsarts]
Message placeholders: {actors}, {quadrant}, {task}, {allowed} (the quadrants that would fit).
"""
from __future__ import annotations

from ..roles.labels import name_of, through
from ..roles.match import (CAPACITY_SCHEMA, WHEN_SCHEMA, candidates, compiled, holds, select_tasks, subject_of,
                           witnesses)
from ..roles.names import capacity_checks, unknown_names, when_checks
from .base import Outcome

KIND = "quadrant_fit"
SUBJECTS = ("dossier", "policy")
USES_ROLE_GRAPH = True  # the engine skips it for a dossier that names nobody but the employee
#: Placeholders this kind fills in a rule message, besides {due}, {date}, {actors}, {status}, {days}.
MESSAGE_PARAMS = ('allowed', 'quadrant', 'task')
_REQUIREMENT = {
    "type": "object",
    "required": ["who", "quadrant"],
    "additionalProperties": False,
    "properties": {
        "when": WHEN_SCHEMA,
        "who": CAPACITY_SCHEMA,
        "quadrant": {"type": "array", "items": {"type": "string"}, "minItems": 1, "uniqueItems": True},
    },
}
PARAMS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"who": CAPACITY_SCHEMA, "require": {"type": "array", "items": _REQUIREMENT}},
}


def check_names(document, vocab) -> list:
    params = document.data["params"]
    checks = capacity_checks(("who",), params.get("who"))
    for i, requirement in enumerate(params.get("require", [])):
        checks += capacity_checks(("require", i, "who"), requirement["who"])
        checks += when_checks(("require", i, "when"), requirement.get("when"))
        checks.append((("require", i, "quadrant"), "quadrants", requirement["quadrant"]))
    return unknown_names(document, vocab, checks)


def check(rule, ctx):
    graph = ctx.role_graph
    vocab = graph.vocab
    excluded = vocab.memo("quadrant-excludes", lambda: {q: frozenset(select_tasks(vocab, entry["excludes"]))
                                                        for q, entry in vocab.quadrants.items()})
    requirements = [dict(r, who=compiled(r["who"])) for r in rule.params.get("require", ())
                    if holds(graph, r.get("when"))]
    who = candidates(graph, rule.params["who"]) if "who" in rule.params else None
    capacity = compiled(rule.params["who"]) if "who" in rule.params else None
    for actor in graph.actors if who is None else who:
        quadrant = graph.quadrant_of(actor)
        if quadrant is None or (capacity is not None and not witnesses(graph, actor, capacity)):
            continue
        yield from _misfits(graph, actor, quadrant, excluded)
        for requirement in requirements:
            yield from _unmet(graph, actor, quadrant, requirement)


def _misfits(graph, actor: str, quadrant: str, excluded: dict):
    for task in graph.targets(actor, "performs"):
        if name_of(task) not in excluded[name_of(quadrant)]:
            continue
        fits = sorted(q for q, tasks in excluded.items() if name_of(task) not in tasks)
        evidence = (quadrant, "quadrant_of", actor, "performs", task, "belongs_to", graph.task_side(name_of(task)))
        yield _conflict(actor, evidence, quadrant, name_of(task), fits, graph.date_of(evidence))


def _unmet(graph, actor: str, quadrant: str, requirement):
    if name_of(quadrant) in requirement["quadrant"]:
        return
    found = witnesses(graph, actor, requirement["who"])
    if found:
        evidence = through(found[0], (actor, "in_quadrant", quadrant))
        yield _conflict(actor, evidence, quadrant, subject_of(found[0]), requirement["quadrant"],
                        graph.date_of(evidence))


def _conflict(actor: str, evidence: tuple, quadrant: str, task: str, fits, when=None) -> Outcome:
    return Outcome("conflict", actors=(name_of(actor),), evidence=evidence, timeline=False, date=when,
                   params=(("allowed", ", ".join(fits)), ("quadrant", name_of(quadrant)), ("task", task)))
