"""Fetching transcripts and their metadata from YouTube through youtube-transcript-api.

One ``YouTubeTranscriptApi`` per session (it is not thread-safe); the session
comes from ``youtube_http.make_session`` and brings timeouts, retries, the proxy
and the capture of the player response's ``videoDetails``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..core.clock import utc_now
from ..core.errors import FetchError, Hint, HintKind, InvalidInputError
from ..core.model import Segment, Transcript
from ..core.values import ms_from
from .caption_text import strip_formatting
from .youtube_errors import CAUGHT, fetch_error
from .youtube_http import YouTubeSession, make_session
from .youtube_meta import from_details, with_oembed

PREFERENCES = ("manual", "generated", "any")


@dataclass(frozen=True)
class Track:
    """A caption track YouTube offers for a video."""

    language_code: str
    language: str
    is_generated: bool
    translatable: bool

    @property
    def kind(self) -> str:
        return "generated" if self.is_generated else "manual"

    def describe(self) -> str:
        return f"{self.language_code} ({self.language}, {self.kind})"


def _track(item: Any) -> Track:
    return Track(item.language_code, item.language, item.is_generated, item.is_translatable)


def list_tracks(
    video_id: str, *, proxy: str | None = None, session: YouTubeSession | None = None
) -> list[Track]:
    """The caption tracks of a video (manual ones first). Raises FetchError."""
    session = session or make_session(proxy)
    try:
        return [_track(t) for t in _api(session).list(video_id)]
    except CAUGHT as exc:
        raise fetch_error(video_id, exc) from exc


def fetch_transcript(
    video_id: str,
    *,
    languages: Sequence[str] = ("en",),
    prefer: str = "manual",
    translate: str | None = None,
    proxy: str | None = None,
    session: YouTubeSession | None = None,
) -> Transcript:
    """Fetch a video's transcript with its title, channel, handle, channel id and duration.

    ``languages`` in priority order (``en`` also accepts ``en-GB``, ``en-US``);
    ``prefer``: ``manual`` (a manual track in any wanted language before a generated
    one), ``generated`` (the reverse) or ``any`` (the first wanted language wins,
    whatever the kind); ``translate``: a language code to translate into. Raises
    FetchError naming the video and the cause. ``video_id`` is an id already checked
    where it came in (command line, file).
    """
    if prefer not in PREFERENCES:
        raise InvalidInputError(f"prefer must be one of {', '.join(PREFERENCES)}, not '{prefer}'")
    session = session or make_session(proxy)
    try:
        listing = list(_api(session).list(video_id))
        chosen = choose_track(video_id, listing, languages, prefer, translate)
        # the library decodes the XML's entities; asked to keep formatting it removes
        # only what looks like a tag, so "x < 5 and y > 3" keeps its words
        fetched = chosen.fetch(preserve_formatting=True)
        segments = tuple(
            Segment(
                ms_from(s.start, "start", scale=1000),
                ms_from(s.duration, "duration", scale=1000),
                words,
            )
            for s in fetched
            if (words := " ".join(strip_formatting(s.text).split()))
        )
    except FetchError:
        raise
    except InvalidInputError as exc:
        raise FetchError(
            video_id, f"YouTube sent a caption time out of range: {exc.message}"
        ) from exc
    except CAUGHT as exc:
        raise fetch_error(video_id, exc) from exc
    if not segments:
        raise FetchError(
            video_id,
            f"the {chosen.language_code} caption track is empty",
            Hint(HintKind.OTHER_TRACK, video_id=video_id),
        )
    meta = with_oembed(from_details(session.details.get(video_id, {})), video_id, session)
    return Transcript(
        video_id=video_id,
        title=meta.title,
        channel=meta.channel,
        channel_handle=meta.channel_handle,
        channel_id=meta.channel_id,
        language_code=fetched.language_code,
        language=fetched.language,
        is_generated=fetched.is_generated,
        duration_ms=meta.duration_ms,
        segments=segments,
        source="youtube",
        fetched_at=utc_now(),
        chapters=meta.chapters,
    )


def _api(session: YouTubeSession) -> Any:
    from youtube_transcript_api import YouTubeTranscriptApi

    return YouTubeTranscriptApi(http_client=session)


def _matches(code: str, wanted: str, exact: bool) -> bool:
    if exact:
        return code.lower() == wanted.lower()
    return code.lower().split("-")[0] == wanted.lower().split("-")[0]


def rank_tracks(items: list[Any], languages: Sequence[str], prefer: str) -> list[Any]:
    """The tracks in the wanted languages, best first (exact codes before regional variants)."""
    order: list[tuple[int, int, int, Any]] = []
    for position, item in enumerate(items):
        for lang_index, wanted in enumerate(languages):
            if _matches(item.language_code, wanted, True):
                closeness = 0
            elif _matches(item.language_code, wanted, False):
                closeness = 1
            else:
                continue
            language_rank = lang_index * 2 + closeness
            kind_rank = 0
            if prefer != "any":
                kind_rank = (
                    int(item.is_generated) if prefer == "manual" else int(not item.is_generated)
                )
            order.append((kind_rank, language_rank, position, item))
            break
    if prefer == "any":
        order.sort(key=lambda row: (row[1], int(row[3].is_generated), row[2]))
    else:
        order.sort(key=lambda row: (row[0], row[1], row[2]))
    return [row[3] for row in order]


def choose_track(
    video_id: str,
    items: list[Any],
    languages: Sequence[str],
    prefer: str,
    translate: str | None,
) -> Any:
    """The track to fetch (translated when asked), or a FetchError that lists what exists."""
    ranked = rank_tracks(items, languages, prefer)
    available = ", ".join(_track(t).describe() for t in items) or "none"
    if translate:
        if ranked and ranked[0].language_code.lower() == translate.lower():
            return ranked[0]
        source = next((t for t in ranked if t.is_translatable), None)
        source = source or next((t for t in items if t.is_translatable), None)
        if source is None:
            raise FetchError(
                video_id,
                f"no track of this video can be translated (available: {available})",
                Hint(HintKind.CHOOSE_LISTED_TRACK, video_id=video_id),
            )
        codes = [lang.language_code for lang in source.translation_languages]
        if translate not in codes:
            raise FetchError(
                video_id,
                f"YouTube cannot translate this video's captions into '{translate}'; "
                f"choose one of: {', '.join(codes[:20])}{' ...' if len(codes) > 20 else ''}",
            )
        return source.translate(translate)
    if not ranked:
        wanted = ", ".join(languages)
        raise FetchError(
            video_id,
            f"no transcript in {wanted} (available: {available})",
            Hint(HintKind.CHOOSE_LANGUAGE, video_id=video_id),
        )
    return ranked[0]
