"""The role graph: how policies and dossiers become nodes and edges, the sides an actor
works for, capacity matching, evidence paths and the graph writers."""
from __future__ import annotations

import pickle
import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.engine import audit_policy
from checker.model.policy import policy_from_dict
from checker.report.graph import to_dot, to_mermaid
from checker.roles.build import graph_from_dossier, graph_from_policy
from checker.roles.graph import RoleGraph
from checker.roles.labels import INVERSE, reverse, through
from checker.roles.match import candidates, select_tasks, witnesses
from conftest import dossier_from_dict

POLICY = {
    "organisation": "org-a",
    "arbo": {"regeling": "vangnet", "basiscontract": ["second_opinion"]},
    "verzekering": "mkb-verzuim-ontzorgverzekering",
    "organisations": [{"id": "verz", "type": "verzekeraar"},
                      {"id": "arbo", "type": "arbodienst", "acts_for": "verz"}],
    "actors": [
        {"id": "ba", "role": "bedrijfsarts", "employer": "arbo"},
        {"id": "cmtd", "role": "casemanager_taakdelegatie", "employer": "arbo", "delegated_by": "ba"},
        {"id": "cm", "role": "casemanager", "employer": "arbo", "acts_for": "arbo", "titles": ["ROV"],
         "quadrant": {"werkt": "procesmatig", "onder_bedrijfsarts": False}},
        {"id": "lg", "role": "leidinggevende", "department": "productie"},
    ],
    "tasks": {"probleemanalyse": ["ba"], "uitvraag_taakdelegatie": ["cmtd"], "regie_re_integratie": ["cm"]},
    "data": {"gezondheidsgegevens": ["ba", "cmtd"], "functionele_beperkingen": ["lg"]},
}

ROLES = ["bedrijfsarts", "casemanager", "casemanager_taakdelegatie", "leidinggevende", "hr", "arbeidsdeskundige"]
TASKS = ["probleemanalyse", "uitvraag_taakdelegatie", "regie_re_integratie", "arbeidsdeskundig_onderzoek",
         "loonwaardebepaling", "registratie_gezondheidsgegevens", "plan_van_aanpak", "evaluatie"]


@pytest.fixture
def graph(vocab):
    return graph_from_policy(policy_from_dict(POLICY, vocab), vocab)


def edges(graph, label):
    return sorted((s, t) for s, t, data in graph.nx.edges(data=True) if label in data)


def test_policy_nodes_carry_their_kind_and_actors_their_role(graph):
    assert graph.actors == ("actor:ba", "actor:cm", "actor:cmtd", "actor:lg")
    assert graph.attr("actor:cm", "role") == "casemanager"
    assert graph.attr("org:verz", "type") == "verzekeraar"
    assert graph.attr("task:probleemanalyse", "kind") == "task"


def test_policy_edges_are_labelled(graph):
    assert edges(graph, "performs") == [("actor:ba", "task:probleemanalyse"), ("actor:cm", "task:regie_re_integratie"),
                                        ("actor:cmtd", "task:uitvraag_taakdelegatie")]
    assert ("actor:cmtd", "actor:ba") in edges(graph, "delegated_by")
    assert ("actor:cm", "org:arbo") in edges(graph, "acts_for")
    assert ("org:arbo", "org:verz") in edges(graph, "acts_for")  # the contracting chain
    assert ("org:verz", "side:verzekeraar") in edges(graph, "acts_for")  # the organisation type's side
    assert ("actor:lg", "org:org-a") in edges(graph, "employed_by")  # default employer: the policy's organisation
    assert ("actor:lg", "org:org-a/productie") in edges(graph, "works_in")
    assert ("actor:cm", "title:ROV") in edges(graph, "holds")
    assert ("title:ROV", "side:werkgever") in edges(graph, "strengthens")
    assert ("actor:cmtd", "quadrant:medisch_onder_bedrijfsarts") in edges(graph, "in_quadrant")  # implied by role
    assert ("actor:lg", "data:functionele_beperkingen") in edges(graph, "receives")
    assert edges(graph, "contracts") == [("org:org-a", "element:second_opinion")]
    assert ("task:probleemanalyse", "role:bedrijfsarts") in edges(graph, "reserved_to")


