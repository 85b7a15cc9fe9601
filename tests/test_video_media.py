"""``fetch --file --media`` and ``videos edit --media``: a video's local recording."""

from __future__ import annotations

import json
from pathlib import Path

INFO = Path(__file__).parent / "fixtures" / "captions" / "Shared Tables [sHaredTab01].info.json"


def _stored(workspace_dir: Path) -> dict[str, object]:
    data = json.loads((workspace_dir / "transcripts" / "sHaredTab01.json").read_text())
    assert isinstance(data, dict)
    return data


def test_fetch_file_with_media_stores_a_workspace_relative_path(cli, workspace_dir: Path):
    (workspace_dir / "rec").mkdir()
    (workspace_dir / "rec" / "talk.wav").write_bytes(b"RIFF")
    r = cli("fetch", "--file", str(INFO), "--media", "rec/talk.wav")
    assert r.exit_code == 0, r.stderr
    assert _stored(workspace_dir)["media"] == "rec/talk.wav"


def test_media_outside_the_workspace_is_kept_absolute(cli, workspace_dir: Path, tmp_path: Path):
    outside = tmp_path / "elsewhere.mp4"
    outside.write_bytes(b"x")
    assert cli("fetch", "--file", str(INFO)).exit_code == 0
    assert "media" not in _stored(workspace_dir)
    r = cli("videos", "edit", "sHaredTab01", "--media", str(outside))
    shown = 'sHaredTab01: "Shared Tables: How Departments Learned to Talk", channel Civic '
    shown += "Futures Lab [[civicfutureslab]], en, "
    assert (r.exit_code, r.stderr) == (0, f"{shown}media {outside}\n")
    assert _stored(workspace_dir)["media"] == str(outside)
    r = cli("videos", "edit", "sHaredTab01", "--media", "")
    assert (r.exit_code, r.stderr) == (0, f"{shown}no media\n")
    assert "media" not in _stored(workspace_dir)


def test_media_errors(cli):
    r = cli("videos", "edit", "sHaredTab01", "--media", "talk.wav")
    assert (r.exit_code, r.stderr) == (
        1,
        "Error: no media file talk.wav; give the path of an audio or video recording of the talk\n",
    )
    Path("talk.wav").write_bytes(b"x")
    r = cli("videos", "edit", "sHaredTab01", "--media", "talk.wav")
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: no transcript of sHaredTab01 in ")
    r = cli("videos", "edit", "sHaredTab01")
    assert (r.exit_code, r.stderr) == (
        2,
        "Error: nothing to change; give --title, --channel, --lang or --media\n",
    )
    r = cli("fetch", "sHaredTab01", "--media", "talk.wav")
    assert (r.exit_code, r.stderr) == (
        2,
        "Error: --media, --title and --channel go with --file; for a stored video use "
        "'aftershock videos edit'\n",
    )


def test_refetch_keeps_the_media(cli, workspace_dir: Path):
    Path("talk.wav").write_bytes(b"x")
    assert cli("fetch", "--file", str(INFO), "--media", "talk.wav").exit_code == 0
    assert cli("fetch", "--file", str(INFO), "--refresh").exit_code == 0
    assert _stored(workspace_dir)["media"] == "talk.wav"
