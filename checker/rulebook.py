"""Loading rule files into a validated, immutable rulebook.

A rule file is YAML with id, kind, severity, title, message, source and the
kind's params. Its id is ``<folder>.<file stem>``: ``rules/wvp/probleemanalyse.yaml``
holds ``wvp.probleemanalyse``. Folders named ``tests`` hold rule test cases and
are skipped. Every file of a pack is validated before any rule runs, and all
problems are reported together.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from . import kinds
from .errors import InputErrors, did_you_mean
from .load.document import load_document
from .load.schema import validate, validate_part
from .model.dates import EARLIEST, LATEST, DateProblem, parse_date
from .paths import ROLES_DIR, RULES_DIR

DEFAULT_RULE_DIRS = (RULES_DIR, ROLES_DIR / "constraints")


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    severity: str
    title: MappingProxyType
    message: MappingProxyType
    source: MappingProxyType
    params: MappingProxyType
    file: str
    valid_from: date | None = None
    valid_until: date | None = None
    practice_norm: bool = False
    explanation: MappingProxyType | None = field(default=None, compare=False)

    @property
    def module(self):
        return kinds.get(self.kind)

    def applies_from(self, start: date) -> bool:
        """Whether the rule is in force for a wachttijd (or policy) starting on ``start``."""
        return (self.valid_from is None or start >= self.valid_from) and \
               (self.valid_until is None or start <= self.valid_until)

    def source_text(self) -> str:
        return f"{self.source['document']}, {self.source['article']}"


@dataclass(frozen=True)
class Rulebook:
    rules: tuple

    def by_id(self) -> dict:
        return {rule.id: rule for rule in self.rules}

    def for_subject(self, subject: str, start: date | None = None) -> list:
        return [r for r in self.rules if subject in r.module.SUBJECTS and (start is None or r.applies_from(start))]


RULE_SUFFIXES = (".yaml", ".yml")


def rule_files(directory: Path) -> list:
    """Rule files below ``directory`` (``.yaml`` or ``.yml``), test-case folders left out."""
    return sorted(p for p in directory.rglob("*") if p.suffix in RULE_SUFFIXES and p.is_file()
                  and "tests" not in p.relative_to(directory).parts)


def _freeze(value):
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def load_rule(path: Path, vocab) -> Rule:
    """One rule file, fully validated (schema, kind, params, vocabulary, id)."""
    document = load_document(path)
    errors = validate(document, "rule")
    if errors:
        raise InputErrors(errors)
    data = document.data
    expected_id = f"{path.parent.name}.{path.stem}"
    if data["id"] != expected_id:
        errors.append(document.error("rule.id-mismatch", ("id",), id=data["id"], expected=expected_id))
    if data["kind"] not in kinds.KINDS:
        errors.append(document.error("rule.unknown-kind", ("kind",), value=data["kind"],
                                     hint=did_you_mean(data["kind"], kinds.KINDS)))
        raise InputErrors(errors)
    module = kinds.get(data["kind"])
    data.setdefault("params", {})
    param_errors = validate_part(document, module.PARAMS_SCHEMA, ("params",))
    errors.extend(param_errors)
    if not param_errors:
        errors.extend(_vocabulary_errors(document, module, vocab))
        errors.extend(_order_errors(document, module))
    errors.extend(_template_errors(document, module))
    validity = {key: _rule_date(document, key, errors) for key in ("valid_from", "valid_until")}
    if validity["valid_from"] and validity["valid_until"] and validity["valid_until"] < validity["valid_from"]:
        errors.append(document.error("rule.bad-order", ("valid_until",), field="valid_from", other="valid_until"))
    if errors:
        raise InputErrors(errors)
    return Rule(
        id=data["id"], kind=data["kind"], severity=data["severity"], title=_freeze(data["title"]),
        message=_freeze(data["message"]), source=_freeze(data["source"]), params=_freeze(data["params"]),
        file=document.file, practice_norm=data.get("practice_norm", False),
        valid_from=validity["valid_from"], valid_until=validity["valid_until"],
        explanation=_freeze(data["explanation"]) if "explanation" in data else None,
    )


def _rule_date(document, key: str, errors: list):
    """A validity date of a rule, or None; an impossible date is an input error."""
    if key not in document.data:
        return None
    try:
        return parse_date(document.data[key])
    except DateProblem as problem:
        errors.append(document.error(problem.code, (key,), value=problem.value,
                                     low=EARLIEST.isoformat(), high=LATEST.isoformat()))
        return None


def _template_errors(document, module) -> list:
    """Every placeholder of the rule's messages must be one the kind fills, written as a
    plain ``{name}`` (messages.template_problems); checked when the pack loads."""
    from .messages import COMMON_RULE_PARAMS, template_problems

    allowed = COMMON_RULE_PARAMS + tuple(getattr(module, "MESSAGE_PARAMS", ()))
    errors = []
    for lang, template in sorted(document.data["message"].items()):
        for field, problem in template_problems(template, allowed):
            errors.append(document.error("rule.bad-template", ("message", lang), field=field, problem=problem,
                                         allowed=", ".join("{" + name + "}" for name in allowed)))
    return errors


def _order_errors(document, module) -> list:
    """A window must open before it closes: ``start_day`` on or before the due ``day``."""
    params = document.data["params"]
    start, due = params.get("start_day"), params.get("due")
    if isinstance(start, int) and isinstance(due, dict) and isinstance(due.get("day"), int) and start > due["day"]:
        return [document.error("rule.bad-order", ("params", "start_day"), field="start_day", other="due.day")]
    return []


def _vocabulary_errors(document, module, vocab) -> list:
    """Names in params that the vocabulary does not know (a kind says which)."""
    errors = []
    for name in getattr(module, "referenced_events", lambda p: [])(document.data["params"]):
        if name not in vocab.tasks:
            errors.append(document.error("rule.unknown-event", ("params",), value=name,
                                         hint=did_you_mean(name, vocab.tasks)))
    check_names = getattr(module, "check_names", None)
    if check_names:
        errors.extend(check_names(document, vocab))
    return errors


def load_rulebook(directories, vocab) -> Rulebook:
    """All rules below ``directories``; raise InputErrors listing every bad file."""
    rules, errors, seen = [], [], {}
    for directory in directories:
        files = rule_files(Path(directory))
        if not files:  # a missing folder or one without rule files: a typo in --rules, never silence
            from .errors import make_error

            errors.append(make_error("rules.none", str(directory), dir=str(directory)))
        for path in files:
            try:
                rule = load_rule(path, vocab)
            except InputErrors as exc:
                errors.extend(exc.errors)
                continue
            if rule.id in seen:
                from .errors import make_error

                errors.append(make_error("rule.duplicate-id", rule.file, id=rule.id, other=seen[rule.id]))
                continue
            seen[rule.id] = rule.file
            rules.append(rule)
    if errors:
        raise InputErrors(errors)
    return Rulebook(rules=tuple(sorted(rules, key=lambda r: r.id)))


@lru_cache(maxsize=8)
def default_rulebook(extra_dirs: tuple = ()) -> Rulebook:
    """The shipped rules plus any custom packs, loaded once per process."""
    from .vocab import load_vocabulary

    return load_rulebook(DEFAULT_RULE_DIRS + tuple(Path(d) for d in extra_dirs), load_vocabulary())
