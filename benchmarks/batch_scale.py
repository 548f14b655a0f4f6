"""Benchmark: ``verzuimcheck batch`` against parsing alone and a straightforward deadline script.

Prints, side by side in one run, for N generated dossiers (benchmarks/generate.py, seeded)
as JSON Lines in and JSON Lines out:

- dossiers per second and peak memory (the process and its workers together) of
  ``verzuimcheck batch --jobs 1`` and ``--jobs 2``;
- the time one process needs only to parse the same file with the standard json module;
- the peer, benchmarks/deadline_peer.py (eleven deadlines, no validation, no roles);
- the ratios;

then the one-dossier CLI wall time against ``python -c pass`` (best of 5), and end to end
a dossier of 100,000 events and a policy of 100,000 actors.

    python benchmarks/batch_scale.py                  # 100,000 dossiers (takes a while)
    python benchmarks/batch_scale.py --count 20000    # quicker
    python benchmarks/batch_scale.py --skip-large     # without the huge dossier and policy

A script, not a test: it prints figures and exits 0. The machine may be shared: run it
twice and read the ratios, which move less than the absolute figures.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import AS_OF, generate  # noqa: E402

_SCRIPT = Path(sys.executable).parent / "verzuimcheck"  # the console script, as a user runs it
CLI = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "checker.cli"]


def _tree_rss(pid: int) -> int:
    """Resident memory in bytes of a process and all its descendants (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                total += next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) * 1024
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    stack.extend(int(c) for c in children.read().split())
        except (OSError, StopIteration):
            continue
    return total


def measure(command: list, stdout=subprocess.DEVNULL) -> tuple:
    """(wall seconds, peak resident bytes of the whole process tree, exit code)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.DEVNULL)
    peak = 0

    def poll():
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.05)

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    process.wait()
    elapsed = time.perf_counter() - start
    watcher.join()
    return elapsed, peak, process.returncode


def parse_only(path: Path) -> float:
    start = time.perf_counter()
    with open(path, "rb") as stream:
        for line in stream:
            json.loads(line)
    return time.perf_counter() - start


def best_of(command: list, times: int = 5) -> float:
    return min(measure(command)[0] for _ in range(times))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-large", action="store_true")
    args = parser.parse_args(argv)
    as_of = AS_OF.isoformat()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "dossiers.jsonl"
        with open(data, "w", encoding="utf-8") as stream:
            for record in generate(args.count, args.seed):
                stream.write(json.dumps(record, separators=(",", ":")) + "\n")
        size = data.stat().st_size
        print(f"{args.count:,} generated dossiers, {size / 1e6:.1f} MB JSON Lines, as of {as_of}, "
              f"{os.cpu_count()} cores")
        rows = []
        parse = parse_only(data)
        rows.append(("parse only (json.loads, 1 process)", parse, None))
        peer, peer_peak, _ = measure([sys.executable, str(HERE / "deadline_peer.py"), str(data), as_of])
        rows.append(("peer: deadline_peer.py (1 process)", peer, peer_peak))
        for jobs in (1, 2):
            out = Path(tmp) / f"out{jobs}.jsonl"
            elapsed, peak, code = measure(CLI + ["batch", str(data), "--as-of", as_of, "--jobs", str(jobs),
                                                 "--output", str(out), "--quiet"])
            rows.append((f"verzuimcheck batch --jobs {jobs}", elapsed, peak))
        print(f"\n{'':40} {'seconds':>9} {'dossiers/s':>11} {'peak MB':>8} {'x parse':>8} {'x peer':>7}")
        for name, seconds, peak in rows:
            memory = f"{peak / 1e6:8.0f}" if peak else f"{'-':>8}"
            print(f"{name:40} {seconds:9.2f} {args.count / seconds:11,.0f} {memory} "
                  f"{seconds / parse:8.1f} {seconds / peer:7.2f}")
        print("\nx parse: time / parse-only time (goal <= 1.0); x peer: time / peer time (goal <= 1.0 for --jobs 2)")

        pass_time = best_of([sys.executable, "-c", "pass"])
        one = best_of(CLI + ["dossier", str(HERE.parent / "fixtures" / "dossiers" / "example-bakkerij.yaml"),
                             "--as-of", as_of])
        print(f"\none dossier, CLI: {one:.3f} s; python -c pass: {pass_time:.3f} s; "
              f"ratio {one / pass_time:.1f} (goal <= 2.5)")
        if not args.skip_large:
            large(Path(tmp), as_of)


def large(tmp: Path, as_of: str) -> None:
    huge = tmp / "huge.json"
    record = next(generate(1, seed=5, events=100_000))
    huge.write_text(json.dumps(record), encoding="utf-8")
    elapsed, peak, code = measure(CLI + ["dossier", str(huge), "--as-of", as_of, "--format", "json",
                                         "--max-bytes", "100000000"])
    print(f"dossier of {len(record['events']):,} events ({huge.stat().st_size / 1e6:.1f} MB), end to end: "
          f"{elapsed:.2f} s, peak {peak / 1e6:.0f} MB, exit {code} (goal < 3 s)")
    from policy_scale import generate as policy

    big = tmp / "policy.json"
    data = policy(100_000, 10)
    big.write_text(json.dumps(data), encoding="utf-8")
    elapsed, peak, code = measure(CLI + ["policy", str(big), "--as-of", as_of, "--format", "json",
                                         "--max-bytes", "1000000000"])
    print(f"policy of {len(data['actors']):,} actors ({big.stat().st_size / 1e6:.1f} MB), end to end: "
          f"{elapsed:.2f} s, peak {peak / 1e6:.0f} MB, exit {code}")


if __name__ == "__main__":
    main()
