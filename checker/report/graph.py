"""``--graph dot|mermaid``: the role graph of a policy, with its conflicts highlighted.

Pure functions from an AuditResult (its ``graph`` and ``findings``) to text. What
is drawn: every actor with its role, employer, quadrant, titles and whom it acts
for; the tasks somebody performs (and the tasks a finding names) with their side;
the data that reaches somebody. Nodes and edges on a finding's evidence path are
red. Order is sorted throughout, so the same policy always gives the same text.
"""
from __future__ import annotations

from ..messages import DEFAULT_LANGUAGE, text
from ..roles.labels import INVERSE, kind_of, name_of
from .safe import dot_quoted, mermaid_text

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
    if label in _BACKWARD:  # an evidence-only edge walked back (lacked_by): draw it forwards, once
        return (right, inverse, left), False
    return (left, label, right), False


#: inverse edge labels (performed_by, lacked_by, ...): the backward name of a forward edge
_BACKWARD = frozenset(INVERSE[label] for label in ("performs", "belongs_to", "reserved_to", "produces", "has_role",
                                                    "acts_for", "delegated_by", "employed_by", "works_in", "part_of",
                                                    "holds", "strengthens", "in_quadrant", "receives", "contracts",
                                                    "lacks"))


#: Actors drawn at most: a diagram of thousands of actors renders as a blur, and a policy of
#: 190,000 actors made 49 MB of dot in 12 s and 518 MB. Those on a finding's path come first;
#: the rest follow in sorted order; a comment in the output says how many were left out.
MAX_DRAWN_ACTORS = 500


def drawn_actors(result, marked_nodes: set) -> tuple:
    """(the actors to draw, how many are left out)."""
    actors = result.graph.actors
    if len(actors) <= MAX_DRAWN_ACTORS:
        return actors, 0
    marked = sorted(n for n in marked_nodes if kind_of(n) == "actor" and n in result.graph)
    chosen = dict.fromkeys(marked[:MAX_DRAWN_ACTORS])
    for actor in actors:
        if len(chosen) >= MAX_DRAWN_ACTORS:
            break
        chosen.setdefault(actor)
    return tuple(sorted(chosen)), len(actors) - len(chosen)


def visible_edges(result, marked_nodes: set, marked_edges: set, actors=None) -> list:
    """Sorted (source, label, target) to draw: what the ``actors`` (default: all) reach
    (their tasks, sides, data, ...), the highlighted nodes, and evidence-only edges such as
    ``lacks``. Only the edges of the nodes shown are visited, never the whole graph."""
    graph = result.graph.nx
    actors = result.graph.actors if actors is None else actors
    drawn = set(actors)
    shown = {n for n in marked_nodes if n in graph and (kind_of(n) != "actor" or n in drawn)} | drawn
    frontier = set(shown)
    while frontier:
        frontier = {t for n in frontier for t in graph.succ[n] if t not in shown}
        shown.update(frontier)
    edges = {e for e in marked_edges if kind_of(e[0]) != "actor" or e[0] in drawn}
    edges = {e for e in edges if kind_of(e[2]) != "actor" or e[2] in drawn}
    for source in shown:
        for target, data in graph.succ[source].items():
            if target in shown:
                edges.update((source, label, target) for label in data)
    return sorted(edges)


def node_text(result, label: str) -> str:
    attrs = result.graph.nx.nodes[label] if label in result.graph.nx else {}
    text = f"{kind_of(label)}: {name_of(label)}"
    return text + (f" ({attrs['role']})" if attrs.get("role") else "")


def _quote(text: str) -> str:
    return dot_quoted(text)


def _drawn(result) -> tuple:
    marked_nodes, marked_edges = highlighted(result)
    actors, left_out = drawn_actors(result, marked_nodes)
    edges = visible_edges(result, marked_nodes, marked_edges, actors)
    nodes = sorted({n for s, _, t in edges for n in (s, t)} | set(actors))
    return nodes, edges, marked_nodes, marked_edges, left_out


def _left_out(count: int, lang: str) -> str:
    return text("ui", "graph_not_drawn", lang, count=count, limit=MAX_DRAWN_ACTORS)


def _dot_body(result, prefix: str = "", indent: str = "  ", lang: str = DEFAULT_LANGUAGE) -> list:
    nodes, edges, marked_nodes, marked_edges, left_out = _drawn(result)
    red = f'color="{CONFLICT_COLOUR}", fontcolor="{CONFLICT_COLOUR}", penwidth=2.5'
    lines = [f"{indent}// {_left_out(left_out, lang)}"] if left_out else []
    for label in nodes:
        style = f", {red}" if label in marked_nodes else ""
        lines.append(f"{indent}{_quote(prefix + label)} [label={_quote(node_text(result, label))}, "
                     f"shape={_DOT_SHAPES.get(kind_of(label), 'box')}{style}];")
    for source, label, target in edges:
        style = f", {red}" if (source, label, target) in marked_edges else ""
        dashed = ", style=dashed" if label == "lacks" else ""
        lines.append(f"{indent}{_quote(prefix + source)} -> {_quote(prefix + target)} [label={_quote(label)}{style}{dashed}];")
    return lines


