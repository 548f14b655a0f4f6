"""The shared vocabulary from ``roles/``: tasks (= dossier event types) and actor roles.

Loaded once per process from YAML and validated against
``checker/schemas/roles.schema.json``; Python never lists a task or role.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from .errors import InputErrors
from .load.document import load_document
from .load.schema import validate
from .paths import ROLES_DIR

VOCAB_FILES = ("tasks.yaml", "actor-roles.yaml")


@dataclass(frozen=True)
class Vocabulary:
    tasks: MappingProxyType
    roles: MappingProxyType

    @property
    def event_types(self) -> tuple:
        return tuple(self.tasks)

    def task(self, name: str) -> dict:
        return self.tasks[name]

    def role_side(self, role: str) -> str:
        return self.roles[role]["side"]

    def appointing_tasks(self) -> dict:
        """Appointment event type -> the task the appointed actor takes on."""
        return {name: t["appoints"] for name, t in self.tasks.items() if t.get("appoints")}


def _load(path: Path):
    document = load_document(path)
    errors = validate(document, "roles")
    if errors:
        raise InputErrors(errors)
    return document.data


@lru_cache(maxsize=None)
def load_vocabulary(roles_dir: str | None = None) -> Vocabulary:
    """The vocabulary from ``roles_dir`` (default: the shipped ``roles/``)."""
    base = Path(roles_dir) if roles_dir else ROLES_DIR
    merged: dict = {}
    for name in VOCAB_FILES:
        for section, entries in _load(base / name).items():
            merged.setdefault(section, {}).update(entries)
    return Vocabulary(tasks=MappingProxyType(merged.get("tasks", {})),
                      roles=MappingProxyType(merged.get("roles", {})))
