"""Time the import of a 3-hour YouTube auto-caption WebVTT beside webvtt-py's bare read.

    python benchmarks/bench_vtt.py [--hours 3] [--repeat 5]

The file is generated in the rolling two-line style of YouTube's automatic
captions (inline word times, a 10 ms scroll cue after every line), about
20,000 cues for three hours. "bare read" is ``webvtt.read`` alone; "import" is
``read_caption_file``: the same parse plus cleaning and de-duplication into
segments, and the order check. The target is an import at most about twice the
bare read.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import webvtt

from aftershock_cli.sources.captions import read_caption_file

WORDS = [
    "we",
    "public",
    "service",
    "team",
    "city",
    "budget",
    "learned",
    "people",
    "trust",
    "department",
    "pilot",
    "feedback",
    "school",
    "bus",
    "route",
    "table",
    "week",
    "shared",
    "problem",
    "riders",
    "change",
    "data",
    "cheap",
    "small",
    "brave",
    "listen",
    "local",
    "partners",
    "question",
    "answer",
    "together",
    "future",
    "plan",
]


def stamp(ms: int) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def generate(path: Path, hours: float, seed: int = 7) -> int:
    """Write a rolling auto-caption VTT of ``hours``; return its number of cues."""
    rng = random.Random(seed)
    out = ["WEBVTT", "Kind: captions", "Language: en", ""]
    t, previous, cues = 0, " ", 0
    while t < hours * 3_600_000:
        words = [rng.choice(WORDS) for _ in range(rng.randint(3, 6))]
        duration = 220 * len(words) + rng.randint(0, 200)
        step = duration // len(words)
        typed = words[0] + "".join(
            f"<{stamp(t + step * k)}><c> {w}</c>" for k, w in enumerate(words[1:], 1)
        )
        line = " ".join(words)
        out += [
            f"{stamp(t)} --> {stamp(t + duration)} align:start position:0%",
            previous,
            typed,
            "",
        ]
        out += [f"{stamp(t + duration)} --> {stamp(t + duration + 10)} align:start position:0%"]
        out += [line, " ", ""]
        previous, t, cues = line, t + duration + 10, cues + 2
    path.write_text("\n".join(out), encoding="utf-8")
    return cues


def best_of(repeat: int, *actions: Callable[[], object]) -> list[float]:
    """The best time of each action; the actions take turns, so that a busy machine
    slows them alike rather than whichever happened to run during the busy spell."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(repeat):
        for action, spent in zip(actions, times, strict=True):
            start = time.perf_counter()
            action()
            spent.append(time.perf_counter() - start)
    return [min(spent) for spent in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=3.0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "Long Talk [lOngTalk001].en.vtt"
        cues = generate(path, args.hours)
        bare, full = best_of(
            args.repeat, lambda: webvtt.read(str(path)), lambda: read_caption_file(path)
        )
        segments = len(read_caption_file(path).segments)
    print(f"file: {args.hours:g} h, {cues} cues -> {segments} segments")
    print(f"webvtt-py bare read: {bare * 1000:8.1f} ms")
    print(f"aftershock import:   {full * 1000:8.1f} ms  ({full / bare:.2f}x the bare read)")


if __name__ == "__main__":
    main()
