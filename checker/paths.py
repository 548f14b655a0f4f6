"""Where the shipped data lives: ``rules/`` and ``roles/`` beside the package."""
from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = PROJECT_ROOT / "rules"
ROLES_DIR = PROJECT_ROOT / "roles"