def test_an_actor_can_be_employed_by_and_act_for_the_same_organisation(graph):
    assert graph.has("actor:cm", "acts_for", "org:arbo") and graph.has("actor:cm", "employed_by", "org:arbo")
    assert graph.targets("actor:cm", "employed_by") == ["org:arbo"]


def test_sides_follow_explicit_edges_then_quadrant_then_role(graph):
    assert graph.sides_of("actor:cm") == {"side:verzekeraar": (
        "actor:cm", "acts_for", "org:arbo", "acts_for", "org:verz", "acts_for", "side:verzekeraar")}
    assert graph.sides_of("actor:cmtd") == {"side:bedrijfsarts": (
        "actor:cmtd", "delegated_by", "actor:ba", "has_role", "role:bedrijfsarts", "acts_for", "side:bedrijfsarts")}
    assert list(graph.sides_of("actor:lg")) == ["side:werkgever"]


def test_a_quadrant_under_the_bedrijfsarts_decides_the_side_when_nothing_explicit_does(vocab):
    policy = {**POLICY, "actors": [{"id": "x", "role": "casemanager",
                                    "quadrant": {"werkt": "procesmatig", "onder_bedrijfsarts": True}}],
              "tasks": {}, "data": {}}
    graph = graph_from_policy(policy_from_dict(policy, vocab), vocab)
    assert graph.sides_of("actor:x") == {"side:bedrijfsarts": (
        "actor:x", "in_quadrant", "quadrant:procesmatig_onder_bedrijfsarts", "acts_for", "side:bedrijfsarts")}


def test_an_actor_acting_for_two_sides_has_both(vocab):
    policy = {**POLICY, "actors": [{"id": "ba", "role": "bedrijfsarts"},
                                   {"id": "x", "role": "casemanager", "acts_for": "werkgever", "delegated_by": "ba"}],
              "tasks": {}, "data": {}}
    graph = graph_from_policy(policy_from_dict(policy, vocab), vocab)
    assert sorted(graph.sides_of("actor:x")) == ["side:bedrijfsarts", "side:werkgever"]


def test_side_resolution_survives_a_cycle(vocab):
    graph = RoleGraph(vocab)
    graph.add("org:a", "acts_for", "org:b")
    graph.add("org:b", "acts_for", "org:a")
    graph.add("actor:x", "acts_for", "org:a")
    assert graph.sides_of("actor:x") == {}


def test_dossier_events_become_performs_edges_and_appointments_take_on_the_task(vocab):
    dossier = dossier_from_dict({
        "dossier": "D-1", "employer": "werkgever-1", "employee": "W-1", "first_sick_day": "2025-01-06",
        "actors": [{"id": "cm", "role": "casemanager"}, {"id": "lg", "role": "leidinggevende"}],
        "events": [{"type": "casemanager_aangewezen", "date": "2025-02-17", "by": "lg", "actor": "cm"},
                   {"type": "plan_van_aanpak", "date": "2025-02-20", "by": ["lg", "W-1"]}],
    }, vocab)
    graph = graph_from_dossier(dossier, vocab)
    assert edges(graph, "performs") == [("actor:W-1", "task:plan_van_aanpak"),
                                        ("actor:cm", "task:regie_re_integratie"),
                                        ("actor:lg", "task:casemanager_aangewezen"),
                                        ("actor:lg", "task:plan_van_aanpak")]
    assert graph.attr("actor:W-1", "role") == "werknemer"
    assert graph.facts == {}
    only_first = graph_from_dossier(dossier, vocab, events=dossier.events[:1])
    assert ("actor:lg", "task:plan_van_aanpak") not in edges(only_first, "performs")


