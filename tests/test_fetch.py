"""Fetching from YouTube through youtube-transcript-api, replayed from the project's fixtures."""

from __future__ import annotations

import pytest
import requests
import responses

from aftershock_cli.cli.hints import render_error
from aftershock_cli.core.errors import FetchError
from aftershock_cli.core.model import Chapter, Segment
from aftershock_cli.sources import youtube_http
from aftershock_cli.sources.youtube import fetch_transcript, list_tracks
from fetch_fakes import (
    PLAYER_URL,
    VIDEO,
    add_oembed,
    add_player,
    add_video,
    add_watch,
    fixture,
    player,
    timedtext_url,
    watch_url,
)

BLOCKED = (
    f"{VIDEO}: YouTube is blocking requests from this IP (too many requests, or a "
    "'confirm you are not a bot' page); wait and retry, use --proxy URL "
    "(or set WEBSHARE_PROXY_USERNAME and WEBSHARE_PROXY_PASSWORD), or download the captions "
    "with yt-dlp ('yt-dlp --skip-download --write-subs --write-auto-subs --sub-langs en URL') "
    f"and import them with 'aftershock fetch {VIDEO} --file FILE'"
)


@pytest.fixture
def waits() -> list[float]:
    """The retry waits of ``session``."""
    return []


@pytest.fixture
def session(waits: list[float]) -> youtube_http.YouTubeSession:
    """A session whose retries record their waits in ``waits`` instead of sleeping."""
    return youtube_http.make_session(sleep=waits.append)


@responses.activate
def test_fetch_gets_segments_and_metadata(session: youtube_http.YouTubeSession):
    add_video(responses.mock)
    t = fetch_transcript(VIDEO, session=session)
    assert t.segments == (
        Segment(480, 3120, "Welcome, everyone, to the panel."),
        Segment(3600, 4050, "After the flood we & our neighbours had to start again."),
        Segment(8200, 5300, "Three departments owned one bus route and none of them talked."),
        Segment(13500, 4400, "So we set up a shared table every week."),
    )
    assert (t.title, t.channel, t.channel_handle, t.channel_id) == (
        "Rebuilding Trust After the Flood: A Panel",
        "Civic Futures Lab",
        "civicfutureslab",
        "UCfakeCivicFuturesLab0001",
    )
    assert (t.language_code, t.language, t.is_generated, t.duration_ms) == (
        "en",
        "English",
        False,
        754000,
    )
    assert t.chapters == (
        Chapter(0, "Welcome"),
        Chapter(130000, "Shared tables"),
        Chapter(525000, "Questions"),
    )
    assert t.source == "youtube"
    assert t.fetched_at.endswith("Z")


@responses.activate
def test_metadata_comes_from_the_player_response_without_extra_requests_when_complete(
    session: youtube_http.YouTubeSession,
):
    data = player()
    data["microformat"] = {
        "playerMicroformatRenderer": {"ownerProfileUrl": "http://www.youtube.com/@CivicFuturesLab"}
    }
    add_watch(responses.mock)
    add_player(responses.mock, data=data)
    responses.get(timedtext_url(), body=fixture("timedtext.xml"))
    t = fetch_transcript(VIDEO, session=session)
    assert t.channel_handle == "civicfutureslab"
    assert [c.request.url.split("?")[0] for c in responses.calls] == [
        "https://www.youtube.com/watch",
        "https://www.youtube.com/youtubei/v1/player",
        "https://www.youtube.com/api/timedtext",
    ]


@responses.activate
def test_oembed_fills_what_the_player_lacks_and_its_failure_is_harmless(
    session: youtube_http.YouTubeSession,
):
    data = player()
    del data["videoDetails"]
    add_watch(responses.mock)
    add_player(responses.mock, data=data)
    responses.get(timedtext_url(), body=fixture("timedtext.xml"))
    add_oembed(responses.mock, status=404, json={})
    t = fetch_transcript(VIDEO, session=session)
    assert (t.title, t.channel, t.channel_handle, t.duration_ms) == ("", "", "", None)
    assert len(t.segments) == 4


