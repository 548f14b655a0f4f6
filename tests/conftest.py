"""Shared test helpers. Helpers owned by one area live in that area's test module."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.engine import audit_dossier
from checker.load.document import Document
from checker.model.dossier import build_dossier
from checker.rulebook import default_rulebook
from checker.vocab import load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


@pytest.fixture(scope="session")
def vocab():
    return load_vocabulary()


@pytest.fixture(scope="session")
def rulebook():
    return default_rulebook()


def dossier_from_dict(data: dict, vocab):
    """Build a Dossier straight from a dict (as if read from a file), as the CLI does."""
    return build_dossier(Document(file="<test>", data=data), vocab, steps=default_rulebook().deviable_ids())


def audit_dict(data: dict, as_of: str | date, vocab=None, rulebook=None):
    vocab = vocab or load_vocabulary()
    rulebook = rulebook or default_rulebook()
    when = date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    return audit_dossier(dossier_from_dict(data, vocab), rulebook, vocab, when)


def run_cli(*args: str):
    """Run the CLI in-process; returns the click Result (exit_code, stdout, stderr)."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def run_cli_on_text(tmp_path, name: str, text: str, *args: str):
    """Write ``text`` to ``tmp_path/name`` and run the CLI with ``args`` and that file; (result, path)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return run_cli(args[0], path, *args[1:]), path


def run_cli_json(*args: str):
    result = run_cli(*args, "--format", "json")
    return result, json.loads(result.stdout) if result.stdout.strip() else None
