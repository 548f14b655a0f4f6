"""The waivers file: accepted findings, each with a reference, an author, an approver and an expiry.

A waiver never carries health data into a report: its justification is free
text and is never printed. Only the justification's reference (the first word
of its first line, e.g. ``DO-2026-0412``) is kept; the text itself is dropped
after validation.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..errors import InputErrors
from ..load.schema import validate
from .dates import EARLIEST, LATEST, DateProblem, parse_date

#: The longest a waiver may run: two years after it was granted.
MAX_YEARS = 2


@dataclass(frozen=True)
class Waiver:
    """One accepted finding: which rule, on which subject (optionally one step or actor)."""

    index: int  # position in the file: waivers are named by file and number in messages
    rule: str
    subject: str
    reference: str
    author: str
    approver: str
    granted: date
    expires: date
    step: str | None = None
    actor: str | None = None

    @property
    def self_approved(self) -> bool:
        return self.author.casefold() == self.approver.casefold()

    def expired(self, as_of: date) -> bool:
        return as_of > self.expires


@dataclass(frozen=True)
class WaiverFile:
    file: str
    waivers: tuple


def reference_of(justification: str) -> str:
    """The first word of the first line (a trailing colon dropped): the schema guarantees its shape."""
    return justification.split(None, 1)[0].rstrip(":")


def latest_expiry(granted: date) -> date:
    """Two years after ``granted`` (29 February granted: 28 February two years on)."""
    try:
        return granted.replace(year=granted.year + MAX_YEARS)
    except ValueError:
        return granted.replace(year=granted.year + MAX_YEARS, day=28)


def load_waivers(path, max_bytes=None) -> WaiverFile:
    """Read and validate a waivers file; raise InputErrors with every problem."""
    from ..load.document import DEFAULT_MAX_BYTES, load_document

    document = load_document(path, max_bytes or DEFAULT_MAX_BYTES)
    return build_waivers(document)


def build_waivers(document) -> WaiverFile:
    errors = validate(document, "waivers")
    if errors:
        raise InputErrors(errors)
    waivers = []
    for index, item in enumerate(document.data["waivers"]):
        waiver = _build_one(document, index, item, errors)
        if waiver is not None:
            waivers.append(waiver)
    if errors:
        raise InputErrors(errors)
    return WaiverFile(file=document.file, waivers=tuple(waivers))


def _build_one(document, index: int, item: dict, errors: list) -> Waiver | None:
    dates = {}
    for key in ("granted", "expires"):
        try:
            dates[key] = parse_date(item[key])
        except DateProblem as problem:
            errors.append(document.error(problem.code, ("waivers", index, key), value=problem.value,
                                         low=EARLIEST.isoformat(), high=LATEST.isoformat()))
    if len(dates) < 2:
        return None
    granted, expires = dates["granted"], dates["expires"]
    if expires < granted:
        errors.append(document.error("waiver.expires-before-granted", ("waivers", index, "expires"),
                                     expires=expires.isoformat(), granted=granted.isoformat()))
        return None
    if expires > latest_expiry(granted):
        errors.append(document.error("waiver.too-long", ("waivers", index, "expires"),
                                     expires=expires.isoformat(), limit=latest_expiry(granted).isoformat()))
        return None
    return Waiver(index=index + 1, rule=item["rule"], subject=item["subject"],
                  reference=reference_of(item["justification"]), author=item["author"],
                  approver=item["approver"], granted=granted, expires=expires,
                  step=item.get("step"), actor=item.get("actor"))
