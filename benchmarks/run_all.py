"""Time aftershock's main operations as whole processes on synthetic archives.

    python benchmarks/run_all.py [--workspace DIR] [--videos 1000] [--segments 1200]
        [--tags 20] [--runs 7] [--query foresight] [--only NAME]
        [--scales 100,1000,5000] [--no-extras]

Without ``--workspace`` a workspace is generated (by ``gen_workspace.py``) in
``benchmarks/out/ws-<videos>x<segments>x<tags>`` and reused on later runs; so
is one per size of ``--scales``. Every operation runs as its own process,
several times (``harness.py``): the table gives the median wall time, the
median CPU time (the children's rusage) and the largest peak resident memory.
Comparisons with other tools (``rg -l``, ``youtube_transcript_api --help``)
run both sides alternately and give the median of the per-pair ratios, CPU
and wall; the issue's targets are judged on the CPU ratios, which move least
with the load of a shared machine.

The scaling rows time the index build and warm searches at each size of
``--scales``. Another benchmark file adds its own rows there by defining
``scaling_ops(ws, scratch) -> list[Op | Pair]`` (``harness.Op``/``Pair``, with
``videos`` set): every ``benchmarks/bench_*.py`` that defines it is called for
each size. Tools that are not installed, or commands that fail, show as "not
available" instead of stopping the run. The note reader's throughput comes
from ``bench_notes.py``, the web view's timings from ``bench_view.py``,
agreement from ``bench_agree.py``, and import-note, check and export at scale
from ``bench_bulk.py`` (all left out with ``--no-extras``). Prints the table, the targets checked against
it, and the machine it ran on.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import (  # noqa: E402  (the benchmarks folder is not a package)
    HEADER,
    Op,
    Pair,
    PairResult,
    Result,
    measure,
    measure_pair,
    pair_rows,
    row,
)

PYTHON = sys.executable
_SCRIPT = Path(PYTHON).parent / "aftershock"
AFTERSHOCK = [str(_SCRIPT)] if _SCRIPT.exists() else [PYTHON, "-m", "aftershock_cli"]
HOOK = "def scaling_ops("
"""What a benchmark file defines to add rows to the scaling table."""


def workspace_of(videos: int, segments: int, tags: int) -> Path:
    """The generated workspace of that size (generated on first use)."""
    out = HERE / "out" / f"ws-{videos}x{segments}x{tags}"
    if not (out / "aftershock.yaml").is_file():
        subprocess.run(
            [
                PYTHON,
                str(HERE / "gen_workspace.py"),
                str(out),
                "--videos",
                str(videos),
                "--segments",
                str(segments),
                "--tags",
                str(tags),
            ],
            check=True,
        )
    return out


def _videos(ws: Path) -> int:
    return sum(1 for _ in (ws / "transcripts").glob("*.json"))


def operations(ws: Path, scratch: Path, runs: int) -> list[Op | Pair]:
    """Start-up and the everyday commands, on the main workspace."""
    env = {"AFTERSHOCK_WORKSPACE": str(ws)}
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

    small_env = {"AFTERSHOCK_WORKSPACE": str(small)}
    yta = [PYTHON, "-m", "youtube_transcript_api", "--help"]
    return [
        Op("python -c 'import typer' (baseline)", [PYTHON, "-c", "import typer"]),
        Pair(
            Op("aftershock --help", [*AFTERSHOCK, "--help"]),
            Op("youtube_transcript_api --help", yta),
            target=0.6,
        ),
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
            videos=_videos(ws),
        ),
        Op("report --by theme", [*AFTERSHOCK, "report"], env=env, videos=_videos(ws)),
        Op(
            "report --by cooccurrence --format json",
            [*AFTERSHOCK, "report", "--by", "cooccurrence", "--format", "json"],
            env=env,
            videos=_videos(ws),
        ),
        Op(
            "report --across (synthesis)",
            [*AFTERSHOCK, "report", "--across"],
            env=env,
            videos=_videos(ws),
        ),
    ]


def scaling_ops(ws: Path, scratch: Path, query: str, runs: int) -> list[Op | Pair]:
    """The index build and warm searches on one archive, beside ``rg -l``."""
    videos = _videos(ws)
    env = {"AFTERSHOCK_WORKSPACE": str(ws)}
    stamp = ws / ".aftershock" / "index.stamp"
    rg = Op(
        f"rg -l {query} transcripts/",
        ["rg", "-l", query, "transcripts"],
        cwd=ws,
        ok_codes=(0, 1),  # rg exits 1 when nothing matched
        videos=videos,
    )
    search = [*AFTERSHOCK, "search", query]
    target = 2.5 if videos == 1000 else 1.0 if videos >= 5000 else None
    return [
        Op(
            "index --rebuild (the whole build)",
            [*AFTERSHOCK, "index", "--rebuild"],
            env=env,
            runs=1 if videos > 1000 else min(runs, 3),
            videos=videos,
        ),
        Pair(
            Op("search, warm (json)", [*search, "-f", "json"], env=env, videos=videos), rg, target
        ),
        Pair(Op("search, warm (table)", search, env=env, videos=videos), rg),
        Op(
            "search, warm, every file checked (json)",
            [*search, "-f", "json"],
            env=env,
            before=lambda: stamp.unlink(missing_ok=True),
            videos=videos,
        ),
    ]


def hooked_ops(ws: Path, scratch: Path) -> list[Op | Pair]:
    """The rows other benchmark files add for this archive (``scaling_ops``)."""
    out: list[Op | Pair] = []
    for path in sorted(HERE.glob("bench_*.py")):
        if HOOK in path.read_text(encoding="utf-8"):
            out += importlib.import_module(path.stem).scaling_ops(ws, scratch)
    return out


def _frequent_topic_word(path: Path) -> str:
    """The topic word said most often in this transcript (so that --match finds something)."""
    from gen_workspace import COMMON, TOPIC

    counts = Counter(
        word
        for segment in json.loads(path.read_text(encoding="utf-8"))["segments"]
        for word in segment["text"].split()
        if word in TOPIC and word not in COMMON
    )
    return counts.most_common(1)[0][0] if counts else "government"


def run(items: list[Op | Pair], runs: int, only: str | None) -> list[Result | PairResult]:
    results: list[Result | PairResult] = []
    for item in items:
        name = item.a.name if isinstance(item, Pair) else item.name
        if only and only not in name:
            continue
        sys.stderr.write(f"{name} ...\n")
        results.append(measure_pair(item, runs) if isinstance(item, Pair) else measure(item, runs))
    return results


def table(results: list[Result | PairResult]) -> str:
    lines = [HEADER]
    for r in results:
        lines += pair_rows(r) if isinstance(r, PairResult) else [row(r)]
    return "\n".join(lines)


def targets(results: list[Result | PairResult]) -> str:
    """The issue's targets, judged on CPU: paired ratios, and medians for the rest."""
    lines = []

    def check(label: str, ok: bool, detail: str) -> None:
        lines.append(f"- {label}: {'met' if ok else 'NOT met'} ({detail})")

    for r in results:
        if isinstance(r, PairResult) and r.target is not None and r.cpu_ratio is not None:
            size = f" at {r.a.videos:,} videos" if r.a.videos else ""
            check(
                f"{r.a.name}{size} at most {r.target:g}× {r.b.name} (CPU)",
                r.cpu_ratio <= r.target,
                f"{r.cpu_ratio:.2f}×, wall {r.wall_ratio:.2f}×",
            )
        elif isinstance(r, Result) and r.ok and r.videos == 1000:
            if r.name.startswith("index --rebuild"):
                check("index build of 1,000 videos under 15 s (CPU)", r.cpu < 15, f"{r.cpu:.1f} s")
            if r.name.startswith("export --all"):
                check("export --all of 1,000 videos under 10 s (CPU)", r.cpu < 10, f"{r.cpu:.1f} s")
            if r.name.startswith("report --across"):
                check("synthesis of 1,000 videos under 10 s (CPU)", r.cpu < 10, f"{r.cpu:.1f} s")
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


