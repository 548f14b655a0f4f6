"""``--graph dot|mermaid``: the role graph of a policy, with its conflicts highlighted.

Pure functions from an AuditResult (its ``graph`` and ``findings``) to text. What
is drawn: every actor with its role, employer, quadrant, titles and whom it acts
for; the tasks somebody performs (and the tasks a finding names) with their side;
the data that reaches somebody. Nodes and edges on a finding's evidence path are
red. Order is sorted throughout, so the same policy always gives the same text.
"""
from __future__ import annotations

from ..roles.labels import INVERSE, kind_of, name_of

CONFLICT_COLOUR = "#c00000"
_DOT_SHAPES = {"actor": "box", "task": "ellipse", "side": "doubleoctagon", "role": "component", "org": "folder",
               "data": "cylinder", "title": "note", "quadrant": "diamond", "element": "tab"}
_MERMAID_SHAPES = {"actor": ('["', '"]'), "task": ('("', '")'), "side": ('{{"', '"}}'), "data": ('[("', '")]'),
                   "org": ('[/"', '"/]'), "quadrant": ('{"', '"}')}


def highlighted(result) -> tuple:
    """(nodes, edges) to draw red; edges as (source, label, target) in graph direction.

    A conflict marks its whole evidence path. A missing finding marks only what is
    missing (the task nobody performs, the contract element) and the evidence-only
    edge that names it (``lacks``), not the sides and organisations around it.
    """
    nodes, edges = set(), set()
    for finding in result.findings:
        path = finding.evidence
        steps = [_edge(result.graph.nx, *path[i - 1:i + 2]) for i in range(1, len(path) - 1, 2)]
        if finding.status == "conflict":
            nodes.update(path[0::2])
            edges.update(edge for edge, _ in steps)
        else:
            nodes.update(n for n in path[0::2] if kind_of(n) in _MISSING_KINDS)
            edges.update(edge for edge, in_graph in steps if not in_graph)
    return nodes, edges


_MISSING_KINDS = ("task", "element")


def _edge(graph, left: str, label: str, right: str) -> tuple:
    """The graph edge an evidence step walks, and whether the graph has it."""
    if graph.has_edge(left, right) and label in graph.edges[left, right]:
        return (left, label, right), True
    inverse = INVERSE.get(label, label)
    if graph.has_edge(right, left) and inverse in graph.edges[right, left]:
        return (right, inverse, left), True
    return (left, label, right), False


def visible_edges(result, marked_nodes: set, marked_edges: set) -> list:
    """Sorted (source, label, target) to draw: what the actors reach (their tasks, sides,
    data, ...), the highlighted nodes, and evidence-only edges such as ``lacks``."""
    graph = result.graph.nx
    shown = {n for n in marked_nodes if n in graph} | set(result.graph.actors)
    frontier = set(shown)
    while frontier:
        frontier = {t for n in frontier for t in graph.succ[n] if t not in shown}
        shown.update(frontier)
    edges = set(marked_edges)
    for source, target, data in graph.edges(data=True):
        if source in shown and target in shown:
            edges.update((source, label, target) for label in data)
    return sorted(edges)


def node_text(result, label: str) -> str:
    attrs = result.graph.nx.nodes[label] if label in result.graph.nx else {}
    text = f"{kind_of(label)}: {name_of(label)}"
    return text + (f" ({attrs['role']})" if attrs.get("role") else "")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(result) -> str:
    marked_nodes, marked_edges = highlighted(result)
    edges = visible_edges(result, marked_nodes, marked_edges)
    nodes = sorted({n for s, _, t in edges for n in (s, t)} | {n for n in result.graph.nx if kind_of(n) == "actor"})
    red = f'color="{CONFLICT_COLOUR}", fontcolor="{CONFLICT_COLOUR}", penwidth=2.5'
    lines = [f"digraph {_quote(result.subject)} {{", "  rankdir=LR;", '  node [fontname="Helvetica"];',
             '  edge [fontname="Helvetica", fontsize=10];']
    for label in nodes:
        style = f", {red}" if label in marked_nodes else ""
        lines.append(f"  {_quote(label)} [label={_quote(node_text(result, label))}, "
                     f"shape={_DOT_SHAPES.get(kind_of(label), 'box')}{style}];")
    for source, label, target in edges:
        style = f", {red}" if (source, label, target) in marked_edges else ""
        dashed = ", style=dashed" if label == "lacks" else ""
        lines.append(f"  {_quote(source)} -> {_quote(target)} [label={_quote(label)}{style}{dashed}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_mermaid(result) -> str:
    marked_nodes, marked_edges = highlighted(result)
    edges = visible_edges(result, marked_nodes, marked_edges)
    nodes = sorted({n for s, _, t in edges for n in (s, t)} | {n for n in result.graph.nx if kind_of(n) == "actor"})
    ids = {label: f"n{i}" for i, label in enumerate(nodes)}
    lines = [f"%% verzuimcheck role graph: {result.subject}", "flowchart LR"]
    for label in nodes:
        left, right = _MERMAID_SHAPES.get(kind_of(label), ('["', '"]'))
        lines.append(f"  {ids[label]}{left}{node_text(result, label).replace(chr(34), '#quot;')}{right}")
    for source, label, target in edges:
        arrow = "-.->" if label == "lacks" else "-->"
        lines.append(f"  {ids[source]} {arrow}|{label}| {ids[target]}")
    lines.append(f"  classDef conflict stroke:{CONFLICT_COLOUR},stroke-width:3px,color:{CONFLICT_COLOUR};")
    if marked_nodes:
        lines.append("  class " + ",".join(ids[n] for n in nodes if n in marked_nodes) + " conflict;")
    red = [str(i) for i, edge in enumerate(edges) if edge in marked_edges]
    if red:
        lines.append(f"  linkStyle {','.join(red)} stroke:{CONFLICT_COLOUR},stroke-width:3px;")
    return "\n".join(lines) + "\n"


GRAPH_WRITERS = {"dot": to_dot, "mermaid": to_mermaid}
GRAPH_SUFFIXES = {".dot": "dot", ".gv": "dot", ".mmd": "mermaid", ".mermaid": "mermaid"}


def write_graphs(results, fmt: str, stream) -> None:
    """Every result's graph, one after another (dot: several digraphs; mermaid: blank line between)."""
    stream.write("\n".join(GRAPH_WRITERS[fmt](r) for r in results if r.graph is not None))
