"""Video ids and the links that open a video at a moment (the standard library's ``re`` only).

Kept apart from ``model`` so that a warm search, which prints links and skips
files whose names are not video ids, loads neither dataclasses nor the errors.
"""

from __future__ import annotations

import re

VIDEO_ID_RE = re.compile(r"^[A-Za-z0-9_-]{11}$")
"""An 11-character YouTube video id."""


def video_url(video_id: str, at_ms: int | None = None) -> str:
    """The watch URL of a video, opening at ``at_ms`` when given."""
    base = f"https://www.youtube.com/watch?v={video_id}"
    return base if at_ms is None else f"{base}&t={at_ms // 1000}s"
