"""The role graph of a policy as plain SVG: one lane per side, actors left, their tasks right.

An actor stands in the lane of the side it works for (a second side is named in its
box: that is role mixing); a task stands in the lane of the side it belongs to. An
arrow says "performs"; the arrows and actors a conflict finding walks are red, thick
and labelled with the rule id, so the picture reads in black and white too. Large
policies are drawn in part: up to a bound, the actors named in findings first, then the
others by id; the picture says how many are left out. Pure and sorted: the same result gives the same bytes.
"""
from __future__ import annotations

from html import escape

from ..messages import localized, text
from ..roles.labels import ACTOR, kind_of, name_of, node

WIDTH, LANE_LABEL, ACTOR_X, ACTOR_W, TASK_X, TASK_W = 1000, 130, 150, 250, 640, 330
BOX_H, GAP, TOP = 30, 10, 8
RED, INK, LINE = "#c00000", "#111111", "#777777"
CORE_SIDES = ("werkgever", "werknemer", "bedrijfsarts", "verzekeraar")
MAX_ACTORS = 40
_NO_SIDE = ""


def _e(value) -> str:
    return escape(str(value), quote=True)


def _cut(value: str, chars: int) -> str:
    return value if len(value) <= chars else value[: chars - 1] + "…"


def conflict_marks(result) -> tuple:
    """({(actor, task): {rule ids}}, {actor: {rule ids}}) from the conflict findings' evidence."""
    edges: dict = {}
    actors: dict = {}
    for finding in result.findings:
        if finding.status != "conflict":
            continue
        path = finding.evidence
        for i in range(1, len(path) - 1, 2):
            left, label, right = path[i - 1], path[i], path[i + 1]
            if label in ("performs", "performed_by"):
                actor, task = (left, right) if label == "performs" else (right, left)
                edges.setdefault((actor, task), set()).add(finding.rule)
        for part in path[0::2]:
            if kind_of(part) == ACTOR:
                actors.setdefault(part, set()).add(finding.rule)
    return edges, actors


def _chosen_actors(result, marked: dict) -> tuple:
    """At most MAX_ACTORS actors to draw, those named in findings first, then the rest by id; and how many are left out."""
    everyone = result.graph.actors
    named = sorted({a for f in result.findings for a in (node(ACTOR, x) for x in f.actors)} | set(marked))
    named = [a for a in named if a in result.graph]
    chosen_named = set(named)
    rest = [a for a in everyone[: MAX_ACTORS + len(named)] if a not in chosen_named]  # enough to fill up
    chosen = (named + rest)[:MAX_ACTORS]  # a picture of thousands of boxes helps nobody: the tables list them all
    return tuple(sorted(chosen)), len(everyone) - len(chosen)


def _side_of(graph, label: str) -> tuple:
    """(lane side, other sides) of an actor: the first side it works for, alphabetically."""
    sides = sorted(name_of(s) for s in graph.sides_of(label))
    return (sides[0], sides[1:]) if sides else (_NO_SIDE, [])


def _lanes(result, actors: tuple) -> dict:
    """side -> {"actors": [...], "tasks": [...]}, in lane order."""
    graph = result.graph
    lanes: dict = {}
    for actor in actors:
        side, _ = _side_of(graph, actor)
        lanes.setdefault(side, {"actors": [], "tasks": set()})["actors"].append(actor)
    for actor in actors:
        for task in graph.targets(actor, "performs"):
            side = graph.vocab.tasks.get(name_of(task), {}).get("side", _NO_SIDE)
            lanes.setdefault(side, {"actors": [], "tasks": set()})["tasks"].add(task)
    for side in CORE_SIDES:  # the four sides always have their lane, empty or not: the picture's frame
        lanes.setdefault(side, {"actors": [], "tasks": set()})
    order = list(CORE_SIDES) + sorted(s for s in lanes if s not in CORE_SIDES and s) + [_NO_SIDE]
    return {s: {"actors": lanes[s]["actors"], "tasks": sorted(lanes[s]["tasks"])} for s in order if s in lanes}


