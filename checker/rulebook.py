"""Loading rule files into a validated, immutable rulebook.

A rule file is YAML with id, kind, severity, title, message, source and the
kind's params. Its id is ``<folder>.<file stem>``: ``rules/wvp/probleemanalyse.yaml``
holds ``wvp.probleemanalyse``. Folders named ``tests`` hold rule test cases and
are skipped. Every file of a pack is validated before any rule runs, and all
problems are reported together.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
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
    overrides: MappingProxyType | None = field(default=None, compare=False)  # {rule, reason}: see packs.py
    announced: bool = False  # announced law, not in force: applied only with --include-announced
    deviable: bool = False  # afwijking_termijn may set its due date (Regeling procesgang art. 5)
    deviable_with: tuple = ()  # other steps whose agreed due date this step follows (the plan's casemanager)
    version_by: MappingProxyType | None = None  # which date picks the version (default: wachttijd start)
    versions: tuple = field(default=(), compare=False)  # earlier versions (Rules), oldest first

    @property
    def module(self):
        return kinds.get(self.kind)

    @property
    def version(self) -> str | None:
        """The version's name: its ``valid_from`` (OpenFisca style), or None for an undated rule."""
        return self.valid_from.isoformat() if self.valid_from else None

    def all_versions(self) -> tuple:
        """Every version of the rule, oldest first (the rule itself is the newest)."""
        return self.versions + (self,)

    def version_at(self, when: date | None):
        """The version in force on ``when`` (None: the newest), or None when none is."""
        if when is None:
            return self
        return next((v for v in reversed(self.all_versions()) if v.applies_from(when)), None)

    def version_date(self, ctx) -> date:
        """The date that picks the version for a dossier: the first event named in ``version_by``
        (transitional law), else the as-of date when there is none; by default the wachttijd's start."""
        if self.version_by and "event" in self.version_by:
            return ctx.first(self.version_by["event"]) or ctx.as_of
        return ctx.calendar.start

    def applies_from(self, start: date) -> bool:
        """Whether the rule is in force for a wachttijd (or policy) starting on ``start``."""
        return (self.valid_from is None or start >= self.valid_from) and \
               (self.valid_until is None or start <= self.valid_until)

    def source_text(self) -> str:
        return f"{self.source['document']}, {self.source['article']}"


@dataclass(frozen=True)
class Rulebook:
    rules: tuple
    adjustments: tuple = ()  # what packs changed in rules they do not own (packs.Adjustment), for every report
    withheld: tuple = ()  # ids of announced rules left out (no --include-announced): known, never applied

    def by_id(self) -> dict:
        return {rule.id: rule for rule in self.rules}

    def for_subject(self, subject: str, start: date | None = None) -> list:
        """The rules for a subject, each in the version in force on ``start`` (all newest when None)."""
        chosen = (r.version_at(start) for r in self.rules if subject in r.module.SUBJECTS)
        return [r for r in chosen if r is not None]

    def deviable_ids(self) -> frozenset:
        """Ids of the steps whose term an ``afwijking_termijn`` may move (Regeling procesgang art. 5)."""
        return frozenset(r.id for r in self.rules if r.deviable)

    def in_force(self, subject: str, ctx) -> list:
        """The rules for a dossier context, each in the version its ``version_date`` picks."""
        chosen = (r.version_at(r.version_date(ctx)) for r in self.rules if subject in r.module.SUBJECTS)
        return [r for r in chosen if r is not None]


RULE_SUFFIXES = (".yaml", ".yml")


