"""Time ``aftershock agree`` over a team's archive: 1,000 talks coded by 3 coders.

    python benchmarks/bench_agree.py [--videos 1000] [--coders 3] [--segments 1200]
        [--tags 20] [--runs 3] [--workspace DIR]

A workspace is generated (``gen_workspace.py --coders N``) in
``benchmarks/out/agree-<videos>x<coders>`` and reused on later runs. The
search index (where agree reads the tags) is brought up to date first, untimed.
Each command runs as its own process; the table gives the median wall and CPU
time of its runs and checks the issue's target (under 10 s of wall time; on a
busy machine compare the CPU time).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_workspace import generate  # noqa: E402

_SCRIPT = Path(sys.executable).parent / "aftershock"
AFTERSHOCK = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "aftershock_cli"]
TARGET_S = 10.0

COMMANDS = {
    "agree (segments)": ["agree", "--format", "json"],
    "agree --unit second": ["agree", "--unit", "second", "--format", "json"],
    "agree --disagreements": ["agree", "--disagreements", "--format", "json"],
    "agree --disagreements, table to a pipe": ["agree", "--disagreements"],
    "agree --unit second --disagreements": [
        "agree",
        "--unit",
        "second",
        "--disagreements",
        "--format",
        "json",
    ],
}


def time_run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of the command (CPU of the child process)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(
            f"{' '.join(argv)} failed: {proc.stderr.read().decode() if proc.stderr else ''}"
        )
    return wall, usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--videos", type=int, default=1000)
    parser.add_argument("--coders", type=int, default=3)
    parser.add_argument("--segments", type=int, default=1200)
    parser.add_argument("--tags", type=int, default=20, help="stretches per video")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workspace", type=Path)
    args = parser.parse_args(argv)
    ws = args.workspace or HERE / "out" / f"agree-{args.videos}x{args.coders}"
    if not (ws / "aftershock.yaml").exists():
        sys.stderr.write(f"Generating {ws} ...\n")
        generate(ws, args.videos, args.segments, args.tags, seed=7, coders=args.coders)
    env = {**os.environ, "AFTERSHOCK_WORKSPACE": str(ws)}
    subprocess.run([*AFTERSHOCK, "index"], env=env, check=True, stderr=subprocess.DEVNULL)
    print(f"{args.videos} videos x {args.coders} coders, {args.segments} segments each\n")
    print("| command | median wall | median CPU | runs | under 10 s |")
    print("|---|---:|---:|---:|---|")
    for name, command in COMMANDS.items():
        times = [time_run([*AFTERSHOCK, *command], env) for _ in range(args.runs)]
        wall = statistics.median(t[0] for t in times)
        cpu = statistics.median(t[1] for t in times)
        print(
            f"| {name} | {wall:.1f} s | {cpu:.1f} s | {args.runs} | {'yes' if wall < TARGET_S else 'NO'} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