@responses.activate
def test_language_priority_and_regional_fallback(session: youtube_http.YouTubeSession):
    add_video(responses.mock, lang="de")
    assert (
        fetch_transcript(VIDEO, languages=["fr", "de", "en"], session=session).language_code == "de"
    )
    data = player(video_id="regionalEnG")
    tracks = data["captions"]["playerCaptionsTracklistRenderer"]["captionTracks"]
    tracks[0]["languageCode"] = "en-GB"
    tracks[0]["baseUrl"] = timedtext_url("regionalEnG", "en-GB")
    del tracks[1]
    add_video(responses.mock, "regionalEnG", data=data, lang="en-GB")
    assert (
        fetch_transcript("regionalEnG", languages=["en"], session=session).language_code == "en-GB"
    )


@responses.activate
def test_prefer_generated_takes_the_asr_track(session: youtube_http.YouTubeSession):
    add_video(responses.mock, extra="&kind=asr")
    t = fetch_transcript(VIDEO, prefer="generated", session=session)
    assert (t.language_code, t.is_generated) == ("en", True)


@responses.activate
def test_translate(session: youtube_http.YouTubeSession):
    add_video(responses.mock, extra="&tlang=fr")
    t = fetch_transcript(VIDEO, translate="fr", session=session)
    assert (t.language_code, t.language, t.is_generated) == ("fr", "French", True)


@responses.activate
def test_translation_not_available(session: youtube_http.YouTubeSession):
    add_watch(responses.mock)
    add_player(responses.mock)
    with pytest.raises(FetchError) as err:
        fetch_transcript(VIDEO, translate="ja", session=session)
    assert render_error(err.value) == (
        f"{VIDEO}: YouTube cannot translate this video's captions into 'ja'; choose one of: fr, es"
    )


@responses.activate
def test_no_track_in_the_wanted_languages_lists_what_exists(session: youtube_http.YouTubeSession):
    add_watch(responses.mock)
    add_player(responses.mock)
    with pytest.raises(FetchError) as err:
        fetch_transcript(VIDEO, languages=["ja", "ko"], session=session)
    assert render_error(err.value) == (
        f"{VIDEO}: no transcript in ja, ko (available: en (English, manual), "
        "de (German, manual), en (English (auto-generated), generated)); "
        "choose one with --lang, or translate with --translate CODE"
    )


@responses.activate
def test_list_tracks(session: youtube_http.YouTubeSession):
    add_watch(responses.mock)
    add_player(responses.mock)
    tracks = list_tracks(VIDEO, session=session)
    assert [(t.language_code, t.kind, t.translatable) for t in tracks] == [
        ("en", "manual", True),
        ("de", "manual", True),
        ("en", "generated", True),
    ]


FAILURES = [
    (
        "player_unavailable.json",
        "the video is unavailable (removed, private, or a wrong id); check the id or URL",
    ),
    (
        "player_no_captions.json",
        "captions are disabled for this video; if you have a caption file, "
        f"import it with 'aftershock fetch {VIDEO} --file FILE'",
    ),
    (
        "player_age_restricted.json",
        "the video is age-restricted and YouTube serves its captions only to signed-in users; "
        "download the captions with yt-dlp ('yt-dlp --skip-download --write-subs "
        "--write-auto-subs --sub-langs en URL') and import them with "
        f"'aftershock fetch {VIDEO} --file FILE' (with --cookies-from-browser)",
    ),
    ("player_bot_check.json", BLOCKED.removeprefix(f"{VIDEO}: ")),
    (
        "player_unplayable.json",
        "the video cannot be played (Video unavailable in your country); check it in a browser, "
        "or download the captions with yt-dlp ('yt-dlp --skip-download --write-subs "
        f"--write-auto-subs --sub-langs en URL') and import them with 'aftershock fetch {VIDEO} "
        "--file FILE'",
    ),
]


