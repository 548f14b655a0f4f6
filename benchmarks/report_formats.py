"""Benchmark: every report format on a large policy, and its growth when the policy doubles.

Audits a synthetic organisation (benchmarks/policy_scale.py's generator; default 20,000
actors, about 1% in a role conflict), then times each reporter writing the result to
memory (best of --repeat), doubles the policy and prints the ratios side by side. The
reports should stay linear in the number of findings (ratio near 2); the HTML role
picture draws a bounded number of actors, so it must not grow with the policy.

    python benchmarks/report_formats.py                 # 20k actors, then 40k
    python benchmarks/report_formats.py --actors 5000   # a quicker run

This is a script, not a test: it prints figures and exits 0.
"""
from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from policy_scale import generate, policy_of  # noqa: E402

from checker.engine import audit_policy  # noqa: E402
from checker.report import REPORTERS  # noqa: E402
from checker.report.svg_roles import roles_svg  # noqa: E402
from checker.rulebook import default_rulebook  # noqa: E402
from checker.vocab import load_vocabulary  # noqa: E402


def best(function, repeat: int) -> tuple:
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - start)
    return min(times), value


def figures(n_actors: int, per_actor: int, repeat: int, vocab, rulebook) -> dict:
    result = audit_policy(policy_of(generate(n_actors, per_actor)), rulebook, vocab)
    out = {"findings": len(result.findings)}
    for name, report in REPORTERS.items():
        def write(report=report):
            stream = io.StringIO()
            report([result], stream, "nl")
            return len(stream.getvalue())
        out[name], out[name + " bytes"] = best(write, repeat)
    out["svg only"], _ = best(lambda: roles_svg(result, "s1", "nl"), repeat)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--per-actor", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    vocab, rulebook = load_vocabulary(), default_rulebook()
    small = figures(args.actors, args.per_actor, args.repeat, vocab, rulebook)
    large = figures(2 * args.actors, args.per_actor, args.repeat, vocab, rulebook)
    print(f"{'format':<10} {args.actors:>8} actors {2 * args.actors:>8} actors   ratio   output (small)")
    print(f"{'findings':<10} {small['findings']:>15} {large['findings']:>15}   {large['findings'] / max(small['findings'], 1):5.2f}")
    for name in list(REPORTERS) + ["svg only"]:
        ratio = large[name] / small[name] if small[name] else float("nan")
        size = f"{small[name + ' bytes'] / 1e6:8.1f} MB" if name + " bytes" in small else ""
        print(f"{name:<10} {small[name]:>13.3f} s {large[name]:>13.3f} s   {ratio:5.2f}  {size}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
