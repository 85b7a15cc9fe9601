"""Fetch against the recorded YouTube responses shipped inside youtube-transcript-api's wheel.

They are read from the installed package at test time (never copied into this
repository); the test is skipped when the installed package lacks them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import responses

from aftershock_cli.sources.youtube import fetch_transcript


def _assets() -> Path:
    import youtube_transcript_api

    return Path(youtube_transcript_api.__file__).parent / "test" / "assets"


ASSETS = _assets()
pytestmark = pytest.mark.skipif(
    not (ASSETS / "youtube.innertube.json.static").is_file(),
    reason="youtube-transcript-api was installed without its recorded test assets",
)


@responses.activate
def test_fetch_against_recorded_responses():
    responses.get(
        "https://www.youtube.com/watch?v=GJLlxj_dtq8",
        body=(ASSETS / "youtube.html.static").read_text(encoding="utf-8"),
    )
    responses.post(
        re.compile(r"https://www\.youtube\.com/youtubei/v1/player\?key=.*"),
        body=(ASSETS / "youtube.innertube.json.static").read_text(encoding="utf-8"),
    )
    responses.get(
        re.compile(r"https://www\.youtube\.com/api/timedtext\?.*"),
        body=(ASSETS / "transcript.xml.static").read_text(encoding="utf-8"),
    )
    responses.get(re.compile(r"https://www\.youtube\.com/oembed\?.*"), status=404)
    t = fetch_transcript("GJLlxj_dtq8", languages=["de", "en"])
    assert (t.title, t.channel, t.duration_ms, t.language_code) == (
        "Surface Go Review - It’s Awesome",
        "Dave2D",
        316000,
        "de",
    )
    assert t.segments[0].start_ms == 0
    assert t.segments[0].text == "Hey, this is just a test"
    assert t.segments[1].text == "this is not the original transcript"
    assert all(s.text for s in t.segments)
