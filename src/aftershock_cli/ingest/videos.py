"""Changing a stored video's own record (today its local recording) under its lock."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from ..core.errors import InvalidInputError, NotFoundError
from ..core.model import Transcript
from ..workspace.folder import Workspace


@dataclass(frozen=True)
class VideoChanges:
    """What to change in a video's record; ``None`` leaves a field as it is.

    Made to grow: a title, channel or language would be further fields here.
    """

    media: Path | None = None
    """A local recording; an empty path (``Path("")``) removes the one stored."""


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
    with ws.editing_transcript(video_id) as save:
        if not ws.has_transcript(video_id):
            raise NotFoundError(
                f"no transcript of {video_id} in {ws.root}; fetch or import it first "
                f"('aftershock fetch {video_id}')"
            )
        new = ws.load_transcript(video_id)
        if media is not None:
            new = replace(new, media=media)
        save(new)
    return new
