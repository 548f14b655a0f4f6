"""Property and fuzz tests: valid dossiers and policies never crash the engine and give the
same findings in any order; broken ones always give exit code 2 with a message naming the
file and never a traceback.

Short by default (profile ``ci``); ``HYPOTHESIS_PROFILE=long python -m pytest -m fuzz``
runs thousands of examples (tests/hypothesis_profiles.py, docs/testing.md). The
strategies are in tests/fuzz_strategies.py.
"""
from __future__ import annotations

import io
import json
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from checker.engine import audit_dossier, audit_policy
from checker.load.document import display_name, load_document
from checker.model.dossier import build_dossier
from checker.model.policy import build_policy, policy_from_dict
from checker.report import REPORTERS
from checker.rulebook import default_rulebook
from conftest import dossier_from_dict, run_cli
from fuzz_strategies import VOCAB, broken_files, dossiers, policies, shuffled
from hypothesis_profiles import fuzz_settings

pytestmark = pytest.mark.fuzz
RULEBOOK = default_rulebook()
LANGS = st.sampled_from(["nl", "en"])


def as_of_for(data: dict, offset: int) -> date:
    return date.fromisoformat(data["first_sick_day"]) + timedelta(days=offset)


def observed(result) -> tuple:
    return result.findings, result.timeline, result.notes, result.facts


def dossier_outcome(data: dict, as_of: date) -> tuple:
    return observed(audit_dossier(dossier_from_dict(data, VOCAB), RULEBOOK, VOCAB, as_of))


def policy_outcome(data: dict, as_of: date) -> tuple:
    return observed(audit_policy(policy_from_dict(data, VOCAB), RULEBOOK, VOCAB, as_of))


def texts(data: dict) -> list:
    return [("d.yaml", yaml.safe_dump(data, allow_unicode=True)), ("d.json", json.dumps(data))]


def from_files(data: dict, build):
    """The document written as YAML and as JSON, each read back through the strict loader."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in texts(data):
            path = Path(tmp) / name
            path.write_text(text, encoding="utf-8")
            yield build(load_document(path), VOCAB)


def render_all(result, lang: str) -> None:
    for report in REPORTERS.values():
        report([result], io.StringIO(), lang)


# --- valid documents ----------------------------------------------------------------------------

@fuzz_settings
@given(data=dossiers(), offset=st.integers(-30, 1200), rng=st.randoms(use_true_random=False))
def test_valid_dossiers_never_crash_and_ignore_order(data, offset, rng):
    as_of = as_of_for(data, offset)
    assert dossier_outcome(shuffled(data, "dossier", rng), as_of) == dossier_outcome(data, as_of)


@fuzz_settings
@given(data=dossiers(), offset=st.integers(0, 1000), lang=LANGS)
def test_valid_dossiers_read_from_yaml_and_json_files_give_the_same_report(data, offset, lang):
    as_of = as_of_for(data, offset)
    expected = dossier_outcome(data, as_of)
    for dossier in from_files(data, build_dossier):
        result = audit_dossier(dossier, RULEBOOK, VOCAB, as_of)
        assert observed(result) == expected
    render_all(result, lang)


@fuzz_settings
@given(data=policies(), as_of=st.dates(date(2016, 1, 1), date(2030, 12, 31)), rng=st.randoms(use_true_random=False))
def test_valid_policies_never_crash_and_ignore_order(data, as_of, rng):
    assert policy_outcome(shuffled(data, "policy", rng), as_of) == policy_outcome(data, as_of)


@fuzz_settings
@given(data=policies(), lang=LANGS)
def test_valid_policies_read_from_yaml_and_json_files_give_the_same_report(data, lang):
    as_of = date(2025, 6, 1)
    expected = policy_outcome(data, as_of)
    for policy in from_files(data, build_policy):
        result = audit_policy(policy, RULEBOOK, VOCAB, as_of)
        assert observed(result) == expected
    render_all(result, lang)


# --- broken documents ---------------------------------------------------------------------------

def assert_refused(command: str, name: str, content: bytes, lang: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(content)
        result = run_cli(command, path, "--lang", lang, "--as-of", "2031-01-01")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) >= 2
    assert all(line.startswith(display_name(path) + ":") for line in lines[:-1])


@fuzz_settings
@given(broken=broken_files("dossier"), lang=LANGS)
def test_broken_dossiers_give_exit_2_and_messages_naming_the_file(broken, lang):
    assert_refused("dossier", *broken, lang)


@fuzz_settings
@given(broken=broken_files("policy"), lang=LANGS)
def test_broken_policies_give_exit_2_and_messages_naming_the_file(broken, lang):
    assert_refused("policy", *broken, lang)
