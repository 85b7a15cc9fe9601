"""A small transcript this project wrote for the tagging tests, and helpers to store it."""

from __future__ import annotations

from aftershock_cli.core.model import Segment, Transcript
from aftershock_cli.workspace.folder import Workspace

VIDEO = "AbCdEfGhIj0"

LINES = (
    (0, 4000, "Welcome to the closing session on public sector work."),
    (4000, 5000, "Silos broke down across government departments."),
    (9000, 6000, "Joined up thinking became normal for many teams."),
    (15000, 6000, "Trust between local councils and citizens grew."),
    (21000, 9000, "We ran small experiments and learned from each one."),
    (30000, 10000, "Foresight helps governments prepare for the future."),
    (40000, 10000, "International cooperation across borders mattered too."),
    (50000, 10000, "Thank you all for joining us today."),
)


def transcript(video_id: str = VIDEO) -> Transcript:
    return Transcript(
        video_id=video_id,
        title="Closing session",
        channel="Example channel",
        duration_ms=60000,
        segments=tuple(Segment(s, d, t) for s, d, t in LINES),
        source="file:test",
    )


def store(ws: Workspace | None = None, video_id: str = VIDEO) -> Workspace:
    ws = ws or Workspace.discover()
    ws.save_transcript(transcript(video_id))
    return ws
