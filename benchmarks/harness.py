"""How the benchmarks time a command: whole processes, CPU beside wall, paired comparisons.

    from harness import Op, Pair, measure, measure_pair

A ``Result`` holds the median wall time, the median CPU time (user + system of
the child and its children, from ``resource.getrusage(RUSAGE_CHILDREN)``) and
the peak resident memory of an operation run several times. A ``Pair`` runs
two operations alternately (a, b, a, b, ...) and reports the median of the
per-pair ratios a/b, so that both sides of every ratio ran at nearly the same
moment: on a shared machine the load moves between runs far more than between
two runs that follow each other. CPU time moves less with load than wall time
and is the figure the verdicts use.

Other benchmark files add rows to ``run_all.py``'s scaling table by defining
``scaling_ops(ws, scratch)`` (see ``run_all.SCALING_MODULES``), returning
``Op`` and ``Pair`` objects built with this module.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

TIME = shutil.which("time")  # GNU time, for the peak memory of a run


@dataclass
class Op:
    """One command line to time."""

    name: str
    argv: list[str]
    cwd: Path | None = None
    env: dict[str, str] = field(default_factory=dict)
    before: Callable[[], None] | None = None
    """Runs before each timed run (not timed), e.g. to delete the index."""
    runs: int | None = None
    """Runs of this operation (else the harness's default)."""
    ok_codes: tuple[int, ...] = (0,)
    """Exit statuses that mean success (rg exits 1 when nothing matched)."""
    videos: int | None = None
    """The size of the archive it ran on, for the scaling rows."""


@dataclass
class Pair:
    """Two operations timed alternately; the ratio is ``a`` over ``b``."""

    a: Op
    b: Op
    target: float | None = None
    """The largest CPU ratio the issue accepts, if any."""
    runs: int | None = None


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float


@dataclass
class Result:
    name: str
    runs: list[Run] = field(default_factory=list)
    note: str = ""
    videos: int | None = None

    @property
    def ok(self) -> bool:
        return bool(self.runs) and not self.note

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(r.peak_mb for r in self.runs)


@dataclass
class PairResult:
    a: Result
    b: Result
    cpu_ratios: list[float] = field(default_factory=list)
    wall_ratios: list[float] = field(default_factory=list)
    target: float | None = None

    @property
    def cpu_ratio(self) -> float | None:
        return statistics.median(self.cpu_ratios) if self.cpu_ratios else None

    @property
    def wall_ratio(self) -> float | None:
        return statistics.median(self.wall_ratios) if self.wall_ratios else None


class Failed(Exception):
    """A run exited with a status its operation does not accept."""


def available(op: Op) -> str:
    """Empty when the operation's program can run, else why not."""
    if shutil.which(op.argv[0]) is None and not Path(op.argv[0]).exists():
        return f"not available ({op.argv[0]} is not installed)"
    return ""


def run_once(op: Op) -> Run:
    """Time one run of ``op`` as a whole process."""
    if op.before:
        op.before()
    env = {**os.environ, **op.env}
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as peak_file:
        argv = op.argv if TIME is None else [TIME, "-q", "-f", "%M", "-o", peak_file.name, *op.argv]
        usage_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=op.cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        usage_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        code = os.waitstatus_to_exitcode(status)
        peak_kb = float(usage.ru_maxrss)
        if TIME is not None:
            text = peak_file.read().strip().splitlines()
            peak_kb = float(text[-1]) if text and text[-1].isdigit() else peak_kb
        if code not in op.ok_codes:
            err.seek(0)
            lines = err.read().decode("utf-8", "replace").strip().splitlines()
            message = next((x for x in lines if x.startswith("Error")), lines[-1] if lines else "")
            raise Failed(f"not available (exit {code}: {message[:90]})")
    cpu = (usage_after.ru_utime + usage_after.ru_stime) - (
        usage_before.ru_utime + usage_before.ru_stime
    )
    return Run(wall, cpu, peak_kb / 1024)


def measure(op: Op, runs: int) -> Result:
    """``op`` run ``op.runs or runs`` times."""
    result = Result(op.name, videos=op.videos, note=available(op))
    if result.note:
        return result
    try:
        result.runs = [run_once(op) for _ in range(op.runs or runs)]
    except Failed as exc:
        result.note = str(exc)
    return result


def measure_pair(pair: Pair, runs: int) -> PairResult:
    """Both sides of ``pair`` alternately, after one untimed warm-up run of each."""
    out = PairResult(
        Result(pair.a.name, videos=pair.a.videos, note=available(pair.a)),
        Result(pair.b.name, videos=pair.b.videos, note=available(pair.b)),
        target=pair.target,
    )
    if out.a.note or out.b.note:
        return out
    try:
        run_once(pair.a)
        run_once(pair.b)
        for _ in range(pair.runs or runs):
            a, b = run_once(pair.a), run_once(pair.b)
            out.a.runs.append(a)
            out.b.runs.append(b)
            out.cpu_ratios.append(a.cpu / b.cpu if b.cpu else float("inf"))
            out.wall_ratios.append(a.wall / b.wall if b.wall else float("inf"))
    except Failed as exc:
        out.a.note = str(exc)
    return out


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def row(result: Result, ratio: str = "", wall_ratio: str = "") -> str:
    """One line of the table."""
    videos = f"{result.videos:,}" if result.videos else ""
    if not result.ok:
        return f"| {result.name} | {videos} | {result.note or 'not run'} | | | | | |"
    return (
        f"| {result.name} | {videos} | {_ms(result.wall)} | {_ms(result.cpu)} "
        f"| {result.peak_mb:,.0f} MB | {len(result.runs)} | {ratio} | {wall_ratio} |"
    )


HEADER = (
    "| operation | videos | median wall | median CPU | peak memory | runs "
    "| CPU ratio (paired) | wall ratio (paired) |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|"
)


def pair_rows(result: PairResult) -> list[str]:
    """The two lines of a comparison: the ratios sit on the first side's line."""
    cpu, wall = result.cpu_ratio, result.wall_ratio
    if cpu is None or wall is None:
        return [row(result.a), row(result.b)]
    versus = f" of {result.b.name.split(' (')[0]}"
    return [row(result.a, f"{cpu:.2f}×{versus}", f"{wall:.2f}×"), row(result.b)]