def rule_files(directory: Path) -> list:
    """Rule files below ``directory`` (``.yaml`` or ``.yml``), test-case and parameter folders and
    the pack settings (``pack.yaml``) left out."""
    from .packs import PACK_FILE

    return sorted(p for p in directory.rglob("*") if p.suffix in RULE_SUFFIXES and p.is_file()
                  and not {"tests", "parameters"} & set(p.relative_to(directory).parts)
                  and p != directory / PACK_FILE)


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
    if "version_by" in data and data["version_by"]["event"] not in vocab.tasks:
        errors.append(document.error("rule.unknown-event", ("version_by", "event"), value=data["version_by"]["event"],
                                     hint=did_you_mean(data["version_by"]["event"], vocab.tasks)))
    validity = {key: _rule_date(document, data, key, ("",), errors) for key in ("valid_from", "valid_until")}
    versions = _versions(document, module, vocab, validity, errors)
    if validity["valid_from"] and validity["valid_until"] and validity["valid_until"] < validity["valid_from"]:
        errors.append(document.error("rule.bad-order", ("valid_until",), field="valid_from", other="valid_until"))
    if errors:
        raise InputErrors(errors)
    newest = Rule(
        id=data["id"], kind=data["kind"], severity=data["severity"], title=_freeze(data["title"]),
        message=_freeze(data["message"]), source=_freeze(data["source"]), params=_freeze(data["params"]),
        file=document.file, practice_norm=data.get("practice_norm", False),
        valid_from=validity["valid_from"], valid_until=validity["valid_until"],
        explanation=_freeze(data["explanation"]) if "explanation" in data else None,
        overrides=_freeze(data["overrides"]) if "overrides" in data else None,
        announced=data.get("announced", False),
        deviable=bool(data.get("deviable", False) or data.get("deviable_with")),
        deviable_with=tuple(data.get("deviable_with", ())),
        version_by=_freeze(data["version_by"]) if "version_by" in data else None,
    )
    return replace(newest, versions=tuple(
        replace(newest, valid_from=when, valid_until=until, params=_freeze(entry["params"]),
                source=_freeze(entry["source"]), announced=False,  # only the newest version may be announced
                **{key: _freeze(entry[key]) for key in ("title", "message", "explanation") if key in entry})
        for entry, when, until in versions))


def _versions(document, module, vocab, validity: dict, errors: list) -> list:
    """(entry, valid_from, valid_until) of each earlier version, oldest first, checked: params
    against the kind, dates in order; a version ends the day before the next one begins."""
    entries = document.data.get("versions", [])
    dated = []
    for i, entry in enumerate(entries):
        path = ("versions", i)
        param_errors = validate_part(document, module.PARAMS_SCHEMA, path + ("params",))
        errors.extend(param_errors)
        if not param_errors:
            errors.extend(_vocabulary_errors(document, module, vocab, entry["params"], path + ("params",)))
        start = _rule_date(document, entry, "valid_from", path, errors)
        end = _rule_date(document, entry, "valid_until", path, errors)
        dated.append((start, end, i, entry))
    newest = validity["valid_from"]
    if entries and newest is None:
        errors.append(document.error("rule.version-order", ("valid_from",), want_key=True))
        return []
    dated.sort(key=lambda item: item[0] or date.min)
    result = []
    for k, (start, end, i, entry) in enumerate(dated):
        following = dated[k + 1][0] if k + 1 < len(dated) else newest
        if start is None or following is None:
            continue
        if start >= following or (end is not None and end >= following):
            errors.append(document.error("rule.version-order", ("versions", i, "valid_from")))
            continue
        result.append((entry, start, end or following - timedelta(days=1)))
    return result


def _rule_date(document, mapping: dict, key: str, path: tuple, errors: list):
    """A validity date of a rule (or of one of its versions), or None; an impossible date is an input error."""
    if key not in mapping:
        return None
    where = tuple(p for p in path if p != "") + (key,)
    try:
        return parse_date(mapping[key])
    except DateProblem as problem:
        errors.append(document.error(problem.code, where, value=problem.value,
                                     low=EARLIEST.isoformat(), high=LATEST.isoformat()))
        return None


def _with_versions(document) -> list:
    """(mapping, path) of the rule itself and of each of its earlier versions."""
    versions = document.data.get("versions", [])
    return [(document.data, ())] + [(entry, ("versions", i)) for i, entry in enumerate(versions)
                                   if isinstance(entry, dict)]


def _template_errors(document, module) -> list:
    """Every placeholder of the rule's messages (and its versions' messages) must be one the
    kind fills, written as a plain ``{name}`` (messages.template_problems); checked when the pack loads."""
    from .messages import COMMON_RULE_PARAMS, template_problems

    allowed = COMMON_RULE_PARAMS + tuple(getattr(module, "MESSAGE_PARAMS", ()))
    errors = []
    for mapping, path in _with_versions(document):
        message = mapping.get("message")
        for lang, template in sorted(message.items() if isinstance(message, dict) else ()):
            for field, problem in template_problems(str(template), allowed):
                errors.append(document.error("rule.bad-template", path + ("message", lang), field=field,
                                             problem=problem, allowed=", ".join("{" + n + "}" for n in allowed)))
    return errors


