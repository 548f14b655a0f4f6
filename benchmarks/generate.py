"""A seeded generator of realistic synthetic dossiers (one JSON object per line).

The mix follows what an arbodienst's export looks like on a given day: most cases
compliant, some with a late or forgotten step, recoveries, a relapse within four
weeks (samentelling), and a few with a role conflict (a casemanager doing the
probleemanalyse, a line manager registering health data). About 12 events and
1 KB per dossier. Every id is made up: ``D-<n>``, ``W-<n>``, ``ba-<n>``.

    python benchmarks/generate.py 100000 --seed 1 > /tmp/dossiers.jsonl
    python benchmarks/generate.py 1 --events 100000 > /tmp/huge.jsonl   # one very long dossier

The same seed always gives the same file. This is a script and a module
(``generate(count, seed)``); it prints nothing else.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, timedelta

AS_OF = date(2026, 1, 15)  # the day the benchmark audits on (benchmarks pass --as-of)
EMPLOYERS = [f"werkgever-{i:03d}" for i in range(200)]
ARBODIENSTEN = ["arbo-noord", "arbo-zuid", "arbo-oost", "arbo-west"]
#: profile -> weight; together they make the mix described above
PROFILES = {"compliant": 55, "late": 15, "missing": 10, "recovered": 10, "samentelling": 5, "role-conflict": 5}
#: (event type, day of the wachttijd it is done on when on time, who does it)
STEPS = [("ziekmelding_bedrijfsarts", 3, "lg"), ("probleemanalyse", 38, "ba"),
         ("casemanager_aangewezen", 45, "lg"), ("plan_van_aanpak", 50, "lg+w")]
EVALUATION_EVERY = 40
LATE_STEPS = [("ziekmelding_uwv", 290, "cm"), ("eerstejaarsevaluatie", 330, "lg+w")]


def generate(count: int, seed: int = 1, events: int | None = None, registrations: bool = True):
    """``count`` dossiers as dicts; ``events`` forces the number of evaluations (a huge dossier)."""
    rng = random.Random(seed)
    profiles, weights = list(PROFILES), list(PROFILES.values())
    for n in range(count):
        yield dossier(rng, n, rng.choices(profiles, weights)[0], events, registrations)


def _actors(rng: random.Random, n: int, profile: str, registrations: bool) -> list:
    arbo = rng.choice(ARBODIENSTEN)
    doctor = rng.randrange(300)
    actors = [{"id": f"ba-{doctor}", "role": "bedrijfsarts", "employer": arbo},
              {"id": f"cm-{n % 500}", "role": "casemanager", "employer": arbo, "acts_for": "werkgever"},
              {"id": f"lg-{n}", "role": "leidinggevende"}]
    if registrations and rng.random() < 0.5:
        actors[1]["titles"] = [rng.choice(["RCM", "ROV", "CMTD"])]
    return actors


def dossier(rng: random.Random, n: int, profile: str, events: int | None, registrations: bool) -> dict:
    first = AS_OF - timedelta(days=700 if events else rng.randrange(60, 700))
    actors = _actors(rng, n, profile, registrations)
    who = {"ba": [actors[0]["id"]], "cm": [actors[1]["id"]], "lg": [actors[2]["id"]],
           "lg+w": [actors[2]["id"], f"W-{n}"], "cm+w": [actors[1]["id"], f"W-{n}"]}
    steps = list(STEPS)
    day = 50 + EVALUATION_EVERY
    evaluations = events if events else 6
    for i in range(evaluations):
        steps.append(("evaluatie", day if not events else 90 + i % 600, "cm+w"))  # huge: many a day
        day += EVALUATION_EVERY
    steps += LATE_STEPS
    if profile == "late":
        i = rng.randrange(len(steps))
        steps[i] = (steps[i][0], steps[i][1] + rng.randrange(10, 60), steps[i][2])
    if profile == "missing":
        del steps[rng.randrange(len(steps))]
    if profile == "role-conflict":
        steps[1] = ("probleemanalyse", 38, "cm")
        steps.append(("registratie_gezondheidsgegevens", 10, "lg"))
    data = {"dossier": f"D-{n}", "employer": rng.choice(EMPLOYERS), "employee": f"W-{n}",
            "first_sick_day": first.isoformat()}
    if profile == "recovered":
        data["periods"] = [{"from": first.isoformat(), "to": (first + timedelta(days=rng.randrange(30, 200))).isoformat()}]
    if profile == "samentelling":
        end = first + timedelta(days=rng.randrange(20, 80))
        data["periods"] = [{"from": first.isoformat(), "to": end.isoformat()},
                           {"from": (end + timedelta(days=rng.randrange(2, 27))).isoformat()}]
    data["actors"] = actors
    data["events"] = [{"type": kind, "date": (first + timedelta(days=offset - 1)).isoformat(), "by": who[by]}
                      for kind, offset, by in steps if first + timedelta(days=offset - 1) <= AS_OF]
    for event in data["events"]:
        if event["type"] == "casemanager_aangewezen":
            event["actor"] = actors[1]["id"]
    return data


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--events", type=int, default=None, help="evaluations per dossier (a huge dossier)")
    args = parser.parse_args(argv)
    write = sys.stdout.write
    for data in generate(args.count, args.seed, args.events):
        write(json.dumps(data, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
