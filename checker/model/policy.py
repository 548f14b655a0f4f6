"""The organisation policy model and its builder (format: docs/policy-format.md).

The builder runs after schema validation and checks what a schema cannot: known
roles, tasks, data categories, titles, organisations and basiscontract elements
(with a did-you-mean), actors listed once, every assignment naming a known actor,
no task assigned to an empty list, no contracting chain that loops. It collects
every problem before raising, like the dossier builder.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..errors import InputErrors, allowed_hint, did_you_mean
from ..load.document import Document
from ..load.positions import Positions
from ..load.schema import validate
from .dates import DateProblem, parse_date
from .dossier import Actor, actor_from_mapping


@dataclass(frozen=True)
class PolicyActor(Actor):
    delegated_by: str | None = None  # the bedrijfsarts whose taakdelegatie the actor works in


@dataclass(frozen=True)
class Organisation:
    id: str
    type: str | None = None
    acts_for: str | None = None  # a side, or the organisation that contracts this one


@dataclass(frozen=True)
class Policy:
    organisation: str
    regeling: str
    basiscontract: tuple  # element names, in file order
    verzekering: str
    actors: tuple  # PolicyActor, in file order
    organisations: tuple = ()
    tasks: tuple = ()  # ((task, (actor id, ...)), ...) in file order
    data: tuple = ()  # ((data category, (actor id, ...)), ...) in file order
    as_of: date | None = None
    file: str = ""
    positions: object = field(default=None, compare=False, repr=False)  # load.positions.Positions


def load_policy(path, vocab, max_bytes=None) -> Policy:
    """Read, validate and build a policy file; raise InputErrors with every problem."""
    from ..load.document import DEFAULT_MAX_BYTES, load_document

    return build_policy(load_document(path, max_bytes or DEFAULT_MAX_BYTES), vocab)


def policy_from_dict(data: dict, vocab, file: str = "<policy>") -> Policy:
    """A Policy from plain data (tests, other tools); dates may be date objects."""
    return build_policy(Document(file=file, data=_plain(data)), vocab)


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def build_policy(document: Document, vocab) -> Policy:
    from .sniff import wrong_kind_errors

    wrong = wrong_kind_errors(document, "policy")
    if wrong:
        raise InputErrors(wrong)
    errors = validate(document, "policy")
    if errors:
        raise InputErrors(errors + _semantic_errors_despite(errors, document, vocab))
    builder = _PolicyBuilder(document, vocab)
    policy = builder.build()
    if builder.errors:
        raise InputErrors(builder.errors)
    return policy


def _semantic_errors_despite(schema_errors, document: Document, vocab) -> list:
    """The builder's own errors on a document the schema rejected, so that one run
    reports unknown names and duplicates too, not only the shape problems.

    The builder expects schema-valid data; on a shape it cannot read it stops,
    and then the schema errors alone are reported (they are complete). Errors at
    or below a path the schema already rejected are left out: one message each.
    """
    rejected = [e.path for e in schema_errors]
    builder = _PolicyBuilder(document, vocab)
    try:
        builder.build()
    except (KeyError, TypeError, AttributeError, IndexError, ValueError):
        return []
    return [e for e in builder.errors if not any(e.path[:len(r)] == r for r in rejected)]


#: errors about a vocabulary name: their message lists the allowed values (all ours, not input)
_VOCABULARY_CODES = {"actor.unknown-role": "roles", "policy.unknown-title": "titles", "policy.unknown-task": "events",
                     "policy.unknown-data": "data", "policy.unknown-element": "basiscontract",
                     "policy.unknown-organisation-type": "organisations"}


class _PolicyBuilder:
    def __init__(self, document: Document, vocab) -> None:
        self.doc = document
        self.data = document.data
        self.vocab = vocab
        self.errors: list = []
        self.actor_index: dict = {}

    def fail(self, code: str, path, want_key=False, hint=None, **params) -> None:
        self.errors.append(self.doc.error(code, path, want_key=want_key, hint=hint, **params))

    def known(self, value, choices, code: str, path, want_key=False) -> bool:
        """Whether ``value`` is one of ``choices``; an error with a did-you-mean if not.
        For a vocabulary name (the code's message points to ``verzuimcheck vocab``) the
        error also lists the allowed values; never for names from the input (actor ids)."""
        if value in choices:
            return True
        extra = allowed_hint(value, choices, _VOCABULARY_CODES[code]) if code in _VOCABULARY_CODES else {}
        self.fail(code, path, want_key=want_key, value=value, hint=did_you_mean(value, choices), **extra)
        return False

    def build(self) -> Policy:
        organisations = self.organisations()
        actors = self.actors({o.id for o in organisations})
        ids = {a.id for a in actors}
        arbo = self.data["arbo"]
        return Policy(
            organisation=self.data["organisation"], regeling=arbo["regeling"],
            basiscontract=self.names(("arbo", "basiscontract"), self.vocab.basiscontract, "policy.unknown-element"),
            verzekering=self.data.get("verzekering", "geen"), actors=actors, organisations=organisations,
            tasks=self.assignments("tasks", self.vocab.tasks, "policy.unknown-task", ids, required=True),
            data=self.assignments("data", self.vocab.data_categories, "policy.unknown-data", ids, required=False),
            as_of=self.as_of(), file=self.doc.file, positions=Positions(self.doc, self.actor_index))

    def as_of(self) -> date | None:
        if "as_of" not in self.data:
            return None
        try:
            return parse_date(self.data["as_of"])
        except DateProblem as problem:
            from .dates import EARLIEST, LATEST

            self.fail(problem.code, ("as_of",), value=problem.value, low=EARLIEST.isoformat(), high=LATEST.isoformat())
            return None

    def names(self, path: tuple, choices, code: str) -> tuple:
        """A list of vocabulary names: each known, none twice."""
        value = self.data
        for part in path:
            value = value.get(part, {}) if isinstance(value, dict) else {}
        seen = set()
        for i, name in enumerate(value or []):
            if name in seen:
                self.fail("policy.duplicate-assignment", path + (i,), value=name)
            seen.add(name)
            self.known(name, choices, code, path + (i,))
        return tuple(dict.fromkeys(value or []))

    def organisations(self) -> tuple:
        items, seen = self.data.get("organisations", []), {}
        own = self.data["organisation"]
        for i, item in enumerate(items):
            if item["id"] in seen or item["id"] == own:
                self.fail("policy.duplicate-organisation", ("organisations", i, "id"), value=item["id"])
            seen.setdefault(item["id"], i)
            if "type" in item:
                self.known(item["type"], self.vocab.organisation_types, "policy.unknown-organisation-type",
                           ("organisations", i, "type"))
        known = set(seen) | {own}
        for i, item in enumerate(items):
            if "acts_for" in item:
                self.known(item["acts_for"], known | set(self.vocab.sides), "policy.unknown-acts-for",
                           ("organisations", i, "acts_for"))
        self.check_chains(items)
        return tuple(Organisation(id=o["id"], type=o.get("type"), acts_for=o.get("acts_for")) for o in items)

    def check_chains(self, items) -> None:
        """A contracting chain (acts_for between organisations) must end, not loop."""
        parent = {o["id"]: o.get("acts_for") for o in items}
        for i, item in enumerate(items):
            chain, current = [item["id"]], parent.get(item["id"])
            while current in parent and current not in chain:
                chain.append(current)
                current = parent[current]
            if current == item["id"]:
                self.fail("policy.contract-cycle", ("organisations", i, "acts_for"), value=item["id"],
                          chain=" -> ".join(chain + [current]))

    def actors(self, organisations: set) -> tuple:
        actors, seen = [], self.actor_index
        items = self.data["actors"]
        # what an employer and an acts_for may name, built once (not per actor: policies get large)
        targets = {"employer": organisations | {self.data["organisation"]} if organisations else None,
                   "acts_for": set(self.vocab.sides) | organisations}
        roles: dict = {}
        for item in items:
            roles.setdefault(item["id"], item["role"])  # the first listing counts, as for duplicates
        for i, item in enumerate(items):
            if item["id"] in seen:
                self.fail("actor.duplicate", ("actors", i, "id"), value=item["id"], first=seen[item["id"]] + 1)
                continue
            seen[item["id"]] = i
            self.check_actor(item, ("actors", i), targets, roles)
            actors.append(PolicyActor(**vars(actor_from_mapping(item)), delegated_by=item.get("delegated_by")))
        return tuple(actors)

    def check_actor(self, item: dict, path: tuple, targets: dict, roles: dict) -> None:
        self.known(item["role"], self.vocab.roles, "actor.unknown-role", path + ("role",))
        for j, title in enumerate(item.get("titles", [])):
            self.known(title, self.vocab.titles, "policy.unknown-title", path + ("titles", j))
        if targets["employer"] is not None and "employer" in item:
            self.known(item["employer"], targets["employer"], "policy.unknown-organisation", path + ("employer",))
        if "acts_for" in item:
            self.known(item["acts_for"], targets["acts_for"], "policy.unknown-acts-for", path + ("acts_for",))
        delegate = item.get("delegated_by")
        if delegate is not None and self.known(delegate, roles, "policy.unknown-actor", path + ("delegated_by",)):
            if delegate == item["id"] or not self.vocab.roles.get(roles[delegate], {}).get("delegates_tasks"):
                self.fail("policy.delegate-not-bedrijfsarts", path + ("delegated_by",), value=delegate,
                          role=roles[delegate])

    def assignments(self, section: str, choices, code: str, actors: set, required: bool) -> tuple:
        """``task -> [actor, ...]`` (or data category -> receivers), every name checked."""
        result = []
        for name, who in self.data.get(section, {}).items():
            path = (section, name)
            self.known(name, choices, code, path, want_key=True)
            listed = [who] if isinstance(who, str) else who
            if required and not listed:
                self.fail("policy.task-unassigned", path, value=name)
            unique = tuple(dict.fromkeys(listed))
            if len(unique) < len(listed) or not actors.issuperset(unique):  # look closer only when wrong
                self.check_listed(path, who, listed, actors)
            result.append((name, unique))
        return tuple(result)

    def check_listed(self, path: tuple, who, listed: list, actors: set) -> None:
        seen = set()
        for j, actor_id in enumerate(listed):
            where = path + ((j,) if isinstance(who, list) else ())
            if actor_id in seen:
                self.fail("policy.duplicate-assignment", where, value=actor_id)
            seen.add(actor_id)
            self.known(actor_id, actors, "policy.unknown-actor", where)
