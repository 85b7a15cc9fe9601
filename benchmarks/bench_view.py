"""Timings of ``aftershock view`` on a three-hour talk: opening the video page, saving a tag.

Makes a workspace with one talk of 7,800 caption segments (three hours) and 150
tags, starts ``aftershock view`` as a process, and times:

- the server: answering the video page (the HTML of 7,800 rows) and the tags;
- the browser (when /usr/bin/chromium and playwright are installed): from
  navigation until the page is ready and the tags are drawn;
- saving a tag: the POST that adds one, as the page sends it, under the lock.

Prints the median and the worst of several runs. The issue's targets: the page
opens in under a second; a save answers in under 100 ms.

Run:  python benchmarks/bench_view.py [--segments 7800] [--tags 150] [--runs 7]
Needs the view extra: pip install -e ".[view]" (and ".[test]" for the browser).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from aftershock_cli.core.model import Segment, Tag, Transcript
from aftershock_cli.workspace.folder import Workspace

VIDEO = "tHrEeHoUrs1"
WORDS = [
    "public",
    "sector",
    "silos",
    "trust",
    "local",
    "council",
    "experiment",
    "foresight",
    "learning",
    "we",
    "they",
]


def make_workspace(root: Path, segments: int, tags: int) -> Workspace:
    ws = Workspace.init(root)
    rng = random.Random(1)
    step = 3 * 3600 * 1000 // segments
    segs = tuple(
        Segment(i * step, step + 600, " ".join(rng.choices(WORDS, k=9))) for i in range(segments)
    )
    ws.save_transcript(
        Transcript(VIDEO, title="Three hours", duration_ms=segments * step, segments=segs)
    )
    themes = [t.slug for t in ws.codebook()]
    with ws.editing_tags(VIDEO) as tf:
        for n in range(tags):
            start = rng.randrange(0, segments - 20) * step
            tf.tags.append(
                Tag(f"bench{n:03d}", VIDEO, start, start + 8 * step, (rng.choice(themes),))
            )
    return ws


def timed(work: Callable[[], object], runs: int) -> tuple[float, float]:
    seconds = []
    for _ in range(runs):
        t0 = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - t0)
    return statistics.median(seconds) * 1000, max(seconds) * 1000


def request(url: str, token: str, body: dict[str, object] | None = None) -> bytes:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method="POST" if body is not None else "GET")
    req.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=30) as answer:
        return bytes(answer.read())


def browser_load(url: str, runs: int) -> tuple[float, float] | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path("/usr/bin/chromium").exists():
        return None
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()

        def load() -> None:
            page.goto(url)
            page.wait_for_selector("#tag-list li[data-tag-id]")

        load()  # the first run warms the server's caches and the browser
        result = timed(load, runs)
        browser.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=7800)
    parser.add_argument("--tags", type=int, default=150)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        ws = make_workspace(Path(tmp), args.segments, args.tags)
        proc = subprocess.Popen(
            [sys.executable, "-m", "aftershock_cli", "-w", str(ws.root), "view", "--no-browser"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            assert proc.stdout is not None
            url = proc.stdout.readline().split()[1]
            base, token = url.split("/?token=")
            page = f"{base}/video/{VIDEO}"
            rows = [
                ("server: video page HTML", timed(lambda: request(page, token), args.runs)),
                (
                    "server: the video's tags (JSON)",
                    timed(lambda: request(f"{base}/api/videos/{VIDEO}/tags", token), args.runs),
                ),
                (
                    "save a tag (POST)",
                    timed(
                        lambda: request(
                            f"{base}/api/videos/{VIDEO}/tags",
                            token,
                            {"start_ms": 60000, "end_ms": 70000, "themes": ["cross-silo"]},
                        ),
                        args.runs,
                    ),
                ),
            ]
            loaded = browser_load(f"{page}?token={token}", args.runs)
            if loaded is not None:
                rows.insert(0, ("browser: open the video page, tags drawn", loaded))
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    print(f"A talk of {args.segments} segments and {args.tags} tags; {args.runs} runs.\n")
    print("| operation | median | worst |\n|---|---:|---:|")
    for name, (median, worst) in rows:
        print(f"| {name} | {median:,.0f} ms | {worst:,.0f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