def _order_errors(document, module) -> list:
    """A window must open before it closes (also in versions), for every due date of a list
    ("the earliest of"): ``start_day`` on or before each due ``day``; a ``start`` counted in
    days on or before each due ``day``; a ``start`` counted back from the end of the
    wachttijd (``before_end``) at least as far back as each due counted that way. Terms
    of other shapes (after an event, on a dossier date) depend on the dossier."""
    errors = []
    for mapping, path in _with_versions(document):
        params = mapping.get("params")
        if not isinstance(params, dict):
            continue
        start, start_spec = params.get("start_day"), params.get("start")
        due = params.get("due")
        items = [item for item in (due if isinstance(due, list) else [due]) if isinstance(item, dict)]
        for i, item in enumerate(items):
            other = "due" + (f"[{i}]" if isinstance(due, list) else "")
            due_day = _day_plus(item)
            if _is_int(start) and due_day is not None and "after_event" not in item and start > due_day:
                errors.append(document.error("rule.bad-order", path + ("params", "start_day"), field="start_day",
                                             other=f"{other}.day"))
            if not isinstance(start_spec, dict) or "after_event" in start_spec or "after_event" in item:
                continue
            start_day = _day_plus(start_spec)
            if start_day is not None and due_day is not None and start_day > due_day:
                errors.append(document.error("rule.bad-order", path + ("params", "start", "day"), field="start.day",
                                             other=f"{other}.day"))
            if _is_int(start_spec.get("before_end")) and _is_int(item.get("before_end")) \
                    and start_spec["before_end"] < item["before_end"]:
                errors.append(document.error("rule.bad-order", path + ("params", "start", "before_end"),
                                             field="start.before_end", other=f"{other}.before_end"))
    return errors


def _day_plus(spec: dict):
    """A term given as a counted day: its day plus ``plus_days`` (a comparable day number,
    though plus_days are calendar days: both sides are counted the same way), else None."""
    if not _is_int(spec.get("day")):
        return None
    plus = spec.get("plus_days", 0)
    return spec["day"] + (plus if _is_int(plus) else 0)


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _vocabulary_errors(document, module, vocab, params=None, path=("params",)) -> list:
    """Names in params that the vocabulary does not know (a kind says which)."""
    errors = []
    params = document.data["params"] if params is None else params
    for name in getattr(module, "referenced_events", lambda p: [])(params):
        if name not in vocab.tasks:
            errors.append(document.error("rule.unknown-event", path, value=name,
                                         hint=did_you_mean(name, vocab.tasks)))
    check_names = getattr(module, "check_names", None)
    if check_names and path == ("params",):
        errors.extend(check_names(document, vocab))
    return errors


def load_rulebook(directories, vocab) -> Rulebook:
    """All rules below ``directories``, with the packs' overrides and adjustments applied
    (:mod:`checker.packs`); raise InputErrors listing every bad file."""
    from .packs import assemble

    loaded, errors = [], []
    for number, directory in enumerate(directories):
        files = rule_files(Path(directory))
        if not files:  # a missing folder or one without rule files: a typo in --rules, never silence
            from .errors import make_error

            errors.append(make_error("rules.none", str(directory), dir=str(directory)))
        for path in files:
            try:
                loaded.append((number, load_rule(path, vocab)))
            except InputErrors as exc:
                errors.extend(exc.errors)
    rules, adjustments = assemble(loaded, directories, errors)
    if errors:
        raise InputErrors(errors)
    return Rulebook(rules=tuple(sorted(rules, key=lambda r: r.id)), adjustments=tuple(adjustments))


@lru_cache(maxsize=8)
def default_rulebook(extra_dirs: tuple = (), include_announced: bool = False) -> Rulebook:
    """The shipped rules plus any custom packs, loaded once per process; announced law
    (``announced: true``) only when asked for (``--include-announced``)."""
    from .packs import without_announced
    from .vocab import load_vocabulary

    book = load_rulebook(DEFAULT_RULE_DIRS + tuple(Path(d) for d in extra_dirs), load_vocabulary())
    return book if include_announced else without_announced(book)
