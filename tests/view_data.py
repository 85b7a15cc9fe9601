"""A workspace for the view's tests: the tagging transcript with a short WAV recording
made here, and helpers to reach the app in-process."""

from __future__ import annotations

import wave
from dataclasses import replace
from pathlib import Path

from aftershock_cli.workspace.folder import Workspace
from tagging_data import VIDEO, transcript

TOKEN = "test-token-0123456789"
BASE = "http://127.0.0.1:8000"


def write_wav(path: Path, seconds: int) -> None:
    """A silent mono WAV of ``seconds``: enough for a player to load and seek."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(4000)
        out.writeframes(b"\x80" * 4000 * seconds)


def media_workspace(root: Path) -> Workspace:
    """The tagging transcript (one minute, eight segments) with ``talk.wav`` beside it."""
    ws = Workspace(root) if (root / "aftershock.yaml").is_file() else Workspace.init(root)
    write_wav(root / "talk.wav", 60)
    ws.save_transcript(replace(transcript(), media="talk.wav"))
    return ws


__all__ = ["BASE", "TOKEN", "VIDEO", "media_workspace", "write_wav"]