def _extras() -> None:
    for script, args, title in (
        ("bench_notes.py", ["--notes", "2000"], "Note reader throughput (bench_notes.py)"),
        ("bench_view.py", ["--runs", "5"], "The web view on a three-hour talk (bench_view.py)"),
        ("bench_agree.py", [], "agree over 1,000 videos x 3 coders (bench_agree.py)"),
        ("bench_bulk.py", [], "import-note, check and export --all at scale (bench_bulk.py)"),
    ):
        if (HERE / script).exists():
            print(f"\n{title}:\n")
            done = subprocess.run(
                [PYTHON, str(HERE / script), *args], capture_output=True, text=True, check=False
            )
            print("    " + (done.stdout or done.stderr).strip().replace("\n", "\n    "))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workspace", help="an existing workspace (else one is generated)")
    parser.add_argument("--videos", type=int, default=1000)
    parser.add_argument("--segments", type=int, default=1200)
    parser.add_argument("--tags", type=int, default=20)
    parser.add_argument("--runs", type=int, default=7, help="runs (or pairs) per operation")
    parser.add_argument("--query", default="foresight", help="the word to search for")
    parser.add_argument("--only", help="run only operations whose name contains this")
    parser.add_argument(
        "--scales", default="100,1000,5000", help="archive sizes of the scaling rows ('' for none)"
    )
    parser.add_argument(
        "--no-extras", action="store_true", help="skip the other bench_*.py scripts"
    )
    args = parser.parse_args(argv)
    if args.workspace:
        ws = Path(args.workspace).absolute()
    else:
        ws = workspace_of(args.videos, args.segments, args.tags)
    scratch = HERE / "out" / "scratch"
    scratch.mkdir(parents=True, exist_ok=True)
    results = run(operations(ws, scratch, args.runs), args.runs, args.only)
    for size in (int(s) for s in args.scales.split(",") if s.strip()):
        archive = workspace_of(size, args.segments, args.tags)
        items = scaling_ops(archive, scratch, args.query, args.runs) + hooked_ops(archive, scratch)
        results += run(items, args.runs, args.only)
    print(f"Main workspace: {ws.name} ({_videos(ws)} videos)\n")
    print(table(results))
    print("\nTargets (CPU time; comparisons as the median of paired ratios):\n")
    print(targets(results))
    if not (args.only or args.no_extras):
        _extras()
    print(f"\nMachine: {machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
