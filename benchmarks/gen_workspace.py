"""Generate a realistic synthetic aftershock workspace for the benchmarks.

    python benchmarks/gen_workspace.py OUT_DIR [--videos 1000] [--segments 1200]
        [--tags 20] [--seed 7] [--vtt FILE] [--coders N]

Each video gets a transcript of spoken-sounding sentences (a Zipf-like mix of
common words and the vocabulary of public-sector talks, so that searches hit
some videos often and others rarely), about four seconds per segment, and tags
of the default codebook's themes with short analyst notes. ``--vtt FILE`` also
writes one long WebVTT file (for timing ``aftershock fetch --file``).

``--coders N`` codes every video independently by N coders (for timing
``aftershock agree``): each coder tags most of the same stretches as the others,
with boundaries a few seconds apart, now and then another theme, a stretch
missed or one of their own.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import string
import sys
from pathlib import Path

from aftershock_cli.core.codebook import default_codebook
from aftershock_cli.core.model import Segment, Tag, Transcript
from aftershock_cli.core.schema import TagFile, tagfile_to_dict, transcript_to_dict
from aftershock_cli.files.fsutil import dump_yaml
from aftershock_cli.workspace.folder import Workspace

_COMMON_TEXT = (
    "the and to of a in that is we it you for this on with as are be have not "
    "they so but what was at our can do about there all from one which if more "
    "their people just like think really know very going also when how would "
    "because some time been those these then them well get who other into now"
)
COMMON = _COMMON_TEXT.split()

_TOPIC_TEXT = (
    "government innovation collaboration silos silo department ministry agency "
    "council municipal local citizens community trust relationship feedback loop "
    "frontline services service design human-centred users user research "
    "experiment experiments experimentation pilot prototype learning evidence data "
    "digital platform policy policies regulation budget funding procurement "
    "partnership partners sector private non-profit university universities think "
    "tanks international cooperation cross-border countries network networks "
    "foresight futures anticipation scenario scenarios resilience crisis pandemic "
    "response recovery climate health education housing transport welfare "
    "outcomes impact accountability transparency leadership culture capability "
    "skills workforce teams team mission missions systems change transformation "
    "openness inclusion diversity equity engagement participation deliberation "
    "assembly lab labs observatory toolkit framework strategy implementation scale"
)
TOPIC = _TOPIC_TEXT.split()
_ONSETS = ("b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "pr", "st", "tr")
_VOWELS = ("a", "e", "i", "o", "u", "io", "ea")
TAIL_WORDS = 3000
"""Rarer words (made of syllables) that give the vocabulary a long, Zipf-like tail."""

OPENERS = (
    "so",
    "and",
    "I think",
    "you know",
    "well",
    "actually",
    "what we found is",
    "the point is",
    "in our experience",
    "",
)

NOTES = (
    "Silos broke down within and across governments during the crisis.",
    "Trusting relationships with local partners shortened the feedback loop.",
    "A pilot with residents changed how the service was designed.",
    "Foresight work gave the ministry time to prepare several scenarios.",
    "Countries shared what worked through an informal international network.",
    "Experimentation needs a budget line that tolerates failure.",
    "Universities and think tanks brought evidence the department lacked.",
    "User research showed the form was the real barrier.",
)

CODERS = ("ana", "ben", "chloe", "")

_ID_CHARS = string.ascii_letters + string.digits + "-_"


def _zipf_words(rng: random.Random) -> list[str]:
    """Vocabulary in rank order (earlier words are drawn more often): common words
    first, then the talks' topic words mixed into a long tail of rarer words."""
    common = list(COMMON)
    rng.shuffle(common)
    topic = list(TOPIC)
    rng.shuffle(topic)
    tail: list[str] = []
    seen = set(common) | set(topic)
    while len(tail) < TAIL_WORDS:
        word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            tail.append(word)
    for index, word in enumerate(topic):
        tail.insert(index * 3, word)
    return common + tail


def _weights(vocab: list[str]) -> list[float]:
    """Cumulative Zipf weights (rank r is drawn in proportion to 1/r)."""
    return list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(vocab))))


def _sentence(rng: random.Random, words: list[str], weights: list[float]) -> str:
    count = rng.randint(6, 14)
    picked = rng.choices(words, cum_weights=weights, k=count)
    opener = rng.choice(OPENERS)
    text = " ".join(picked)
    return f"{opener} {text}".strip()


def _video_id(rng: random.Random, taken: set[str]) -> str:
    while True:
        vid = "".join(rng.choice(_ID_CHARS) for _ in range(11))
        if vid not in taken:
            taken.add(vid)
            return vid


def make_transcript(
    rng: random.Random, video_id: str, n_segments: int, vocab: list[str], weights: list[float]
) -> Transcript:
    segments = []
    t = rng.randint(0, 3000)
    for _ in range(n_segments):
        duration = rng.randint(2200, 5200)
        segments.append(Segment(t, duration, _sentence(rng, vocab, weights)))
        t += duration - rng.randint(0, 600)  # YouTube's segments overlap a little
    topic = rng.choice(TOPIC)
    return Transcript(
        video_id=video_id,
        title=f"Panel {rng.randint(1, 400)}: {topic} and {rng.choice(TOPIC)} in the public sector",
        channel=rng.choice(("OECD OPSI", "Apolitical", "GovLab", "Nesta", "UNDP")),
        channel_handle="",
        language_code="en",
        language="English",
        is_generated=rng.random() < 0.5,
        duration_ms=t + 2000,
        segments=tuple(segments),
        source="youtube",
        fetched_at="2026-11-29T17:00:00Z",
    )


