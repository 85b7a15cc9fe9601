"""``aftershock videos``: the workspace's videos with their metadata and counts."""

from __future__ import annotations

import json
from pathlib import Path

from aftershock_cli.core.model import Tag
from aftershock_cli.workspace.folder import Workspace

INFO = Path(__file__).parent / "fixtures" / "captions" / "Shared Tables [sHaredTab01].info.json"


def test_videos_json_and_table(cli, workspace_dir: Path):
    assert cli("fetch", "--file", str(INFO)).exit_code == 0
    with Workspace(workspace_dir).editing_tags("sHaredTab01") as tf:
        tf.tags.append(Tag("tagone01", "sHaredTab01", 1000, 5000, ("cross-silo",)))
    with Workspace(workspace_dir).editing_tags("tAgsOnly001") as tf:
        tf.tags.append(Tag("tagtwo02", "tAgsOnly001", 1000, 5000, ("cross-silo",)))
    r = cli("videos", "--format", "json")
    assert r.exit_code == 0
    assert json.loads(r.stdout) == [
        {
            "video_id": "sHaredTab01",
            "title": "Shared Tables: How Departments Learned to Talk",
            "channel": "Civic Futures Lab",
            "channel_handle": "civicfutureslab",
            "upload_date": None,
            "language_code": "en",
            "duration_ms": 95000,
            "segments": 24,
            "tags": 1,
            "source": "file:Shared Tables [sHaredTab01].en.vtt",
        },
        {
            "video_id": "tAgsOnly001",
            "title": "",
            "channel": "",
            "channel_handle": "",
            "upload_date": None,
            "language_code": "",
            "duration_ms": None,
            "segments": 0,
            "tags": 1,
            "source": "",
        },
    ]
    r = cli("videos")
    lines = r.stdout.splitlines()
    assert [cell.strip() for cell in lines[0].split("┃")] == [
        "Video",
        "Title",
        "Channel",
        "Uploaded",
        "Lang",
        "Duration",
        "Segments",
        "Tags",
    ]
    cells = [cell.strip() for cell in lines[2].split("│")]
    assert cells[0] == "sHaredTab01"
    assert cells[3:] == ["", "en", "1m35s", "24", "1"]
    assert "tAgsOnly001" in r.stdout


def test_no_videos(cli):
    r = cli("videos")
    assert (r.exit_code, r.stdout) == (0, "")
    assert r.stderr.startswith("Warning: no videos in ")
    assert cli("videos", "--format", "json").stdout == "[]\n"


def test_a_broken_transcript_is_named_and_the_other_videos_still_listed(cli, workspace_dir):
    import json

    good = {
        "schema": "aftershock.transcript",
        "version": 1,
        "video_id": "aaaaaaaaaaa",
        "title": "Good talk",
        "segments": [{"start_ms": 0, "duration_ms": 1000, "text": "hello"}],
    }
    (workspace_dir / "transcripts").mkdir(exist_ok=True)
    (workspace_dir / "transcripts" / "aaaaaaaaaaa.json").write_text(json.dumps(good))
    broken = workspace_dir / "transcripts" / "bbbbbbbbbbb.json"
    broken.write_text('{"schema": "aftershock.transcript",\n  "version": 1,\n  oops}')
    result = cli("videos", "--format", "json")
    assert result.exit_code == 1
    assert [row["video_id"] for row in json.loads(result.stdout)] == ["aaaaaaaaaaa"]
    assert result.stderr == (
        f"Warning: {broken}:3: invalid JSON (Expecting property name enclosed in double quotes); "
        "fix the file by hand (it was left unchanged) and try again (the video is left out of this list)\n"
    )
    assert broken.read_text().endswith("oops}")


def test_videos_edit_completes_a_record_and_remove_takes_a_video_out(cli, workspace_dir):
    caption = workspace_dir / "talk.vtt"
    caption.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nHello.\n")
    cli("fetch", "rEmovable01", "--file", str(caption))
    cli("tag", "rEmovable01", "0:01-0:03", "cross-silo")
    edited = cli("videos", "edit", "rEmovable01", "--title", "Closing", "--channel", "@CivicLab")
    assert edited.stderr == (
        'rEmovable01: "Closing", channel CivicLab [[civiclab]], no language, no media\n'
    )
    assert "\nFrom: [[civiclab]] <br/> \n" in cli("export", "rEmovable01", "--format", "md").stdout
    removed = cli("videos", "remove", "rEmovable01")
    assert removed.stderr == "Removed rEmovable01: its transcript and 1 tag(s)\n"
    assert cli("videos", "-f", "json").stdout == "[]\n"
    assert cli("undo").exit_code == 0
    assert [v["video_id"] for v in json.loads(cli("videos", "-f", "json").stdout)] == [
        "rEmovable01"
    ]
    kept = cli("videos", "remove", "rEmovable01", "--keep-tags")
    assert kept.stderr == "Removed rEmovable01: its transcript\n"
    assert cli("tags", "rEmovable01", "-f", "json").exit_code == 0
    unknown = cli("videos", "remove", "nOsuchVid01")
    assert unknown.stderr.startswith("Error: no video nOsuchVid01 in ")
    assert unknown.stderr.endswith("; 'aftershock videos' lists the videos it has\n")
