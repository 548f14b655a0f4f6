"""The closed set of rule kinds: Python implements kinds, YAML instantiates rules.

Each kind module has ``KIND``, ``SUBJECTS`` (what it checks: dossier, policy, calendar — the
deadline plan without events),
``PARAMS_SCHEMA`` (validated when a rule is loaded), ``referenced_events`` and/or
``check_names(document, vocab)`` (vocabulary checks of its params) and
``check(rule, ctx)`` yielding Outcomes, and ``USES_ROLE_GRAPH`` (whether it reads ``ctx.role_graph``). New kinds are rare; register them here.

The role kinds (incompatible_capacities .. contract_elements) read ``ctx.role_graph``
(checker/roles); docs/roles.md describes each.
"""
from __future__ import annotations

from . import (cadence, contract_elements, data_flow, deadline, incompatible_capacities, precedes, quadrant_fit,
               reserved_task, task_staffed, title_fit, waiver, window)

KINDS = {module.KIND: module for module in (
    deadline, window, cadence, precedes,
    incompatible_capacities, reserved_task, data_flow, quadrant_fit, task_staffed, contract_elements, title_fit,
    waiver,
)}


def get(name: str):
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f'no such rule kind: "{name}"') from None