def make_tags(rng: random.Random, transcript: Transcript, n_tags: int, slugs: list[str]) -> TagFile:
    tags = []
    end = transcript.end_ms
    for index in range(n_tags):
        start = rng.randint(0, max(0, end - 60_000))
        length = rng.randint(8_000, 90_000)
        themes = tuple(rng.sample(slugs, k=1 if rng.random() < 0.8 else 2))
        tags.append(
            Tag(
                id=f"{transcript.video_id[:4].lower()}{index:04d}",
                video_id=transcript.video_id,
                start_ms=start,
                end_ms=min(end, start + length),
                themes=themes,
                note=rng.choice(NOTES),
                coder=rng.choice(CODERS),
                created="2026-11-29T17:00:00Z",
            )
        )
    tags.sort(key=lambda tag: tag.start_ms)
    return TagFile(transcript.video_id, tags)


TEAM = ("ana", "ben", "chloe", "dev", "eli", "fay")


def make_coded_tags(
    rng: random.Random, transcript: Transcript, n_tags: int, slugs: list[str], coders: int
) -> TagFile:
    """Tags of ``coders`` coders who coded the same video independently."""
    end = transcript.end_ms
    base = []
    for _ in range(n_tags):
        start = rng.randint(0, max(0, end - 60_000))
        base.append((start, min(end, start + rng.randint(8_000, 90_000)), rng.choice(slugs)))
    tags = []
    for c, coder in enumerate(TEAM[:coders]):
        mine = [b for b in base if rng.random() < 0.85]
        mine += [
            (s, min(end, s + rng.randint(8_000, 40_000)), rng.choice(slugs))
            for s in (rng.randint(0, max(0, end - 60_000)) for _ in range(2))
        ]
        for index, (start, stop, theme) in enumerate(mine):
            start = max(0, start + rng.randint(-8_000, 8_000))
            stop = max(start + 1000, min(end, stop + rng.randint(-8_000, 8_000)))
            theme = theme if rng.random() < 0.9 else rng.choice(slugs)
            tags.append(
                Tag(
                    id=f"{transcript.video_id[:3].lower()}{c}{index:04d}",
                    video_id=transcript.video_id,
                    start_ms=start,
                    end_ms=stop,
                    themes=(theme,),
                    note=rng.choice(NOTES),
                    coder=coder,
                    created="2026-11-29T17:00:00Z",
                )
            )
    tags.sort(key=lambda tag: (tag.start_ms, tag.coder))
    return TagFile(transcript.video_id, tags)


def write_vtt(path: Path, transcript: Transcript) -> None:
    def stamp(ms: int) -> str:
        s, ms = divmod(ms, 1000)
        return f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.{ms:03d}"

    lines = ["WEBVTT", ""]
    for seg in transcript.segments:
        lines += [f"{stamp(seg.start_ms)} --> {stamp(seg.end_ms)}", seg.text, ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def generate(
    out: Path, videos: int, segments: int, tags: int, seed: int, coders: int = 0
) -> list[str]:
    rng = random.Random(seed)
    ws = Workspace.init(out, force=True)
    slugs = [t.slug for t in default_codebook() if t.parent]
    vocab = _zipf_words(rng)
    weights = _weights(vocab)
    taken: set[str] = set()
    ids = []
    for _ in range(videos):
        vid = _video_id(rng, taken)
        transcript = make_transcript(rng, vid, segments, vocab, weights)
        (ws.transcripts_dir / f"{vid}.json").write_text(
            json.dumps(transcript_to_dict(transcript), ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
        if coders:
            tagfile = make_coded_tags(rng, transcript, tags, slugs, coders)
        else:
            tagfile = make_tags(rng, transcript, tags, slugs)
        (ws.tags_dir / f"{vid}.yaml").write_text(dump_yaml(tagfile_to_dict(tagfile)))
        ids.append(vid)
    return ids


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder of the new workspace")
    parser.add_argument("--videos", type=int, default=1000)
    parser.add_argument("--segments", type=int, default=1200, help="segments per video")
    parser.add_argument("--tags", type=int, default=20, help="tags per video")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--vtt", type=Path, help="also write one long WebVTT file here")
    parser.add_argument(
        "--coders", type=int, default=0, help=f"code each video by N coders (up to {len(TEAM)})"
    )
    args = parser.parse_args(argv)
    ids = generate(args.out, args.videos, args.segments, args.tags, args.seed, args.coders)
    if args.vtt:
        rng = random.Random(args.seed + 1)
        vocab = _zipf_words(rng)
        weights = _weights(vocab)
        write_vtt(args.vtt, make_transcript(rng, "vttVideo001", args.segments * 3, vocab, weights))
    sys.stderr.write(f"Wrote {len(ids)} videos to {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