def test_reverse_and_through_read_paths_from_the_other_end():
    path = ("actor:a", "performs", "task:t", "belongs_to", "side:s")
    assert reverse(path) == ("side:s", "owns", "task:t", "performed_by", "actor:a")
    assert reverse(reverse(path)) == path
    assert through(path, ("actor:a", "has_role", "role:r")) == (
        "side:s", "owns", "task:t", "performed_by", "actor:a", "has_role", "role:r")
    assert all(INVERSE[INVERSE[label]] == label for label in INVERSE)


def test_witnesses_are_sorted_shortest_first_and_a_matcher_needs_every_condition(graph):
    found = witnesses(graph, "actor:cmtd", [{"performs": ["uitvraag_taakdelegatie"]},
                                            {"role": ["casemanager_taakdelegatie"]}])
    assert found == [("actor:cmtd", "has_role", "role:casemanager_taakdelegatie"),
                     ("actor:cmtd", "performs", "task:uitvraag_taakdelegatie", "belongs_to", "side:bedrijfsarts")]
    assert witnesses(graph, "actor:cm", [{"role": ["casemanager"], "acts_for": ["werkgever"]}]) == []
    both = witnesses(graph, "actor:cm", [{"role": ["casemanager"], "acts_for": ["verzekeraar"]}])
    assert both[0][:3] == ("actor:cm", "acts_for", "org:arbo")  # acts_for comes before role in the witness order
    assert witnesses(graph, "actor:lg", [{"department": ["productie"]}]) == [
        ("actor:lg", "works_in", "org:org-a/productie", "part_of", "org:org-a")]
    assert witnesses(graph, "actor:ba", [{"employer_type": ["arbodienst"]}]) == [("actor:ba", "employed_by", "org:arbo")]


def test_candidates_come_from_the_graph_edges_or_are_unknown(graph):
    assert candidates(graph, [{"performs": ["regie_re_integratie"]}, {"role": ["bedrijfsarts"]}]) == [
        "actor:ba", "actor:cm"]
    assert candidates(graph, [{"title": ["ROV"], "acts_for": ["werkgever"]}]) == ["actor:cm"]
    assert candidates(graph, [{"quadrant": ["medisch_onder_bedrijfsarts"]}]) == ["actor:cmtd"]
    # acts_for: whoever can reach the side over side edges, a superset (cm's own acts_for
    # leads to the verzekeraar, but its role would lead to the werkgever)
    assert candidates(graph, [{"role": ["hr"]}, {"acts_for": ["werkgever"]}]) == ["actor:cm", "actor:lg"]
    assert candidates(graph, [{"department": ["productie"]}]) == ["actor:lg"]
    assert candidates(graph, [{"department": ["elders"]}]) == []
    assert candidates(graph, [{"employer_type": ["arbodienst"]}]) is None
    assert candidates(graph, [{"role": ["hr"]}, {"delegated_by": ["bedrijfsarts"]}]) is None


CONDITION_NAMES = {"performs": TASKS, "role": ROLES, "acts_for": ["werkgever", "werknemer", "bedrijfsarts",
                                                                   "verzekeraar"],
                   "quadrant": ["medisch_onder_bedrijfsarts", "procesmatig_onder_bedrijfsarts",
                                "procesmatig_niet_onder_bedrijfsarts", "medisch_niet_onder_bedrijfsarts"],
                   "title": ["ROV", "CMTD", "RCM"], "department": ["productie", "claimbeoordeling"],
                   "employer_type": ["arbodienst", "werkgever"], "delegated_by": ["bedrijfsarts"]}


