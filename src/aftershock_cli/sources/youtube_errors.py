"""Turning every way a fetch can fail into one line that names the cause and the way out."""

from __future__ import annotations

from xml.etree.ElementTree import ParseError

import requests
from youtube_transcript_api import _errors as yt

from ..core.errors import FetchError

IMPORT_HINT = (
    "download the captions with yt-dlp "
    "('yt-dlp --skip-download --write-subs --write-auto-subs --sub-langs en URL') "
    "and import them with 'aftershock fetch {id} --file FILE'"
)
BLOCKED = (
    "YouTube is blocking requests from this IP (too many requests, or a "
    "'confirm you are not a bot' page); wait and retry, use --proxy URL "
    "(or set WEBSHARE_PROXY_USERNAME and WEBSHARE_PROXY_PASSWORD), or " + IMPORT_HINT
)
UNREADABLE = (
    "YouTube sent an empty or unreadable response; try again later, and if it "
    "persists upgrade youtube-transcript-api or " + IMPORT_HINT
)


def cause_of(video_id: str, exc: BaseException) -> str:
    """The user-facing cause of ``exc`` raised while fetching ``video_id``."""
    hint = IMPORT_HINT.format(id=video_id)
    if isinstance(exc, yt.RequestBlocked):  # IpBlocked included
        return BLOCKED.format(id=video_id)
    if isinstance(exc, yt.VideoUnavailable | yt.InvalidVideoId):
        return "the video is unavailable (removed, private, or a wrong id); check the id or URL"
    if isinstance(exc, yt.TranscriptsDisabled):
        return (
            "captions are disabled for this video; if you have a caption file, "
            f"import it with 'aftershock fetch {video_id} --file FILE'"
        )
    if isinstance(exc, yt.AgeRestricted):
        return (
            "the video is age-restricted and YouTube serves its captions only to signed-in "
            f"users; {hint} (with --cookies-from-browser)"
        )
    if isinstance(exc, yt.PoTokenRequired):
        return f"YouTube asks for a PO token before it serves these captions; {hint}"
    if isinstance(exc, yt.VideoUnplayable):
        reason = exc.reason or "no reason given"
        return f"the video cannot be played ({reason}); check it in a browser, or {hint}"
    if isinstance(exc, yt.FailedToCreateConsentCookie):
        return f"YouTube's cookie consent page could not be passed; try --proxy URL, or {hint}"
    if isinstance(exc, yt.YouTubeRequestFailed):
        status = _status(exc.reason)
        return f"YouTube answered with an error ({status}) after several tries; try again later"
    if isinstance(exc, yt.YouTubeDataUnparsable):
        return UNREADABLE.format(id=video_id)
    if isinstance(exc, requests.exceptions.ProxyError):
        return "the proxy refused the connection; check the --proxy URL and its credentials"
    if isinstance(exc, requests.Timeout):
        return (
            "YouTube did not answer in time, even after retries; check your connection "
            "and try again later"
        )
    if isinstance(exc, requests.ConnectionError):
        return "cannot reach YouTube (is the network down?); check your connection or --proxy"
    if isinstance(exc, ParseError | ValueError | KeyError | IndexError | TypeError):
        return UNREADABLE.format(id=video_id)
    if isinstance(exc, requests.RequestException):
        return f"the request to YouTube failed ({type(exc).__name__}); try again later"
    if isinstance(exc, yt.CouldNotRetrieveTranscript):
        first = str(exc.cause).strip().splitlines()
        return (first[0] if first else type(exc).__name__) + f"; {hint}"
    raise exc


def fetch_error(video_id: str, exc: BaseException) -> FetchError:
    return FetchError(video_id, cause_of(video_id, exc))


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
