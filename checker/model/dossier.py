"""The dossier model and its builder.

The builder runs after schema validation (so every field has the right shape)
and checks what a schema cannot: real dates, periods in order, known event
types, roles and actors. It collects every problem before raising.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..errors import InputErrors, did_you_mean
from ..load.document import Document
from ..load.schema import validate
from .calendar import SickCalendar
from .dates import DateProblem, parse_date


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
    errors = validate(document, "dossier")
    if errors:
        raise InputErrors(errors)
    builder = _DossierBuilder(document, vocab)
    dossier = builder.build()
    if builder.errors:
        raise InputErrors(builder.errors)
    return dossier


class _DossierBuilder:
    def __init__(self, document: Document, vocab) -> None:
        self.doc = document
        self.data = document.data
        self.vocab = vocab
        self.errors: list = []

    def fail(self, code: str, path, want_key=False, hint=None, **params) -> None:
        self.errors.append(self.doc.error(code, path, want_key=want_key, hint=hint, **params))

    def date(self, value, path) -> date | None:
        try:
            return parse_date(value)
        except DateProblem as problem:
            from .dates import EARLIEST, LATEST

            self.fail(problem.code, path, value=problem.value, low=EARLIEST.isoformat(), high=LATEST.isoformat())
            return None

    def build(self) -> Dossier:
        first = self.date(self.data["first_sick_day"], ("first_sick_day",))
        periods = self.periods(first)
        actors = self.actors()
        events = self.events(first, {a.id for a in actors} | {self.data["employee"]})
        return Dossier(id=self.data["dossier"], employer=self.data["employer"], employee=self.data["employee"],
                       first_sick_day=first, periods=periods, actors=actors, events=events, file=self.doc.file)

    def periods(self, first: date | None) -> tuple:
        raw = self.data.get("periods")
        if raw is None:
            return ((first, None),) if first else ()
        periods = []
        for i, item in enumerate(raw):
            start = self.date(item["from"], ("periods", i, "from"))
            end = self.date(item["to"], ("periods", i, "to")) if item.get("to") is not None else None
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
        employee = self.data["employee"]
        for i, item in enumerate(self.data.get("actors", [])):
            actor_id, role = item["id"], item["role"]
            if actor_id in seen:
                self.fail("actor.duplicate", ("actors", i, "id"), value=actor_id, first=seen[actor_id] + 1)
                continue
            if actor_id == employee:
                self.fail("actor.is-employee", ("actors", i, "id"), value=actor_id)
            seen[actor_id] = i
            if role not in self.vocab.roles:
                self.fail("actor.unknown-role", ("actors", i, "role"), value=role,
                          hint=did_you_mean(role, self.vocab.roles))
            actors.append(actor_from_mapping(item))
        return tuple(actors)

    def events(self, first: date | None, known_actors: set) -> tuple:
        events = []
        appointing = self.vocab.appointing_tasks()
        for i, item in enumerate(self.data.get("events", [])):
            path = ("events", i)
            kind = item["type"]
            if kind not in self.vocab.tasks:
                self.fail("event.unknown-type", path + ("type",), value=kind,
                          hint=did_you_mean(kind, self.vocab.tasks))
            when = self.date(item["date"], path + ("date",))
            if when and first and when < first:
                self.fail("event.before-first-sick-day", path + ("date",), date=when.isoformat(), first=first.isoformat())
            by = item.get("by", [])
            by = (by,) if isinstance(by, str) else tuple(by)
            for j, actor_id in enumerate(by):
                if actor_id not in known_actors:
                    where = path + ("by",) + ((j,) if isinstance(item["by"], list) else ())
                    self.fail("actor.unknown", where, value=actor_id, hint=did_you_mean(actor_id, known_actors))
            appointed = item.get("actor")
            if appointed is not None:
                if kind in self.vocab.tasks and kind not in appointing:
                    self.fail("event.actor-not-expected", path + ("actor",), want_key=True,
                              types=", ".join(sorted(appointing)))
                elif appointed not in known_actors:
                    self.fail("actor.unknown", path + ("actor",), value=appointed,
                              hint=did_you_mean(appointed, known_actors))
            if when:
                events.append(Event(type=kind, date=when, by=by, actor=appointed, index=i))
        return tuple(events)


def actor_from_mapping(item: dict) -> Actor:
    """An Actor from a validated dossier or policy entry."""
    quadrant = item.get("quadrant")
    return Actor(
        id=item["id"], role=item["role"], employer=item.get("employer"), acts_for=item.get("acts_for"),
        quadrant=(quadrant["werkt"], quadrant["onder_bedrijfsarts"]) if quadrant else None,
        titles=tuple(item.get("titles", ())), department=item.get("department"),
    )
