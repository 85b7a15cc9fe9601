"""Times written for people: ``9:14``, ``1:02:03``, ``01:02:03``, ``4m05s`` (no imports).

Reading the times people type is ``timecode``'s job, which re-exports these;
they live apart so that a warm search formats its times without loading
``timecode``'s parsers and errors.
"""

from __future__ import annotations


def format_hms(ms: int) -> str:
    """Render milliseconds as ``HH:MM:SS`` (the source format's anchor time)."""
    seconds = max(0, ms) // 1000
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def format_clock(ms: int) -> str:
    """Render milliseconds compactly for people: ``9:14`` or ``1:02:03``."""
    seconds = max(0, ms) // 1000
    h, m, s = seconds // 3600, seconds // 60 % 60, seconds % 60
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def format_range(start_ms: int, end_ms: int) -> str:
    """Render a range compactly for people: ``9:14-9:36``."""
    return f"{format_clock(start_ms)}-{format_clock(end_ms)}"


def format_duration(ms: int) -> str:
    """Render a length as ``1h02m03s``, ``4m05s`` or ``12s``."""
    seconds = max(0, ms) // 1000
    h, m, s = seconds // 3600, seconds // 60 % 60, seconds % 60
    if h:
        return f"{h}h{m:02d}m{s:02d}s"
    if m:
        return f"{m}m{s:02d}s"
    return f"{s}s"