def _side_label(graph, side: str, lang: str) -> str:
    if side == _NO_SIDE:
        return text("ui", "side_other", lang)
    return localized(graph.vocab.sides.get(side, {}).get("label", side), lang)


def _task_label(graph, task: str, lang: str) -> str:
    entry = graph.vocab.tasks.get(name_of(task), {})
    return localized(entry.get("label", name_of(task)), lang)


def _actor_box(graph, actor: str, y: float, rules: set, lang: str) -> list:
    role = graph.attr(actor, "role", "")
    _, others = _side_of(graph, actor)
    colour, width = (RED, 3) if rules else (INK, 1)
    line = name_of(actor) + (f" ({role})" if role else "")
    also = (" + " + ", ".join(_side_label(graph, s, lang) for s in others)) if others else ""
    out = [f'<g class="actor{" conflict" if rules else ""}" data-id="{_e(name_of(actor))}">',
           f'<rect x="{ACTOR_X}" y="{y}" width="{ACTOR_W}" height="{BOX_H}" rx="3" fill="#ffffff" '
           f'stroke="{colour}" stroke-width="{width}"/>',
           f'<text x="{ACTOR_X + 6}" y="{y + 13}" font-weight="bold"><title>{_e(line)}</title>{_e(_cut(line, 34))}</text>']
    if also or rules:
        detail = (also.strip() + " " if also else "") + ("⚠ " + ", ".join(sorted(rules)) if rules else "")
        out.append(f'<text x="{ACTOR_X + 6}" y="{y + 25}" font-size="10" fill="{colour}">{_e(_cut(detail, 46))}</text>')
    return out + ["</g>"]


def _task_box(graph, task: str, y: float, lang: str) -> list:
    label = _task_label(graph, task, lang)
    return [f'<g class="task" data-id="{_e(name_of(task))}">',
            f'<rect x="{TASK_X}" y="{y}" width="{TASK_W}" height="{BOX_H}" rx="15" fill="#f2f2f2" '
            f'stroke="{INK}"/>',
            f'<text x="{TASK_X + 12}" y="{y + 19}"><title>{_e(label)} ({_e(name_of(task))})</title>'
            f'{_e(_cut(label, 46))}</text>', "</g>"]


def _edge(a: tuple, b: tuple, rules: set) -> list:
    """A curve from an actor's box to a task's; a conflict's is red, dashed and labelled just above
    its arrow head, in the free column between actors and tasks, so labels of different tasks never meet."""
    (x1, y1), (x2, y2) = a, b
    mid = round((x1 + x2) / 2, 1)
    path = f"M{x1} {y1} C{mid} {y1} {mid} {y2} {x2 - 6} {y2}"
    if not rules:
        return [f'<path class="performs" d="{path}" fill="none" stroke="{LINE}" stroke-width="1.2" '
                'marker-end="url(#ARROW)"/>']
    label = ", ".join(sorted(rules))
    shown = _cut(label, 36)
    width = round(6.1 * len(shown) + 8, 1)
    right = TASK_X - 12
    return [f'<path class="performs conflict" d="{path}" fill="none" stroke="{RED}" stroke-width="3" '
            'stroke-dasharray="8 3" marker-end="url(#ARROW-RED)"/>',
            f'<rect x="{round(right - width, 1)}" y="{y2 - 19}" width="{width}" height="14" fill="#ffffff" '
            f'stroke="{RED}" stroke-width="0.8"/>',
            f'<text class="conflict-label" x="{right - 4}" y="{y2 - 8}" text-anchor="end" font-size="10.5" '
            f'fill="{RED}"><title>{_e(label)}</title>{_e(shown)}</text>']


def _arrows(prefix: str) -> str:
    def marker(name, colour):
        return (f'<marker id="{prefix}-{name}" viewBox="0 0 10 10" refX="2" refY="5" markerWidth="9" '
                f'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="{colour}"/></marker>')
    return "<defs>" + marker("arrow", LINE) + marker("arrow-red", RED) + "</defs>"


