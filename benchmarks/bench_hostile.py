"""Time ``check`` of notes built to make a pattern backtrack, at growing sizes.

    python benchmarks/bench_hostile.py [--sizes 5000,10000,20000,40000]

Each note repeats one opening mark N times with nothing to close it (``[[``,
``<a ``, an anchor element that never ends, ``[``, backticks, ``*``) in one
paragraph, or holds N anchors in one paragraph. The note is parsed and checked
against a small transcript, the way ``aftershock check`` does. Times are
processor time of this process (``time.process_time``, the best of three), so
other work on the machine does not count; linear growth shows as a time that
doubles when N doubles.
"""

from __future__ import annotations

import argparse
import time

from aftershock_cli.check.note import CheckContext, check_note
from aftershock_cli.core.model import Segment, Transcript
from aftershock_cli.notes.note import parse_note

HEAD = "---\ntitle: T\nvideoId: AbCdEfGhIj0\n---\n\nFrom: [[chan]] <br/> \n\n## Silos\n\n"
ANCHOR = '<a class="yt-timestamp" data-t="00:00:05">[00:00:05]</a>'
UNITS = {
    "unclosed [[": "[[",
    "unclosed <a": "<a ",
    "unclosed anchor element": '<a class="yt-timestamp" data-t="',
    "unclosed [": "[",
    "backticks": "`",
    "stars": "*",
    "anchors in one paragraph": ANCHOR + " ",
}
TRANSCRIPT = Transcript(
    "AbCdEfGhIj0",
    title="T",
    segments=tuple(Segment(i * 5000, 5000, f"silos broke down in part {i}") for i in range(200)),
)


def note(unit: str, n: int) -> str:
    return f"{HEAD}Silos broke down {unit * n} across departments {ANCHOR}.\n"


def seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        check_note(parse_note(text), CheckContext(transcript=TRANSCRIPT))
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,10000,20000,40000")
    sizes = [int(s) for s in parser.parse_args().sizes.split(",")]
    print("| input | " + " | ".join(f"N = {n:,}" for n in sizes) + " |")
    print("| --- |" + " ---: |" * len(sizes))
    for name, unit in UNITS.items():
        cells = [f"{seconds(note(unit, n)) * 1000:.0f} ms" for n in sizes]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
