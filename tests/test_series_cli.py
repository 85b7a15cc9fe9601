"""``fetch PLAYLIST``, ``fetch --from-file listing.json``, ``series`` and ``videos --series``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import responses

from fetch_fakes import VIDEO, add_player, add_video, add_watch, player

SERIES = Path(__file__).parent / "fixtures" / "series"
PLAYLIST = "https://www.youtube.com/playlist?list=PLaftershockTestPlaylist00000000001"
CHANNEL = "https://www.youtube.com/@civicfutureslab"
OTHER = "sEcondTalk1"
THIRD = "tHirdTalk01"


def recorded(name: str) -> dict:
    return json.loads((SERIES / name).read_text(encoding="utf-8"))


@pytest.fixture
def listings(seams):
    """yt-dlp as the tests see it: each URL answers with a listing this project wrote."""
    answers = {PLAYLIST: "playlist.json", CHANNEL: "channel.json"}
    asked: list[str] = []

    def extract(url: str) -> dict:
        asked.append(url)
        return recorded(answers[url])

    seams.extract_listing = extract
    return asked


def stored(workspace_dir: Path, video_id: str) -> dict:
    return json.loads((workspace_dir / "transcripts" / f"{video_id}.json").read_text())


@responses.activate
def test_fetch_playlist_url_fetches_each_video_with_its_date(cli, workspace_dir, listings):
    add_video(responses.mock)
    add_watch(responses.mock, OTHER)
    add_player(responses.mock, OTHER, data=player("player_no_captions.json", OTHER))
    r = cli("--quiet", "fetch", PLAYLIST, "--format", "json")
    assert r.exit_code == 1  # one video failed
    assert [(o["video_id"], o["status"]) for o in json.loads(r.stdout)] == [
        (VIDEO, "fetched"),
        (OTHER, "failed"),
    ]
    assert r.stderr == (
        f"Error: {OTHER}: captions are disabled for this video; if you have a caption file, "
        f"import it with 'aftershock fetch {OTHER} --file FILE'\n"
    )
    data = stored(workspace_dir, VIDEO)
    assert (data["upload_date"], data["playlist_index"]) == ("2026-05-14", 1)
    assert list(data)[-3:] == ["upload_date", "playlist_index", "segments"]
    assert listings == [PLAYLIST]


@responses.activate
def test_fetch_one_video_keeps_the_file_shape(cli, workspace_dir):
    add_video(responses.mock)
    assert cli("fetch", VIDEO).exit_code == 0
    assert "upload_date" not in stored(workspace_dir, VIDEO)
    assert "playlist_index" not in stored(workspace_dir, VIDEO)


@responses.activate
def test_fetch_from_a_yt_dlp_listing_file(cli, workspace_dir):
    add_video(responses.mock)
    add_video(responses.mock, OTHER)
    r = cli("fetch", "--from-file", str(SERIES / "playlist.json"))
    assert r.exit_code == 0, r.stderr
    assert r.stderr.endswith("2 fetched, 0 skipped, 0 failed\n")
    data = stored(workspace_dir, OTHER)
    assert (data["upload_date"], data["playlist_index"]) == ("2026-05-28", 2)


def test_playlist_without_yt_dlp_names_the_install_command(cli, monkeypatch):
    monkeypatch.setitem(sys.modules, "yt_dlp", None)
    r = cli("fetch", PLAYLIST)
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: listing {PLAYLIST} needs yt-dlp, which is not installed; "
        'install it with: pip install "aftershock[series]"\n'
    )


def test_channel_page_of_tabs_says_which_tab_to_give(cli, seams):
    seams.extract_listing = lambda url: recorded("channel_tabs.json")
    r = cli("fetch", CHANNEL)
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: {CHANNEL} lists channel tabs, not videos; give its /videos or /streams tab "
        "(the channel URL ending in /videos or /streams)\n"
    )


@responses.activate
def test_series_sync_fetches_only_what_is_new(cli, workspace_dir, listings):
    r = cli("series", "add", "lab", CHANNEL)
    assert r.exit_code == 0, r.stderr
    assert r.stderr == (
        f"Added series lab: {CHANNEL} (fetch its videos with 'aftershock series sync lab')\n"
    )
    add_video(responses.mock)
    assert cli("fetch", VIDEO).exit_code == 0
    add_video(responses.mock, THIRD)
    add_video(responses.mock, OTHER)
    r = cli("series", "sync", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert [(o["video_id"], o["status"]) for o in json.loads(r.stdout)] == [
        (THIRD, "fetched"),
        (OTHER, "fetched"),
    ]
    assert r.stderr == "lab: 2 new of 3 listed\n"
    assert stored(workspace_dir, OTHER)["playlist_index"] == 3
    calls = len(responses.calls)
    r = cli("series", "sync", "lab")
    assert (r.exit_code, r.stdout) == (0, "")
    assert r.stderr == "lab: nothing new (3 listed, all in the workspace)\n"
    assert len(responses.calls) == calls  # nothing fetched


def test_series_list_as_json(cli, listings):
    cli("series", "add", "aftershock", PLAYLIST)
    r = cli("series", "list", "--format", "json")
    assert r.exit_code == 0
    assert json.loads(r.stdout) == [
        {
            "name": "aftershock",
            "title": "",
            "url": PLAYLIST,
            "listed": 0,
            "in_workspace": 0,
            "synced_at": None,
        }
    ]


@responses.activate
def test_videos_of_a_series(cli, listings):
    add_video(responses.mock)
    add_video(responses.mock, THIRD)
    cli("series", "add", "aftershock", PLAYLIST)
    cli("fetch", VIDEO, THIRD)
    cli("series", "sync", "aftershock")  # fetches sEcondTalk1: no HTTP answer, so it fails
    r = cli("videos", "--series", "aftershock", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert [row["video_id"] for row in json.loads(r.stdout)] == [VIDEO]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["series", "sync"],
            "the workspace follows no series; add one with 'aftershock series add NAME URL'",
        ),
        (
            ["videos", "--series", "talks"],
            "the workspace follows no series; add one with 'aftershock series add NAME URL'",
        ),
        (
            ["series", "add", "Talks", PLAYLIST],
            "'Talks' is not a series name; use lowercase letters, digits, '-' and '_' "
            "(as in gov-aftershock)",
        ),
        (
            ["series", "add", "talks", f"https://youtu.be/{VIDEO}"],
            f"'https://youtu.be/{VIDEO}' is not a YouTube playlist or channel URL; give one "
            "such as https://www.youtube.com/playlist?list=... or "
            "https://www.youtube.com/@handle/videos",
        ),
    ],
)
def test_series_mistakes(cli, args, message):
    r = cli(*args)
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == f"Error: {message}\n"


def test_unknown_or_repeated_series(cli):
    cli("series", "add", "talks", PLAYLIST)
    r = cli("series", "add", "talks", CHANNEL)
    assert r.stderr == "Error: the workspace follows a series named 'talks' already\n"
    r = cli("series", "sync", "panels")
    assert r.stderr == (
        "Error: no series 'panels' in this workspace; list them with 'aftershock series list'\n"
    )
