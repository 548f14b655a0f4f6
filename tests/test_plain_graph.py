"""A dossier's role graph uses PlainDiGraph (plain dicts) instead of networkx: it must behave
exactly like networkx's DiGraph for every operation the role graph uses."""
from __future__ import annotations

import subprocess
import sys

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from checker.roles.graph import PlainDiGraph
from conftest import FIXTURES
from hypothesis_profiles import fuzz_settings

NAMES = st.sampled_from(["a", "b", "c", "d"])
ATTRS = st.dictionaries(st.sampled_from(["performs", "holds", "kind", "role"]), st.sampled_from([True, "x"]),
                        max_size=2)
STEPS = st.lists(st.one_of(st.tuples(st.just("node"), NAMES, NAMES, ATTRS),
                           st.tuples(st.just("edge"), NAMES, NAMES, ATTRS),
                           st.tuples(st.just("edges"), NAMES, NAMES, ATTRS)), max_size=25)


@fuzz_settings
@given(steps=STEPS)
def test_plain_graph_equals_networkx_digraph(steps):
    plain, real = PlainDiGraph(), nx.DiGraph()
    for kind, a, b, attrs in steps:
        for graph in (plain, real):
            if kind == "node":
                graph.add_node(a, **attrs)
            elif kind == "edge":
                graph.add_edge(a, b, **attrs)
            else:
                graph.add_edges_from([(a, b, attrs), (b, a, {})])
    assert plain._node == dict(real._node) and plain._succ == dict(real._succ) and plain._pred == dict(real._pred)
    assert sorted(plain.edges(data=True), key=repr) == sorted(real.edges(data=True), key=repr)
    assert list(plain) == list(real) and all((n in plain) == (n in real) for n in "abcde")
    for u, targets in plain._succ.items():  # one attribute dict per edge, shared by both directions
        assert all(plain._pred[v][u] is d for v, d in targets.items())


def test_auditing_a_dossier_never_imports_networkx():
    code = ("import sys; from checker.cli import main\n"
            f"sys.argv = ['verzuimcheck', 'dossier', r'{FIXTURES / 'dossiers' / 'rol-dubbele-pet.yaml'}']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "assert 'networkx' not in sys.modules, 'networkx imported'\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "dubbele" in result.stdout.lower() or "rol.dubbele-pet" in result.stdout  # role findings were made
