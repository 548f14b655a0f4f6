"""Where the shipped data lives: ``rules/`` and ``roles/``.

In a source checkout (and an editable install) they are the folders at the top
of the repository. A built wheel carries a copy in ``checker/_data`` (in the
repository those are symlinks to the top-level folders, so there is one source).
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent
PROJECT_ROOT = _CHECKOUT if (_CHECKOUT / "rules").is_dir() and (_CHECKOUT / "roles").is_dir() else _PACKAGE / "_data"
RULES_DIR = PROJECT_ROOT / "rules"
ROLES_DIR = PROJECT_ROOT / "roles"
