"""Rule packs: how the rules of several folders become one rulebook.

A pack is a folder of rule files (``<namespace>/<name>.yaml``), their test cases
(``<namespace>/tests/``) and an optional ``pack.yaml`` with the changes the pack
makes to rules it does not own. The shipped rules come first, then every
``--rules`` pack in the order given. All of it is data, handled here in one
generic place, never inside a rule (docs/rule-packs.md):

* an id may be defined once; a pack rule that **replaces** another rule says so
  with ``overrides: {rule: <id>, reason: ...}`` (same id: it takes the place of the
  earlier rule; another id: the earlier rule is dropped);
* ``pack.yaml`` may set a rule's ``severity`` or switch it off (``disabled: true``),
  each only with a ``reason``.

Every override and adjustment is kept as an :class:`Adjustment`, which every
report shows with its reason.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

from .errors import InputErrors, did_you_mean, make_error, reason_text

PACK_FILE = "pack.yaml"


@dataclass(frozen=True)
class Adjustment:
    """One change a pack made to a rule it does not own."""

    rule: str  # the rule changed (or replaced, or switched off)
    change: str  # "severity" | "disabled" | "overrides"
    reason: str  # gated by reason_text: one printable line
    file: str  # the pack file that says so
    severity: str | None = None  # change "severity": the new one
    previous: str | None = None  # change "severity": the old one
    by: str | None = None  # change "overrides": the rule that replaces it

    def to_dict(self) -> dict:
        data = {"rule": self.rule, "change": self.change, "reason": self.reason, "file": self.file}
        if self.change == "severity":
            data.update(severity=self.severity, previous=self.previous)
        if self.by:
            data["by"] = self.by
        return data


def assemble(loaded, directories, errors: list) -> tuple:
    """(rules, adjustments) from ``[(directory number, Rule), ...]``; problems go to ``errors``."""
    seen, origin, replaced = {}, {}, set()
    for number, rule in loaded:
        previous = seen.get(rule.id)
        declared = rule.overrides is not None and rule.overrides["rule"] == rule.id
        if previous is not None and not (declared and origin[rule.id] < number):
            code = "rule.override-undeclared" if origin[rule.id] < number else "rule.duplicate-id"
            errors.append(_located(rule.file, code, ("id",), id=rule.id, other=previous.file))
            continue
        if previous is not None:
            replaced.add(rule.id)
        seen[rule.id], origin[rule.id] = rule, number
    adjustments = _overrides(seen, replaced, errors)
    for directory in directories:
        adjustments += _pack_settings(Path(directory), seen, errors)
    return list(seen.values()), adjustments


def _overrides(seen: dict, replaced: set, errors: list) -> list:
    adjustments = []
    for rule in sorted((r for r in seen.values() if r.overrides is not None), key=lambda r: r.id):
        target = rule.overrides["rule"]
        if target == rule.id and rule.id not in replaced or target != rule.id and target not in seen:
            errors.append(_located(rule.file, "rule.unknown-rule", ("overrides", "rule"), value=target,
                                   hint=did_you_mean(target, seen)))
            continue
        if target != rule.id:
            del seen[target]
        adjustments.append(Adjustment(rule=target, change="overrides", reason=reason_text(rule.overrides["reason"]),
                                      file=rule.file, by=rule.id))
    return adjustments


def _located(file: str, code: str, path: tuple, **params):
    """An error at ``path`` of a file already loaded once (re-read for its line: errors are rare)."""
    from .load.document import load_document

    try:
        return load_document(file).error(code, path, **params)
    except InputErrors:
        return make_error(code, file, path, **params)


def pack_file(directory: Path) -> Path | None:
    path = directory / PACK_FILE
    return path if path.is_file() else None


def _pack_settings(directory: Path, seen: dict, errors: list) -> list:
    """Apply ``pack.yaml`` of one pack to ``seen``; the adjustments made."""
    path = pack_file(directory)
    if path is None:
        return []
    from .load.document import load_document
    from .load.schema import validate

    try:
        document = load_document(path)
    except InputErrors as exc:
        errors.extend(exc.errors)
        return []
    problems = validate(document, "pack")
    if problems:
        errors.extend(problems)
        return []
    adjustments = []
    for index, item in enumerate(document.data.get("adjust", [])):
        rule = seen.get(item["rule"])
        if rule is None:
            errors.append(document.error("rule.unknown-rule", ("adjust", index, "rule"), value=item["rule"],
                                         hint=did_you_mean(item["rule"], seen)))
            continue
        reason = reason_text(item["reason"])
        if item.get("disabled"):
            del seen[rule.id]
            adjustments.append(Adjustment(rule=rule.id, change="disabled", reason=reason, file=document.file))
        else:
            seen[rule.id] = replace(rule, severity=item["severity"])
            adjustments.append(Adjustment(rule=rule.id, change="severity", reason=reason, file=document.file,
                                          severity=item["severity"], previous=rule.severity))
    return adjustments


def without_announced(book):
    """The rulebook without announced law: it applies only with --include-announced.

    Only the newest version of a rule (its top level) may be announced. Without it the
    latest version in force stays in force, open-ended (the law has not changed yet); a
    rule that is announced as a whole is left out, its id kept in ``withheld``.
    """
    if not any(r.announced for r in book.rules):
        return book
    kept, withheld = [], []
    for rule in book.rules:
        if not rule.announced:
            kept.append(rule)
        elif rule.versions:
            current = rule.versions[-1]
            until = None if current.valid_until == rule.valid_from - timedelta(days=1) else current.valid_until
            kept.append(replace(current, valid_until=until, versions=rule.versions[:-1]))
        else:
            withheld.append(rule.id)
    return replace(book, rules=tuple(kept), withheld=tuple(withheld))
