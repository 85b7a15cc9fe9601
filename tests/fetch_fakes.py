"""YouTube as the fetch tests see it: the project's own fixtures replayed with ``responses``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import responses
from responses import matchers

FIXTURES = Path(__file__).parent / "fixtures" / "youtube"
API_KEY = "AIzaSyFakeKeyWrittenForAftershockTests"
PLAYER_URL = f"https://www.youtube.com/youtubei/v1/player?key={API_KEY}"
OEMBED_URL = "https://www.youtube.com/oembed"
VIDEO = "fLoOdPanel1"


def fixture(name: str, video_id: str = VIDEO) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8").replace("VIDEO_ID", video_id)


def player(name: str = "player.json", video_id: str = VIDEO) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(fixture(name, video_id))
    return data


def watch_url(video_id: str = VIDEO) -> str:
    return f"https://www.youtube.com/watch?v={video_id}"


def timedtext_url(video_id: str = VIDEO, lang: str = "en", extra: str = "") -> str:
    return f"https://www.youtube.com/api/timedtext?v={video_id}&lang={lang}{extra}"


def add_watch(rsps: responses.RequestsMock, video_id: str = VIDEO, **kwargs: Any) -> None:
    kwargs.setdefault("body", fixture("watch.html", video_id))
    rsps.get(watch_url(video_id), **kwargs)


def add_player(
    rsps: responses.RequestsMock,
    video_id: str = VIDEO,
    data: dict[str, Any] | None = None,
    **kwargs: Any,
) -> None:
    if "body" not in kwargs:
        kwargs["json"] = data if data is not None else player(video_id=video_id)
    rsps.post(
        PLAYER_URL,
        match=[matchers.json_params_matcher({"videoId": video_id}, strict_match=False)],
        **kwargs,
    )


def add_oembed(rsps: responses.RequestsMock, video_id: str = VIDEO, **kwargs: Any) -> None:
    kwargs.setdefault("json", json.loads(fixture("oembed.json", video_id)))
    rsps.get(
        OEMBED_URL,
        match=[
            matchers.query_param_matcher(
                {"url": f"https://www.youtube.com/watch?v={video_id}", "format": "json"}
            )
        ],
        **kwargs,
    )


def add_video(
    rsps: responses.RequestsMock,
    video_id: str = VIDEO,
    *,
    data: dict[str, Any] | None = None,
    lang: str = "en",
    extra: str = "",
    xml: str = "timedtext.xml",
) -> None:
    """Register a whole successful fetch: watch page, player, captions and oEmbed."""
    add_watch(rsps, video_id)
    add_player(rsps, video_id, data)
    rsps.get(timedtext_url(video_id, lang, extra), body=fixture(xml, video_id))
    add_oembed(rsps, video_id)
