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


# --- verzuimcheck init --------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["dossier", "policy"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_init_template_is_valid_as_written(tmp_path, kind, lang):
    path = tmp_path / f"{kind}.yaml"
    result = run_cli("init", kind, path, "--lang", lang)
    assert result.exit_code == 0 and path.exists()
    audit = run_cli(kind, path, "--as-of", "2025-03-01", "--format", "json")
    assert audit.exit_code == 0, audit.stderr  # valid input and nothing wrong in the example
    assert '"findings": []' in audit.stdout
    text = path.read_text(encoding="utf-8")
    assert text.count("#") >= 10  # each field explained
    assert ("verzuimcheck vocab" in text) and (("uitleg" in text) if lang == "nl" else ("meaning" in text))


def test_init_refuses_to_overwrite(tmp_path):
    path = tmp_path / "bestaat.yaml"
    path.write_text("mijn werk\n", encoding="utf-8")
    result = run_cli("init", "dossier", path)
    assert result.exit_code == 2 and "bestaat al" in result.stderr
    assert path.read_text(encoding="utf-8") == "mijn werk\n"


def test_init_refuses_a_directory(tmp_path):
    assert run_cli("init", "policy", tmp_path).exit_code == 2


def test_init_without_path_writes_to_stdout():
    result = run_cli("init", "dossier", "--lang", "en")
    assert result.exit_code == 0 and result.stdout.startswith("# Sickness-absence dossier")


# --- one language per run -----------------------------------------------------------------------

def test_click_usage_errors_speak_the_runs_language():
    dutch = run_cli("dossier", FIXTURES / "dossiers" / "example-bakkerij.yaml", "--as-of", "2025-13-01")
    assert dutch.exit_code == 2
    assert "Fout: Ongeldige waarde voor --as-of" in dutch.stderr and "Gebruik:" in dutch.stderr
    assert "Error" not in dutch.stderr and "Invalid value" not in dutch.stderr
    english = run_cli("dossier", FIXTURES / "dossiers" / "example-bakkerij.yaml", "--as-of", "2025-13-01",
                      "--lang", "en")
    assert "Error: Invalid value for --as-of" in english.stderr and "is not a real date" in english.stderr
    assert "Fout" not in english.stderr and "geen" not in english.stderr


def test_help_is_in_the_runs_language():
    dutch = run_cli("dossier", "--help").stdout
    assert "Opties:" in dutch and "Beoordeel het dossier" in dutch and "Options:" not in dutch
    english = run_cli("dossier", "--help", "--lang", "en").stdout
    assert "Options:" in english and "Judge the dossier" in english and "Opties" not in english


def test_the_language_defaults_from_the_environment(monkeypatch):
    monkeypatch.setenv("VERZUIMCHECK_LANG", "en")
    bakkerij = FIXTURES / "dossiers" / "example-bakkerij.yaml"
    assert "Findings" in run_cli("dossier", bakkerij, "--as-of", "2025-06-01").stdout
    assert "Bevindingen" in run_cli("dossier", bakkerij, "--as-of", "2025-06-01", "--lang", "nl").stdout
    assert "Options:" in run_cli("--help").stdout
    monkeypatch.setenv("VERZUIMCHECK_LANG", "fr")  # not a language we have: Dutch
    assert "Bevindingen" in run_cli("dossier", bakkerij, "--as-of", "2025-06-01").stdout


def _help_texts():
    from checker.cli import main

    texts = []

    def walk(command):
        for item in [command, *command.params]:
            english = getattr(item, "_english_help", getattr(item, "help", None))
            if english:
                texts.append(" ".join(english.split()))
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(main)
    return texts


def test_every_help_text_has_its_dutch_text():
    from checker.messages import catalogue

    missing = [t for t in _help_texts() if t not in catalogue()["help"]]
    assert missing == []


# --- README -------------------------------------------------------------------------------------

def _readme_block(after: str) -> list:
    """The lines of the README's console block that starts with ``$ <after>``, without the command."""
    from conftest import ROOT

    text = (ROOT / "README.md").read_text("utf-8")
    start = text.index(f"$ {after}\n") + len(f"$ {after}\n")
    return text[start:text.index("```", start)].rstrip("\n").split("\n")


def _plain(output: str) -> list:
    return [line.rstrip() for line in output.rstrip("\n").split("\n")]


def test_readme_synopsis_equals_help(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("VERZUIMCHECK_LANG", "en")
    from click.testing import CliRunner

    from checker.cli import main

    # click wraps --help at the terminal width less 2: a real 80-column terminal gives 78
    result = CliRunner().invoke(main, ["--help"], prog_name="verzuimcheck", terminal_width=78)
    assert _readme_block("verzuimcheck --help") == _plain(result.stdout)


def test_readme_example_is_the_real_output(monkeypatch):
    from conftest import ROOT

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "80")
    command = "verzuimcheck dossier fixtures/dossiers/example-bakkerij.yaml --as-of 2025-06-01 --lang en"
    result = run_cli(*command.split()[1:])
    assert result.exit_code == 1
    assert _readme_block(command) == _plain(result.stdout)


def test_readme_names_every_command_and_the_python_version():
    from checker.cli import main
    from conftest import ROOT

    text = (ROOT / "README.md").read_text("utf-8")
    for name in main.commands:
        assert f"| `verzuimcheck {name}" in text, name
    assert "python3 -m venv .venv" in text and "Python 3.10" in text
    first_commands = [line for line in text.split("\n") if line.startswith("pip install")][:2]
    assert first_commands == ["pip install -e . && verzuimcheck dossier fixtures/dossiers/example-bakkerij.yaml",
                              "pip install -e '.[test]' && pytest"]


def test_header_names_leave_that_moves_the_wachttijd_end(monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    out = run_cli("dossier", FIXTURES / "dossiers" / "verlof-tussen-ziekteperiodes.yaml", "--as-of", "2025-09-01").stdout
    head = " ".join(out.split("Wat moet er nu gebeuren")[0].split())
    assert "samentelling van 2 ziekteperiodes" in head and "bevallingsverlof telt niet mee" in head


def test_calendar_as_of_needs_a_dossier():
    result = run_cli("calendar", "--first-sick-day", "2025-01-06", "--as-of", "2025-02-01")
    assert result.exit_code == 2 and "--as-of vraagt een DOSSIER" in result.stderr
    english = run_cli("calendar", "--first-sick-day", "2025-01-06", "--as-of", "2025-02-01", "--lang", "en")
    assert "--as-of needs a DOSSIER" in english.stderr


def test_our_own_usage_errors_speak_the_runs_language(tmp_path):
    policy = FIXTURES / "policies" / "dubbele-pet.yaml"
    dutch = run_cli("policy", policy, "--graph", "mermaid", "--graph-out", tmp_path / "g.dot")
    assert dutch.exit_code == 2 and "Fout:" in dutch.stderr and "is een dot-bestandsnaam" in dutch.stderr
    english = run_cli("policy", policy, "--graph-out", policy, "--graph", "dot", "--lang", "en")
    assert english.exit_code == 2 and "is one of the input files" in english.stderr
