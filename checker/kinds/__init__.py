"""The closed set of rule kinds: Python implements kinds, YAML instantiates rules.

Each kind module has ``KIND``, ``SUBJECTS`` (what it checks: dossier, policy),
``PARAMS_SCHEMA`` (validated when a rule is loaded), ``referenced_events`` and
``check(rule, ctx)`` yielding Outcomes. New kinds are rare; register them here.
"""
from __future__ import annotations

from . import cadence, deadline, precedes, window

KINDS = {module.KIND: module for module in (deadline, window, cadence, precedes)}


def get(name: str):
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f'no such rule kind: "{name}"') from None
