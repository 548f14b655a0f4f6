"""Vocabulary checks for constraint params, run when a rule file is loaded.

A kind's ``check_names(document, vocab)`` lists the names its params use; these
helpers turn every unknown one into an InputError at its exact path, with a
did-you-mean, so a register that writes ``performs: [regie_reintegratie]`` hears
about it at load time instead of getting a constraint that never fires.
"""
from __future__ import annotations

from ..errors import did_you_mean
from .match import CONDITIONS


def unknown_names(document, vocab, checks) -> list:
    """``checks``: (path inside params, vocabulary section, names) triples."""
    errors = []
    for path, section, names in checks:
        known = _known(vocab, section)
        for i, name in enumerate(names):
            if name not in known:
                errors.append(document.error("roles.unknown-name", ("params",) + tuple(path) + (i,), value=name,
                                             what=section, hint=did_you_mean(name, known)))
    return errors


def _known(vocab, section: str):
    if section in ("regeling", "verzekering"):
        from ..load.schema import load_schema

        properties = load_schema("policy")["properties"]
        return (properties["arbo"]["properties"]["regeling"] if section == "regeling" else properties[section])["enum"]
    return getattr(vocab, section)


def capacity_checks(path: tuple, capacity) -> list:
    return [(path + (i, key), CONDITIONS[key], names)
            for i, matcher in enumerate(capacity or ()) for key, names in matcher.items() if CONDITIONS[key]]


def selector_checks(path: tuple, selector) -> list:
    sections = {"tasks": "tasks", "side": "sides"}
    return [(path + (key,), sections[key], selector[key]) for key in sections if key in (selector or {})]


def when_checks(path: tuple, when) -> list:
    return [(path + (key,), key, names) for key, names in (when or {}).items()]
