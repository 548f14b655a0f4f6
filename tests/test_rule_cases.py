"""Rule test cases, written as YAML next to the rules: run through checker.rule_cases (the same
code as ``verzuimcheck rules test``), one pytest case each. The format is in checker/rule_cases.py."""
from __future__ import annotations

import pytest

from checker.paths import ROLES_DIR, RULES_DIR
from checker.rule_cases import case_files, coverage_gaps, load_case_file, run_case, run_cases
from checker.rulebook import default_rulebook
from conftest import FIXTURES

CASE_ROOTS = (RULES_DIR, ROLES_DIR / "constraints")
PACKS = (FIXTURES / "packs" / "register-example",)


def load_cases(roots):
    for path in case_files(roots):
        case_file = load_case_file(path)
        for index, case in enumerate(case_file.cases):
            yield pytest.param(case_file, index, id=f"{case_file.rule}: {case['name']}")


@pytest.fixture(scope="module")
def full_rulebook():
    """The shipped rules with announced law: a case applies it only with include_announced."""
    return default_rulebook(include_announced=True)


@pytest.mark.parametrize("case_file,index", list(load_cases(CASE_ROOTS)))
def test_rule_case(case_file, index, vocab, full_rulebook):
    result = run_case(case_file, index, vocab, full_rulebook)
    assert result.passed, {"expected": result.expected, "found": result.found}


def test_every_rule_has_firing_and_quiet_cases(vocab, full_rulebook):
    results = run_cases([load_case_file(p) for p in case_files(CASE_ROOTS)], vocab, full_rulebook)
    gaps = coverage_gaps(results, [r.id for r in full_rulebook.rules])
    assert not gaps, f"rules without a firing and a non-firing test case: {gaps}"


def test_case_files_name_known_rules():
    known = default_rulebook(include_announced=True).by_id()
    for path in case_files(CASE_ROOTS):
        rule = load_case_file(path).rule
        assert rule in known, f"{path} tests unknown rule {rule}"
        assert path.stem == rule.split(".", 1)[1], f"{path} should be named after {rule}"
