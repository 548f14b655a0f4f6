"""The engine skips role rules (and building the role graph) for a dossier that names nobody
but the employee; that must never change a finding."""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from checker.context import DossierContext
from checker.engine import run_rules
from conftest import dossier_from_dict
from fuzz_strategies import VOCAB, dossiers
from hypothesis_profiles import fuzz_settings
from checker.rulebook import default_rulebook

RULEBOOK = default_rulebook()


def anonymous(data: dict) -> dict:
    """The dossier without actors and without who did what."""
    data = {**data, "actors": []}
    data["events"] = [{k: v for k, v in e.items() if k not in ("by", "actor")} for e in data["events"]]
    return data


class _Forced(DossierContext):
    def has_role_facts(self) -> bool:  # build the graph and run every role rule anyway
        return True


@fuzz_settings
@given(data=dossiers(), offset=st.integers(0, 900))
def test_skipping_role_rules_without_role_facts_changes_nothing(data, offset):
    dossier = dossier_from_dict(anonymous(data), VOCAB)
    as_of = dossier.first_sick_day + timedelta(days=offset)
    lazy = DossierContext(dossier=dossier, as_of=as_of, vocab=VOCAB)
    forced = _Forced(dossier=dossier, as_of=as_of, vocab=VOCAB)
    rules = RULEBOOK.for_subject("dossier", lazy.calendar.start)
    assert not lazy.has_role_facts()
    assert run_rules(rules, lazy, "d") == run_rules(rules, forced, "d")
    assert "role_graph" not in lazy.__dict__  # never built


def test_a_dossier_with_an_actor_has_role_facts_and_gets_role_findings():
    data = {"dossier": "D", "employer": "E", "employee": "W", "first_sick_day": "2025-01-06",
            "actors": [{"id": "cm-1", "role": "casemanager"}],
            "events": [{"type": "probleemanalyse", "date": "2025-01-20", "by": "cm-1"}]}
    ctx = DossierContext(dossier=dossier_from_dict(data, VOCAB), as_of=date(2025, 3, 1), vocab=VOCAB)
    assert ctx.has_role_facts()
    findings, _ = run_rules(RULEBOOK.for_subject("dossier"), ctx, "D")
    assert any(f.rule == "rol.voorbehouden-taak" for f in findings)  # a casemanager did the bedrijfsarts' work
