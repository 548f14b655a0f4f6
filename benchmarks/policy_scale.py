"""Benchmark: the role-graph audit of a very large organisation policy, and its growth.

Generates a synthetic organisation (default 100,000 actors and 1,000,000 task
assignments, about 1% of the actors in a role conflict), times building the role
graph and the full policy audit (best of --repeat runs), then doubles the input and
prints the ratio. The
graph analysis should stay linear: goal under 30 s for the default size and a
doubling ratio under 2.3.

    python benchmarks/policy_scale.py                    # 100k actors, 1M assignments, then doubled
    python benchmarks/policy_scale.py --actors 20000     # a quicker run
    python benchmarks/policy_scale.py --json /tmp/big-policy.json   # also write the policy for the CLI
    python benchmarks/policy_scale.py --with-load        # also time loading (schema + builder) from a dict

This is a script, not a test: it prints figures and exits 0.
"""
from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker.engine import audit_policy  # noqa: E402
from checker.model.policy import Organisation, Policy, PolicyActor, policy_from_dict  # noqa: E402
from checker.roles.graph import graph_from_policy  # noqa: E402
from checker.rulebook import default_rulebook  # noqa: E402
from checker.vocab import load_vocabulary  # noqa: E402

ELEMENTS = ["toegang_bedrijfsarts", "werkplekbezoek", "second_opinion", "klachtenprocedure", "beroepsziekten",
            "overleg_preventie"]
EMPLOYER_TASKS = ["ziekmelding_bedrijfsarts", "plan_van_aanpak", "casemanager_aangewezen", "evaluatie",
                  "bijstelling_plan_van_aanpak", "ziekmelding_uwv", "eerstejaarsevaluatie", "spoor2_gestart",
                  "re_integratieverslag", "deskundigenoordeel_aangevraagd"]
PHYSICIAN_TASKS = ["probleemanalyse", "actueel_oordeel", "uitvraag_taakdelegatie", "registratie_gezondheidsgegevens",
                   "beoordeling_arbeidsongeschiktheid", "verwijzing_medische_interventie"]
ROLES = [("bedrijfsarts", 5), ("casemanager_taakdelegatie", 5), ("casemanager", 20), ("leidinggevende", 35),
         ("hr", 15), ("arbeidsdeskundige", 5), ("loonwaarde_deskundige", 5), ("re_integratiebedrijf", 5),
         ("mediator", 5)]
PROCESMATIG = {"werkt": "procesmatig", "onder_bedrijfsarts": False}


