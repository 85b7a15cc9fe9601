"""How good ``aftershock check`` is, on talks, notes and mistakes generated here.

    python benchmarks/eval_check.py [--videos 12] [--seed 3]

Each generated talk is a transcript of spoken sentences, section after section
on a topic (topics come back later in the talk, as in real panels). Each note
paraphrases known stretches of its talk: some words kept, some inflected
differently, some swapped for synonyms, the order loosened, note-taking
phrases added. Its anchors are then left right (give or take a few seconds),
displaced by a known amount, or corrupted in the ways found in real notes.

It reports the precision and recall of the ``displaced-anchor`` flag on anchors
moved by more than a minute, how often the suggested moment lies within 10 s of
the true one, how the corruptions are caught and fixed, and how long a long
note takes against a three-hour transcript.
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass

from aftershock_cli.check.fixing import fix_note
from aftershock_cli.check.note import CheckContext, check_note
from aftershock_cli.check.score import TranscriptIndex
from aftershock_cli.core.model import Segment, Transcript
from aftershock_cli.core.timecode import format_hms
from aftershock_cli.notes.note import parse_note, render_anchor


def words(text: str) -> list[str]:
    return text.split()


TOPICS = {
    "housing": "housing rent tenants landlords eviction shelter homelessness mortgage "
    "affordability zoning apartments construction vacancy subsidy neighbourhood",
    "health": "hospital nurses patients clinics vaccine pandemic waiting surgery doctors "
    "prescriptions emergency ambulance diagnosis treatment wellbeing",
    "climate": "emissions carbon flooding heatwave drought renewable solar turbines "
    "adaptation coastline wildfire insulation retrofit methane glacier",
    "education": "schools teachers pupils curriculum exams classroom literacy tutoring "
    "university apprenticeships graduates attendance homework lecturers campus",
    "transport": "buses trains cycling congestion commuters railway timetable fares "
    "motorway parking electric charging pedestrians freight tram",
    "digital": "software platform data privacy algorithm cloud cybersecurity broadband "
    "identity portal automation interoperability servers encryption chatbot",
    "budget": "budget deficit taxation spending audit procurement contracts savings "
    "inflation borrowing treasury allocation revenue grants accounting",
    "policing": "police crime courts prisons probation victims sentencing detectives "
    "patrols burglary custody witnesses magistrates offenders rehabilitation",
    "farming": "farmers crops harvest soil fertiliser livestock dairy irrigation orchards "
    "pesticides cattle grain tractors pasture seeds",
    "culture": "museums libraries theatre festival artists heritage galleries concerts "
    "archives orchestra exhibitions poetry cinema craft sculpture",
    "migration": "refugees asylum visas border citizenship integration interpreters "
    "settlement diaspora remittances passports resettlement camps language sponsors",
    "energy": "electricity grid batteries nuclear pipelines gas tariffs meters outages "
    "hydrogen storage substations consumption efficiency wind",
}
GENERAL = words(
    "people government council community example question problem programme service "
    "team process change system approach project evidence result partners experience "
    "learning pressure trust leaders citizens region strategy pilot network"
)
VERBS = words(
    "improved reduced changed funded measured expanded delivered tested shared "
    "supported increased launched reviewed designed cut protected"
)
FILLER = words(
    "so um you know I think basically actually and then we saw that what happened was "
    "the thing is if you look at it"
)
SYNONYMS = {
    "improved": "bettered",
    "reduced": "lowered",
    "changed": "altered",
    "funded": "financed",
    "expanded": "grew",
    "delivered": "provided",
    "tested": "trialled",
    "supported": "backed",
    "increased": "raised",
    "launched": "started",
    "people": "residents",
    "problem": "issue",
    "citizens": "the public",
    "leaders": "managers",
}
NOTE_LEADS = (
    "The speaker explains that",
    "It is noted that",
    "According to the panel,",
    "One participant described how",
    "",
    "",
)


@dataclass
class Statement:
    text: str
    true_s: int


def talk(rng: random.Random, minutes: int) -> tuple[list[Segment], list[str]]:
    """Segments of a talk, and the topic of each segment."""
    segments: list[Segment] = []
    topics: list[str] = []
    now = 0
    names = list(TOPICS)
    while now < minutes * 60_000:
        topic = rng.choice(names)
        words = TOPICS[topic].split()
        section_end = now + rng.randint(3, 9) * 60_000
        while now < section_end:
            n = rng.randint(8, 13)
            out = []
            for _ in range(n):
                roll = rng.random()
                if roll < 0.35:
                    out.append(rng.choice(words))
                elif roll < 0.5:
                    out.append(rng.choice(GENERAL))
                elif roll < 0.6:
                    out.append(rng.choice(VERBS))
                else:
                    out.append(rng.choice(FILLER))
            duration = rng.randint(2500, 5000)
            segments.append(Segment(now, duration + 400, " ".join(out)))
            topics.append(topic)
            now += duration
    return segments, topics


def paraphrase(rng: random.Random, segments: list[Segment]) -> str:
    content = [
        w for seg in segments for w in seg.text.split() if w not in FILLER and w.lower() == w
    ]
    kept = []
    for word in content:
        roll = rng.random()
        if roll < 0.25:
            continue
        if word in SYNONYMS and roll < 0.6:
            word = SYNONYMS[word]
        elif roll < 0.4 and not word.endswith("s"):
            word += "s"
        elif roll < 0.5 and word.endswith("s"):
            word = word[:-1]
        kept.append(word)
    if len(kept) > 4:
        cut = rng.randint(1, len(kept) - 2)
        kept = [*kept[cut:], "and", *kept[:cut]]
    lead = rng.choice(NOTE_LEADS)
    text = " ".join(kept)
    return f"{lead} {text}".strip()


def make_note(rng: random.Random, video_id: str, segments: list[Segment], n: int):
    """A note text, and per anchor: (true seconds, written seconds or None, corruption)."""
    picks = sorted(rng.sample(range(len(segments) - 4), n))
    truth: list[tuple[int, int | None, str]] = []
    parts = [f"---\ntitle: Generated talk {video_id}\nvideoId: {video_id}\n---\n\n"]
    parts.append("From: [[generated]] <br/> \n\n")
    for k, i in enumerate(picks):
        if k % 5 == 0:
            parts.append(f"\n## Part {k // 5 + 1}\n\n")
        stretch = segments[i : i + rng.randint(2, 3)]
        true_s = stretch[0].start_ms // 1000
        kind = rng.choices(
            ["right", "displaced", "unreadable", "mismatch", "shifted", "short"],
            [0.55, 0.25, 0.04, 0.06, 0.05, 0.05],
        )[0]
        length_s = segments[-1].end_ms // 1000
        if kind == "right":
            written: int | None = max(0, true_s + rng.randint(-2, 4))
            anchor = render_anchor(written)
        elif kind == "displaced":
            shift = rng.choice([-1, 1]) * rng.randint(61, 1200)
            if not 0 <= true_s + shift <= length_s:
                shift = -shift
            written = max(0, min(length_s, true_s + shift))
            anchor = render_anchor(written)
        elif kind == "unreadable":
            written = None
            anchor = '<a class="yt-timestamp" data-t="99:99:99:99">[99:99:99:99]</a>'
        elif kind == "mismatch":
            wrong = format_hms(max(0, true_s + rng.randint(300, 900)) * 1000)
            good = format_hms(true_s * 1000)
            written = true_s
            data, shown = (good, wrong) if rng.random() < 0.5 else (wrong, good)
            anchor = f'<a class="yt-timestamp" data-t="{data}">[{shown}]</a>'
        elif kind == "shifted":
            written = true_s
            m, s = divmod(true_s, 60)
            anchor = render_anchor(m * 3600 + s * 60) if m >= 10 else render_anchor(true_s)
            if m < 10:
                kind = "right"
        else:
            written = true_s
            m, s = divmod(true_s, 60)
            anchor = f'<a class="yt-timestamp" data-t="{m}:{s:02d}">[{m}:{s:02d}]</a>'
        truth.append((true_s, written, kind))
        parts.append(f"{paraphrase(rng, stretch)} {anchor}. ")
        if k % 3 == 2:
            parts.append("\n\n")
    return "".join(parts).rstrip() + "\n", truth


def evaluate(videos: int, seed: int) -> None:
    rng = random.Random(seed)
    tp = fp = fn = tn = near10 = fixed_n = fixed_near = 0
    caught = {"unreadable": [0, 0], "mismatch": [0, 0], "shifted": [0, 0], "short": [0, 0]}
    codes = {
        "unreadable": "unreadable-time",
        "mismatch": "time-mismatch",
        "shifted": "beyond-video",
        "short": "noncanonical-time",
    }
    for v in range(videos):
        video_id = f"gen{v:08d}"
        segments, _ = talk(rng, rng.randint(30, 90))
        transcript = Transcript(video_id, segments=tuple(segments))
        text, truth = make_note(rng, video_id, segments, 60)
        note = parse_note(text)
        findings = check_note(note, CheckContext(transcript))
        fixed, _ = fix_note(note, findings)
        by_start: dict[int, list[str]] = {}
        suggested: dict[int, int | None] = {}
        for f in findings:
            by_start.setdefault(f.start, []).append(f.code)
            if f.code == "displaced-anchor" and f.suggestion:
                suggested[f.start] = parse_note(f.suggestion).anchors[0].seconds
        for anchor, fixed_anchor, (true_s, _, kind) in zip(
            note.anchors, fixed.anchors, truth, strict=True
        ):
            flagged = "displaced-anchor" in by_start.get(anchor.start, [])
            if kind == "displaced":
                if flagged:
                    tp += 1
                    got = suggested.get(anchor.start)
                    near10 += got is not None and abs(got - true_s) <= 10
                    if fixed_anchor.seconds != anchor.seconds:
                        fixed_n += 1
                        fixed_near += abs((fixed_anchor.seconds or 0) - true_s) <= 10
                else:
                    fn += 1
            elif kind == "right":
                fp += flagged
                tn += not flagged
            else:
                caught[kind][0] += codes[kind] in by_start.get(anchor.start, [])
                caught[kind][1] += fixed_anchor.seconds == true_s or kind == "unreadable"
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"videos: {videos}, seed: {seed}")
    print(f"displaced > 60 s: {tp + fn} anchors; right anchors: {fp + tn}")
    print(f"  precision {precision:.3f}  recall {recall:.3f}  (tp {tp}, fp {fp}, fn {fn})")
    print(f"  suggested moment within 10 s of the truth: {near10 / tp if tp else 0:.3f}")
    print(f"  re-timed by --fix: {fixed_n}, of which within 10 s of the truth: {fixed_near}")
    for kind, (hit, good) in caught.items():
        print(f"  {kind:<10} caught {hit}, fixed to the true time {good}")


def timing(seed: int) -> None:
    rng = random.Random(seed)
    segments, _ = talk(rng, 180)
    transcript = Transcript("timing00000", segments=tuple(segments))
    text, _ = make_note(rng, "timing00000", segments, 200)
    note = parse_note(text)
    began = time.perf_counter()
    TranscriptIndex(segments)
    built = time.perf_counter() - began
    began = time.perf_counter()
    check_note(note, CheckContext(transcript))
    whole = time.perf_counter() - began
    print(
        f"3-hour transcript ({len(segments)} segments), note with 200 anchors: "
        f"index {built * 1000:.0f} ms, whole check {whole * 1000:.0f} ms"
    )
    cite = '<a class="yt-timestamp" data-t="{0}">[{0}]</a>'
    body = "\n\n".join(f"Point {i} {cite.format(format_hms(i * 1000))}." for i in range(40_000))
    big = parse_note(f"---\ntitle: Big\nvideoId: timing00000\n---\n\n{body}\n")
    began = time.perf_counter()
    check_note(big)
    print(f"note with 40,000 anchors, no transcript: {time.perf_counter() - began:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--videos", type=int, default=12)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    evaluate(args.videos, args.seed)
    timing(args.seed)


if __name__ == "__main__":
    main()
