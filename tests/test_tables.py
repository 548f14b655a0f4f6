"""Tables for people: they fit the terminal, titles come first, nothing is cut mid-word.

Golden text files (tests/golden/) hold the tables at 60, 80, 120 and 200 columns, as rich's
recording console exports them (no colour). They were reviewed by eye; after a deliberate
change, regenerate them with ``VERZUIMCHECK_UPDATE_GOLDEN=1 pytest tests/test_tables.py``
and look at the diff before committing.
"""
from __future__ import annotations

import io
import os
import re
from datetime import date

import pytest

from checker.engine import audit_dossier, audit_policy
from checker.model.dossier import load_dossier
from checker.model.policy import load_policy
from checker.planning import plan_for_dossier
from checker.report import calendar as calendar_report
from checker.report import table
from conftest import FIXTURES, ROOT, run_cli

GOLDEN = ROOT / "tests" / "golden"
WIDTHS = (60, 80, 120, 200)
AS_OF = date(2025, 6, 1)
CASES = {
    "dossier-bakkerij": ("dossier", FIXTURES / "dossiers" / "example-bakkerij.yaml"),
    "dossier-samentelling": ("dossier", FIXTURES / "dossiers" / "samentelling-2022.yaml"),
    "policy-dubbele-pet": ("policy", FIXTURES / "policies" / "dubbele-pet.yaml"),
    "calendar-samentelling": ("calendar", FIXTURES / "dossiers" / "samentelling-2022.yaml"),
}


def render(kind: str, path, width: int, lang: str = "nl") -> str:
    """The table as a recording console of ``width`` columns exports it (plain text)."""
    from rich.console import Console

    from checker.rulebook import default_rulebook
    from checker.vocab import load_vocabulary

    vocab, rulebook = load_vocabulary(), default_rulebook()
    console = Console(record=True, width=width, file=io.StringIO(), highlight=False, markup=False)
    relative = str(path.relative_to(ROOT))
    if kind == "dossier":
        table.write_result(console, audit_dossier(load_dossier(relative, vocab), rulebook, vocab, AS_OF), lang)
    elif kind == "policy":
        table.write_result(console, audit_policy(load_policy(relative, vocab), rulebook, vocab, AS_OF), lang)
    else:
        plan = plan_for_dossier(load_dossier(relative, vocab), rulebook, vocab, date(2022, 9, 1))
        stream = io.StringIO()
        calendar_report.report_table([plan], rulebook.by_id(), stream, lang, width=width)
        return stream.getvalue()
    return console.export_text(styles=False)


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # file names in the tables are relative, as a user types them


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_table_matches_reviewed_golden_text(case, width):
    kind, path = CASES[case]
    got = render(kind, path, width)
    golden = GOLDEN / f"{case}-{width}.txt"
    if os.environ.get("VERZUIMCHECK_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_no_line_is_wider_than_the_terminal(case, width):
    kind, path = CASES[case]
    lines = render(kind, path, width).splitlines()
    too_wide = [line for line in lines if len(line.rstrip()) > width]
    assert too_wide == []


@pytest.mark.parametrize("width", WIDTHS)
def test_rule_ids_dates_and_statuses_are_never_cut(width):
    """Every rule id and due date of the audit appears whole on one line, and nothing is ellipsized."""
    out = render("dossier", CASES["dossier-bakkerij"][1], width)
    assert "…" not in out
    words = set(re.findall(r"\S+", out))
    for rule_id in ("wvp.ziekmelding-bedrijfsarts", "wvp.plan-van-aanpak", "wvp.eerstejaarsevaluatie"):
        assert rule_id in words
    for due in ("2025-02-24", "2026-01-04", "2026-10-18"):
        assert due in words


def test_titles_come_before_rule_ids():
    out = render("dossier", CASES["dossier-bakkerij"][1], 80)
    assert out.index("Plan van aanpak") < out.index("wvp.plan-van-aanpak")


def test_narrow_tables_fold_the_source_under_the_message():
    narrow = render("dossier", CASES["dossier-bakkerij"][1], 80)
    wide = render("dossier", CASES["dossier-bakkerij"][1], 200)
    assert "bron: Regeling procesgang" in narrow and "Bron" not in narrow.split("Tijdlijn")[0].split("Wat")[0]
    assert "│ Bron" in wide


def test_columns_environment_variable_sets_the_width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "70")
    out = run_cli("dossier", "fixtures/dossiers/example-bakkerij.yaml", "--as-of", "2025-06-01").stdout
    assert max(len(line.rstrip()) for line in out.splitlines()) <= 70
    monkeypatch.setenv("COLUMNS", "200")
    wide = run_cli("dossier", "fixtures/dossiers/example-bakkerij.yaml", "--as-of", "2025-06-01").stdout
    assert max(len(line.rstrip()) for line in wide.splitlines()) > 100


def test_header_block_says_what_to_do_next():
    out = render("dossier", FIXTURES / "dossiers" / "geen-probleemanalyse.yaml", 80)
    head = out.split("Bevindingen")[0]
    for words in ("Werknemer:", "Eerste ziektedag:", "Einde wachttijd:", "Peildatum:", "zo 2025-06-01",
                  "Wat moet er nu gebeuren:", "te laat", "registreer gebeurtenis probleemanalyse", "nog "):
        assert words in head, words


def test_header_names_the_samentelling():
    out = render("dossier", CASES["dossier-samentelling"][1], 120)
    assert "samentelling van 2 ziekteperiodes" in out.split("Bevindingen")[0]


def test_policy_evidence_is_a_sentence_in_the_report_language():
    def words(lang):
        out = render("policy", CASES["policy-dubbele-pet"][1], 200, lang=lang)
        return " ".join(out.replace("│", " ").split())

    dutch, english = words("nl"), words("en")
    for raw in ("performed_by", "belongs_to", "has_role", "→"):
        assert raw not in dutch and raw not in english
    assert "voert arbeidsdeskundig_onderzoek uit" in dutch
    assert "performs arbeidsdeskundig_onderzoek" in english


@pytest.mark.parametrize("width", WIDTHS)
def test_rules_table_fits_and_puts_titles_first(width):
    from checker.report.rules_doc import report_table
    from checker.rulebook import default_rulebook

    stream = io.StringIO()
    report_table(default_rulebook(), stream, "nl", width=width)
    out = stream.getvalue()
    assert max(len(line.rstrip()) for line in out.splitlines()) <= width
    assert "…" not in out
    assert out.index("Plan van aanpak") < out.index("wvp.plan-van-aanpak")