@settings(max_examples=60, deadline=None)
@given(roles=st.lists(st.sampled_from(ROLES), min_size=1, max_size=8),
       assignments=st.lists(st.tuples(st.sampled_from(TASKS), st.integers(0, 7)), max_size=16),
       extras=st.lists(st.tuples(st.integers(0, 7), st.sampled_from(["acts_for", "department", "title", "quadrant",
                                                                      "employer", "delegated_by"]),
                                 st.integers(0, 3)), max_size=12),
       capacity=st.lists(st.dictionaries(st.sampled_from(sorted(CONDITION_NAMES)), st.integers(0, 3),
                                         min_size=1, max_size=2), min_size=1, max_size=3))
def test_candidates_never_miss_an_actor_that_matches(roles, assignments, extras, capacity, vocab):
    """The narrowing by graph edges is only a speed-up: every actor with a witness is a candidate."""
    actors = [{"id": f"p{i}", "role": role} for i, role in enumerate(roles)]
    for who, key, pick in extras:
        actor = actors[who % len(actors)]
        if key == "acts_for":
            actor["acts_for"] = ["werkgever", "bedrijfsarts", "arbo", "verz"][pick]
        elif key == "department":
            actor["department"] = ["productie", "claimbeoordeling"][pick % 2]
        elif key == "title":
            actor["titles"] = [["ROV", "CMTD", "RCM"][pick % 3]]
        elif key == "quadrant":
            actor["quadrant"] = {"werkt": ["procesmatig", "medisch"][pick % 2], "onder_bedrijfsarts": pick >= 2}
        elif key == "employer":
            actor["employer"] = ["arbo", "verz"][pick % 2]
        elif actor["id"] != "p0" and actors[0]["role"] == "bedrijfsarts" and actor["role"] != "bedrijfsarts":
            actor["delegated_by"] = "p0"
    tasks: dict = {}
    for task, who in assignments:
        performer = f"p{who % len(roles)}"
        if performer not in tasks.setdefault(task, []):
            tasks[task].append(performer)
    data = {**POLICY, "actors": actors, "tasks": tasks, "data": {}}
    graph = graph_from_policy(policy_from_dict(data, vocab), vocab)
    matchers = [{key: [CONDITION_NAMES[key][pick % len(CONDITION_NAMES[key])]] for key, pick in matcher.items()}
                for matcher in capacity]
    matching = [actor for actor in graph.actors if witnesses(graph, actor, matchers)]
    found = candidates(graph, matchers)
    assert found is None or set(matching) <= set(found), (matchers, matching, found)


def test_task_selectors(vocab):
    assert select_tasks(vocab, {}) == []
    assert select_tasks(vocab, {"tasks": ["evaluatie", "probleemanalyse"], "side": ["werkgever"]}) == ["evaluatie"]
    reserved = select_tasks(vocab, {"reserved": True})
    assert "probleemanalyse" in reserved and "evaluatie" not in reserved
    medical = select_tasks(vocab, {"medical": True})
    assert set(medical) == {name for name, task in vocab.tasks.items() if task.get("medical")}
    assert "wia_aanvraag" not in select_tasks(vocab, {"mandatory": True, "side": ["werkgever", "bedrijfsarts"]})


def audit(data, vocab, rulebook):
    return audit_policy(policy_from_dict(data, vocab), rulebook, vocab, date(2025, 6, 1))


def test_dot_output_highlights_the_conflict_path(vocab, rulebook):
    data = {**POLICY, "tasks": {**POLICY["tasks"], "uitvraag_taakdelegatie": ["cm"]}}
    text = to_dot(audit(data, vocab, rulebook))
    assert text.startswith('digraph "org-a" {') and text.rstrip().endswith("}")
    red = [line for line in text.splitlines() if "#c00000" in line]
    assert '  "actor:cm" -> "task:uitvraag_taakdelegatie" [label="performs", color="#c00000"' in text
    assert any(line.startswith('  "actor:cm" [') for line in red)
    assert not any(line.startswith('  "actor:lg" [') for line in red)
    assert '"org:org-a" -> "element:beroepsziekten" [label="lacks"' in text  # evidence-only edge, dashed
    assert "task:wia_aanvraag" not in text  # tasks nobody performs and no finding names stay out