def organisations(n_actors: int) -> list:
    """Arbodiensten, insurers and reintegration companies, with contracting chains."""
    count = max(1, n_actors // 2000)
    orgs = [{"id": f"verzekeraar-{i}", "type": "verzekeraar"} for i in range(count)]
    orgs += [{"id": f"arbodienst-{i}", "type": "arbodienst", "acts_for": f"verzekeraar-{i}"} for i in range(count)]
    orgs += [{"id": f"reintegratie-{i}", "type": "re_integratiebedrijf"} for i in range(count)]
    return orgs


def actor(i: int, role: str, rng: random.Random, n_orgs: int, physicians: list) -> dict:
    entry = {"id": f"a{i:07d}", "role": role}
    if role in ("bedrijfsarts", "casemanager_taakdelegatie"):
        entry["employer"] = f"arbodienst-{i % n_orgs}"
    if role == "casemanager_taakdelegatie" and physicians:
        entry["delegated_by"] = physicians[rng.randrange(len(physicians))]
        entry["titles"] = ["CMTD"]
    if role == "casemanager":
        entry.update(employer=f"arbodienst-{i % n_orgs}", acts_for=f"arbodienst-{i % n_orgs}",
                     quadrant=PROCESMATIG, titles=["ROV"])
        if i % 97 == 0:
            entry.update(employer=f"verzekeraar-{i % n_orgs}", department="claimbeoordeling")
    if role in ("arbeidsdeskundige", "loonwaarde_deskundige", "re_integratiebedrijf"):
        entry["employer"] = f"reintegratie-{i % n_orgs}"
    return entry


def tasks_for(i: int, role: str, per_actor: int, rng: random.Random) -> list:
    """``per_actor`` tasks that fit the role; about 1 in 100 actors gets a conflicting one."""
    if role in ("bedrijfsarts", "casemanager_taakdelegatie"):
        own = PHYSICIAN_TASKS if role == "bedrijfsarts" else PHYSICIAN_TASKS[2:4]
        chosen = own + rng.sample(EMPLOYER_TASKS, per_actor - len(own))
    else:
        chosen = rng.sample(EMPLOYER_TASKS, per_actor)
    if role == "casemanager":
        chosen[0] = "regie_re_integratie"
    conflict = ["probleemanalyse", "arbeidsdeskundig_onderzoek", "uitvraag_taakdelegatie"][i // 100 % 3]
    if i % 100 == 1 and conflict not in chosen:  # a reserved task, a second hat, or taakdelegatie with regie
        chosen[-1] = conflict
    return chosen


def generate(n_actors: int, per_actor: int, seed: int = 2025) -> dict:
    rng = random.Random(seed)
    orgs = organisations(n_actors)
    n_orgs = len(orgs) // 3
    weights = [w for _, w in ROLES]
    roles = rng.choices([r for r, _ in ROLES], weights=weights, k=n_actors)
    roles[0] = "bedrijfsarts"
    physicians = [f"a{i:07d}" for i, role in enumerate(roles) if role == "bedrijfsarts"]
    actors, tasks, data = [], {}, {"gezondheidsgegevens": [], "functionele_beperkingen": []}
    for i, role in enumerate(roles):
        entry = actor(i, role, rng, n_orgs, physicians)
        actors.append(entry)
        for task in tasks_for(i, role, per_actor, rng):
            tasks.setdefault(task, []).append(entry["id"])
        if role in ("bedrijfsarts", "casemanager_taakdelegatie") or (role == "leidinggevende" and i % 100 == 2):
            data["gezondheidsgegevens"].append(entry["id"])
        elif role in ("casemanager", "leidinggevende"):
            data["functionele_beperkingen"].append(entry["id"])
    return {"organisation": "groot-concern", "as_of": "2025-06-01", "verzekering": "verzuimverzekering",
            "arbo": {"regeling": "maatwerk", "basiscontract": ELEMENTS[:4]},
            "organisations": orgs, "actors": actors, "tasks": tasks, "data": data}


def policy_of(data: dict) -> Policy:
    """The Policy straight from generated (valid) data: what the builder would return."""
    actors = tuple(PolicyActor(id=a["id"], role=a["role"], employer=a.get("employer"), acts_for=a.get("acts_for"),
                               quadrant=(a["quadrant"]["werkt"], a["quadrant"]["onder_bedrijfsarts"])
                               if "quadrant" in a else None, titles=tuple(a.get("titles", ())),
                               department=a.get("department"), delegated_by=a.get("delegated_by"))
                   for a in data["actors"])
    return Policy(organisation=data["organisation"], regeling=data["arbo"]["regeling"],
                  basiscontract=tuple(data["arbo"]["basiscontract"]), verzekering=data["verzekering"],
                  actors=actors, organisations=tuple(Organisation(o["id"], o.get("type"), o.get("acts_for"))
                                                     for o in data["organisations"]),
                  tasks=tuple((t, tuple(who)) for t, who in data["tasks"].items()),
                  data=tuple((c, tuple(who)) for c, who in data["data"].items()), file="<generated>")


def timed(function, *args):
    gc.collect()
    start = time.perf_counter()
    value = function(*args)
    return value, time.perf_counter() - start


def run(n_actors: int, per_actor: int, vocab, rulebook, with_load: bool, repeat: int) -> dict:
    """Figures for one size; times are the best of ``repeat`` runs (other load only ever adds time)."""
    data = generate(n_actors, per_actor)
    figures = {"actors": n_actors, "assignments": sum(len(who) for who in data["tasks"].values())}
    if with_load:
        figures["load"] = min(timed(policy_from_dict, data, vocab)[1] for _ in range(repeat))
    policy = policy_of(data)
    graphs, results = [], []
    for _ in range(repeat):
        graph, seconds = timed(graph_from_policy, policy, vocab)
        graphs.append(seconds)
        figures["edges"] = graph.nx.number_of_edges()
        del graph
        result, seconds = timed(audit_policy, policy, rulebook, vocab)
        results.append(seconds)
        figures["findings"] = len(result.findings)
        del result
    figures["graph"], figures["audit"] = min(graphs), min(results)
    return figures


def report(figures: dict) -> str:
    line = (f"{figures['actors']:>9,} actors {figures['assignments']:>11,} assignments {figures['edges']:>11,} edges"
            f" | graph {figures['graph']:6.2f} s | audit (graph + rules) {figures['audit']:6.2f} s"
            f" | {figures['findings']:,} findings")
    return line + (f" | load {figures['load']:6.2f} s" if "load" in figures else "")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--per-actor", type=int, default=10, help="task assignments per actor (default 10)")
    parser.add_argument("--json", metavar="PATH", help="also write the generated policy as JSON")
    parser.add_argument("--with-load", action="store_true", help="also time policy_from_dict (schema + builder)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best time counts (default 3)")
    args = parser.parse_args(argv)
    vocab, rulebook = load_vocabulary(), default_rulebook()
    if args.json:
        Path(args.json).write_text(json.dumps(generate(args.actors, args.per_actor)), "utf-8")
        print(f"wrote {args.json}")
    base = run(args.actors, args.per_actor, vocab, rulebook, args.with_load, args.repeat)
    print(report(base), flush=True)
    double = run(2 * args.actors, args.per_actor, vocab, rulebook, args.with_load, args.repeat)
    print(report(double), flush=True)
    ratio = double["audit"] / base["audit"]
    goal = "ok" if base["audit"] < 30 and ratio < 2.3 else "OVER GOAL"
    print(f"doubling ratio (audit): {ratio:.2f}   graph only: {double['graph'] / base['graph']:.2f}"
          f"   goal: < 30 s and ratio < 2.3 -> {goal}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
