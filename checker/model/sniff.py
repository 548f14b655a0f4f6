"""Which kind of file is this? One hint instead of a page of unknown-field errors when a
policy is given to ``dossier`` or a dossier to ``policy``."""
from __future__ import annotations

#: top-level keys only one kind of file has
_MARKS = {"dossier": ("dossier", "first_sick_day", "events", "periods"),
          "policy": ("organisation", "arbo", "tasks", "organisations", "verzekering")}


def looks_like(data) -> str | None:
    """``dossier`` or ``policy`` when the top-level keys say so unambiguously, else None."""
    if not isinstance(data, dict):
        return None
    kinds = [kind for kind, marks in _MARKS.items() if any(mark in data for mark in marks)]
    return kinds[0] if len(kinds) == 1 else None


def wrong_kind_errors(document, expected: str) -> list:
    """One error when ``document`` is clearly the other kind of file, else []."""
    found = looks_like(document.data)
    if found is None or found == expected:
        return []
    from ..errors import make_error

    return [make_error(f"file.looks-like-{found}", document.file)]  # about the file as a whole: no line
