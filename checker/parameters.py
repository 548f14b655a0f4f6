"""Dated legal parameters (``rules/parameters/*.yaml``): the value in force on a date.

One parameter per file, each value with ``valid_from``/``valid_until`` and its
source (OpenFisca style). Loaded once per process and validated like every
other input; the value in force is a short scan over the dated values.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .errors import InputErrors
from .load.document import load_document
from .load.schema import validate
from .model.dates import DateProblem, parse_date
from .paths import RULES_DIR


@dataclass(frozen=True)
class Value:
    value: int
    source: dict
    valid_from: date | None = None
    valid_until: date | None = None

    def applies(self, when: date) -> bool:
        return (self.valid_from is None or when >= self.valid_from) and \
               (self.valid_until is None or when <= self.valid_until)


@dataclass(frozen=True)
class Parameter:
    name: str
    values: tuple

    def on(self, when: date) -> Value | None:
        """The value in force on ``when`` (the last that applies), or None."""
        return next((v for v in reversed(self.values) if v.applies(when)), None)


def _load(path) -> Parameter:
    document = load_document(path)
    errors = validate(document, "parameter")
    values = []
    for i, entry in enumerate(document.data.get("values", []) if not errors else []):
        dates = {}
        for key in ("valid_from", "valid_until"):
            try:
                dates[key] = parse_date(entry[key]) if key in entry else None
            except DateProblem as problem:
                errors.append(document.error(problem.code, ("values", i, key), value=problem.value,
                                             low="1990-01-01", high="2100-12-31"))
        values.append(Value(value=entry["value"], source=dict(entry["source"]), **dates))
    if errors:
        raise InputErrors(errors)
    values.sort(key=lambda v: v.valid_from or date.min)
    return Parameter(name=document.data["parameter"], values=tuple(values))


@lru_cache(maxsize=None)
def load_parameters() -> dict:
    """Every shipped parameter by name."""
    params = [_load(p) for p in sorted((RULES_DIR / "parameters").glob("*.yaml"))]
    return {p.name: p for p in params}


def value_on(name: str, when: date) -> int | None:
    found = load_parameters()[name].on(when)
    return found.value if found else None
