"""No option combination may overwrite an input; output files follow their extension.

The property test tries every mix of --graph, --graph-out (an input, another input through
another spelling, a directory, new files with each suffix, stdout) and --format, and checks
that every input file is byte for byte the same afterwards and that a refused run wrote nothing.
"""
from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, run_cli

POLICY = FIXTURES / "policies" / "dubbele-pet.yaml"
OTHER = FIXTURES / "policies" / "bakkerij-de-vries.yaml"


def _inputs(tmp_path):
    first, second = tmp_path / "beleid.yaml", tmp_path / "tweede.yaml"
    shutil.copy(POLICY, first)
    shutil.copy(OTHER, second)
    return first, second


OUT_CHOICES = ("first", "first-dotted", "second", "dir", "-", "new.dot", "new.gv", "new.mmd", "new.mermaid",
               "new.md", "new.txt", "beleid.dot")


def _out_path(choice: str, tmp_path, first, second) -> str:
    return {"first": str(first), "first-dotted": str(tmp_path / "." / first.name), "second": str(second),
            "dir": str(tmp_path)}.get(choice, choice if choice == "-" else str(tmp_path / choice))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(graph=st.sampled_from((None, "dot", "mermaid")), out=st.sampled_from(OUT_CHOICES),
       fmt=st.sampled_from(("table", "json")), both=st.booleans())
def test_no_option_combination_overwrites_an_input(tmp_path, graph, out, fmt, both):
    first, second = _inputs(tmp_path)
    inputs = (first, second) if both else (first,)
    before = {p: p.read_bytes() for p in inputs}
    listing = sorted(p.name for p in tmp_path.iterdir())
    args = ["policy", first] + ([second] if both else []) + ["--format", fmt, "--graph-out", _out_path(
        out, tmp_path, first, second)] + (["--graph", graph] if graph else [])
    result = run_cli(*args)
    assert {p: p.read_bytes() for p in inputs} == before
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())  # no half file left behind
    if result.exit_code == 2:  # refused before anything was written
        assert sorted(p.name for p in tmp_path.iterdir()) == listing


def test_an_input_as_graph_out_is_refused(tmp_path):
    first, _ = _inputs(tmp_path)
    before = first.read_bytes()
    result = run_cli("policy", first, "--graph", "dot", "--graph-out", first)
    assert result.exit_code == 2 and "--graph-out" in result.stderr
    assert first.read_bytes() == before


def test_a_directory_as_graph_out_is_refused(tmp_path):
    result = run_cli("policy", POLICY, "--graph", "dot", "--graph-out", tmp_path)
    assert result.exit_code == 2 and "--graph-out" in result.stderr


def test_graph_format_follows_the_extension(tmp_path):
    for name, start in (("g.dot", 'digraph "'), ("g.gv", 'digraph "'), ("g.mmd", "%% verzuimcheck"),
                        ("g.md", "```mermaid\n%% verzuimcheck")):
        result = run_cli("policy", POLICY, "--graph-out", tmp_path / name)
        assert result.exit_code == 0, result.stderr
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start), name
    assert (tmp_path / "g.md").read_text(encoding="utf-8").endswith("```\n")


def test_a_clash_between_graph_and_the_extension_is_an_error(tmp_path):
    result = run_cli("policy", POLICY, "--graph", "mermaid", "--graph-out", tmp_path / "rollen.dot")
    assert result.exit_code == 2 and "dot" in result.stderr and "mermaid" in result.stderr
    assert not (tmp_path / "rollen.dot").exists()
    result = run_cli("policy", POLICY, "--graph", "dot", "--graph-out", tmp_path / "rollen.md")
    assert result.exit_code == 2 and not (tmp_path / "rollen.md").exists()