@pytest.mark.parametrize(("name", "cause"), FAILURES)
@responses.activate
def test_player_failures_name_the_cause(
    session: youtube_http.YouTubeSession, name: str, cause: str
):
    add_watch(responses.mock)
    add_player(responses.mock, data=player(name))
    with pytest.raises(FetchError) as err:
        fetch_transcript(VIDEO, session=session)
    assert render_error(err.value) == f"{VIDEO}: {cause}"


@responses.activate
def test_po_token_required(session: youtube_http.YouTubeSession):
    add_watch(responses.mock)
    add_player(responses.mock, data=player("player_po_token.json"))
    with pytest.raises(FetchError, match="YouTube asks for a PO token before it serves"):
        fetch_transcript(VIDEO, session=session)


@responses.activate
def test_captcha_page_means_blocked(session: youtube_http.YouTubeSession):
    add_watch(responses.mock, body=fixture("captcha.html"))
    with pytest.raises(FetchError) as err:
        fetch_transcript(VIDEO, session=session)
    assert render_error(err.value) == BLOCKED


@responses.activate
def test_429_is_retried_honouring_retry_after_then_succeeds(
    session: youtube_http.YouTubeSession, waits: list[float]
):
    responses.get(watch_url(), status=429, headers={"Retry-After": "7"})
    add_video(responses.mock)
    assert len(fetch_transcript(VIDEO, session=session).segments) == 4
    assert waits == [7.0]


@responses.activate
def test_429_every_time_is_blocked_after_backoff(
    session: youtube_http.YouTubeSession, waits: list[float]
):
    for _ in range(4):
        responses.get(watch_url(), status=429)
    with pytest.raises(FetchError) as err:
        fetch_transcript(VIDEO, session=session)
    assert render_error(err.value) == BLOCKED
    assert len(waits) == 3
    assert 1.0 <= waits[0] <= 2.0 and 2.0 <= waits[1] <= 4.0 and 4.0 <= waits[2] <= 8.0


@responses.activate
def test_timeout_then_success(session: youtube_http.YouTubeSession, waits: list[float]):
    add_watch(responses.mock)
    responses.post(PLAYER_URL, body=requests.exceptions.ReadTimeout("read timed out"))
    add_video(responses.mock)
    assert len(fetch_transcript(VIDEO, session=session).segments) == 4
    assert len(waits) == 1


@responses.activate
def test_timeouts_every_time(session: youtube_http.YouTubeSession):
    for _ in range(4):
        responses.get(watch_url(), body=requests.exceptions.ConnectTimeout("timed out"))
    with pytest.raises(FetchError) as err:
        fetch_transcript(VIDEO, session=session)
    assert render_error(err.value) == (
        f"{VIDEO}: YouTube did not answer in time, even after retries; check your connection "
        "and try again later"
    )


@responses.activate
def test_network_down(session: youtube_http.YouTubeSession):
    for _ in range(4):
        responses.get(watch_url(), body=requests.exceptions.ConnectionError("no route"))
    with pytest.raises(FetchError) as err:
        fetch_transcript(VIDEO, session=session)
    assert render_error(err.value) == (
        f"{VIDEO}: cannot reach YouTube (is the network down?); check your connection or --proxy"
    )


def _unresolvable() -> requests.exceptions.ConnectionError:
    import socket

    error = requests.exceptions.ConnectionError("Max retries exceeded")
    error.__cause__ = socket.gaierror(-2, "Name or service not known")
    return error


@responses.activate
def test_no_network_fails_at_once_and_names_the_offline_way():
    responses.get(watch_url(), body=_unresolvable())
    with pytest.raises(FetchError) as err:
        fetch_transcript(VIDEO)
    assert len(responses.calls) == 1  # a name that does not resolve is not retried
    assert render_error(err.value) == (
        f"{VIDEO}: cannot reach YouTube (the name www.youtube.com does not resolve: is this "
        f"machine offline?); to work offline, import a caption file with "
        f"'aftershock fetch {VIDEO} --file FILE'"
    )


