"""Cross-references inside the role vocabulary (``roles/*.yaml``).

The JSON Schema checks each file's shape; this checks that the names one section
uses exist in another (a task's side, a title's role, a quadrant's data categories),
so a typo in the vocabulary is an input error with a line, not a silent non-match.
"""
from __future__ import annotations

from ..errors import did_you_mean

#: section -> [(path inside an entry, section whose names it must be, is a list)]
REFERENCES = {
    "tasks": [(("side",), "sides", False), (("reserved_to",), "roles", True),
              (("produces",), "data_categories", True), (("appoints",), "tasks", False),
              (("parties",), "sides", True), (("prefer",), "roles", False)],
    "roles": [(("side",), "sides", False)],
    "sides": [(("strengthens",), "sides", False)],
    "organisation_types": [(("side",), "sides", False)],
    "quadrants": [(("side",), "sides", False), (("data",), "data_categories", True),
                  (("excludes", "tasks"), "tasks", True), (("excludes", "side"), "sides", True)],
    "titles": [(("role",), "roles", False), (("strengthens",), "sides", False),
               (("annotation_on",), "titles", True), (("allows", "tasks"), "tasks", True),
               (("allows", "side"), "sides", True)],
    "data_categories": [(("from",), "sides", False)],
}


def _value(entry: dict, path: tuple):
    for part in path:
        if not isinstance(entry, dict) or part not in entry:
            return None
        entry = entry[part]
    return entry


def reference_errors(merged: dict, origin: dict) -> list:
    """InputErrors for every name that refers to a missing entry."""
    errors = []
    for section, references in REFERENCES.items():
        for key, entry in merged.get(section, {}).items():
            for path, target, is_list in references:
                value = _value(entry, path)
                if value is None:
                    continue
                known = merged.get(target, {})
                items = list(enumerate(value)) if is_list else [(None, value)]
                for index, name in items:
                    if name in known:
                        continue
                    where = (section, key) + path + ((index,) if index is not None else ())
                    errors.append(origin[section, key].error(
                        "roles.unknown-name", where, value=name, what=target, hint=did_you_mean(name, known)))
    errors.extend(_quadrant_errors(merged, origin))
    return errors


def _quadrant_errors(merged: dict, origin: dict) -> list:
    """Each (werkt, onder_bedrijfsarts) pair names exactly one quadrant; a role's quadrant must exist."""
    errors, seen = [], {}
    for key, entry in merged.get("quadrants", {}).items():
        axes = (entry["werkt"], entry["onder_bedrijfsarts"])
        if axes in seen:
            errors.append(origin["quadrants", key].error("roles.duplicate-name", ("quadrants", key), want_key=True,
                                                         value=key, other=seen[axes]))
        seen.setdefault(axes, key)
    for key, entry in merged.get("roles", {}).items():
        quadrant = entry.get("quadrant")
        if quadrant and (quadrant["werkt"], quadrant["onder_bedrijfsarts"]) not in seen:
            errors.append(origin["roles", key].error("roles.unknown-name", ("roles", key, "quadrant"),
                                                     value=quadrant["werkt"], what="quadrants"))
    return errors
