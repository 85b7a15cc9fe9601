"""Time aftershock's main operations as whole processes on a synthetic archive.

    python benchmarks/run_all.py [--workspace DIR] [--videos 1000] [--segments 1200]
        [--tags 20] [--runs 5] [--query foresight] [--only NAME]

Without ``--workspace`` a workspace is generated (by ``gen_workspace.py``) in
``benchmarks/out/ws-<videos>x<segments>x<tags>`` and reused on later runs.
Every operation runs as its own process, several times; the table gives the
median wall time, the median CPU time and the largest peak resident memory of
any run (from GNU ``time`` when installed, else the kernel's accounting of
the child). Commands that fail, or tools that are not installed, are reported
as "not available" instead of stopping the run. The note reader's throughput
comes from ``bench_notes.py``, the web view's timings from ``bench_view.py``.
Prints a Markdown table, the issue's targets checked against it, and the
machine it ran on.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
_SCRIPT = Path(PYTHON).parent / "aftershock"
AFTERSHOCK = [str(_SCRIPT)] if _SCRIPT.exists() else [PYTHON, "-m", "aftershock_cli"]


@dataclass
class Op:
    name: str
    argv: list[str]
    cwd: Path | None = None
    env: dict[str, str] = field(default_factory=dict)
    before: Callable[[], None] | None = None
    """Runs before each timed run (not timed), e.g. to delete the index."""
    runs: int | None = None
    ok_codes: tuple[int, ...] = (0,)
    """Exit statuses that mean success (rg exits 1 when nothing matched)."""


@dataclass
class Result:
    name: str
    seconds: float | None
    peak_mb: float | None
    runs: int
    note: str = ""
    cpu: float | None = None


TIME = shutil.which("time")  # GNU time (found on PATH), for the peak memory of a run


def run_once(op: Op) -> tuple[float, float, float, int, str]:
    """(seconds, CPU seconds, peak MB, exit status, first error line) of one run.

    The peak memory comes from GNU time when it is installed: a child forked
    from this (larger) Python process would otherwise count the parent's pages
    it started with.
    """
    env = {**os.environ, **op.env}
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as peak_file:
        argv = op.argv
        if TIME is not None:
            argv = [TIME, "-q", "-f", "%M", "-o", peak_file.name, *argv]
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=op.cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
        peak_kb = float(usage.ru_maxrss)
        if TIME is not None:
            text = peak_file.read().strip().splitlines()
            peak_kb = float(text[-1]) if text and text[-1].isdigit() else peak_kb
    message = next((line for line in lines if line.startswith("Error")), lines[-1] if lines else "")
    cpu = usage.ru_utime + usage.ru_stime  # includes the command run under GNU time
    return seconds, cpu, peak_kb / 1024, proc.returncode, message


def measure(op: Op, runs: int) -> Result:
    if shutil.which(op.argv[0]) is None and not Path(op.argv[0]).exists():
        return Result(op.name, None, None, 0, f"not available ({op.argv[0]} is not installed)")
    times: list[float] = []
    cpus: list[float] = []
    peaks: list[float] = []
    for _ in range(op.runs or runs):
        if op.before:
            op.before()
        seconds, cpu, peak, code, message = run_once(op)
        if code not in op.ok_codes:
            return Result(op.name, None, None, 0, f"not available (exit {code}: {message[:90]})")
        times.append(seconds)
        cpus.append(cpu)
        peaks.append(peak)
    return Result(
        op.name, statistics.median(times), max(peaks), len(times), cpu=statistics.median(cpus)
    )


def workspace_for(args: argparse.Namespace) -> Path:
    if args.workspace:
        return Path(args.workspace).absolute()
    out = HERE / "out" / f"ws-{args.videos}x{args.segments}x{args.tags}"
    if not (out / "aftershock.yaml").is_file():
        subprocess.run(
            [
                PYTHON,
                str(HERE / "gen_workspace.py"),
                str(out),
                "--videos",
                str(args.videos),
                "--segments",
                str(args.segments),
                "--tags",
                str(args.tags),
            ],
            check=True,
        )
    return out


def operations(ws: Path, scratch: Path, query: str, runs: int) -> list[Op]:
    env = {"AFTERSHOCK_WORKSPACE": str(ws)}
    index = ws / ".aftershock" / "index.sqlite"
    small = scratch / "small"
    vtt = scratch / "long.vtt"
    # an id that does not start with "-", so that it cannot be read as an option
    first_id = next(p.stem for p in sorted((ws / "transcripts").glob("*.json")) if p.stem[0] != "-")
    match = _frequent_topic_word(ws / "transcripts" / f"{first_id}.json")
    if not vtt.exists():
        subprocess.run(
            [
                PYTHON,
                str(HERE / "gen_workspace.py"),
                str(scratch / "vttws"),
                "--videos",
                "1",
                "--segments",
                "1200",
                "--tags",
                "0",
                "--vtt",
                str(vtt),
            ],
            check=True,
            stderr=subprocess.DEVNULL,
        )

    def fresh_small() -> None:
        shutil.rmtree(small, ignore_errors=True)
        (small / "transcripts").mkdir(parents=True)
        shutil.copy(ws / "aftershock.yaml", small / "aftershock.yaml")
        shutil.copy(ws / "transcripts" / f"{first_id}.json", small / "transcripts")

    def drop_index() -> None:
        for suffix in ("", "-journal", ".tmp"):
            Path(str(index) + suffix).unlink(missing_ok=True)

    small_env = {"AFTERSHOCK_WORKSPACE": str(small)}
    return [
        Op("python -c 'import typer' (baseline)", [PYTHON, "-c", "import typer"]),
        Op("aftershock --help", [*AFTERSHOCK, "--help"]),
        Op("youtube_transcript_api --help", [PYTHON, "-m", "youtube_transcript_api", "--help"]),
        Op(
            f"fetch --file ({vtt.stat().st_size // 1024} KB VTT)",
            [*AFTERSHOCK, "fetch", "vttVideo001", "--file", str(vtt)],
            env=small_env,
            before=fresh_small,
        ),
        Op(
            f"tag --match {match} over one video",
            [*AFTERSHOCK, "tag", first_id, "--match", match, "experimentation"],
            env=small_env,
            before=fresh_small,
        ),
        Op(
            "export --all --format md",
            [*AFTERSHOCK, "export", "--all", "--format", "md", "--out-dir", str(scratch / "notes")],
            env=env,
            before=lambda: shutil.rmtree(scratch / "notes", ignore_errors=True),
            runs=min(runs, 3),
        ),
        Op(
            "search, first (builds the index)",
            [*AFTERSHOCK, "search", query, "--format", "json"],
            env=env,
            before=drop_index,
            runs=min(runs, 3),
        ),
        Op("search, warm (json)", [*AFTERSHOCK, "search", query, "--format", "json"], env=env),
        Op("search, warm (table)", [*AFTERSHOCK, "search", query], env=env),
        Op(
            f"rg {query} transcripts/ (comparison)",
            ["rg", query, "transcripts"],
            cwd=ws,
            ok_codes=(0, 1),
        ),
        Op("report --by theme", [*AFTERSHOCK, "report"], env=env),
        Op(
            "report --by cooccurrence --format json",
            [*AFTERSHOCK, "report", "--by", "cooccurrence", "--format", "json"],
            env=env,
        ),
        Op("report --across (synthesis)", [*AFTERSHOCK, "report", "--across"], env=env),
    ]


def _frequent_topic_word(path: Path) -> str:
    """The topic word said most often in this transcript (so that --match finds something)."""
    sys.path.insert(0, str(HERE))
    from gen_workspace import COMMON, TOPIC

    counts = Counter(
        word
        for segment in json.loads(path.read_text(encoding="utf-8"))["segments"]
        for word in segment["text"].split()
        if word in TOPIC and word not in COMMON
    )
    return counts.most_common(1)[0][0] if counts else "government"


def table(results: list[Result]) -> str:
    lines = [
        "| operation | median wall | median CPU | peak memory | runs |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in results:
        if r.seconds is None or r.cpu is None or r.peak_mb is None:
            lines.append(f"| {r.name} | {r.note} | | | |")
        else:
            lines.append(
                f"| {r.name} | {r.seconds * 1000:,.0f} ms | {r.cpu * 1000:,.0f} ms "
                f"| {r.peak_mb:,.0f} MB | {r.runs} |"
            )
    return "\n".join(lines)


def targets(results: list[Result]) -> str:
    """The issue's targets, checked against the wall times measured."""
    wall = {r.name: r.seconds for r in results if r.seconds is not None}
    rg = next((r.seconds for r in results if r.name.startswith("rg ") and r.seconds), None)
    lines = []

    def check(label: str, ok: bool, detail: str) -> None:
        lines.append(f"- {label}: {'met' if ok else 'NOT met'} ({detail})")

    warm = wall.get("search, warm (json)")
    if warm and rg:
        check("warm search within 2.5x of rg", warm <= 2.5 * rg, f"{warm / rg:.1f}x")
    build = wall.get("search, first (builds the index)")
    if build:
        check("index build under 15 s", build < 15, f"{build:.1f} s")
    export = wall.get("export --all --format md")
    if export:
        check("export --all under 10 s", export < 10, f"{export:.1f} s")
    synthesis = wall.get("report --across (synthesis)")
    if synthesis:
        check("synthesis under 10 s", synthesis < 10, f"{synthesis:.1f} s")
    helps = wall.get("aftershock --help"), wall.get("youtube_transcript_api --help")
    if helps[0] and helps[1]:
        check(
            "--help faster than youtube_transcript_api's",
            helps[0] < helps[1],
            f"{helps[0] * 1000:.0f} ms vs {helps[1] * 1000:.0f} ms",
        )
    return "\n".join(lines)