@responses.activate
def test_a_refused_connection_is_not_retried():
    error = requests.exceptions.ConnectionError("refused")
    error.__context__ = ConnectionRefusedError(111, "Connection refused")
    responses.get(watch_url(), body=error)
    with pytest.raises(FetchError) as err:
        fetch_transcript(VIDEO)
    assert len(responses.calls) == 1
    assert "(the connection was refused: is this machine offline?)" in str(err.value)


@responses.activate
def test_server_error_after_retries(session: youtube_http.YouTubeSession):
    for _ in range(4):
        responses.get(watch_url(), status=503)
    with pytest.raises(FetchError) as err:
        fetch_transcript(VIDEO, session=session)
    assert render_error(err.value) == (
        f"{VIDEO}: YouTube answered with an error (HTTP 503) after several tries; try again later"
    )


UNREADABLE = (
    f"{VIDEO}: YouTube sent an empty or unreadable response; try again later, and if it "
    "persists upgrade youtube-transcript-api or download the captions with yt-dlp "
    "('yt-dlp --skip-download --write-subs --write-auto-subs --sub-langs en URL') "
    f"and import them with 'aftershock fetch {VIDEO} --file FILE'"
)


@pytest.mark.parametrize("body", ["", fixture("timedtext_cut.xml")])
@responses.activate
def test_unparsable_captions(session: youtube_http.YouTubeSession, body: str):
    add_watch(responses.mock)
    add_player(responses.mock)
    responses.get(timedtext_url(), body=body)
    with pytest.raises(FetchError) as err:
        fetch_transcript(VIDEO, session=session)
    assert render_error(err.value) == UNREADABLE


@responses.activate
def test_unparsable_player_response(session: youtube_http.YouTubeSession):
    add_watch(responses.mock)
    add_player(responses.mock, body="<html>not json</html>")
    with pytest.raises(FetchError) as err:
        fetch_transcript(VIDEO, session=session)
    assert render_error(err.value) == UNREADABLE


@responses.activate
def test_empty_caption_track(session: youtube_http.YouTubeSession):
    add_video(responses.mock, xml="timedtext_empty.xml")
    with pytest.raises(FetchError) as err:
        fetch_transcript(VIDEO, session=session)
    assert render_error(err.value) == (
        f"{VIDEO}: the en caption track is empty; try another with --lang (see --list), "
        "or import a caption file with --file"
    )


def test_bad_proxy_url():
    from aftershock_cli.core.errors import InvalidInputError

    with pytest.raises(InvalidInputError, match=r"'proxy\.example:80' is not a proxy URL"):
        fetch_transcript(VIDEO, proxy="proxy.example:80")


@responses.activate
def test_proxy_is_used_for_requests():
    add_video(responses.mock)
    fetch_transcript(VIDEO, proxy="http://user:pw@proxy.example:8080")
    assert responses.calls[0].request.headers["Connection"] == "close"


def test_retry_after_as_http_date():
    assert youtube_http.parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert youtube_http.parse_retry_after("120") == 120.0
    assert youtube_http.parse_retry_after("soon") is None


COMPARISONS_XML = (
    '<?xml version="1.0" encoding="utf-8" ?><transcript>'
    '<text start="1.5" dur="2.0">if x &amp;lt; 5 and y &amp;gt; 3 then</text>'
    '<text start="3.5" dur="2.0">a &amp;lt;b and c&amp;gt; d, &lt;i&gt;Tom&lt;/i&gt; '
    "&amp;amp; Jerry</text></transcript>"
)


@responses.activate
def test_fetched_text_keeps_words_between_angle_brackets(session: youtube_http.YouTubeSession):
    add_watch(responses.mock)
    add_player(responses.mock)
    responses.get(timedtext_url(), body=COMPARISONS_XML)
    add_oembed(responses.mock)
    assert fetch_transcript(VIDEO, session=session).segments == (
        Segment(1500, 2000, "if x < 5 and y > 3 then"),
        Segment(3500, 2000, "a <b and c> d, Tom & Jerry"),
    )