def _legend(prefix: str, y: float, lang: str) -> list:
    items = [
        (f'<rect x="0" y="-12" width="26" height="16" fill="#ffffff" stroke="{INK}"/>', "legend_actor"),
        (f'<rect x="0" y="-12" width="26" height="16" rx="8" fill="#f2f2f2" stroke="{INK}"/>', "legend_task"),
        (f'<line x1="0" y1="-4" x2="26" y2="-4" stroke="{LINE}" stroke-width="1.2" '
         f'marker-end="url(#{prefix}-arrow)"/>', "legend_performs"),
        (f'<line x1="0" y1="-4" x2="26" y2="-4" stroke="{RED}" stroke-width="3" stroke-dasharray="8 3" '
         f'marker-end="url(#{prefix}-arrow-red)"/>', "legend_conflict"),
    ]
    out = [f'<g class="legend" font-size="11" transform="translate(10 {y})">']
    for i, (shape, key) in enumerate(items):
        out.append(f'<g transform="translate({i * 240} 0)">{shape}<text x="34" y="0">{_e(text("ui", key, lang))}'
                   "</text></g>")
    return out + ["</g>"]


def roles_svg(result, prefix: str, lang: str) -> str:
    """The policy's role graph as an ``<svg>`` element; ``prefix`` keeps its ids unique on a page."""
    graph = result.graph
    edge_rules, actor_rules = conflict_marks(result)
    actors, left_out = _chosen_actors(result, actor_rules)
    lanes = _lanes(result, actors)
    body, where, y = [], {}, TOP
    for i, (side, lane) in enumerate(lanes.items()):
        rows = max(len(lane["actors"]), len(lane["tasks"]), 1)
        height = rows * (BOX_H + GAP) + GAP
        body.append(f'<g class="lane" data-side="{_e(side)}">')
        body.append(f'<rect x="0" y="{y}" width="{WIDTH}" height="{height}" fill="{"#fafafa" if i % 2 else "#ededed"}" '
                    'stroke="#999999" stroke-width="0.5"/>')
        body.append(f'<text x="10" y="{y + 20}" font-weight="bold" font-size="13">{_e(_side_label(graph, side, lang))}'
                    "</text></g>")
        for j, actor in enumerate(lane["actors"]):
            top = y + GAP + j * (BOX_H + GAP)
            where[actor] = (ACTOR_X + ACTOR_W, top + BOX_H / 2)
            body += _actor_box(graph, actor, top, actor_rules.get(actor, set()), lang)
        for j, task in enumerate(lane["tasks"]):
            top = y + GAP + j * (BOX_H + GAP)
            where[task] = (TASK_X, top + BOX_H / 2)
            body += _task_box(graph, task, top, lang)
        y += height
    edges, red = [], []
    for actor in actors:
        for task in graph.targets(actor, "performs"):
            rules = edge_rules.get((actor, task), set())
            (red if rules else edges).extend(_edge(where[actor], where[task], rules))
    height = y + 44 + (18 if left_out else 0)
    out = [f'<svg class="roles" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
           f'role="img" aria-labelledby="{prefix}-title" font-family="Helvetica, Arial, sans-serif" font-size="12">'
           f'<title id="{prefix}-title">{_e(text("ui", "role_picture", lang))}</title>', _arrows(prefix)]
    out += body + [e.replace("url(#ARROW)", f"url(#{prefix}-arrow)") for e in edges]
    out += [e.replace("url(#ARROW-RED)", f"url(#{prefix}-arrow-red)") for e in red]  # red on top
    out += _legend(prefix, y + 26, lang)
    if left_out:
        out.append(f'<text x="10" y="{y + 48}" font-size="11">'
                   f'{_e(text("ui", "not_drawn", lang, count=left_out, limit=MAX_ACTORS))}</text>')
    return "\n".join(out + ["</svg>"])
