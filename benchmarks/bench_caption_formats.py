"""CPU time to import a 3-hour caption file in each format ``fetch --file`` reads.

    python benchmarks/bench_caption_formats.py [--hours 3] [--repeat 5]

One list of cues (a line of 3-6 words every 1-2 seconds, about 7,000 cues for
three hours) is written as WebVTT, SubRip, SBV, SubStation Alpha, TTML and
SAMI, and each file is imported with ``read_caption_file``; beside it, the
bare parse of the library that reads the format (``webvtt.from_buffer``,
``srt.parse``, ``pysubs2.SSAFile.from_string``; SBV has no library). Then the
same speech in YouTube's rolling auto-caption style (two lines a cue, a 10 ms
scroll cue after each) as SubRip, SBV and ASS, which is de-duplicated on import.

Times are CPU time (``time.process_time``), the best of ``--repeat`` runs taken
in turns, so a busy shared machine skews the comparison less than wall time.
"""

from __future__ import annotations

import argparse
import io
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pysubs2
import srt
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
    "pilot",
    "feedback",
    "school",
]
Cue = tuple[int, int, list[str]]


def speech(hours: float, seed: int = 7) -> list[tuple[int, int, str]]:
    rng = random.Random(seed)
    out, t = [], 0
    while t < hours * 3_600_000:
        line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 6)))
        duration = rng.randint(1000, 2000)
        out.append((t, t + duration, line))
        t += duration
    return out


def plain(lines: list[tuple[int, int, str]]) -> list[Cue]:
    return [(start, end, [line]) for start, end, line in lines]


def rolling(lines: list[tuple[int, int, str]]) -> list[Cue]:
    out: list[Cue] = []
    previous = ""
    for start, end, line in lines:
        out.append((start, end - 10, [previous, line] if previous else [line]))
        out.append((end - 10, end, [line]))
        previous = line
    return out


def hms(ms: int, sep: str = ".", digits: int = 3, hour_width: int = 2) -> str:
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    fraction = f"{ms:03d}"[:digits]
    return f"{h:0{hour_width}d}:{m:02d}:{s:02d}{sep}{fraction}"


def as_vtt(cues: list[Cue]) -> str:
    body = "".join(f"{hms(a)} --> {hms(b)}\n" + "\n".join(t) + "\n\n" for a, b, t in cues)
    return "WEBVTT\n\n" + body


def as_srt(cues: list[Cue]) -> str:
    return "".join(
        f"{n}\n{hms(a, ',')} --> {hms(b, ',')}\n" + "\n".join(t) + "\n\n"
        for n, (a, b, t) in enumerate(cues, 1)
    )


def as_sbv(cues: list[Cue]) -> str:
    return "".join(
        f"{hms(a, hour_width=1)},{hms(b, hour_width=1)}\n" + "\n".join(t) + "\n\n"
        for a, b, t in cues
    )


def as_ass(cues: list[Cue]) -> str:
    head = (
        "[Script Info]\nScriptType: v4.00+\n\n[Events]\n"
        "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
    )
    return head + "".join(
        f"Dialogue: 0,{hms(a, digits=2, hour_width=1)},{hms(b, digits=2, hour_width=1)},"
        "Default,,0,0,0,," + "\\N".join(t) + "\n"
        for a, b, t in cues
    )


def as_ttml(cues: list[Cue]) -> str:
    body = "".join(
        f'<p begin="{hms(a)}" end="{hms(b)}">' + "<br/>".join(t) + "</p>\n" for a, b, t in cues
    )
    return f'<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="en"><body><div>\n{body}</div></body></tt>\n'


def as_sami(cues: list[Cue]) -> str:
    body = "".join(
        f"<SYNC Start={a}><P Class=ENCC>"
        + "<br>".join(t)
        + f"\n<SYNC Start={b}><P Class=ENCC>&nbsp;\n"
        for a, b, t in cues
    )
    return f"<SAMI><BODY>\n{body}</BODY></SAMI>\n"


def best_cpu(repeat: int, *actions: Callable[[], object]) -> list[float]:
    """The least CPU time of each action; the actions take turns."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(repeat):
        for action, spent in zip(actions, times, strict=True):
            start = time.process_time()
            action()
            spent.append(time.process_time() - start)
    return [min(spent) for spent in times]


def bare(kind: str, text: str) -> Callable[[], object] | None:
    if kind == "vtt":
        return lambda: webvtt.from_buffer(io.StringIO(text))
    if kind == "srt":
        return lambda: list(srt.parse(text))
    if kind in ("ass", "ttml", "sami"):
        return lambda: pysubs2.SSAFile.from_string(text, format_=kind)
    return None


WRITERS = {
    "vtt": as_vtt,
    "srt": as_srt,
    "sbv": as_sbv,
    "ass": as_ass,
    "ttml": as_ttml,
    "sami": as_sami,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=3.0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    lines = speech(args.hours)
    cases = [(k, "plain", plain(lines)) for k in WRITERS]
    cases += [(k, "rolling", rolling(lines)) for k in ("srt", "sbv", "ass")]
    print(f"{args.hours:g} h of speech, {len(lines)} lines; CPU ms, best of {args.repeat}")
    print(
        f"{'format':8} {'style':8} {'cues':>6} {'KB':>6} {'segments':>8} {'import':>8} {'bare':>8} {'ratio':>6}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for kind, style, cues in cases:
            path = Path(folder) / f"talk-{style}.{kind}"
            text = WRITERS[kind](cues)
            path.write_text(text, encoding="utf-8")
            read = bare(kind, text)
            actions = [lambda p=path: read_caption_file(p, "bEnchTalk01")]
            timed = best_cpu(args.repeat, *actions, *([read] if read else []))
            segments = len(read_caption_file(path, "bEnchTalk01").segments)
            base = (
                f"{timed[1] * 1000:8.0f} {timed[0] / timed[1]:5.2f}x"
                if read
                else f"{'-':>8} {'-':>6}"
            )
            print(
                f"{kind:8} {style:8} {len(cues):6d} {len(text.encode()) // 1024:6d} "
                f"{segments:8d} {timed[0] * 1000:8.0f} {base}"
            )


if __name__ == "__main__":
    main()
