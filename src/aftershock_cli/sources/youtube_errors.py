"""Turning every way a fetch can fail into its cause and the kind of way out."""

from __future__ import annotations

from xml.etree.ElementTree import ParseError

import requests
from youtube_transcript_api import _errors as yt

from ..core.errors import FetchError, Hint, HintKind
from .youtube_http import unreachable

Cause = tuple[str, HintKind | None]
"""What went wrong, and the kind of way out."""

BLOCKED = "YouTube is blocking requests from this IP (too many requests, or a 'confirm you are not a bot' page)"
UNREADABLE = "YouTube sent an empty or unreadable response"


def cause_of(exc: BaseException) -> Cause:
    """What went wrong in ``exc``, raised while fetching a video, and the way out."""
    if isinstance(exc, yt.RequestBlocked):  # IpBlocked included
        return BLOCKED, HintKind.USE_PROXY
    if isinstance(exc, yt.VideoUnavailable | yt.InvalidVideoId):
        return (
            "the video is unavailable (removed, private, or a wrong id); check the id or URL",
            None,
        )
    if isinstance(exc, yt.TranscriptsDisabled):
        return "captions are disabled for this video", HintKind.IMPORT_CAPTION_FILE
    if isinstance(exc, yt.AgeRestricted):
        return (
            "the video is age-restricted and YouTube serves its captions only to signed-in users",
            HintKind.DOWNLOAD_CAPTIONS_SIGNED_IN,
        )
    if isinstance(exc, yt.PoTokenRequired):
        return (
            "YouTube asks for a PO token before it serves these captions",
            HintKind.DOWNLOAD_CAPTIONS,
        )
    if isinstance(exc, yt.VideoUnplayable):
        reason = exc.reason or "no reason given"
        return f"the video cannot be played ({reason})", HintKind.CHECK_IN_BROWSER
    if isinstance(exc, yt.FailedToCreateConsentCookie):
        return "YouTube's cookie consent page could not be passed", HintKind.TRY_PROXY
    return _network_cause(exc)


def _network_cause(exc: BaseException) -> Cause:
    if isinstance(exc, yt.YouTubeRequestFailed):
        status = _status(exc.reason)
        return (
            f"YouTube answered with an error ({status}) after several tries; try again later",
            None,
        )
    if isinstance(exc, yt.YouTubeDataUnparsable):
        return UNREADABLE, HintKind.UPGRADE_LIBRARY
    if isinstance(exc, requests.exceptions.ProxyError):
        return "the proxy refused the connection", HintKind.CHECK_PROXY
    if isinstance(exc, requests.Timeout):
        return (
            "YouTube did not answer in time, even after retries; check your connection "
            "and try again later",
            None,
        )
    if isinstance(exc, requests.ConnectionError):
        why = unreachable(exc)
        if why is not None:
            return f"cannot reach YouTube ({why}: is this machine offline?)", HintKind.WORK_OFFLINE
        return "cannot reach YouTube (is the network down?)", HintKind.CHECK_CONNECTION
    if isinstance(exc, ParseError | ValueError | KeyError | IndexError | TypeError):
        return UNREADABLE, HintKind.UPGRADE_LIBRARY
    if isinstance(exc, requests.RequestException):
        return f"the request to YouTube failed ({type(exc).__name__}); try again later", None
    if isinstance(exc, yt.CouldNotRetrieveTranscript):
        first = str(exc.cause).strip().splitlines()
        return (first[0] if first else type(exc).__name__), HintKind.DOWNLOAD_CAPTIONS
    raise exc


def fetch_error(video_id: str, exc: BaseException) -> FetchError:
    cause, kind = cause_of(exc)
    hint = Hint(kind, video_id=video_id) if kind is not None else None
    return FetchError(video_id, cause, hint)


def _status(reason: str) -> str:
    code = reason.split(" ", 1)[0]
    return f"HTTP {code}" if code.isdigit() else reason.split(" for url", 1)[0]


CAUGHT: tuple[type[BaseException], ...] = (
    yt.CouldNotRetrieveTranscript,
    requests.RequestException,
    ParseError,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
)
"""What a call into youtube-transcript-api may raise on a bad or missing answer."""
