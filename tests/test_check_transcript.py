"""``aftershock check`` against a transcript: support scores, better moments, re-timing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import responses

from aftershock_cli.check.score import TranscriptIndex, stem, terms
from aftershock_cli.core.model import Segment, Transcript
from aftershock_cli.workspace.folder import Workspace
from fetch_fakes import add_video, watch_url

VID = "abcdefghijk"
FILLER = "so you know we were there and it was what it was"
SAYINGS = [
    "after the storm flooded the docks the harbour cranes had to be rebuilt",
    "our bakery cooperative shares ovens flour and delivery vans across villages",
    "the violin teachers started free lessons for pupils in rural schools",
    "satellite images showed glaciers retreating faster than the models predicted",
    "the council replaced paper permits with a single online licensing portal",
    "volunteer firefighters trained drone pilots to map wildfire fronts at night",
    "the library lends telescopes so families can watch meteor showers together",
    "tram drivers negotiated shorter shifts and quieter depots with management",
]


def transcript() -> Transcript:
    """Eight sayings 40 s apart, filler between them: 5 min 20 s of talk."""
    segments = []
    for i in range(64):
        text = SAYINGS[i // 8] if i % 8 == 0 else FILLER
        segments.append(Segment(i * 5000, 5000, text))
    return Transcript(VID, title="Talk", segments=tuple(segments), duration_ms=320_000)


def anchor(t: str) -> str:
    return f'<a class="yt-timestamp" data-t="{t}">[{t}]</a>'


def write_note(folder: Path, body: str) -> Path:
    path = folder / "n.md"
    path.write_text(f"---\ntitle: Talk\nvideoId: {VID}\n---\n\nFrom: [[c]] <br/> \n\n{body}")
    return path


@pytest.fixture
def stored(workspace_dir: Path) -> None:
    Workspace(workspace_dir).save_transcript(transcript())


BODY = (
    f"Bakers pool their ovens, flour and vans between villages {anchor('00:00:40')}. "
    f"The harbour cranes were rebuilt once the storm had flooded the docks {anchor('00:03:00')}. "
    f"Families borrow telescopes from the library to watch meteor showers {anchor('00:04:00')}."
)


def test_displaced_anchor_is_found_and_retimed(cli, workspace_dir: Path, stored: None):
    path = write_note(workspace_dir, BODY)
    result = cli("check", "n.md")
    assert result.exit_code == 0
    assert result.stdout == (
        f"n.md (video {VID}, transcript: workspace)\n"
        "  8:185  warning  displaced-anchor: the transcript at 00:03:00 holds 0% of the "
        "statement's words, at 00:00:00 100% -> 00:00:00\n"
        "  0 errors, 1 warning, 0 info\n"
        "Checked 1 note: 0 errors, 1 warning, 0 info; 1 fixable with --fix\n"
    )
    assert cli("check", "n.md", "--strict").exit_code == 1
    before = path.read_text()
    result = cli("check", "n.md", "--fix")
    assert (result.exit_code, result.stderr) == (0, "Fixed 1 anchor in 1 note\n")
    assert path.read_text() == before.replace(anchor("00:03:00"), anchor("00:00:00"))
    assert result.stdout.endswith("Checked 1 note: 0 errors, 0 warnings, 0 info\n")


def test_beyond_the_video(cli, workspace_dir: Path, stored: None):
    write_note(workspace_dir, f"Tram drivers won shorter shifts {anchor('05:35:00')}.")
    result = cli("check", "n.md", "-f", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["notes"][0]["transcript"] == "workspace"
    assert data["notes"][0]["findings"] == [
        {
            "severity": "warning",
            "code": "not-imported",
            "line": 8,
            "column": 1,
            "anchor": None,
            "message": "no tag is imported from this statement: "
            "time 05:35:00 is past the end of the video (00:05:20)",
            "suggestion": None,
            "fixable": False,
        },
        {
            "severity": "error",
            "code": "beyond-video",
            "line": 8,
            "column": 33,
            "anchor": anchor("05:35:00"),
            "message": "05:35:00 is past the end of the video (00:05:20)",
            "suggestion": None,
            "fixable": False,
        },
    ]


def test_shifted_time_that_fits_is_suggested(cli, workspace_dir: Path, stored: None):
    write_note(workspace_dir, f"Tram drivers won shorter shifts {anchor('04:40:00')}.")
    result = cli("check", "n.md", "-f", "json")
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["notes"][0]["findings"]
    assert finding["message"] == (
        "04:40:00 is past the end of the video (00:05:20); likely 00:04:40"
    )
    assert finding["suggestion"] == anchor("00:04:40")


def test_mismatch_is_resolved_by_the_transcript(cli, workspace_dir: Path, stored: None):
    wrong = '<a class="yt-timestamp" data-t="00:04:00">[00:01:20]</a>'
    path = write_note(
        workspace_dir, f"Violin teachers give free lessons to pupils of rural schools {wrong}."
    )
    result = cli("check", "n.md", "--fix")
    assert result.exit_code == 0
    assert path.read_text().endswith(f"rural schools {anchor('00:01:20')}.")


def test_caption_file_instead_of_the_workspace(cli, workspace_dir: Path):
    lines = []
    for i, saying in enumerate(SAYINGS):
        start, end = i * 40, i * 40 + 5
        lines.append(
            f"{i + 1}\n00:{start // 60:02d}:{start % 60:02d},000 --> "
            f"00:{end // 60:02d}:{end % 60:02d},000\n{saying}\n"
        )
    (workspace_dir / "talk.srt").write_text("\n".join(lines))
    write_note(workspace_dir, BODY)
    result = cli("check", "n.md", "--transcript", "talk.srt")
    assert result.stdout.splitlines()[0] == f"n.md (video {VID}, transcript: file:talk.srt)"
    assert "displaced-anchor" in result.stdout
    assert "-> 00:00:00" in result.stdout


@responses.activate
def test_fetch_uses_the_youtube_reader(cli, workspace_dir: Path):
    add_video(responses.mock, VID)
    write_note(workspace_dir, BODY)
    result = cli("check", "n.md", "--fetch", "--format", "json")
    assert responses.calls[0].request.url == watch_url(VID)
    note = json.loads(result.stdout)["notes"][0]
    assert (note["video_id"], note["transcript"]) == (VID, "youtube")


def test_transcript_and_fetch_exclude_each_other(cli, workspace_dir: Path):
    (workspace_dir / "t.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nhi\n")
    write_note(workspace_dir, BODY)
    result = cli("check", "n.md", "--transcript", "t.srt", "--fetch")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: give either --transcript or --fetch, not both\n",
    )


def test_weak_support_is_information(cli, workspace_dir: Path, stored: None):
    write_note(workspace_dir, f"Cranes, ovens, violins, glaciers and permits {anchor('00:00:00')}.")
    result = cli("check", "n.md")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == (
        "  8:46  info     weak-support: the transcript at 00:00:00 holds only 20% of the "
        "statement's words, and no other moment clearly more"
    )


def test_unknown_words_are_not_scored(cli, workspace_dir: Path, stored: None):
    write_note(
        workspace_dir, f"Submarine engineers discussed sonar hull welding {anchor('00:01:00')}."
    )
    result = cli("check", "n.md")
    assert (result.exit_code, result.stdout.splitlines()[0]) == (0, "n.md: ok")


def test_scores_are_deterministic_and_placed():
    index = TranscriptIndex(transcript().segments)
    first = index.assess("rebuilt harbour cranes after docks flooded", 180_000)
    again = index.assess("rebuilt harbour cranes after docks flooded", 180_000)
    assert first == again
    assert first is not None
    assert (first.cited, first.best, first.best_ms) == (0.0, 1.0, 0)
    assert index.assess("the and of", 0) is None


def test_terms_and_stemming():
    assert terms("The Cranes were REBUILT, rebuilding quickly!") == [
        "cran",
        "rebuilt",
        "rebuild",
        "quick",
    ]
    assert stem("villages") == stem("village")
    assert stem("flooded") == stem("flooding") == stem("floods")


@responses.activate
def test_fetch_replays_youtube(cli, workspace_dir: Path):
    from fetch_fakes import VIDEO, add_video

    add_video(responses.mock)
    body = (
        f"Three departments owned one bus route and none of them talked {anchor('00:00:08')}. "
        f"Everyone met at a shared table {anchor('01:10:00')}."
    )
    (workspace_dir / "panel.md").write_text(
        f"---\ntitle: Panel\nvideoId: {VIDEO}\n---\n\nFrom: [[c]] <br/> \n\n{body}"
    )
    result = cli("check", "panel.md", "--fetch")
    assert result.exit_code == 1
    assert result.stdout == (
        f"panel.md (video {VIDEO}, transcript: youtube)\n"
        "  8:152  error    beyond-video: 01:10:00 is past the end of the video (00:12:34) "
        "-> 00:01:10\n"
        "  1 error, 0 warnings, 0 info\n"
        "Checked 1 note: 1 error, 0 warnings, 0 info; 1 fixable with --fix\n"
    )
    assert not Workspace(workspace_dir).has_transcript(VIDEO)


@responses.activate
def test_fetch_failure_is_one_error_line(cli, workspace_dir: Path):
    from fetch_fakes import VIDEO, add_player, add_watch, player

    add_watch(responses.mock)
    add_player(responses.mock, data=player("player_unavailable.json"))
    # a.md needs no transcript (no valid videoId) and has a fixable anchor; it is checked
    # first, but must not be rewritten when panel.md's fetch then fails
    (workspace_dir / "a.md").write_text(
        '---\ntitle: A\n---\n\nWords <a class="yt-timestamp" data-t="0:10">[0:10]</a>.'
    )
    (workspace_dir / "panel.md").write_text(
        f"---\ntitle: Panel\nvideoId: {VIDEO}\n---\n\nFrom: [[c]] <br/> \n\nWords {anchor('0:08')}."
    )
    before = {p.name: p.read_bytes() for p in workspace_dir.glob("*.md")}
    result = cli("check", "a.md", "panel.md", "--fetch", "--fix")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: {VIDEO}: the video is unavailable (removed, private, or a wrong id); "
        "check the id or URL\n"
    )
    assert {p.name: p.read_bytes() for p in workspace_dir.glob("*.md")} == before


def test_report_and_fix_agree_on_a_mismatch_past_the_end(cli, workspace_dir: Path, stored: None):
    wrong = '<a class="yt-timestamp" data-t="04:40:00">[00:03:00]</a>'
    path = write_note(workspace_dir, f"Tram drivers won shorter shifts {wrong}.")
    result = cli("check", "n.md")
    assert result.stdout.splitlines()[1:3] == [
        "  8:33  error    beyond-video: 04:40:00 is past the end of the video (00:05:20) "
        "-> 00:03:00",
        "  8:33  error    time-mismatch: data-t is 04:40:00 but the text shows 00:03:00 "
        "-> 00:03:00",
    ]
    cli("check", "n.md", "--fix")
    assert path.read_text().endswith(f"shifts {anchor('00:03:00')}.")


HASHING_PROBE = """
import random
from aftershock_cli.check.score import TranscriptIndex
from aftershock_cli.core.model import Segment
words = [f"w{chr(97 + i % 26)}{chr(97 + i // 26)}x" for i in range(60)]
rng = random.Random(5)
segs = [
    Segment(i * 4000, 4000, " ".join(rng.choices(words, weights=range(60, 0, -1), k=8)))
    for i in range(300)
]
index = TranscriptIndex(segs)
print([index.assess(" ".join(rng.sample(words, 7)), rng.randrange(1_200_000)) for _ in range(40)])
"""


def test_scores_do_not_depend_on_string_hashing():
    """Sums over sets of terms run in a fixed order, so no score differs in its last bits
    from one run to the next (Python orders sets of strings by a per-run hash)."""
    import subprocess
    import sys

    outputs = {
        subprocess.run(
            [sys.executable, "-c", HASHING_PROBE],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(4)
    }
    assert len(outputs) == 1
