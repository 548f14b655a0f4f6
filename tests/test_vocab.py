"""``verzuimcheck vocab`` and the unknown-value errors that point to it."""
from __future__ import annotations

import json

import pytest

from checker.errors import allowed_values, did_you_mean
from conftest import run_cli, run_cli_on_text

DOSSIER = """\
dossier: D-1
employer: x
employee: W-1
first_sick_day: 2025-01-06
actors:
  - {{id: a, role: {role}}}
events:
  - {{type: {event}, date: 2025-01-08, by: a}}
"""


def errors_for(tmp_path, role="leidinggevende", event="ziekmelding_bedrijfsarts", lang="nl"):
    result, _ = run_cli_on_text(tmp_path, "d.yaml", DOSSIER.format(role=role, event=event), "dossier",
                                "--lang", lang)
    assert result.exit_code == 2
    return result.stderr


@pytest.mark.parametrize("typed,meant", [
    ("HR", "hr"), ("manager", "leidinggevende"), ("Manager", "leidinggevende"), ("employer", "werkgever"),
    ("company-doctor", "bedrijfsarts"), ("Case_Manager", "casemanager"), ("occupational-physician", "bedrijfsarts"),
    ("Leidinggevnde", "leidinggevende"),
])
def test_did_you_mean_knows_case_and_english_words(tmp_path, typed, meant):
    assert f"'{meant}'" in errors_for(tmp_path, role=typed).split("bedoelde u")[1]


def test_synonyms_are_data_from_the_vocabulary():
    from checker.vocab import load_vocabulary

    vocab = load_vocabulary()
    assert "manager" in vocab.roles["leidinggevende"]["synonyms"]
    assert did_you_mean("line manager", vocab.roles) == "leidinggevende"
    assert did_you_mean("zzz", vocab.roles) is None


def test_unknown_role_lists_the_allowed_roles_and_points_to_vocab(tmp_path):
    stderr = errors_for(tmp_path, role="HR")
    assert "kies uit: arbeidsdeskundige, arbodienst, bedrijfsarts" in stderr
    assert "verzuimcheck vocab roles" in stderr and "roles/" not in stderr.replace("vocab roles", "")


def test_unknown_event_type_lists_the_closest_five(tmp_path):
    stderr = errors_for(tmp_path, event="plan_aanpak", lang="en")
    allowed = stderr.split("choose from: ")[1].split(";")[0]
    assert allowed.startswith("plan_van_aanpak, ") and allowed.endswith(", …") and allowed.count(",") == 5
    assert "verzuimcheck vocab events" in stderr


def test_allowed_values_lists_all_when_few():
    assert allowed_values("x", ["b", "a"]) == "a, b"
    assert allowed_values("aa", [f"n{i}" for i in range(30)]).count(",") == 5


def test_no_error_message_points_to_a_repository_path():
    from checker.messages import catalogue

    for code, entry in catalogue()["errors"].items():
        for lang in ("nl", "en"):
            assert "roles/" not in entry[lang] and ".yaml" not in entry[lang], code


@pytest.mark.parametrize("section", ["events", "roles", "sides", "organisations", "quadrants", "titles", "data",
                                     "basiscontract"])
def test_vocab_lists_each_section_with_meanings(section):
    result = run_cli("vocab", section, "--format", "json", "--lang", "en")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)[section]
    assert rows and all(r["name"] and r["meaning"] for r in rows)


def test_vocab_table_names_events_with_their_meaning():
    out = run_cli("vocab", "events").stdout
    assert "plan_van_aanpak" in out and "Plan van aanpak" in out
    out = run_cli("vocab", "roles", "--lang", "en").stdout
    assert "leidinggevende" in out and "Line manager" in out and "manager" in out


def test_vocab_rejects_an_unknown_section():
    result = run_cli("vocab", "colours")
    assert result.exit_code == 2