def test_mermaid_output_uses_safe_ids_and_marks_conflicts(vocab, rulebook):
    data = {**POLICY, "tasks": {**POLICY["tasks"], "uitvraag_taakdelegatie": ["cm"]}}
    text = to_mermaid(audit(data, vocab, rulebook))
    lines = text.splitlines()
    assert lines[1] == "flowchart LR"
    assert any(line.startswith("  class ") and line.endswith(" conflict;") for line in lines)
    assert any(line.startswith("  linkStyle ") for line in lines)
    ids = {line.split('"')[1]: line.split("[")[0].split("(")[0].split("{")[0].strip()
           for line in lines if '"actor: ' in line}
    assert ids["actor: cm (casemanager)"].startswith("n")


def test_graph_output_does_not_depend_on_input_order(vocab, rulebook):
    shuffled = {**POLICY, "actors": list(reversed(POLICY["actors"])),
                "tasks": dict(reversed(list(POLICY["tasks"].items())))}
    assert to_dot(audit(POLICY, vocab, rulebook)) == to_dot(audit(shuffled, vocab, rulebook))
    assert to_mermaid(audit(POLICY, vocab, rulebook)) == to_mermaid(audit(shuffled, vocab, rulebook))


def test_several_policies_give_one_graph_document(vocab, rulebook):
    import io

    from checker.report.graph import write_graphs

    conflict = {**POLICY, "tasks": {**POLICY["tasks"], "uitvraag_taakdelegatie": ["cm"]}}
    results = [audit(conflict, vocab, rulebook), audit({**POLICY, "organisation": "org-b"}, vocab, rulebook)]
    out = io.StringIO()
    write_graphs(results, "mermaid", out)
    lines = out.getvalue().splitlines()
    assert [line for line in lines if line.startswith("flowchart")] == ["flowchart LR"]  # one diagram
    assert '  subgraph p0["org-a"]' in lines and '  subgraph p1["org-b"]' in lines
    assert lines.count("  end") == 2
    links = [line for line in lines if "-->" in line or "-.->" in line]
    red = next(line for line in lines if line.startswith("  linkStyle ")).split()[1].split(",")
    # link numbers count on across subgraphs: org-b's red links are its own, shifted past org-a's
    alone = [line for line in to_mermaid(results[1]).splitlines() if line.startswith("  linkStyle ")]
    offset = sum(1 for line in links if line.strip().startswith("p0"))
    own = [str(int(i) + offset) for i in alone[0].split()[1].split(",")] if alone else []
    assert [i for i in red if int(i) >= offset] == own
    assert all(links[int(i)].strip().startswith("p1") for i in own)
    out = io.StringIO()
    write_graphs(results, "dot", out)
    text = out.getvalue()
    assert text.count("digraph") == 1 and text.count("subgraph") == 2
    assert '"0/actor:cm"' in text and '"1/actor:cm"' in text and 'label="org-b";' in text
    single = io.StringIO()
    write_graphs(results[:1], "dot", single)
    assert single.getvalue() == to_dot(results[0])




@settings(max_examples=30, deadline=None)
@given(roles=st.lists(st.sampled_from(ROLES), min_size=1, max_size=8),
       assignments=st.lists(st.tuples(st.sampled_from(TASKS), st.integers(0, 7)), max_size=20),
       seed=st.integers(0, 10_000))
def test_findings_do_not_depend_on_the_order_of_actors_tasks_or_performers(roles, assignments, seed, vocab, rulebook):
    actors = [{"id": f"p{i}", "role": role} for i, role in enumerate(roles)]
    tasks: dict = {}
    for task, who in assignments:
        performer = f"p{who % len(roles)}"
        if performer not in tasks.setdefault(task, []):
            tasks[task].append(performer)
    data = {"organisation": "org-h", "arbo": {"regeling": "vangnet"}, "actors": actors, "tasks": tasks,
            "data": {"gezondheidsgegevens": [a["id"] for a in actors[::2]]}}
    rng = random.Random(seed)
    shuffled_tasks = list(tasks.items())
    rng.shuffle(shuffled_tasks)
    shuffled = {**data, "actors": rng.sample(actors, len(actors)),
                "tasks": {task: rng.sample(who, len(who)) for task, who in shuffled_tasks}}
    assert audit(data, vocab, rulebook).findings == audit(shuffled, vocab, rulebook).findings


