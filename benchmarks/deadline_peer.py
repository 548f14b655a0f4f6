"""The peer: a straightforward single-process script that checks the eleven Wvp deadlines.

What someone would write in an afternoon: read JSON Lines, take the first sick day,
compute each step's due day, look for the first event of that type, count what is late
or missing on the as-of date. No schema validation, no samentelling, no periods, no
role checks, no messages: the speed to compare ``verzuimcheck batch`` with.

    python benchmarks/deadline_peer.py dossiers.jsonl 2026-01-15   # prints "<dossiers> <late-or-missing>"
"""
from __future__ import annotations

import json
import sys
from datetime import date, timedelta

#: event type -> day of the wachttijd it is due on (day 1 = first sick day), simplified
DUE_DAY = {"ziekmelding_bedrijfsarts": 7, "probleemanalyse": 42, "casemanager_aangewezen": 56,
           "plan_van_aanpak": 56, "evaluatie": 98, "ziekmelding_uwv": 295, "eerstejaarsevaluatie": 365,
           "spoor2_gestart": 407, "actueel_oordeel": 595, "re_integratieverslag": 637, "wia_aanvraag": 638}


def main(path: str, as_of: str) -> None:
    today = date.fromisoformat(as_of)
    dossiers = bad = 0
    with open(path, "rb") as stream:
        for line in stream:
            data = json.loads(line)
            first = date.fromisoformat(data["first_sick_day"])
            done = {}
            for event in data.get("events", ()):
                when = date.fromisoformat(event["date"])
                if event["type"] not in done or when < done[event["type"]]:
                    done[event["type"]] = when
            for kind, day in DUE_DAY.items():
                due = first + timedelta(days=day - 1)
                if due <= today and (kind not in done or done[kind] > due):
                    bad += 1
            dossiers += 1
    print(dossiers, bad)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