def machine() -> str:
    mem = ""
    with open("/proc/meminfo") as info:  # Linux; the harness targets it
        for line in info:
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GB RAM"
    return (
        f"{os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), {mem}, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}, "
        f"load average {os.getloadavg()[0]:.1f} at the end"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workspace", help="an existing workspace (else one is generated)")
    parser.add_argument("--videos", type=int, default=1000)
    parser.add_argument("--segments", type=int, default=1200)
    parser.add_argument("--tags", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5, help="runs per operation (median)")
    parser.add_argument("--query", default="foresight", help="the word to search for")
    parser.add_argument("--only", help="run only operations whose name contains this")
    args = parser.parse_args(argv)
    ws = workspace_for(args)
    scratch = HERE / "out" / "scratch"
    scratch.mkdir(parents=True, exist_ok=True)
    results = []
    for op in operations(ws, scratch, args.query, args.runs):
        if args.only and args.only not in op.name:
            continue
        sys.stderr.write(f"{op.name} ...\n")
        results.append(measure(op, args.runs))
    notes = HERE / "bench_notes.py"
    print(f"Workspace: {ws.name} ({len(list((ws / 'transcripts').glob('*.json')))} videos)\n")
    print(table(results))
    print("\nTargets (median wall times):\n")
    print(targets(results))
    if notes.exists() and not args.only:
        print("\nNote reader throughput (bench_notes.py --notes 2000):\n")
        done = subprocess.run(
            [PYTHON, str(notes), "--notes", "2000"], capture_output=True, text=True, check=False
        )
        print("    " + (done.stdout or done.stderr).strip().replace("\n", "\n    "))
    view = HERE / "bench_view.py"
    if view.exists() and not args.only:
        print("\nThe web view on a three-hour talk (bench_view.py --runs 5):\n")
        done = subprocess.run(
            [PYTHON, str(view), "--runs", "5"], capture_output=True, text=True, check=False
        )
        print("    " + (done.stdout or done.stderr).strip().replace("\n", "\n    "))
    print(f"\nMachine: {machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