@pytest.mark.parametrize("plain", [True, False])
def test_shared_edge_attributes_are_never_changed_in_place(vocab, plain):
    """Edges share one attribute dict per label set: adding a label to one edge must not
    add it to the others (nor to a graph copied from this one)."""
    graph = RoleGraph(vocab, plain=plain)
    graph.add("actor:a", "employed_by", "org:x")
    graph.add("actor:b", "employed_by", "org:x")
    copy = RoleGraph.copy_of(graph)
    graph.add("actor:a", "acts_for", "org:x")
    graph.add("actor:a", "acts_for", "org:x")  # twice: no change
    assert graph.has("actor:a", "acts_for", "org:x") and graph.has("actor:a", "employed_by", "org:x")
    assert not graph.has("actor:b", "acts_for", "org:x")
    assert not copy.has("actor:a", "acts_for", "org:x")
    assert graph.targets("org:x", "acts_for") == [] and graph.sources("org:x", "acts_for") == ["actor:a"]
    with pytest.raises(TypeError, match="shared"):
        graph.nx._succ["actor:b"]["org:x"]["works_in"] = True
    with pytest.raises(TypeError, match="shared"):
        graph.nx._succ["actor:b"]["org:x"].update(works_in=True)
    if not plain:  # networkx's add_edge updates an existing edge's dict in place: refused
        with pytest.raises(TypeError, match="shared"):
            graph.nx.add_edge("actor:b", "org:x", works_in=True)
    else:  # PlainDiGraph's add_edge copies
        graph.nx.add_edge("actor:b", "org:x", works_in=True)
        assert graph.has("actor:b", "works_in", "org:x")
    assert not graph.has("actor:a", "works_in", "org:x") and not RoleGraph.copy_of(copy).has(
        "actor:a", "works_in", "org:x")
    assert pickle.loads(pickle.dumps(graph.nx._succ["actor:a"]["org:x"])) is graph.nx._succ["actor:a"]["org:x"]


def test_the_graph_draws_a_bounded_number_of_actors_conflicts_first(vocab, rulebook, monkeypatch):
    """A 190,000-actor policy made 49 MB of dot in 12 s: at most MAX_DRAWN_ACTORS actors are
    drawn, those in a finding first, and a comment says how many were left out."""
    from checker.report import graph as graph_report

    monkeypatch.setattr(graph_report, "MAX_DRAWN_ACTORS", 3)
    actors = [{"id": f"lg-{i}", "role": "leidinggevende"} for i in range(6)] + [
        {"id": "zz-cm", "role": "casemanager_taakdelegatie"}]
    data = {**POLICY, "actors": actors, "tasks": {"regie_re_integratie": ["zz-cm"]}, "data": {}}
    result = audit(data, vocab, rulebook)
    assert any(f.actors == ("zz-cm",) for f in result.findings)
    for text, comment in ((to_dot(result, "en"), "// 4 actor(s) not drawn"),
                          (to_mermaid(result, "en"), "%% 4 actor(s) not drawn"),
                          (to_dot(result), "// 4 actor(en) niet getekend")):
        assert comment in text
        assert "actor:zz-cm" in text or "zz-cm" in text  # the conflicted actor is drawn, though last in order
        assert "lg-0" in text and "lg-1" in text and "lg-5" not in text
    monkeypatch.undo()
    small = audit({**POLICY}, vocab, rulebook)
    assert "niet getekend" not in to_dot(small) and "not drawn" not in to_mermaid(small, "en")
