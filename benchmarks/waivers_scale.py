"""Benchmark: applying a large waivers file to many dossier results, and its growth.

Generates N synthetic audit results (each with the nine findings of a dossier
audited long after its first sick day) and a waivers file with one waiver per
result plus as many that match nothing, times apply_waivers (best of --repeat
runs), then doubles both and prints the ratio. Matching is by (rule, subject),
so it should stay linear: a doubling ratio near 2 (a quadratic match would show 4).

    python benchmarks/waivers_scale.py                 # 20,000 dossiers and 40,000 waivers, then doubled
    python benchmarks/waivers_scale.py --dossiers 5000

This is a script, not a test: it prints figures and exits 0.
"""
from __future__ import annotations

import argparse
import gc
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker.findings import AuditResult, Finding  # noqa: E402
from checker.model.waivers import Waiver, WaiverFile  # noqa: E402
from checker.rulebook import default_rulebook  # noqa: E402
from checker.waivers import apply_waivers  # noqa: E402

RULES = ["wvp.probleemanalyse", "wvp.plan-van-aanpak", "wvp.casemanager", "wvp.evaluatie", "wvp.ziekmelding-uwv",
         "wvp.eerstejaarsevaluatie", "wvp.spoor2", "wvp.re-integratieverslag", "wvp.wia-aanvraag"]
AS_OF = date(2027, 6, 1)


def inputs(n: int) -> tuple:
    results = [AuditResult(kind="dossier", subject=f"D-{i:07d}", file="-", as_of=AS_OF, findings=[
        Finding(rule=rule, severity="error", status="missing", subject=f"D-{i:07d}", due=date(2025, 3, 1))
        for rule in RULES]) for i in range(n)]
    waivers = [Waiver(index=i + 1, rule=RULES[i % len(RULES)], subject=f"D-{i % n:07d}", reference=f"R-{i}",
                      author="a-1", approver="b-2", granted=date(2026, 1, 1), expires=date(2027, 12, 31))
               for i in range(2 * n)]  # the second half repeats subjects with other rules: most match nothing
    return results, WaiverFile(file="w.yaml", waivers=tuple(waivers))


def best_time(n: int, repeat: int) -> float:
    rulebook = default_rulebook()
    results, waiver_file = inputs(n)
    gc.collect()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        apply_waivers(results, waiver_file, rulebook, AS_OF)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    small = best_time(args.dossiers, args.repeat)
    large = best_time(2 * args.dossiers, args.repeat)
    print(f"{'dossiers':>10} {'findings':>10} {'waivers':>10} {'seconds':>9}")
    for n, seconds in ((args.dossiers, small), (2 * args.dossiers, large)):
        print(f"{n:>10,} {n * len(RULES):>10,} {2 * n:>10,} {seconds:>9.3f}")
    print(f"doubling ratio: {large / small:.2f} (linear: about 2; quadratic: 4)")


if __name__ == "__main__":
    main()
