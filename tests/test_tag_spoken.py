"""Overlapping segments: one rule for snapping a range and for the words it covers,
used alike by ``tag``, ``show --tags``, every export, ``suggest`` and ``tag --match``."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from aftershock_cli.core.model import Segment, Transcript
from aftershock_cli.core.spoken import Piece, covered_segments, covered_text, snap, timeline
from aftershock_cli.workspace.folder import Workspace

YT = "ovovovovovo"
SRT = "zzzzzzzzzzz"

# YouTube-style snippets: each runs until its line leaves the screen, after the next began
SNIPPETS = (
    (0, 4500, "so today we are going to talk"),
    (2100, 4700, "about how silos break down"),
    (4500, 4500, "in large governments and why"),
    (6800, 4200, "it matters for everyone"),
    (9000, 2000, "thank you"),
)
# subtitle cues: B overlaps A, C lies inside B, then a pause before D
CUES = (
    (1000, 4000, "alpha cue"),
    (3000, 5000, "bravo cue"),
    (6500, 500, "charlie"),
    (9000, 3000, "delta line"),
)


def _segments(rows: tuple[tuple[int, int, str], ...]) -> tuple[Segment, ...]:
    return tuple(Segment(s, d, t) for s, d, t in rows)


def _transcript(video_id: str, rows: tuple[tuple[int, int, str], ...]) -> Transcript:
    return Transcript(video_id, title="Overlaps", segments=_segments(rows), source="file:test")


@pytest.fixture
def ws() -> Workspace:
    ws = Workspace.discover()
    ws.save_transcript(_transcript(YT, SNIPPETS))
    ws.save_transcript(_transcript(SRT, CUES))
    return ws


def _dry_run(cli, video: str, rng: str) -> tuple[int, int, str]:
    r = cli("tag", video, rng, "cross-silo", "--dry-run", "--format", "json")
    assert r.exit_code == 0, r.stderr
    row = json.loads(r.stdout)[0]
    return row["start_ms"], row["end_ms"], row["text"]


def test_each_moment_belongs_to_the_latest_segment_still_on_screen():
    assert timeline(tuple((s.start_ms, s.end_ms) for s in _segments(SNIPPETS))).pieces == (
        Piece(0, 2100, 0),
        Piece(2100, 4500, 1),
        Piece(4500, 6800, 2),
        Piece(6800, 9000, 3),
        Piece(9000, 11000, 4),
    )
    # B is spoken again once C, inside it, has ended; nothing is spoken from 8 s to 9 s
    assert timeline(tuple((s.start_ms, s.end_ms) for s in _segments(CUES))).pieces == (
        Piece(1000, 3000, 0),
        Piece(3000, 6500, 1),
        Piece(6500, 7000, 2),
        Piece(7000, 8000, 1),
        Piece(9000, 12000, 3),
    )


def test_snapping_and_covered_words_agree():
    snippets = _segments(SNIPPETS)
    assert snap(snippets, 3000, 4000) == (2100, 4500)
    assert snap(snippets, 2100, 6800) == (2100, 6800)
    assert snap(snippets, 2100, 4500) == (2100, 4500)
    cues = _segments(CUES)
    assert snap(cues, 7500, 7800) == (3000, 8000)
    assert snap(cues, 4000, 4500) == (3000, 6500)
    assert snap(cues, 8200, 8600) == (8200, 8600)  # silence stays as given
    # the model's name for the rule gives the same segments
    assert [s.text for s in covered_segments(snippets, 2100, 4500)] == [
        "about how silos break down"
    ]
    assert [s.text for s in covered_segments(snippets, 6800, 6800)] == ["it matters for everyone"]
    assert covered_text(_transcript(SRT, CUES), 3000, 8000) == "bravo cue charlie"


def test_a_range_inside_overlapping_subtitle_cues_widens_to_the_cue_spoken(cli, ws):
    # the end of B (8 s) is where it stops being spoken, though C started inside it
    assert _dry_run(cli, SRT, "7.5-7.8") == (3000, 8000, "bravo cue charlie")
    # at 4 s B is spoken (A is still on screen, but B started later): A's words are not quoted
    assert _dry_run(cli, SRT, "4-4.5") == (3000, 6500, "bravo cue")
    r = cli("tag", SRT, "4-4.5", "cross-silo", "--dry-run")
    assert r.stdout == "(dry run)  0:03-0:06 (3s)  cross-silo\n    bravo cue\n"
    assert r.stderr == (
        "Widened to whole segments: 0:03-0:06 (--exact keeps the range as given)\n"
        "Dry run: 1 tag(s) not saved\n"
    )


def test_youtube_snippets_snap_to_the_snippet_spoken(cli, ws):
    assert _dry_run(cli, YT, "3-4") == (2100, 4500, "about how silos break down")
    # a range that is already whole segments is kept
    assert _dry_run(cli, YT, "2.1-6.8") == (
        2100,
        6800,
        "about how silos break down in large governments and why",
    )
    # a single time is the snippet spoken at it
    assert _dry_run(cli, YT, "3") == (2100, 4500, "about how silos break down")


def test_tag_show_and_every_export_quote_the_same_words(cli, ws, tmp_path: Path):
    r = cli("tag", YT, "3-4", "cross-silo")
    assert r.exit_code == 0, r.stderr
    tag_id = r.stdout.split()[0]
    assert r.stdout == (f"{tag_id}  0:02-0:04 (2s)  cross-silo\n    about how silos break down\n")
    stored = ws.load_tags(YT)[0]
    assert (stored.start_ms, stored.end_ms) == (2100, 4500)

    pad = " " * len(tag_id)
    r = cli("show", YT, "--tags")
    assert r.stdout == (
        f"{pad}  [00:00:00] so today we are going to talk\n"
        f"{tag_id}  [00:00:02] about how silos break down\n"
        f"{pad}  [00:00:04] in large governments and why\n"
        f"{pad}  [00:00:06] it matters for everyone\n"
        f"{pad}  [00:00:09] thank you\n"
    )

    data = json.loads(cli("export", YT, "--format", "json").stdout)
    assert [t["text"] for t in data["tags"]] == ["about how silos break down"]
    csv_rows = cli("export", YT, "--format", "csv").stdout.splitlines()
    assert csv_rows[1].split(",")[11] == "about how silos break down"
    md = cli("export", YT, "--format", "md", "--quotes").stdout
    assert "> about how silos break down" in md.splitlines()

    out = tmp_path / "p.qdpx"
    assert cli("export", YT, "--format", "qdpx", "-o", str(out)).exit_code == 0
    with zipfile.ZipFile(out) as z:
        root = ET.fromstring(z.read("project.qde"))
    p = "{urn:QDA-XML:project:1.0}"
    (source,) = root.iter(f"{p}Transcript")
    points = [sp.get("guid") for sp in source.iter(f"{p}SyncPoint")]
    (selection,) = source.iter(f"{p}TranscriptSelection")
    # from the second segment's sync point to the third's: the one snippet covered
    assert (selection.get("fromSyncPoint"), selection.get("toSyncPoint")) == (
        points[1],
        points[2],
    )


def test_an_old_tag_ending_inside_a_snippet_quotes_only_what_is_spoken_in_it(cli, ws):
    # stored before the rule: 2.1-6.8 holds the second and third snippets as spoken
    r = cli("tag", YT, "2.1-6.8", "cross-silo", "--exact")
    tag_id = r.stdout.split()[0]
    # the first snippet is still on screen at 2.1 s, but no longer spoken: not quoted
    assert r.stdout == (
        f"{tag_id}  0:02-0:06 (4s)  cross-silo\n"
        "    about how silos break down in large governments and why\n"
    )
    data = json.loads(cli("export", YT, "--format", "json").stdout)
    assert [t["text"] for t in data["tags"]] == [
        "about how silos break down in large governments and why"
    ]


def test_match_and_suggest_ranges_quote_exactly_their_segments(cli, ws):
    r = cli("tag", YT, "--match", "silos", "cross-silo", "--dry-run", "--format", "json")
    assert [(t["start_ms"], t["end_ms"], t["text"]) for t in json.loads(r.stdout)] == [
        (2100, 4500, "about how silos break down")
    ]
    assert cli("themes", "add", "gov", "--label", "Governments", "-k", "governments").exit_code == 0
    r = cli(
        "suggest", YT, "--theme", "gov", "--window", "2s", "--min-score", "1", "--format", "json"
    )
    assert r.exit_code == 0, r.stderr
    rows = json.loads(r.stdout)
    assert [(s["start_ms"], s["end_ms"], s["text"]) for s in rows] == [
        (4500, 6800, "in large governments and why")
    ]
