"""Series listings: yt-dlp's flat JSON read into typed records, offline."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from aftershock_cli.core.errors import AftershockError, InvalidInputError
from aftershock_cli.sources.listing import (
    ListedVideo,
    is_series_url,
    list_series,
    listing_from_info,
    read_listing_file,
)

SERIES = Path(__file__).parent / "fixtures" / "series"
PLAYLIST_URL = "https://www.youtube.com/playlist?list=PLaftershockTestPlaylist00000000001"


def recorded(name: str) -> dict:
    return json.loads((SERIES / name).read_text(encoding="utf-8"))


def test_playlist_file_gives_ids_dates_durations_and_places():
    listing = read_listing_file(SERIES / "playlist.json")
    assert listing.url == PLAYLIST_URL
    assert listing.title == "Government Aftershock (test playlist)"
    assert listing.videos == (
        ListedVideo(
            "fLoOdPanel1",
            "Rebuilding Trust After the Flood: A Panel",
            "Civic Futures Lab",
            "UCcivicFuturesLab0000001",
            754000,
            "2026-05-14",
            1,
        ),
        ListedVideo(
            "sEcondTalk1",
            "Listening Posts: What Residents Told Us",
            "Civic Futures Lab",
            "UCcivicFuturesLab0000001",
            321000,
            "2026-05-28",
            2,
        ),
    )


def test_channel_tabs_are_walked_and_each_video_listed_once():
    listing = list_series(
        "https://www.youtube.com/@civicfutureslab", extract=lambda url: recorded("channel.json")
    )
    assert [(v.video_id, v.position) for v in listing.videos] == [
        ("tHirdTalk01", 1),
        ("fLoOdPanel1", 2),
        ("sEcondTalk1", 3),
    ]
    assert listing.title == "Civic Futures Lab"


def test_channel_page_of_tabs_says_which_tab_to_give():
    with pytest.raises(InvalidInputError) as caught:
        listing_from_info(recorded("channel_tabs.json"), "https://www.youtube.com/@civicfutureslab")
    assert str(caught.value) == (
        "https://www.youtube.com/@civicfutureslab lists channel tabs, not videos; give the "
        "channel's videos or streams tab (its URL ending in /videos or /streams)"
    )


def test_broken_listing_file_names_the_line(tmp_path: Path):
    path = tmp_path / "listing.json"
    path.write_text('{"entries": [\n  {"id": }\n]}\n')
    with pytest.raises(InvalidInputError) as caught:
        read_listing_file(path)
    assert str(caught.value) == (
        f"{path}:2: not valid JSON (Expecting value); a series listing is the JSON yt-dlp "
        "writes for a flat playlist"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PLAYLIST_URL, True),
        ("youtube.com/playlist?list=PL1", True),
        ("https://www.youtube.com/@civicfutureslab", True),
        ("https://www.youtube.com/@civicfutureslab/videos", True),
        ("https://www.youtube.com/@civicfutureslab/search?query=trust", True),
        ("https://www.youtube.com/channel/UCcivicFuturesLab0000001/streams", True),
        ("https://www.youtube.com/watch?v=fLoOdPanel1&list=PL1", False),
        ("https://youtu.be/fLoOdPanel1", False),
        ("fLoOdPanel1", False),
        ("https://example.com/playlist?list=PL1", False),
    ],
)
def test_series_urls_are_told_from_video_urls(text: str, expected: bool):
    assert is_series_url(text) is expected


def test_without_yt_dlp_the_error_says_what_is_missing(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "yt_dlp", None)
    with pytest.raises(AftershockError) as caught:
        list_series(PLAYLIST_URL)
    assert str(caught.value) == (
        f"listing {PLAYLIST_URL} needs yt-dlp, which is not installed; install yt-dlp "
        "(the series extra of this package brings it)"
    )


@pytest.mark.live
@pytest.mark.skipif(
    not os.environ.get("AFTERSHOCK_LIVE_PLAYLIST"),
    reason="reaches YouTube; set AFTERSHOCK_LIVE_PLAYLIST to a playlist URL to run it",
)
def test_live_playlist_listing():  # pragma: no cover - reaches YouTube
    pytest.importorskip("yt_dlp")
    listing = list_series(os.environ["AFTERSHOCK_LIVE_PLAYLIST"])
    assert listing.videos
    assert all(len(v.video_id) == 11 and v.position for v in listing.videos)
