"""The shared vocabulary from ``roles/``: tasks (= dossier event types), actor roles,
sides, organisation types, quadrants, RSC titles, data categories and the elements of
the arbo basiscontract.

Loaded once per process from YAML, validated against
``checker/schemas/roles.schema.json`` and cross-checked (every name a section refers
to must exist); Python never lists a task, role or side.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from .errors import InputErrors, register_synonyms
from .load.document import load_document
from .load.schema import validate
from .paths import ROLES_DIR

VOCAB_FILES = ("tasks.yaml", "actor-roles.yaml", "sides.yaml", "quadrants.yaml", "titles.yaml",
               "data-categories.yaml", "basiscontract.yaml")
def _empty() -> MappingProxyType:
    return MappingProxyType({})


@dataclass(frozen=True)
class Vocabulary:
    tasks: MappingProxyType
    roles: MappingProxyType
    sides: MappingProxyType = field(default_factory=_empty)
    organisation_types: MappingProxyType = field(default_factory=_empty)
    quadrants: MappingProxyType = field(default_factory=_empty)
    titles: MappingProxyType = field(default_factory=_empty)
    data_categories: MappingProxyType = field(default_factory=_empty)
    basiscontract: MappingProxyType = field(default_factory=_empty)

    @property
    def event_types(self) -> tuple:
        return tuple(self.tasks)

    def task(self, name: str) -> dict:
        return self.tasks[name]

    def role_side(self, role: str) -> str:
        return self.roles[role]["side"]

    def appointing_tasks(self) -> dict:
        """Appointment event type -> the task the appointed actor takes on (do not modify)."""
        return self.memo("appointing", lambda: {name: t["appoints"] for name, t in self.tasks.items()
                                                 if t.get("appoints")})

    def memo(self, key, compute):
        """A value derived from this (immutable) vocabulary, computed once per process:
        an audit of many dossiers must not rebuild what is the same for every dossier."""
        cache = self.__dict__.setdefault("_memo", {})  # frozen dataclass: not a field, not compared
        if key not in cache:
            cache[key] = compute()
        return cache[key]

    def quadrant_name(self, werkt: str, onder_bedrijfsarts: bool) -> str | None:
        """The quadrant with these two axes (see roles/quadrants.yaml), or None."""
        for name, entry in self.quadrants.items():
            if entry["werkt"] == werkt and entry["onder_bedrijfsarts"] == onder_bedrijfsarts:
                return name
        return None


def _load(path: Path):
    document = load_document(path)
    errors = validate(document, "roles")
    if errors:
        raise InputErrors(errors)
    return document


@lru_cache(maxsize=None)
def load_vocabulary(roles_dir: str | None = None) -> Vocabulary:
    """The vocabulary from ``roles_dir`` (default: the shipped ``roles/``)."""
    from .roles.vocabulary import reference_errors

    base = Path(roles_dir) if roles_dir else ROLES_DIR
    merged: dict = {}
    origin: dict = {}  # (section, name) -> document, to point errors at a line
    documents, errors = [], []
    for name in VOCAB_FILES:
        try:
            documents.append(_load(base / name))
        except InputErrors as exc:
            errors.extend(exc.errors)
    for document in documents:
        for section, entries in document.data.items():
            for key, entry in entries.items():
                if (section, key) in origin:
                    errors.append(document.error("roles.duplicate-name", (section, key), want_key=True,
                                                 value=key, other=origin[section, key].file))
                    continue
                origin[section, key] = document
                merged.setdefault(section, {})[key] = entry
    errors.extend(reference_errors(merged, origin))
    if errors:
        raise InputErrors(errors)
    for entries in merged.values():
        for key, entry in entries.items():
            register_synonyms(key, entry.get("synonyms", ()) if isinstance(entry, dict) else ())
    return Vocabulary(**{section: MappingProxyType(merged.get(section, {}))
                         for section in Vocabulary.__dataclass_fields__})
