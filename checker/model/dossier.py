"""The dossier model and its builder.

The builder checks what a schema cannot: real dates, periods in order, known
event types, roles and actors. It runs even when schema validation found
problems, skipping every value the schema already rejected, so a file's
schema and semantic errors are reported together in one run.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..errors import CappedErrors, InputErrors, allowed_hint, did_you_mean
from ..load.document import Document
from ..load.schema import validate
from .calendar import SickCalendar
from .dates import EARLIEST, LATEST, DateProblem, parse_date


#: Actors and events are the input's bulk (a 10 MB file holds about 200,000): slots halve
#: their memory (measured on the worst-case benchmark's wide fans).
@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    role: str
    employer: str | None = None
    acts_for: str | None = None
    quadrant: tuple | None = None  # (werkt, onder_bedrijfsarts)
    titles: tuple = ()
    department: str | None = None
    registration: tuple | None = None  # (register, number) in a professional register


@dataclass(frozen=True, slots=True)
class Event:
    type: str
    date: date
    by: tuple = ()
    actor: str | None = None
    index: int = field(default=0, compare=False)  # position in the file, for messages only
    # fields that only some event types carry (roles/tasks.yaml `fields`)
    reason: str | None = None  # spoor2_niet_nodig
    wachttijd_end: date | None = None  # iva_toegekend
    until: date | None = None  # verlenging_loondoorbetaling
    step: str | None = None  # afwijking_termijn: a rule id
    due: date | None = None  # afwijking_termijn: the agreed due date


#: Event fields that hold dates (parsed like every other date).
DATE_FIELDS = ("wachttijd_end", "until", "due")
EVENT_FIELDS = ("reason", "wachttijd_end", "until", "step", "due")


@dataclass(frozen=True)
class Leave:
    start: date
    end: date
    type: str


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
    leave: tuple = ()  # Leave, sorted
    contract_end: date | None = None
    eigenrisicodrager: tuple = ()  # "ziektewet", "wga"
    vangnet: str | None = None
    positions: object = field(default=None, compare=False, repr=False)  # load.positions.Positions

    def calendar(self) -> SickCalendar:
        return SickCalendar.from_periods(self.periods, leave=[(x.start, x.end) for x in self.leave])

    def actor(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)


def load_dossier(path, vocab, max_bytes=None, steps=None) -> Dossier:
    """Read, validate and build a dossier file; raise InputErrors with every problem.

    ``steps``: the rule ids whose term an ``afwijking_termijn`` may change (the rulebook's
    term rules); None accepts any id.
    """
    from ..load.document import DEFAULT_MAX_BYTES, load_document

    document = load_document(path, max_bytes or DEFAULT_MAX_BYTES)
    return build_dossier(document, vocab, steps)


def build_dossier(document: Document, vocab, steps=None) -> Dossier:
    from .sniff import wrong_kind_errors

    wrong = wrong_kind_errors(document, "dossier")
    if wrong:
        raise InputErrors(wrong)
    schema_errors = validate(document, "dossier")
    if schema_errors and schema_errors[-1].code == "errors.more-than":
        # over a thousand more format errors than shown: the semantic checks could only raise a count
        # that is already "more than" (docs/errors.md, caps and bounds); fix the format first
        raise InputErrors(schema_errors)
    builder = _DossierBuilder(document, vocab, {e.path for e in schema_errors}, steps)
    builder.check()
    errors = schema_errors + builder.errors.collected()
    if errors:
        raise InputErrors(errors)
    return builder.dossier()


class _DossierBuilder:
    """Semantic checks over possibly invalid data: a value is used only when it
    has the expected Python type and the schema reported nothing at its path."""

    def __init__(self, document: Document, vocab, rejected: set, steps=None) -> None:
        self.doc = document
        self.data = document.data if isinstance(document.data, dict) else {}
        self.vocab = vocab
        self.rejected = rejected
        # every prefix of a rejected path, so "anything rejected below here?" is one lookup
        self.rejected_below = {bad[:n] for bad in rejected if bad is not None for n in range(len(bad) + 1)}
        self.steps = steps
        self.errors = CappedErrors(document.file, document.max_errors)
        self.first = self.periods_ = self.actors_ = self.events_ = self.leave_ = None
        self._actors_by_id = None
        self.actor_index: dict = {}

    def fail(self, code: str, path, want_key=False, hint=None, **params) -> None:
        if self.errors.counted_only():  # past --max-errors: counted, not made (checker/errors.py CappedErrors)
            return
        self.errors.append(self.doc.error(code, path, want_key=want_key, hint=hint, **params))

    def unknown(self, code: str, path, value, choices, vocab: str | None = None) -> None:
        """``fail`` for a value not among ``choices``, with a did-you-mean (and, for a vocabulary
        name, the allowed values): worked out only while errors are still shown, never for
        an error past --max-errors that is only counted."""
        if self.errors.counted_only():
            return
        extra = allowed_hint(value, choices, vocab) if vocab else {}
        self.fail(code, path, value=value, hint=did_you_mean(value, choices), **extra)

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
        self.leave_ = self.leave(self.periods_)
        self.contract_end = self.date(self.data, ("contract_end",))
        if self.contract_end and self.first and self.contract_end < self.first:
            self.fail("dossier.contract-end-before-first-sick-day", ("contract_end",),
                      date=self.contract_end.isoformat(), first=self.first.isoformat())
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
        from ..load.positions import Positions

        positions = Positions(self.doc, self.actor_index, [(e.type, e.date, e.index) for e in self.events_])
        return Dossier(id=self.data["dossier"], employer=self.data["employer"], employee=self.data["employee"],
                       first_sick_day=self.first, periods=self.periods_, actors=self.actors_,
                       events=self.events_, file=self.doc.file, leave=self.leave_,
                       contract_end=self.contract_end,
                       eigenrisicodrager=tuple(sorted(self.data.get("eigenrisicodrager", ()))),
                       vangnet=self.data.get("vangnet"), positions=positions)

    def leave(self, periods) -> tuple:
        """Leave intervals, checked: in order, not overlapping each other or a sick period."""
        found = []
        for i, item in self.items("leave"):
            start = self.date(item, ("leave", i, "from"))
            end = self.date(item, ("leave", i, "to"))
            kind = self.get(item, ("leave", i, "type"))
            if start and end and end < start:
                self.fail("period.to-before-from", ("leave", i, "to"), to=end.isoformat(), start=start.isoformat())
            elif start and end and kind:
                found.append((start, end, i, kind))
        found.sort()
        for (s1, e1, i, _), (s2, _, j, _) in zip(found, found[1:]):
            if s2 <= e1:
                self.fail("leave.overlap", ("leave", max(i, j), "from"), other=min(i, j) + 1)
        sick = sorted((s, e) for s, e in periods if s)
        starts = [s for s, _ in sick]
        from bisect import bisect_right
        for start, end, i, _ in found:  # a sick period overlaps when it starts on or before the leave's end
            k = bisect_right(starts, end) - 1  # and does not end before the leave's start
            if k >= 0 and (sick[k][1] is None or sick[k][1] >= start):
                self.fail("leave.overlaps-sickness", ("leave", i, "from"),
                          start=sick[k][0].isoformat())
        return tuple(Leave(s, e, kind) for s, e, _, kind in found)

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
        actors, seen = [], self.actor_index
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
                self.unknown("actor.unknown-role", ("actors", i, "role"), role, self.vocab.roles, "roles")
            self.check_titles(item, ("actors", i, "titles"))
            if actor_id is not None:
                seen[actor_id] = i
                whole = self.accepted(("actors", i))  # a half-valid entry still names a known actor
                actors.append(actor_from_mapping(item) if whole else Actor(id=actor_id, role=role or ""))
        return tuple(actors)

    def accepted(self, path: tuple) -> bool:
        """No schema error at ``path`` or anywhere below it."""
        return path not in self.rejected_below

    def check_titles(self, item, path) -> None:
        titles = self.get(item, path, list) or []
        for j, title in enumerate(titles):
            if isinstance(title, str) and title not in self.vocab.titles:
                self.unknown("actor.unknown-title", path + (j,), title, self.vocab.titles, "titles")

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
            extra = self.event_fields(item, path, kind)
            self.check_parties(item, path, kind, by, known_actors)
            if when and kind:
                events.append(Event(type=kind, date=when, by=by, actor=appointed, index=i, **extra))
        self.check_set_ends(events)
        return tuple(events)

    def check_set_ends(self, events) -> None:
        """Dates UWV sets must be possible (WIA art. 23 lid 6, art. 24, art. 66 lid 2): an extension
        ends after the ordinary wachttijd; a shortened wachttijd lasts 13 to 78 weeks and ends at
        least ten weeks after the one early IVA application; an agreed term lies in the wachttijd."""
        if not self.periods_ or any(p[0] is None for p in self.periods_):
            return
        from .calendar import WACHTTIJD_DAYS, SickCalendar

        calendar = SickCalendar.from_periods(self.periods_, leave=[(x.start, x.end) for x in self.leave_ or ()])
        ordinary_end = calendar.day(WACHTTIJD_DAYS)
        applications = sorted((e for e in events if e.type == "iva_aanvraag_vervroegd"), key=lambda e: (e.date, e.index))
        for event in events:
            path = ("events", event.index)
            if event.type == "verlenging_loondoorbetaling" and event.until and event.until <= ordinary_end:
                self.fail("event.until-before-end", path + ("until",), until=event.until.isoformat(),
                          end=ordinary_end.isoformat())
            elif event.type == "iva_toegekend" and event.wachttijd_end:
                self.check_iva_end(event, calendar, applications, path)
            elif event.type == "afwijking_termijn" and event.due and self.first and event.due < self.first:
                self.fail("event.before-first-sick-day", path + ("due",), date=event.due.isoformat(),
                          first=self.first.isoformat())
        if len(applications) > 1:
            self.fail("event.iva-twice", ("events", applications[1].index), first=applications[0].date.isoformat())

    def check_iva_end(self, event, calendar, applications, path) -> None:
        from .calendar import LONGEST_SHORTENED_DAYS, SHORTEST_SHORTENED_DAYS

        weeks = calendar.counted_day(event.wachttijd_end)
        applied = [a for a in applications if a.date <= event.date]
        if not applied:
            self.fail("event.iva-without-application", path)
        elif not SHORTEST_SHORTENED_DAYS <= weeks <= LONGEST_SHORTENED_DAYS or \
                event.wachttijd_end < applied[0].date + timedelta(weeks=10):
            self.fail("event.iva-end-impossible", path + ("wachttijd_end",), value=event.wachttijd_end.isoformat(),
                      applied=applied[0].date.isoformat())

    def event_fields(self, item, path, kind) -> dict:
        """The fields only some event types carry (roles/tasks.yaml ``fields``): required for
        those types, an error on any other."""
        wanted = set(self.vocab.tasks[kind].get("fields", ())) if kind in self.vocab.tasks else None
        values = {}
        if not wanted and not any(name in item for name in EVENT_FIELDS):
            return values  # the common case: an event with none of these fields and needing none
        for name in EVENT_FIELDS:
            where = path + (name,)
            present = name in item
            if wanted is not None and present and name not in wanted:
                owners = sorted(t for t, spec in self.vocab.tasks.items() if name in spec.get("fields", ()))
                self.fail("event.field-not-expected", where, want_key=True, field=name, types=", ".join(owners))
                continue
            if wanted is not None and not present and name in wanted:
                self.fail("event.field-required", path, field=name, type=kind)
                continue
            if present:
                values[name] = self.date(item, where) if name in DATE_FIELDS else self.get(item, where)
        if kind and "step" in values and values["step"] is not None and self.steps is not None \
                and values["step"] not in self.steps:
            self.unknown("event.unknown-step", path + ("step",), values["step"], self.steps)
        first = self.first
        for name in ("wachttijd_end", "until"):
            when = values.get(name)
            if when and first and when < first:
                self.fail("event.before-first-sick-day", path + (name,), date=when.isoformat(), first=first.isoformat())
        return values

    def check_parties(self, item, path, kind, by: tuple, known_actors) -> None:
        """An agreement (roles/tasks.yaml ``parties``) names someone of every side among ``by``."""
        parties = self.vocab.tasks[kind].get("parties", ()) if kind in self.vocab.tasks else ()
        if not parties or known_actors is None or path + ("by",) in self.rejected:
            return
        employee = self.get(self.data, ("employee",))
        if self._actors_by_id is None:  # built once: a dossier may hold many agreements
            self._actors_by_id = {a.id: a for a in self.actors_ or ()}
        roles = self._actors_by_id
        sides = set()
        for actor_id in by:
            if actor_id == employee:
                sides.add("werknemer")
            elif actor_id in roles:
                actor = roles[actor_id]
                side = actor.acts_for or (self.vocab.roles[actor.role]["side"] if actor.role in self.vocab.roles else None)
                sides.add(side)
        missing = [p for p in parties if p not in sides]
        if missing:
            self.fail("event.parties", path + ("by",) if "by" in item else path, want_key="by" in item,
                      type=kind, sides=", ".join(parties), missing=", ".join(missing))

    def event_type(self, item, path) -> str | None:
        kind = self.get(item, path + ("type",))
        if kind is not None and kind not in self.vocab.tasks:
            self.unknown("event.unknown-type", path + ("type",), kind, self.vocab.tasks, "events")
        return kind

    def performers(self, item, path, known_actors: set | None) -> tuple:
        """The event's ``by`` as a tuple of actor ids; unknown ids are errors."""
        raw = self.get(item, path + ("by",), (str, list))
        by = (raw,) if isinstance(raw, str) else tuple(raw or ())
        for j, actor_id in enumerate(by):
            if known_actors is not None and isinstance(actor_id, str) and actor_id not in known_actors:
                where = path + ("by",) + ((j,) if isinstance(raw, list) else ())
                self.unknown("actor.unknown", where, actor_id, known_actors)
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
            self.unknown("actor.unknown", path + ("actor",), appointed, known_actors)
        return appointed


def actor_from_mapping(item: dict, cls=None, **extra) -> Actor:
    """An Actor (or ``cls``, a subclass, with the ``extra`` fields) from a validated
    dossier or policy entry."""
    quadrant = item.get("quadrant")
    return (cls or Actor)(
        id=item["id"], role=item["role"], employer=item.get("employer"), acts_for=item.get("acts_for"),
        quadrant=(quadrant["werkt"], quadrant["onder_bedrijfsarts"]) if quadrant else None,
        titles=tuple(item.get("titles", ())), department=item.get("department"),
        registration=registration_of(item), **extra,
    )


def registration_of(item: dict) -> tuple | None:
    """(register, number as text) of a validated actor entry, or None."""
    found = item.get("registration")
    return (found["register"], str(found["number"])) if found else None
