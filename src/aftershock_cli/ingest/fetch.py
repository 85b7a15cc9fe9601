"""Fetching many videos into a workspace with a pool of workers.

Each worker thread keeps its own session and youtube-transcript-api object.
A transcript already stored (with segments) is skipped unless ``refresh``;
a failure never touches what is stored. The workers are daemon threads, so an
interrupt (Ctrl-C) stops the batch at once: no video is started after it, and
a request hung on an unresponsive proxy does not hold the process open.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..core.errors import AftershockError, BrokenFileError, Hint, HintKind, plain_text
from ..core.model import Transcript
from ..core.timecode import format_duration
from ..sources.listing import ListedVideo, with_listing
from ..sources.youtube import fetch_transcript
from ..sources.youtube_http import YouTubeSession, make_session
from ..workspace.folder import Workspace


@dataclass(frozen=True)
class FetchOptions:
    languages: Sequence[str] = ("en",)
    prefer: str = "manual"
    translate: str | None = None
    proxy: str | None = None
    refresh: bool = False


@dataclass(frozen=True)
class Outcome:
    """What happened to one video of a batch."""

    video_id: str
    status: str
    """``fetched``, ``skipped`` or ``failed``."""
    detail: str
    """What happened, in library words; ``hint`` adds the way out."""
    transcript: Transcript | None = None
    hint: Hint | None = None

    @property
    def text(self) -> str:
        """The detail with the way out in plain words."""
        return plain_text(self.detail, self.hint)

    def to_dict(self) -> dict[str, str]:
        return {"video_id": self.video_id, "status": self.status, "detail": self.text}


def describe(t: Transcript) -> str:
    """``"Title" (en, manual, 312 segments, 12m34s)``."""
    kind = "generated" if t.is_generated else "manual"
    parts = [t.language_code or "unknown language", kind, f"{len(t.segments)} segments"]
    if t.end_ms:
        parts.append(format_duration(t.end_ms))
    title = f'"{t.title}" ' if t.title else ""
    return f"{title}({', '.join(parts)})"


def merge_stored(new: Transcript, old: Transcript | None) -> Transcript:
    """Keep metadata a stored metadata-only transcript had and the new one lacks."""
    if old is None:
        return new
    fields = ("title", "channel", "channel_handle", "channel_id")
    kept = {f: getattr(old, f) for f in fields if not getattr(new, f) and getattr(old, f)}
    if new.duration_ms is None and old.duration_ms is not None:
        kept["duration_ms"] = old.duration_ms
    if not new.chapters and old.chapters:
        kept["chapters"] = old.chapters
    if not new.media and old.media:
        kept["media"] = old.media
    if not new.upload_date and old.upload_date:
        kept["upload_date"] = old.upload_date
    if new.playlist_index is None and old.playlist_index is not None:
        kept["playlist_index"] = old.playlist_index
    return replace(new, **kept) if kept else new


def stored_transcript(ws: Workspace, video_id: str, refresh: bool) -> Transcript | None:
    """The stored transcript, if any; with ``refresh`` one broken by hand counts as absent
    (it is about to be replaced), without it the BrokenFileError stands."""
    if not ws.has_transcript(video_id):
        return None
    try:
        return ws.load_transcript(video_id)
    except BrokenFileError:
        if refresh:
            return None
        raise


def with_fallbacks(ws: Workspace, transcript: Transcript) -> Transcript:
    """``transcript`` completed where nothing else named them: the workspace's
    ``channel`` setting as its channel (a team coding one channel's talks sets it once
    in aftershock.yaml), and the caption file's name as its title
    (``closing_session.en.vtt`` -> ``closing session``)."""
    default = str(ws.setting("channel") or "").strip()
    if default and not (transcript.channel or transcript.channel_handle):
        transcript = replace(transcript, channel=default)
    if not transcript.title and transcript.source.startswith("file:"):
        stem = transcript.source.removeprefix("file:").split(".", 1)[0]
        transcript = replace(transcript, title=" ".join(stem.replace("_", " ").split()))
    return transcript


def store(ws: Workspace, transcript: Transcript, refresh: bool) -> Outcome:
    """Save ``transcript`` unless a full one is stored and not ``refresh``.

    What is stored is read, checked and merged under the transcript's lock, so a
    transcript another process saves meanwhile is neither lost nor overwritten.
    """
    vid = transcript.video_id
    with ws.editing_transcript(vid, broken_ok=refresh) as stored:
        old = stored.transcript
        if old is not None and old.has_segments and not refresh:
            return Outcome(
                vid, "skipped", "already in the workspace", hint=Hint(HintKind.REFRESH_TO_REPLACE)
            )
        merged = with_fallbacks(ws, merge_stored(transcript, old))
        stored.transcript = merged
    return Outcome(vid, "fetched", describe(merged), merged)


def fetch_one(
    ws: Workspace,
    video_id: str,
    options: FetchOptions,
    session: object,
    listed: ListedVideo | None = None,
) -> Outcome:
    """Fetch one video and store it; ``listed`` adds what a series listing says of it."""
    assert isinstance(session, YouTubeSession)
    try:
        old = stored_transcript(ws, video_id, options.refresh)
        if old is not None and old.has_segments and not options.refresh:
            return Outcome(
                video_id,
                "skipped",
                "already in the workspace",
                hint=Hint(HintKind.REFRESH_TO_FETCH),
            )
        transcript = fetch_transcript(
            video_id,
            languages=options.languages,
            prefer=options.prefer,
            translate=options.translate,
            session=session,
        )
        if listed is not None:
            transcript = with_listing(transcript, listed)
        return store(ws, transcript, options.refresh)  # checks again, under the lock
    except AftershockError as exc:
        cause = exc.message.removeprefix(f"{video_id}: ")
        return Outcome(video_id, "failed", cause, hint=exc.hint)


def fetch_many(
    ws: Workspace,
    video_ids: Sequence[str],
    options: FetchOptions,
    jobs: int = 4,
    on_done: Callable[[Outcome], None] | None = None,
    new_session: Callable[[str | None], YouTubeSession] = make_session,
    listed: Mapping[str, ListedVideo] | None = None,
) -> list[Outcome]:
    """Fetch every video (duplicates once), ``jobs`` at a time; outcomes in input order.

    ``new_session`` makes each worker's HTTP session from the proxy URL; ``listed``
    gives, by video id, what a series listing says (upload date, duration, position).
    """
    known = listed or {}
    unique = list(dict.fromkeys(video_ids))
    local = threading.local()

    def work(video_id: str) -> Outcome:
        if not hasattr(local, "session"):
            local.session = new_session(options.proxy)
        outcome = fetch_one(ws, video_id, options, local.session, known.get(video_id))
        if on_done is not None:
            on_done(outcome)
        return outcome

    new_session(options.proxy)  # a bad --proxy fails once, before any work starts
    return _run_pool(work, unique, max(1, min(jobs, len(unique) or 1)))


def _run_pool(work: Callable[[str], Outcome], ids: Sequence[str], jobs: int) -> list[Outcome]:
    """``work`` of every id on ``jobs`` daemon threads; outcomes in the order of ``ids``.

    The calling thread waits in short steps, so an interrupt reaches it at once; it
    then stops the workers from taking more ids and is raised. An exception of a worker
    stops the others the same way and is raised here."""
    todo: queue.SimpleQueue[tuple[int, str]] = queue.SimpleQueue()
    for item in enumerate(ids):
        todo.put(item)
    results: list[Outcome | None] = [None] * len(ids)
    stop = threading.Event()
    errors: list[BaseException] = []

    def worker() -> None:
        while not stop.is_set():
            try:
                index, video_id = todo.get_nowait()
            except queue.Empty:
                return
            try:
                results[index] = work(video_id)
            except BaseException as exc:  # handed to the calling thread
                errors.append(exc)
                stop.set()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(jobs)]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(0.1)
    finally:
        stop.set()
    if errors:
        raise errors[0]
    return [r for r in results if r is not None]
