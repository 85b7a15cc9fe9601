"""Changing a stored video's own record (title, channel, language, recording), or
removing the video, under its lock."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from ..core.errors import Hint, HintKind, InvalidInputError, NotFoundError
from ..core.model import Transcript, handle_of
from ..workspace.folder import Workspace


@dataclass(frozen=True)
class VideoChanges:
    """What to change in a video's record; ``None`` leaves a field as it is."""

    media: Path | None = None
    """A local recording; an empty path (``Path("")``) removes the one stored."""
    title: str | None = None
    channel: str | None = None
    """The channel's name or ``@handle``; the handle the note's ``From:`` line names is
    made from it (``Civic Futures Lab`` -> ``civicfutureslab``)."""
    language_code: str | None = None

    def apply(self, transcript: Transcript, media: str | None) -> Transcript:
        """``transcript`` with these changes (``media`` already in its stored form)."""
        new = transcript
        if media is not None:
            new = replace(new, media=media)
        if self.title is not None:
            new = replace(new, title=self.title.strip())
        if self.channel is not None:
            name = self.channel.strip()
            handle = handle_of(name) if name else ""
            new = replace(new, channel=name.lstrip("@"), channel_handle=handle)
        if self.language_code is not None:
            new = replace(new, language_code=self.language_code.strip())
        return new


def media_value(ws: Workspace, path: Path) -> str:
    """How ``path`` is stored: relative to the workspace when it lies inside it (so the
    workspace can move, or be shared in git), else absolute. The file must exist."""
    if str(path) in ("", "."):
        return ""
    full = Path(os.path.abspath(path))
    if not full.is_file():
        raise InvalidInputError(
            f"no media file {path}; give the path of an audio or video recording of the talk"
        )
    root = Path(os.path.abspath(ws.root))
    try:
        return full.relative_to(root).as_posix()
    except ValueError:
        return str(full)


def media_path(ws: Workspace, transcript: Transcript) -> Path | None:
    """The recording of ``transcript`` on disk (a relative path is the workspace's), or None
    when it has none or the file is gone."""
    if not transcript.media:
        return None
    path = Path(transcript.media)
    if not path.is_absolute():
        path = ws.root / path
    return path if path.is_file() else None


def edit_video(ws: Workspace, video_id: str, changes: VideoChanges) -> Transcript:
    """Apply ``changes`` to the stored transcript of ``video_id``; returns the new record."""
    media = media_value(ws, changes.media) if changes.media is not None else None
    with ws.editing_transcript(video_id) as stored:
        if stored.transcript is None:
            raise NotFoundError(
                f"no transcript of {video_id} in {ws.root}",
                hint=Hint(HintKind.FETCH_VIDEO, video_id=video_id),
            )
        stored.transcript = changes.apply(stored.transcript, media)
        return stored.transcript


@dataclass(frozen=True)
class Removed:
    """What removing a video took away."""

    transcript: bool
    tags: int


def remove_video(ws: Workspace, video_id: str, *, keep_tags: bool = False) -> Removed:
    """Remove a video's transcript and (unless ``keep_tags``) its tag file; both are kept
    in the workspace history, so ``undo`` brings them back."""
    if video_id not in ws.video_ids():
        raise NotFoundError(f"no video {video_id} in {ws.root}", hint=Hint(HintKind.LIST_VIDEOS))
    had = ws.delete_transcript(video_id)
    tags = 0 if keep_tags else ws.delete_tags(video_id)
    return Removed(had, tags)
