"""Benchmark: hostile input shapes at 1 MB and 10 MB, through the whole CLI path.

Each shape is written as a JSON file of about the target size and run through
``verzuimcheck dossier|policy`` in a fresh process (so peak memory is that run's
own). Printed per shape and size: the exit code, seconds, peak resident memory
(MB, the child's own VmHWM), the number of stderr lines, and the ratio of the
10 MB figures to the 1 MB ones. Target (docs/errors.md): every shape within the
default 10 MB limit finishes in under 10 s and 500 MB.

Shapes (the worst cases of issue 8):

* ``unknown-refs``   a dossier whose every event names a different unknown actor
                     (did-you-mean over all actors for each one was quadratic);
* ``bad-items``      a dossier of nothing but malformed events (one million schema
                     errors used to be kept and printed);
* ``org-chain``      a policy whose organisations contract each other in one long
                     chain (the cycle check was cubic, the side lookup recursive);
* ``delegation-chain`` bedrijfsartsen each delegated by the previous one;
* ``wide-fan``       one task assigned to every actor of a very large policy;
* ``unknown-tasks``  a policy assigning many unknown tasks to unknown actors;
* ``wide-conflicts`` every actor a casemanager in taakdelegatie who also runs the
                     re-integration (one conflict per actor: findings past --max-findings);
* ``wide-data``      every actor a line manager receiving health data (one data-flow conflict each);
* ``wide-reserved``  every actor an HR officer doing the probleemanalyse (two conflicts each);
* ``dossier-fan``    a dossier whose every event is done by a different known actor;
* ``by-fan``         a dossier with one event done by every one of its actors.

    python benchmarks/worst_case.py                 # all shapes, 1 MB and 10 MB
    python benchmarks/worst_case.py --sizes 1       # 1 MB only (quick)
    python benchmarks/worst_case.py --shapes org-chain,wide-fan

This is a script, not a test: it prints figures and exits 0.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MB = 1024 * 1024
ROOT = Path(__file__).resolve().parent.parent
BASIS = ["toegang_bedrijfsarts", "werkplekbezoek", "second_opinion", "klachtenprocedure", "beroepsziekten",
         "overleg_preventie"]


def _fill(head: dict, key: str, item, target: int) -> dict:
    """``head`` with ``key`` a list of ``item(i)`` long enough to make about ``target`` bytes."""
    probe = len(json.dumps(item(10**6)))
    count = max(1, (target - len(json.dumps(head))) // (probe + 2))  # ", " between items
    return dict(head, **{key: [item(i) for i in range(count)]})


def unknown_refs(target: int) -> tuple:
    head = {"dossier": "D-1", "employer": "werkgever-x", "employee": "W-1", "first_sick_day": "2025-01-06",
            "actors": [{"id": f"lg-{i}", "role": "leidinggevende"} for i in range(50)]}
    return "dossier", _fill(head, "events", lambda i: {"type": "evaluatie", "date": "2025-02-01",
                                                       "by": f"onbekend-{i}"}, target)


def bad_items(target: int) -> tuple:
    head = {"dossier": "D-1", "employer": "werkgever-x", "employee": "W-1", "first_sick_day": "2025-01-06",
            "actors": []}
    return "dossier", _fill(head, "events", lambda i: {"type": 1}, target)


def _policy(organisations=(), actors=(), tasks=None) -> dict:
    return {"organisation": "werkgever-x", "arbo": {"regeling": "vangnet", "basiscontract": BASIS},
            "organisations": list(organisations), "actors": list(actors) or [{"id": "lg-0", "role": "leidinggevende"}],
            "tasks": tasks or {"probleemanalyse": ["lg-0"]}}


def org_chain(target: int) -> tuple:
    head = _policy()
    data = _fill(head, "organisations", lambda i: {"id": f"org-{i}", "type": "re_integratiebedrijf",
                                                   "acts_for": f"org-{i + 1}"}, target)
    data["organisations"][-1].pop("acts_for")
    data["actors"] = [{"id": "cm-0", "role": "casemanager", "employer": "org-0", "acts_for": "org-0"}]
    data["tasks"] = {"regie_re_integratie": ["cm-0"]}
    return "policy", data


def delegation_chain(target: int) -> tuple:
    head = _policy()
    data = _fill(head, "actors", lambda i: {"id": f"ba-{i}", "role": "bedrijfsarts",
                                            "delegated_by": f"ba-{i - 1}"}, target)
    data["actors"][0].pop("delegated_by")
    data["tasks"] = {"probleemanalyse": ["ba-0"]}
    return "policy", data


def wide_fan(target: int) -> tuple:
    # bytes per actor: its entry plus its id in the task's list (', '-separated, as json.dumps writes them)
    per_actor = len(json.dumps({"id": "a0000000", "role": "casemanager"})) + 2 + len('"a0000000"') + 2
    count = max(1, target // per_actor)
    actors = [{"id": f"a{i:07d}", "role": "casemanager"} for i in range(count)]
    return "policy", _policy(actors=actors, tasks={"regie_re_integratie": [a["id"] for a in actors]})


def _fan(target: int, role: str, extra: dict | None = None) -> list:
    """Actors ``a0000000`` ... of ``role``, as many as make about ``target`` bytes with their
    ids listed once more (in a task or data list)."""
    per_actor = len(json.dumps({"id": "a0000000", "role": role, **(extra or {})})) + 2 + len('"a0000000"') + 2
    return [{"id": f"a{i:07d}", "role": role, **(extra or {})} for i in range(max(1, target // per_actor))]


def wide_conflicts(target: int) -> tuple:
    # every actor a casemanager in taakdelegatie who also runs the re-integration: one conflict each
    actors = _fan(target, "casemanager_taakdelegatie")
    return "policy", _policy(actors=actors, tasks={"regie_re_integratie": [a["id"] for a in actors]})


def wide_data(target: int) -> tuple:
    # every actor a line manager receiving health data: one data-flow conflict each
    actors = _fan(target, "leidinggevende")
    data = _policy(actors=actors, tasks={"evaluatie": [actors[0]["id"]]})
    data["data"] = {"gezondheidsgegevens": [a["id"] for a in actors]}
    return "policy", data


def wide_reserved(target: int) -> tuple:
    # every actor an HR officer doing the bedrijfsarts's probleemanalyse: one reserved-task conflict each
    actors = _fan(target, "hr")
    return "policy", _policy(actors=actors, tasks={"probleemanalyse": [a["id"] for a in actors]})


def dossier_fan(target: int) -> tuple:
    # a dossier whose every event is done by a different (known) actor
    per = len(json.dumps({"id": "a0000000", "role": "casemanager"})) + len(
        json.dumps({"type": "evaluatie", "date": "2025-02-01", "by": "a0000000"})) + 4
    count = max(1, target // per)
    return "dossier", {"dossier": "D-1", "employer": "werkgever-x", "employee": "W-1", "first_sick_day": "2025-01-06",
                       "actors": [{"id": f"a{i:07d}", "role": "casemanager"} for i in range(count)],
                       "events": [{"type": "evaluatie", "date": "2025-02-01", "by": f"a{i:07d}"} for i in range(count)]}


def by_fan(target: int) -> tuple:
    # one event done by every actor of the dossier (an event of k performers was k^2 in the role graph)
    per = len(json.dumps({"id": "a0000000", "role": "hr"})) + len('"a0000000"') + 4
    ids = [f"a{i:07d}" for i in range(max(1, target // per))]
    return "dossier", {"dossier": "D-1", "employer": "werkgever-x", "employee": "W-1", "first_sick_day": "2025-01-06",
                       "actors": [{"id": a, "role": "hr"} for a in ids],
                       "events": [{"type": "probleemanalyse", "date": "2025-02-01", "by": ids}]}


def unknown_tasks(target: int) -> tuple:
    count = max(1, target // 40)
    return "policy", _policy(tasks={f"taak-{i}": [f"niemand-{i}"] for i in range(count)})


SHAPES = {"unknown-refs": unknown_refs, "bad-items": bad_items, "org-chain": org_chain,
          "delegation-chain": delegation_chain, "wide-fan": wide_fan, "unknown-tasks": unknown_tasks,
          "wide-conflicts": wide_conflicts, "wide-data": wide_data, "wide-reserved": wide_reserved,
          "dossier-fan": dossier_fan, "by-fan": by_fan}


_CHILD = """
import atexit, os, resource, sys
def _peak():  # VmHWM: this process's own high-water mark (ru_maxrss keeps the parent's across exec)
    with open("/proc/self/status") as status:
        kib = next((line.split()[1] for line in status if line.startswith("VmHWM:")), None)
    with open(os.environ["WORST_CASE_PEAK"], "w") as out:
        out.write(kib or str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
atexit.register(_peak)
sys.argv = ["verzuimcheck"] + sys.argv[1:]
from checker.cli import main
main()
"""


def run(command: str, path: Path) -> tuple:
    """(exit code, seconds, peak MB, stderr lines) of one CLI run in a fresh process."""
    peak_file = path.with_suffix(".peak")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD, command, str(path), "--as-of", "2025-06-01",
                           "--format", "json"], capture_output=True, text=True, cwd=ROOT,
                          env=dict(os.environ, WORST_CASE_PEAK=str(peak_file)))
    seconds = time.perf_counter() - started
    peak = int(peak_file.read_text()) / 1024 if peak_file.exists() else float("nan")  # KiB
    return done.returncode, seconds, peak, len(done.stderr.splitlines())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10", help="sizes in MB, comma-separated (default 1,10)")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="shapes, comma-separated")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    print(f"{'shape':<18} {'size':>6} {'exit':>4} {'seconds':>8} {'peak MB':>8} {'stderr':>7}")
    with tempfile.TemporaryDirectory() as folder:
        for name in args.shapes.split(","):
            figures = []
            for size in sizes:
                command, data = SHAPES[name](int(size * MB * 0.97))  # 10 MB: just under the default limit
                path = Path(folder) / f"{name}-{size:g}mb.json"
                path.write_text(json.dumps(data), "utf-8")
                actual = os.path.getsize(path) / MB
                code, seconds, peak, lines = run(command, path)
                figures.append((seconds, peak))
                verdict = "" if seconds < 10 and peak < 500 else "  OVER TARGET"
                print(f"{name:<18} {actual:>5.1f}M {code:>4} {seconds:>8.2f} {peak:>8.0f} {lines:>7}{verdict}",
                      flush=True)
            if len(figures) > 1 and figures[0][0] > 0:
                print(f"{'':<18} ratio {sizes[-1] / sizes[0]:g}x size: time x{figures[-1][0] / figures[0][0]:.1f}, "
                      f"memory x{figures[-1][1] / figures[0][1]:.1f}")


if __name__ == "__main__":
    main()
