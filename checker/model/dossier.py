"""The dossier model and its builder.

The builder checks what a schema cannot: real dates, periods in order, known
event types, roles and actors. It runs even when schema validation found
problems, skipping every value the schema already rejected, so a file's
schema and semantic errors are reported together in one run.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..errors import InputErrors, allowed_hint, did_you_mean
from ..load.document import Document
from ..load.schema import validate
from .calendar import SickCalendar
from .dates import EARLIEST, LATEST, DateProblem, parse_date


@dataclass(frozen=True)
class Actor:
    id: str
    role: str
    employer: str | None = None
    acts_for: str | None = None
    quadrant: tuple | None = None  # (werkt, onder_bedrijfsarts)
    titles: tuple = ()
    department: str | None = None


@dataclass(frozen=True)
class Event:
    type: str
    date: date
    by: tuple = ()
    actor: str | None = None
    index: int = field(default=0, compare=False)  # position in the file, for messages only


@dataclass(frozen=True)
class Dossier:
    id: str
    employer: str
    employee: str
    first_sick_day: date
    periods: tuple  # ((start, end|None), ...) sorted
    actors: tuple
    events: tuple
    file: str = ""

    def calendar(self) -> SickCalendar:
        return SickCalendar.from_periods(self.periods)

    def actor(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)


def load_dossier(path, vocab, max_bytes=None) -> Dossier:
    """Read, validate and build a dossier file; raise InputErrors with every problem."""
    from ..load.document import DEFAULT_MAX_BYTES, load_document

    document = load_document(path, max_bytes or DEFAULT_MAX_BYTES)
    return build_dossier(document, vocab)


def build_dossier(document: Document, vocab) -> Dossier:
    from .sniff import wrong_kind_errors

    wrong = wrong_kind_errors(document, "dossier")
    if wrong:
        raise InputErrors(wrong)
    schema_errors = validate(document, "dossier")
    builder = _DossierBuilder(document, vocab, {e.path for e in schema_errors})
    builder.check()
    errors = schema_errors + builder.errors
    if errors:
        raise InputErrors(errors)
    return builder.dossier()


class _DossierBuilder:
    """Semantic checks over possibly invalid data: a value is used only when it
    has the expected Python type and the schema reported nothing at its path."""

    def __init__(self, document: Document, vocab, rejected: set) -> None:
        self.doc = document
        self.data = document.data if isinstance(document.data, dict) else {}
        self.vocab = vocab
        self.rejected = rejected
        self.errors: list = []
        self.first = self.periods_ = self.actors_ = self.events_ = None

    def fail(self, code: str, path, want_key=False, hint=None, **params) -> None:
        self.errors.append(self.doc.error(code, path, want_key=want_key, hint=hint, **params))

    def get(self, mapping, path: tuple, kind=str):
        """``mapping[path[-1]]`` when it is usable: the right type, not rejected by the schema."""
        value = mapping.get(path[-1]) if isinstance(mapping, dict) else None
        return value if isinstance(value, kind) and path not in self.rejected else None

    def items(self, name: str):
        """(index, mapping) for each usable entry of a top-level list."""
        entries = self.get(self.data, (name,), list) or []
        return [(i, item) for i, item in enumerate(entries) if isinstance(item, dict)]

    def date(self, mapping, path) -> date | None:
        value = self.get(mapping, path)
        if value is None:
            return None
        try:
            return parse_date(value)
        except DateProblem as problem:
            self.fail(problem.code, path, value=problem.value, low=EARLIEST.isoformat(), high=LATEST.isoformat())
            return None

    def check(self) -> None:
        self.first = self.date(self.data, ("first_sick_day",))
        self.periods_ = self.periods(self.first)
        self.actors_ = self.actors()
        self.events_ = self.events(self.first, self.known_actors())

    def known_actors(self) -> set | None:
        """Who may appear in ``by`` and ``actor``; None when a broken employee or actor id
        makes that unknowable (every reference would be a false "unknown actor")."""
        employee = self.get(self.data, ("employee",))
        listed, entries = self.data.get("actors", []), self.items("actors")
        if employee is None or not isinstance(listed, list) or len(entries) != len(listed):
            return None
        if any(self.get(item, ("actors", i, "id")) is None for i, item in entries):
            return None
        return {a.id for a in self.actors_} | {employee}

    def dossier(self) -> Dossier:
        """The checked dossier (only called when there were no errors at all)."""
        return Dossier(id=self.data["dossier"], employer=self.data["employer"], employee=self.data["employee"],
                       first_sick_day=self.first, periods=self.periods_, actors=self.actors_,
                       events=self.events_, file=self.doc.file)

    def periods(self, first: date | None) -> tuple:
        if "periods" not in self.data:
            return ((first, None),) if first else ()
        periods = []
        for i, item in self.items("periods"):
            start = self.date(item, ("periods", i, "from"))
            end = self.date(item, ("periods", i, "to"))
            if start and end and end < start:
                self.fail("period.to-before-from", ("periods", i, "to"), to=end.isoformat(), start=start.isoformat())
            periods.append((i, start, end))
        self.check_order(periods, first)
        return tuple((s, e) for _, s, e in periods if s)

    def check_order(self, periods, first) -> None:
        """Periods must follow each other without overlap; only the last may be open."""
        valid = [(i, s, e) for i, s, e in periods if s]
        for (i, s, e), (j, s2, _) in zip(valid, valid[1:]):
            if e is None:
                self.fail("period.open-not-last", ("periods", i))
            elif s2 <= e or s2 < s:
                self.fail("period.overlap", ("periods", j, "from"), other=i + 1)
        if valid and first and valid[0][1] != first:
            self.fail("dossier.first-sick-day-mismatch", ("first_sick_day",),
                      first=first.isoformat(), start=valid[0][1].isoformat())

    def actors(self) -> tuple:
        actors, seen = [], {}
        employee = self.get(self.data, ("employee",))
        for i, item in self.items("actors"):
            actor_id = self.get(item, ("actors", i, "id"))
            role = self.get(item, ("actors", i, "role"))
            if actor_id in seen:
                self.fail("actor.duplicate", ("actors", i, "id"), value=actor_id, first=seen[actor_id] + 1)
                continue
            if actor_id is not None and actor_id == employee:
                self.fail("actor.is-employee", ("actors", i, "id"), value=actor_id)
            if role is not None and role not in self.vocab.roles:
                self.fail("actor.unknown-role", ("actors", i, "role"), value=role,
                          hint=did_you_mean(role, self.vocab.roles), **allowed_hint(role, self.vocab.roles, "roles"))
            self.check_titles(item, ("actors", i, "titles"))
            if actor_id is not None:
                seen[actor_id] = i
                whole = self.accepted(("actors", i))  # a half-valid entry still names a known actor
                actors.append(actor_from_mapping(item) if whole else Actor(id=actor_id, role=role or ""))
        return tuple(actors)

    def accepted(self, path: tuple) -> bool:
        """No schema error at ``path`` or anywhere below it."""
        return not any(bad is not None and bad[: len(path)] == path for bad in self.rejected)

    def check_titles(self, item, path) -> None:
        titles = self.get(item, path, list) or []
        for j, title in enumerate(titles):
            if isinstance(title, str) and title not in self.vocab.titles:
                self.fail("actor.unknown-title", path + (j,), value=title, hint=did_you_mean(title, self.vocab.titles),
                          **allowed_hint(title, self.vocab.titles, "titles"))

    def events(self, first: date | None, known_actors: set | None) -> tuple:
        events = []
        for i, item in self.items("events"):
            path = ("events", i)
            kind = self.event_type(item, path)
            when = self.date(item, path + ("date",))
            if when and first and when < first:
                self.fail("event.before-first-sick-day", path + ("date",), date=when.isoformat(), first=first.isoformat())
            by = self.performers(item, path, known_actors)
            appointed = self.appointed(item, path, kind, known_actors)
            if when and kind:
                events.append(Event(type=kind, date=when, by=by, actor=appointed, index=i))
        return tuple(events)

    def event_type(self, item, path) -> str | None:
        kind = self.get(item, path + ("type",))
        if kind is not None and kind not in self.vocab.tasks:
            self.fail("event.unknown-type", path + ("type",), value=kind, hint=did_you_mean(kind, self.vocab.tasks),
                      **allowed_hint(kind, self.vocab.tasks, "events"))
        return kind

    def performers(self, item, path, known_actors: set | None) -> tuple:
        """The event's ``by`` as a tuple of actor ids; unknown ids are errors."""
        raw = self.get(item, path + ("by",), (str, list))
        by = (raw,) if isinstance(raw, str) else tuple(raw or ())
        for j, actor_id in enumerate(by):
            if known_actors is not None and isinstance(actor_id, str) and actor_id not in known_actors:
                where = path + ("by",) + ((j,) if isinstance(raw, list) else ())
                self.fail("actor.unknown", where, value=actor_id, hint=did_you_mean(actor_id, known_actors))
        return by

    def appointed(self, item, path, kind, known_actors: set | None) -> str | None:
        """The appointed actor of an appointment event (``actor``), checked."""
        appointed = self.get(item, path + ("actor",))
        appointing = self.vocab.appointing_tasks()
        if appointed is None:
            return None
        if kind in self.vocab.tasks and kind not in appointing:
            self.fail("event.actor-not-expected", path + ("actor",), want_key=True, types=", ".join(sorted(appointing)))
        elif known_actors is not None and appointed not in known_actors:
            self.fail("actor.unknown", path + ("actor",), value=appointed, hint=did_you_mean(appointed, known_actors))
        return appointed


def actor_from_mapping(item: dict) -> Actor:
    """An Actor from a validated dossier or policy entry."""
    quadrant = item.get("quadrant")
    return Actor(
        id=item["id"], role=item["role"], employer=item.get("employer"), acts_for=item.get("acts_for"),
        quadrant=(quadrant["werkt"], quadrant["onder_bedrijfsarts"]) if quadrant else None,
        titles=tuple(item.get("titles", ())), department=item.get("department"),
    )
