"""``verzuimcheck rules show ID``: one rule whole."""
from __future__ import annotations

import json

from conftest import run_cli


def test_show_prints_title_source_validity_params_and_test_names():
    result = run_cli("rules", "show", "wvp.plan-van-aanpak")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Plan van aanpak"  # the title before the id
    assert lines[1].startswith("wvp.plan-van-aanpak · fout (wet) · Soort: deadline")
    assert "Bron: Regeling procesgang eerste en tweede ziektejaar, art. 4 lid 1 <https://wetten.overheid.nl/BWBR0013540>" \
        in lines
    assert "Geldig: vanaf 2002-04-01" in lines
    assert '      "days": 14,' in lines
    assert "  - made 14 days after the probleemanalyse is on time" in lines
    assert lines[-1] == "Bestand: rules/wvp/plan-van-aanpak.yaml"


def test_show_a_role_constraint_in_english_json():
    result = run_cli("rules", "show", "rol.dubbele-pet", "--lang", "en", "--format", "json")
    data = json.loads(result.stdout)
    assert data["id"] == "rol.dubbele-pet" and data["practice_norm"] is True
    assert data["explanation"].startswith("The casemanager cannot be both")
    assert data["file"] == "roles/constraints/rol/dubbele-pet.yaml"
    assert len(data["tests"]) >= 2 and all(isinstance(name, str) for name in data["tests"])


def test_show_an_unknown_rule_suggests_the_nearest_and_exits_2():
    result = run_cli("rules", "show", "wvp.plan-van-aanpk")
    assert result.exit_code == 2 and result.stdout == ""
    assert "wvp.plan-van-aanpak" in result.stderr


def test_rules_alone_still_lists_every_rule():
    listed = json.loads(run_cli("rules", "--format", "json").stdout)
    assert len(listed) > 10 and {"wvp.plan-van-aanpak", "rol.dubbele-pet"} <= {r["id"] for r in listed}


def test_show_lists_earlier_versions_of_a_rule():
    data = json.loads(run_cli("rules", "show", "wvp.ziekmelding-uwv", "--format", "json").stdout)
    assert [(v["valid_from"], v["valid_until"]) for v in data["versions"]] == [("2002-04-01", "2008-10-31")]
    text = run_cli("rules", "show", "wvp.ziekmelding-uwv").stdout
    assert "Eerdere versie vanaf 2002-04-01 tot en met 2008-10-31: " in text
