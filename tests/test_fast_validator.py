"""The compiled fast-path validator (checker/load/fast.py) and jsonschema accept and reject
exactly the same documents: valid and broken dossiers and policies from the fuzz
strategies, arbitrary JSON values, and every parsable file in fixtures/."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.errors import InputErrors
from checker.load import fast
from checker.load.document import load_document
from checker.load.schema import validator_for
from conftest import FIXTURES, ROOT
from fuzz_strategies import MUTATIONS, dossiers, policies
from hypothesis_profiles import fuzz_settings

SCHEMAS = ("dossier", "policy", "rule", "roles")
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["", " x", "2025-01-06", "2025-1-6", "ba-1", "werkgever", "medisch", "a\nb"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["dossier", "employer", "employee", "first_sick_day", "periods", "from", "to",
                         "actors", "events", "id", "role", "type", "date", "by", "version", "x"]),
        inner, max_size=6),
    max_leaves=20)


def agree(data, schema_name: str) -> None:
    detailed = not any(True for _ in validator_for(schema_name).iter_errors(data))
    assert fast.is_valid(copy.deepcopy(data), schema_name) == detailed, (schema_name, data)


def test_the_fast_validator_rejects_what_it_should():
    """Guard against a property test that passes because both sides accept everything."""
    assert fast.is_valid({"dossier": "D", "employer": "E", "employee": "W", "first_sick_day": "2025-01-06"}, "dossier")
    assert not fast.is_valid({"dossier": "D", "employer": "E", "employee": "W", "first_sick_day": "6-1-2025"}, "dossier")
    assert not fast.is_valid({"dossier": "D", "employer": "E", "employee": "W"}, "dossier")


def test_the_fast_validator_never_writes_defaults_into_the_data():
    data = {"dossier": "D", "employer": "E", "employee": "W", "first_sick_day": "2025-01-06"}
    fast.is_valid(data, "dossier")
    assert data == {"dossier": "D", "employer": "E", "employee": "W", "first_sick_day": "2025-01-06"}


@fuzz_settings
@given(st.data())
def test_both_validators_agree_on_valid_and_broken_dossiers_and_policies(data):
    kind = data.draw(st.sampled_from(["dossier", "policy"]))
    document = data.draw(dossiers() if kind == "dossier" else policies())
    agree(document, kind)
    mutation = data.draw(st.sampled_from(MUTATIONS))
    agree(data.draw(mutation(document, kind)), kind)


@fuzz_settings
@given(value=JSON_VALUES, schema_name=st.sampled_from(SCHEMAS))
def test_both_validators_agree_on_arbitrary_json_values(value, schema_name):
    agree(value, schema_name)


def parsable_files() -> list:
    folders = ("invalid", "accepted", "dossiers", "policies")
    return sorted(p for folder in folders for p in (FIXTURES / folder).iterdir()
                  if p.suffix in (".yaml", ".json") and p.name != "expected.yaml")


@pytest.mark.parametrize("path", parsable_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_both_validators_agree_on_every_fixture(path: Path):
    try:
        data = load_document(path).data
    except InputErrors:  # refused before any schema is asked (syntax, encoding, ...)
        return
    for schema_name in ("dossier", "policy"):
        agree(data, schema_name)


def test_both_validators_agree_on_every_rule_and_vocabulary_file():
    for path in sorted((ROOT / "rules").rglob("*.yaml")) + sorted((ROOT / "roles").rglob("*.yaml")):
        agree(load_document(path).data, "rule")


BASE = {"dossier": "D", "employer": "E", "employee": "W", "first_sick_day": "2025-01-06"}
EDGES = [
    {**BASE, "version": True}, {**BASE, "version": 1.0}, {**BASE, "version": 1},
    {**BASE, "actors": [{"id": "a", "role": "bedrijfsarts", "titles": ["x", "x"]}]},
    {**BASE, "actors": [{"id": "a", "role": "bedrijfsarts", "quadrant": {"werkt": "medisch", "onder_bedrijfsarts": 1}}]},
    {**BASE, "periods": [{"from": "2025-01-06", "to": None}]}, {**BASE, "periods": []},
    {**BASE, "events": [{"type": "evaluatie", "date": "2025-01-06", "by": []}]},
    {**BASE, "events": [{"type": "evaluatie", "date": "2025-01-06\n"}]},
    {**BASE, "dossier": " D"}, {**BASE, "dossier": "D\n"}, {**BASE, "dossier": "x" * 201},
]


@pytest.mark.parametrize("data", EDGES, ids=lambda d: str(sorted(set(d) - set(BASE)) or d["dossier"][:3]))
def test_both_validators_agree_on_edge_cases(data):
    agree(data, "dossier")


def test_the_compiled_validator_is_used_once_compiled_or_after_many_items():
    assert [fast.worth_it("never-compiled") for _ in range(fast.COMPILE_AFTER + 1)] == \
        [False] * fast.COMPILE_AFTER + [True]
    assert not fast.worth_it("small", {"events": [{}] * 30, "actors": [{}] * 3})
    assert fast.worth_it("huge", {"events": [{}] * 100_000})
    fast.compiled("dossier")
    assert fast.worth_it("dossier")  # batch compiles up front: the fast path from the first record
