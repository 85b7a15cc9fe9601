"""Speaker voices in WebVTT (``<v Name>``) are kept as each segment's speaker."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

VID = "vOiceTalk01"
VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Ana Ruiz>Welcome to the panel.

00:00:04.000 --> 00:00:08.000
<v.moderator Ben>Thank you, Ana.
Let us start with silos.

00:00:08.000 --> 00:00:12.000
And how they broke down.
"""


def _fetch(cli, workspace_dir: Path) -> None:
    caption = workspace_dir / "panel.vtt"
    caption.write_text(VTT)
    assert cli("fetch", VID, "--file", str(caption)).exit_code == 0


def test_show_names_the_speaker_of_each_line(cli, workspace_dir: Path):
    _fetch(cli, workspace_dir)
    assert cli("show", VID).stdout == (
        "[00:00:01] Ana Ruiz: Welcome to the panel.\n"
        "[00:00:04] Ben: Thank you, Ana. Let us start with silos.\n"
        "[00:00:08] And how they broke down.\n"
    )
    rows = json.loads(cli("show", VID, "-f", "json").stdout)["segments"]
    assert [r.get("speaker") for r in rows] == ["Ana Ruiz", "Ben", None]


def test_the_speaker_is_stored_and_read_back_through_webvtt(cli, workspace_dir: Path):
    _fetch(cli, workspace_dir)
    stored = json.loads((workspace_dir / "transcripts" / f"{VID}.json").read_text())
    assert [s.get("speaker") for s in stored["segments"]] == ["Ana Ruiz", "Ben", None]
    again = workspace_dir / "again.vtt"
    again.write_text(cli("show", VID, "-f", "vtt").stdout)
    assert "<v Ana Ruiz>Welcome to the panel." in again.read_text()
    assert cli("fetch", "vOiceTalk02", "--file", str(again)).exit_code == 0
    assert cli("show", "vOiceTalk02").stdout == cli("show", VID).stdout


def test_exports_list_who_speaks_in_each_tag(cli, workspace_dir: Path):
    _fetch(cli, workspace_dir)
    assert cli("tag", VID, "0:01-0:07", "cross-silo").exit_code == 0
    assert cli("tag", VID, "0:08-0:12", "relationships").exit_code == 0
    doc = json.loads(cli("export", VID, "--format", "json").stdout)
    assert [t["speakers"] for t in doc["tags"]] == [["Ana Ruiz", "Ben"], []]
    rows = list(csv.DictReader(io.StringIO(cli("export", VID, "--format", "csv").stdout)))
    assert [r["speakers"] for r in rows] == ["Ana Ruiz; Ben", ""]


def test_search_keeps_to_one_speaker(cli, workspace_dir: Path):
    _fetch(cli, workspace_dir)
    everyone = json.loads(cli("search", "panel OR silos", "-f", "json").stdout)
    assert sorted(h["speaker"] for h in everyone) == ["Ana Ruiz", "Ben"]
    ben = json.loads(cli("search", "panel OR silos", "--speaker", "ben", "-f", "json").stdout)
    assert [(h["speaker"], h["time"]) for h in ben] == [("Ben", "0:04")]


def test_tag_match_keeps_to_one_speaker(cli, workspace_dir: Path):
    _fetch(cli, workspace_dir)
    result = cli(
        "tag", VID, "--match", "panel", "--match", "silos", "--speaker", "BEN", "cross-silo"
    )
    assert result.exit_code == 0, result.stderr
    tags = json.loads(cli("tags", VID, "-f", "json").stdout)
    assert [(t["start_ms"], t["end_ms"]) for t in tags] == [(4000, 8000)]
    wrong = cli("tag", VID, "--match", "panel", "--speaker", "Cleo", "cross-silo")
    assert wrong.stderr == f"Error: no speaker 'Cleo' in {VID}; its speakers: Ana Ruiz, Ben\n"
    alone = cli("tag", VID, "0:01-0:04", "--speaker", "Ben", "cross-silo")
    assert (alone.exit_code, alone.stderr) == (
        2,
        "Error: --speaker goes with --match WORDS; give the words to find\n",
    )
