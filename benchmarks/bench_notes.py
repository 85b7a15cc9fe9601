"""Throughput of the note reader, beside markdown-it-py parsing the same text.

Makes a corpus of realistic notes in memory (front matter, source line,
paragraphs thick with timestamp anchors and wikilinks, headings, lists, now
and then a quote, a table or a code fence), then times:

- head only: ``parse_note`` and reading the title, video id and channel;
- parse: ``parse_note`` and reading every part (title, video id, blocks,
  anchors, links, headings);
- parse + render: the same plus ``to_markdown()`` and one anchor edit per note;
- markdown-it-py: ``MarkdownIt("commonmark").enable("table").parse`` (tokens only).

Throughput is megabytes of UTF-8 text per second of CPU time, best of a few runs.

Run:  python benchmarks/bench_notes.py [--notes 10000] [--size 8192] [--seed 1]
markdown-it-py comes with the optional ``bench`` extra: pip install -e ".[bench]".
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

from aftershock_cli.notes.note import parse_note, render_anchor

WORDS = [
    "public",
    "sector",
    "innovation",
    "collaboration",
    "councils",
    "budget",
    "learning",
    "design",
    "citizens",
    "services",
    "local",
    "national",
    "crisis",
    "agile",
    "experiment",
    "feedback",
    "trust",
    "relationships",
    "data",
    "digital",
    "rights",
    "future",
    "policy",
    "team",
    "leaders",
    "systems",
    "approach",
    "community",
    "risk",
    "value",
]
PAGES = [
    "Public sector innovation",
    "collaborative_approaches_in_public_sector_innovation",
    "Experimentation and learning",
    "human_centred_design",
]


def _sentence(rng: random.Random, clock: list[int]) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    if rng.random() < 0.3:
        page = rng.choice(PAGES)
        alias = rng.choice(WORDS)
        words.insert(rng.randint(0, len(words)), f"[[{page} | {alias}]]")
    clock[0] += rng.randint(3, 40)
    anchors = [render_anchor(clock[0])]
    if rng.random() < 0.15:
        clock[0] += rng.randint(3, 20)
        anchors.append(render_anchor(clock[0]))
    return " ".join(words).capitalize() + " " + ", ".join(anchors) + "."


def make_note(rng: random.Random, size: int) -> str:
    """One note of about ``size`` characters in the source format."""
    video_id = "".join(rng.choice("abcdefghijkLMNOPQ0123456789-_") for _ in range(11))
    title = " ".join(rng.choice(WORDS) for _ in range(5)).capitalize()
    parts = [
        f"---\ntitle: {title}\nvideoId: {video_id}\n---\n\nFrom: [[channel{rng.randint(1, 99)}]] <br/> \n"
    ]
    clock = [0]
    length = len(parts[0])
    while length < size:
        roll = rng.random()
        if roll < 0.12:
            piece = f"\n{'#' * rng.choice([2, 3, 3])} {' '.join(rng.sample(WORDS, 4)).title()}\n"
        elif roll < 0.32:
            marker = rng.choice(["1.  ", "*   ", "    *   "])
            piece = (
                "\n".join(marker + _sentence(rng, clock) for _ in range(rng.randint(2, 5))) + "\n"
            )
        elif roll < 0.35:
            piece = "\n> [!info] Note\n> " + _sentence(rng, clock) + "\n"
        elif roll < 0.37:
            piece = f"\n| Point | Time |\n|:--|--:|\n| {rng.choice(WORDS)} | {_sentence(rng, clock)} |\n"
        elif roll < 0.38:
            piece = "\n```text\n" + " ".join(rng.sample(WORDS, 8)) + "\n```\n"
        else:
            piece = "\n" + " ".join(_sentence(rng, clock) for _ in range(rng.randint(2, 5))) + "\n"
        parts.append(piece)
        length += len(piece)
    return "".join(parts).rstrip("\n")


def read_all(texts: list[str]) -> int:
    """Parse every note and touch every part; return a count so nothing is skipped."""
    total = 0
    for text in texts:
        note = parse_note(text)
        total += len(note.blocks) + len(note.anchors) + len(note.links) + len(note.headings)
        total += len(note.title or "") + len(note.video_id or "")
    return total


def read_heads(texts: list[str]) -> int:
    """Parse every note but read only its head (title, video id, channel)."""
    total = 0
    for text in texts:
        note = parse_note(text)
        total += len(note.title or "") + len(note.video_id or "") + len(note.channel or "")
    return total


def read_and_write(texts: list[str]) -> int:
    """Parse, edit the first anchor and write each note back."""
    total = 0
    for text in texts:
        note = parse_note(text)
        total += len(note.blocks) + len(note.links) + len(note.title or "")
        if note.anchors:
            note = note.with_anchor_time(note.anchors[0], 1)
        total += len(note.to_markdown())
    return total


def markdown_it(texts: list[str]) -> Callable[[], int]:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")

    def run() -> int:
        return sum(len(md.parse(text)) for text in texts)

    return run


def timed(run: Callable[[], int], megabytes: float, repeat: int) -> float:
    """Best throughput in MB/s of CPU time over ``repeat`` runs.

    CPU time (not wall time) keeps the numbers steady on a busy machine.
    """
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return megabytes / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000, help="how many notes (10000)")
    parser.add_argument("--size", type=int, default=8192, help="characters per note (8192)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs (3)")
    parser.add_argument("--skip-markdown-it", action="store_true", help="time only aftershock")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    texts = [make_note(rng, args.size) for _ in range(args.notes)]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    assert all(parse_note(t).to_markdown() == t for t in texts[:100])
    rows = [
        ("aftershock head only", timed(lambda: read_heads(texts), megabytes, args.repeat)),
        (
            "aftershock parse_note (all parts)",
            timed(lambda: read_all(texts), megabytes, args.repeat),
        ),
        (
            "aftershock parse + edit + render",
            timed(lambda: read_and_write(texts), megabytes, args.repeat),
        ),
    ]
    if not args.skip_markdown_it:
        try:
            rows.append(("markdown-it-py parse", timed(markdown_it(texts), megabytes, 1)))
        except ImportError:
            print("markdown-it-py is not installed: pip install -e '.[bench]'")
    base = rows[-1][1] if rows[-1][0].startswith("markdown-it") else None
    print(f"{args.notes} notes, {megabytes:.1f} MB")
    print(f"{'reader':<36} {'MB/s':>8} {'vs markdown-it':>15}")
    for name, speed in rows:
        ratio = f"{speed / base:.1f}x" if base else "-"
        print(f"{name:<36} {speed:>8.1f} {ratio:>15}")


if __name__ == "__main__":
    main()
