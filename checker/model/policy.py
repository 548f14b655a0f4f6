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

from ..errors import CappedErrors, InputErrors, allowed_hint, did_you_mean
from ..load.document import Document
from ..load.positions import Positions
from ..load.schema import validate
from .dates import DateProblem, parse_date
from .dossier import Actor, actor_from_mapping


@dataclass(frozen=True, slots=True)
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


def find_cycles(parent: dict) -> list:
    """Every loop of a ``node -> parent`` mapping, each as a list of its nodes in order.

    Linear: each node is walked once (colouring), so a chain of any length costs
    its length, and no recursion is used (a 10,000-link chain is fine).
    """
    state: dict = {}  # node -> the walk that visited it; done walks stay in the dict
    cycles = []
    for walk, start in enumerate(parent):
        node, path = start, []
        while node in parent and node not in state:
            state[node] = walk
            path.append(node)
            node = parent[node]
        if node in parent and state.get(node) == walk:  # came back into this walk: a loop
            cycles.append(path[path.index(node):])
    return cycles


#: Longest contracting or delegation chain accepted (links). Real chains are a few links
#: long; the cap keeps evidence paths, which name every link, bounded (docs/errors.md).
MAX_CHAIN_LINKS = 50


def too_long(parent: dict, limit: int = MAX_CHAIN_LINKS) -> list:
    """The nodes ``limit`` links away from their chain's end: one per over-long chain
    (tail shared). Linear and without recursion; loops (find_cycles) are skipped."""
    parent = {node: up for node, up in parent.items() if up is not None}
    length: dict = {}
    for start in parent:
        path, node = [], start
        while node in parent and node not in length:
            length[node] = None  # on the current walk
            path.append(node)
            node = parent[node]
        base = length.get(node) if node in parent else 0
        for item in reversed(path):
            base = None if base is None else base + 1
            length[item] = base
    return [node for node, links in length.items() if links == limit + 1]


def build_policy(document: Document, vocab) -> Policy:
    from .sniff import wrong_kind_errors

    wrong = wrong_kind_errors(document, "policy")
    if wrong:
        raise InputErrors(wrong)
    errors = validate(document, "policy")
    if errors and errors[-1].code == "errors.more-than":  # as for a dossier: the format first
        raise InputErrors(errors)
    if errors:
        raise InputErrors(errors + _semantic_errors_despite(errors, document, vocab))
    builder = _PolicyBuilder(document, vocab)
    policy = builder.build()
    if builder.errors:
        raise InputErrors(builder.errors.collected())
    return policy


def _semantic_errors_despite(schema_errors, document: Document, vocab) -> list:
    """The builder's own errors on a document the schema rejected, so that one run
    reports unknown names and duplicates too, not only the shape problems.

    The builder expects schema-valid data; on a shape it cannot read it stops,
    and then the schema errors alone are reported (they are complete). Errors at
    or below a path the schema already rejected are left out: one message each.
    """
    rejected = {e.path for e in schema_errors if e.path is not None}
    builder = _PolicyBuilder(document, vocab)
    try:
        builder.build()
    except (KeyError, TypeError, AttributeError, IndexError, ValueError):
        return []
    # a prefix lookup per error (not a scan of every rejected path): linear in the errors
    return [e for e in builder.errors
            if e.path is None or not any(e.path[:n] in rejected for n in range(len(e.path) + 1))]


#: errors about a vocabulary name: their message lists the allowed values (all ours, not input)
_VOCABULARY_CODES = {"actor.unknown-role": "roles", "policy.unknown-title": "titles", "policy.unknown-task": "events",
                     "policy.unknown-data": "data", "policy.unknown-element": "basiscontract",
                     "policy.unknown-organisation-type": "organisations"}


class _PolicyBuilder:
    def __init__(self, document: Document, vocab) -> None:
        self.doc = document
        self.data = document.data
        self.vocab = vocab
        self.errors = CappedErrors(document.file, document.max_errors)
        self.actor_index: dict = {}

    def fail(self, code: str, path, want_key=False, hint=None, **params) -> None:
        if self.errors.counted_only():  # past --max-errors: counted, not made (checker/errors.py CappedErrors)
            return
        self.errors.append(self.doc.error(code, path, want_key=want_key, hint=hint, **params))

    def known(self, value, choices, code: str, path, want_key=False) -> bool:
        """Whether ``value`` is one of ``choices``; an error with a did-you-mean if not.
        For a vocabulary name (the code's message points to ``verzuimcheck vocab``) the
        error also lists the allowed values; never for names from the input (actor ids)."""
        if value in choices:
            return True
        if self.errors.counted_only():  # no hint worked out for an error only counted (profiled: 60% of
            return False  # a policy naming 200,000 unknown tasks went to hints thrown away)
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
        targets = set(seen) | {own} | set(self.vocab.sides)  # built once: per item it was quadratic
        for i, item in enumerate(items):
            if "acts_for" in item:
                self.known(item["acts_for"], targets, "policy.unknown-acts-for", ("organisations", i, "acts_for"))
        self.check_chains(items)
        self.check_reserved(items)
        return tuple(Organisation(id=o["id"], type=o.get("type"), acts_for=o.get("acts_for")) for o in items)

    def check_chains(self, items) -> None:
        """A contracting chain (acts_for between organisations) must end, not loop."""
        parent = {o["id"]: o.get("acts_for") for o in items}
        index = {}
        for i, item in enumerate(items):
            index.setdefault(item["id"], i)
        for cycle in find_cycles(parent):
            first = min(cycle, key=index.__getitem__)
            at = cycle.index(first)
            chain = cycle[at:] + cycle[:at] + [first]
            self.fail("policy.contract-cycle", ("organisations", index[first], "acts_for"), value=first,
                      chain=tuple(chain))
        for node in too_long(parent):
            self.fail("policy.chain-too-long", ("organisations", index[node], "acts_for"), value=node,
                      limit=MAX_CHAIN_LINKS)

    def check_delegation(self, items) -> None:
        """Taakdelegatie (delegated_by between actors) must end at somebody who delegates, not loop."""
        parent, index = {}, {}
        for i, item in enumerate(items):
            if item["id"] not in index:
                index[item["id"]] = i
                parent[item["id"]] = item.get("delegated_by")
        for cycle in find_cycles(parent):
            if len(cycle) == 1:
                continue  # an actor delegated by itself: policy.delegate-not-bedrijfsarts says so
            first = min(cycle, key=index.__getitem__)
            at = cycle.index(first)
            self.fail("policy.delegation-cycle", ("actors", index[first], "delegated_by"),
                      chain=tuple(cycle[at:] + cycle[:at] + [first]))
        for node in too_long(parent):
            self.fail("policy.chain-too-long", ("actors", index[node], "delegated_by"), value=node,
                      limit=MAX_CHAIN_LINKS)

    def check_reserved(self, items) -> None:
        """An organisation id that is also a side or a role name would silently become that side."""
        reserved = {**{name: "role" for name in self.vocab.roles}, **{name: "side" for name in self.vocab.sides}}
        own = self.data["organisation"]
        if own in reserved:
            self.fail("id.reserved", ("organisation",), value=own, what=reserved[own])
        for i, item in enumerate(items):
            if item["id"] in reserved:
                self.fail("id.reserved", ("organisations", i, "id"), value=item["id"], what=reserved[item["id"]])

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
            actors.append(actor_from_mapping(item, PolicyActor, delegated_by=item.get("delegated_by")))
        self.check_delegation(items)
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