_DOT_HEAD = ["  rankdir=LR;", '  node [fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];']


def to_dot(result, lang: str = DEFAULT_LANGUAGE) -> str:
    lines = [f"digraph {_quote(result.subject)} {{"] + _DOT_HEAD + _dot_body(result, lang=lang) + ["}"]
    return "\n".join(lines) + "\n"


def to_dot_combined(results, lang: str = DEFAULT_LANGUAGE) -> str:
    """Several policies as one digraph: a cluster per policy, node names prefixed with its number."""
    lines = ['digraph "verzuimcheck" {'] + _DOT_HEAD + ["  compound=true;"]
    for i, result in enumerate(results):
        lines += [f"  subgraph {_quote(f'cluster_{i}')} {{", f"    label={_quote(result.subject)};"]
        lines += _dot_body(result, prefix=f"{i}/", indent="    ", lang=lang) + ["  }"]
    return "\n".join(lines + ["}"]) + "\n"


def _mermaid_body(result, prefix: str, indent: str, first_link: int, lang: str) -> tuple:
    """(lines, conflict node ids, conflict link numbers) of one policy's nodes and edges."""
    nodes, edges, marked_nodes, marked_edges, left_out = _drawn(result)
    ids = {label: f"{prefix}n{i}" for i, label in enumerate(nodes)}
    lines = [f"{indent}%% {_left_out(left_out, lang)}"] if left_out else []
    for label in nodes:
        left, right = _MERMAID_SHAPES.get(kind_of(label), ('["', '"]'))
        lines.append(f"{indent}{ids[label]}{left}{mermaid_text(node_text(result, label))}{right}")
    for source, label, target in edges:
        arrow = "-.->" if label == "lacks" else "-->"
        lines.append(f"{indent}{ids[source]} {arrow}|{mermaid_text(label)}| {ids[target]}")
    red_nodes = [ids[n] for n in nodes if n in marked_nodes]
    red_links = [str(first_link + i) for i, edge in enumerate(edges) if edge in marked_edges]
    return lines, red_nodes, red_links, len(edges)


def _mermaid_styles(red_nodes: list, red_links: list) -> list:
    lines = [f"  classDef conflict stroke:{CONFLICT_COLOUR},stroke-width:3px,color:{CONFLICT_COLOUR};"]
    if red_nodes:
        lines.append("  class " + ",".join(red_nodes) + " conflict;")
    if red_links:
        lines.append(f"  linkStyle {','.join(red_links)} stroke:{CONFLICT_COLOUR},stroke-width:3px;")
    return lines


def to_mermaid(result, lang: str = DEFAULT_LANGUAGE) -> str:
    body, red_nodes, red_links, _ = _mermaid_body(result, "", "  ", 0, lang)
    lines = [f"%% verzuimcheck role graph: {mermaid_text(result.subject)}", "flowchart LR"] + body
    return "\n".join(lines + _mermaid_styles(red_nodes, red_links)) + "\n"


def to_mermaid_combined(results, lang: str = DEFAULT_LANGUAGE) -> str:
    """Several policies as one flowchart: a subgraph per policy, node ids prefixed ``p<number>``;
    link numbers (for linkStyle) count on across the subgraphs, as mermaid numbers them."""
    lines = ["%% verzuimcheck role graphs: " + ", ".join(mermaid_text(r.subject) for r in results), "flowchart LR"]
    red_nodes, red_links, links = [], [], 0
    for i, result in enumerate(results):
        body, nodes, red, count = _mermaid_body(result, f"p{i}", "    ", links, lang)
        lines += [f"  subgraph p{i}[\"{mermaid_text(result.subject)}\"]"] + body + ["  end"]
        red_nodes += nodes
        red_links += red
        links += count
    return "\n".join(lines + _mermaid_styles(red_nodes, red_links)) + "\n"


GRAPH_WRITERS = {"dot": to_dot, "mermaid": to_mermaid}
GRAPH_SUFFIXES = {".dot": "dot", ".gv": "dot", ".mmd": "mermaid", ".mermaid": "mermaid", ".md": "mermaid"}


GRAPH_COMBINERS = {"dot": to_dot_combined, "mermaid": to_mermaid_combined}


def write_graphs(results, fmt: str, stream, lang: str = DEFAULT_LANGUAGE) -> None:
    """The role graph of one policy; of several, one combined document (a dot cluster or a
    mermaid subgraph per policy), since renderers accept one graph per document."""
    drawn = [r for r in results if r.graph is not None]
    if len(drawn) == 1:
        stream.write(GRAPH_WRITERS[fmt](drawn[0], lang))
    elif drawn:
        stream.write(GRAPH_COMBINERS[fmt](drawn, lang))
