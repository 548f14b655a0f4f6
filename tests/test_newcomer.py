"""The first hour of a new user: wrong command hints, templates, one language, README synopsis."""
from __future__ import annotations

import pytest

from conftest import FIXTURES, run_cli


def test_a_policy_given_to_dossier_gets_one_hint():
    result = run_cli("dossier", FIXTURES / "policies" / "dubbele-pet.yaml")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and "dit lijkt een beleid" in lines[0] and "gebruik verzuimcheck policy" in lines[0]


def test_a_dossier_given_to_policy_gets_one_hint():
    result = run_cli("policy", FIXTURES / "dossiers" / "example-bakkerij.yaml", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 2 and "use verzuimcheck dossier" in result.stderr


def test_a_policy_given_to_calendar_gets_the_hint_too():
    result = run_cli("calendar", FIXTURES / "policies" / "dubbele-pet.yaml")
    assert result.exit_code == 2 and "verzuimcheck policy" in result.stderr


def test_a_dossier_with_a_typo_is_not_mistaken_for_a_policy(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text("dossier: D-1\nemployer: x\nemployee: W-1\nfirst_sick_day: 2025-01-06\nevnts: []\n",
                    encoding="utf-8")
    result = run_cli("dossier", path)
    assert result.exit_code == 2 and "evnts" in result.stderr and "beleid" not in result.stderr
