"""Timings of ``aftershock view`` on a three-hour talk: opening the video page, saving a tag.

Makes a workspace with one talk of 7,800 caption segments (three hours) and 150
tags, starts ``aftershock view`` as a process, and times:

- the server: answering the video page (the HTML of 7,800 rows) and the tags;
- the browser (when /usr/bin/chromium and playwright are installed): from
  navigation until the page is ready and the tags are drawn, as wall time and as
  the CPU time of the page's main thread and of the server (the machine may be
  shared: CPU time is the steadier figure);
- saving a tag: the POST that adds one, as the page sends it, under the lock.

Prints the median and the worst of several runs. The issue's targets: the page
opens in under a second; a save answers in under 100 ms.

Run:  python benchmarks/bench_view.py [--segments 7800] [--tags 150] [--runs 7]
Needs the view extra: pip install -e ".[view]" (and ".[test]" for the browser).
"""

from __future__ import annotations

import argparse
import json
import os
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


FOLLOW = """() => {
  const from = Math.floor(view.starts.length / 3), n = 300, t0 = performance.now();
  for (let i = 0; i < n; i++) {
    view.followTime(view.starts[from + i], true);
    document.body.getBoundingClientRect();  // the layout a frame would do
  }
  return (performance.now() - t0) / n;
}"""
"""What the page does for each row while a talk plays, timed in the page itself."""


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux: /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def spread(values: list[float]) -> tuple[float, float]:
    return statistics.median(values) * 1000, max(values) * 1000


def browser_load(url: str, runs: int, server: int) -> list[tuple[str, tuple[float, float]]]:
    """Open the page in a new tab ``runs`` times (after one to warm up): the wall time
    until the tags are drawn, the CPU time of all of Chromium's processes meanwhile
    (as Chromium reports it), the server's CPU time, and the page's work per row
    while playing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return []
    if not Path("/usr/bin/chromium").exists():
        return []
    walls, busy, served, follows = [], [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        chrome = browser.new_browser_cdp_session()

        def chrome_cpu() -> dict[int, float]:
            found = chrome.send("SystemInfo.getProcessInfo")["processInfo"]
            return {int(p["id"]): float(p["cpuTime"]) for p in found}

        for run in range(runs + 1):
            page = context.new_page()
            before, cpu0, t0 = chrome_cpu(), cpu_seconds(server), time.perf_counter()
            page.goto(url, wait_until="commit")
            page.wait_for_selector("#tag-list li[data-tag-id]")
            wall, cpu = time.perf_counter() - t0, cpu_seconds(server) - cpu0
            after = chrome_cpu()
            if not run:  # let the first open's note and suggestions finish (then cached)
                page.wait_for_selector("#sugg-list li", timeout=300_000)
                page.wait_for_selector("#note > *", timeout=300_000)
            if run:  # the first run warms the server's caches and the browser
                walls.append(wall)
                busy.append(sum(t - before.get(pid, 0.0) for pid, t in after.items()))
                served.append(cpu)
                follows.append(page.evaluate(FOLLOW) / 1000)
            page.close()
        browser.close()
    return [
        ("browser: open the video page until the tags are drawn (wall)", spread(walls)),
        ("browser: CPU time of that open (all Chromium processes)", spread(busy)),
        ("server: CPU time while the page opens", spread(served)),
        ("browser: follow one row while playing (highlight, keep in view)", spread(follows)),
    ]


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
            rows[:0] = browser_load(f"{page}?token={token}", args.runs, proc.pid)
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
