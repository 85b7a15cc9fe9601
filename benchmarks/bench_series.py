"""Time ``series sync`` of a large series with nothing new (the answer should be < 1 s).

    python benchmarks/bench_series.py [--videos 1000]

A workspace is made with one small transcript per video, and a series whose
listing (a recorded yt-dlp flat listing, built here, passed through the CLI's
seam) holds the same videos; ``series sync`` then finds nothing to fetch. The
time is the whole command run in-process, listing excluded (that is YouTube's).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from typer.testing import CliRunner

from aftershock_cli.cli import _seams
from aftershock_cli.cli.app import app
from aftershock_cli.core.model import Segment, Transcript
from aftershock_cli.workspace.folder import Workspace

URL = "https://www.youtube.com/playlist?list=PLbenchmarkSeries000000000000000001"


def video_id(n: int) -> str:
    return f"bench{n:06d}"


def make(root: Path, videos: int) -> dict[str, object]:
    ws = Workspace.init(root)
    for n in range(videos):
        ws.save_transcript(Transcript(video_id(n), segments=(Segment(0, 1000, "words"),)))
    entries = [{"_type": "url", "id": video_id(n), "duration": 60} for n in range(videos)]
    return {"_type": "playlist", "title": "Benchmark series", "entries": entries}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--videos", type=int, default=1000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        listing = make(Path(tmp), args.videos)
        text = json.dumps(listing)
        _seams.SEAMS.extract_listing = lambda url: json.loads(text)
        os.environ["AFTERSHOCK_WORKSPACE"] = tmp
        runner = CliRunner()
        assert runner.invoke(app, ["-q", "series", "add", "bench", URL]).exit_code == 0
        for run in ("first", "again"):
            began = time.perf_counter()
            result = runner.invoke(app, ["series", "sync", "bench"])
            seconds = time.perf_counter() - began
            assert result.exit_code == 0, result.output
            print(f"series sync, {args.videos} videos, nothing new ({run}): {seconds:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
