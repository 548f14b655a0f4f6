"""Benchmark: the table report of a policy with many role findings, by terminal width.

Audits a synthetic policy (benchmarks/policy_scale.py's generator) once, then times
writing the table report (best of --repeat) at 60, 80, 120 and 200 columns, and the
same at twice the number of actors, printing the ratio. Rendering is per finding
(rich table rows, an evidence sentence each), so the doubling ratio should stay near 2.

    python benchmarks/table_render.py                # 10,000 actors, then 20,000
    python benchmarks/table_render.py --actors 500

This is a script, not a test: it prints figures and exits 0.
"""
from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from policy_scale import generate, policy_of  # noqa: E402

from checker.engine import audit_policy  # noqa: E402
from checker.report import table  # noqa: E402
from checker.rulebook import default_rulebook  # noqa: E402
from checker.vocab import load_vocabulary  # noqa: E402

WIDTHS = (60, 80, 120, 200)


def render_seconds(result, width: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        table.report([result], io.StringIO(), "nl", width=width)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=10000)
    parser.add_argument("--per-actor", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    vocab, rulebook = load_vocabulary(), default_rulebook()
    rows = {}
    for actors in (args.actors, 2 * args.actors):
        result = audit_policy(policy_of(generate(actors, args.per_actor)), rulebook, vocab)
        table.report([result], io.StringIO(), "nl", width=80)  # warm-up: imports and caches
        rows[actors] = (len(result.findings), {w: render_seconds(result, w, args.repeat) for w in WIDTHS})
    print(f"{'actors':>8} {'findings':>9} " + " ".join(f"{w:>4} cols" for w in WIDTHS))
    for actors, (findings, seconds) in rows.items():
        print(f"{actors:>8} {findings:>9} " + " ".join(f"{seconds[w]:>8.3f}s" for w in WIDTHS))
    small, large = rows[args.actors][1], rows[2 * args.actors][1]
    print(f"{'ratio':>8} {'':>9} " + " ".join(f"{large[w] / small[w]:>9.2f}" for w in WIDTHS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
