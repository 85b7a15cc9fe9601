"""Time ``series sync`` of a large series with nothing new (the answer should be < 1 s),
and the synthesis of a large series, ``report --across`` (< 10 s).

    python benchmarks/bench_series.py [--videos 1000] [--segments 1200] [--tags 20]
        [--skip-synthesis]

Sync: a workspace is made with one small transcript per video, and a series whose
listing (a recorded yt-dlp flat listing, built here, passed through the CLI's
seam) holds the same videos; ``series sync`` then finds nothing to fetch. The
time is the whole command run in-process, listing excluded (that is YouTube's).

Synthesis: a realistic workspace from ``gen_workspace.py`` (``--segments``
segments and ``--tags`` tags per video, upload dates spread over three years)
followed as one series; ``report --across --series`` is run in-process, as
Markdown and as JSON, first with the search index to build, then warm. Each
line gives the wall time and the CPU time of this process (the machine may be
shared, so the CPU time is the steadier figure).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from aftershock_cli.cli import _seams
from aftershock_cli.cli.app import app
from aftershock_cli.core.model import Segment, Transcript
from aftershock_cli.core.series import Series
from aftershock_cli.workspace.folder import Workspace

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_workspace import generate

URL = "https://www.youtube.com/playlist?list=PLbenchmarkSeries000000000000000001"


def video_id(n: int) -> str:
    return f"bench{n:06d}"


def make(root: Path, videos: int) -> dict[str, object]:
    ws = Workspace.init(root)
    for n in range(videos):
        ws.save_transcript(Transcript(video_id(n), segments=(Segment(0, 1000, "words"),)))
    entries = [{"_type": "url", "id": video_id(n), "duration": 60} for n in range(videos)]
    return {"_type": "playlist", "title": "Benchmark series", "entries": entries}


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of ``run()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def invoke(runner: CliRunner, argv: list[str]) -> None:
    result = runner.invoke(app, argv)
    assert result.exit_code == 0, result.output


def bench_sync(videos: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        listing = make(Path(tmp), videos)
        text = json.dumps(listing)
        _seams.SEAMS.extract_listing = lambda url: json.loads(text)
        os.environ["AFTERSHOCK_WORKSPACE"] = tmp
        runner = CliRunner()
        invoke(runner, ["-q", "series", "add", "bench", URL])
        for run in ("first", "again"):
            wall, cpu = timed(lambda: invoke(runner, ["series", "sync", "bench"]))
            print(
                f"series sync, {videos} videos, nothing new ({run}): "
                f"{wall:.3f} s wall, {cpu:.3f} s CPU"
            )


def with_dates(root: Path, ids: list[str]) -> None:
    """Give each transcript an upload date (one every day or so, over three years)."""
    start = dt.date(2024, 1, 1)
    for n, vid in enumerate(ids):
        path = root / "transcripts" / f"{vid}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        data["upload_date"] = (start + dt.timedelta(days=n * 1095 // len(ids))).isoformat()
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def bench_synthesis(videos: int, segments: int, tags: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ids = generate(root, videos, segments, tags, seed=7)
        with_dates(root, ids)
        with Workspace(root).editing_series() as followed:
            followed.append(Series("bench", URL, videos=tuple(ids)))
        os.environ["AFTERSHOCK_WORKSPACE"] = tmp
        runner = CliRunner()
        what = f"{videos} videos x {segments} segments x {tags} tags"
        runs = [
            ("Markdown, index to build", ["-q", "report", "--across", "--series", "bench"]),
            ("Markdown, warm", ["-q", "report", "--across", "--series", "bench"]),
            ("JSON, warm", ["-q", "report", "--across", "--series", "bench", "-f", "json"]),
        ]
        for label, argv in runs:
            wall, cpu = timed(lambda argv=argv: invoke(runner, argv))
            print(f"report --across, {what} ({label}): {wall:.2f} s wall, {cpu:.2f} s CPU")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--videos", type=int, default=1000)
    parser.add_argument("--segments", type=int, default=1200)
    parser.add_argument("--tags", type=int, default=20)
    parser.add_argument("--skip-synthesis", action="store_true")
    args = parser.parse_args(argv)
    bench_sync(args.videos)
    if not args.skip_synthesis:
        bench_synthesis(args.videos, args.segments, args.tags)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
