"""What an export into a folder last wrote, so that an export with nothing changed
renders nothing.

The manifest (``.aftershock/exports/<hash of the folder>.json``) keeps, per video,
the size, modification time and inode of its transcript and tag files when they
were read, and the same of each file written for it. It is valid for one set of
export options, one ``aftershock.yaml`` (settings and codebook) and one version
of aftershock: a change of any of them renders everything again. A video is up
to date when its inputs and every one of its output files are as recorded; a
file edited or deleted since is rendered (and written) again, as it would be
without the manifest. Atomic replaces change the inode, so a workspace file
rewritten within the same clock tick at the same size is still seen.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..core.errors import WorkspaceError
from ..files import fsutil

if TYPE_CHECKING:
    from ..workspace.folder import Workspace

Stamp = tuple[int, int, int]
"""A file's size, modification time (ns) and inode."""


def stamp(path: Path) -> Stamp | None:
    """The file's ``Stamp``, or None when it is absent (or not a regular file)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino)


@dataclass(frozen=True)
class Entry:
    """One video as the last export left it."""

    inputs: tuple[Stamp | None, ...]
    files: tuple[tuple[str, Stamp], ...]
    """Each file written for the video: its name in the folder and its stamp."""
    messages: tuple[str, ...] = ()
    """What the formats said about it then (repeated when it is up to date)."""
    skipped: bool = False
    """It had no tags to export (with the filters): no file."""


@dataclass
class Manifest:
    """The manifest of one output folder (see the module)."""

    path: Path
    key: str
    entries: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def load(cls, ws: Workspace, out_dir: Path, settings: str) -> Manifest:
        """The manifest of ``out_dir``; empty when absent, unreadable or made with
        other ``settings`` (the format and options), another config or version."""
        folder = hashlib.sha256(str(out_dir.absolute()).encode()).hexdigest()[:20]
        path = ws.root / ".aftershock" / "exports" / f"{folder}.json"
        config = b""
        with contextlib.suppress(OSError):
            config = ws.config_path.read_bytes()
        key = hashlib.sha256(
            "\0".join([__version__, settings, hashlib.sha256(config).hexdigest()]).encode()
        ).hexdigest()
        manifest = cls(path, key)
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            data = json.loads(path.read_text("utf-8"))
            if data.get("key") == key:
                manifest.entries = {v: _entry(e) for v, e in data["videos"].items()}
        return manifest

    def inputs(self, ws: Workspace, video_id: str) -> tuple[Stamp | None, ...]:
        """The stamps of the video's transcript and tag file, read before rendering."""
        return (stamp(ws.transcript_path(video_id)), stamp(ws.tags_path(video_id)))

    def fresh(self, video_id: str, inputs: tuple[Stamp | None, ...], out_dir: Path) -> Entry | None:
        """The video's entry when nothing it depends on changed, else None."""
        entry = self.entries.get(video_id)
        if entry is None or entry.inputs != inputs:
            return None
        if any(stamp(out_dir / name) != recorded for name, recorded in entry.files):
            return None
        return entry

    def record(self, video_id: str, entry: Entry | None) -> None:
        """Keep what was exported of a video (None: forget it, it is rendered next time)."""
        if entry is None:
            self.entries.pop(video_id, None)
        else:
            self.entries[video_id] = entry

    def save(self, ws: Workspace) -> None:
        """Write the manifest; when the workspace's state folder cannot be written the
        export stands, and the next one renders everything again."""
        with contextlib.suppress(WorkspaceError):
            ws.state_dir()
            self._write()

    def _write(self) -> None:
        videos = {
            video_id: {
                "inputs": [list(s) if s else None for s in e.inputs],
                "files": [[name, *s] for name, s in e.files],
                "messages": list(e.messages),
                "skipped": e.skipped,
            }
            for video_id, e in self.entries.items()
        }
        fsutil.atomic_write_text(self.path, json.dumps({"key": self.key, "videos": videos}))


def _entry(data: dict[str, Any]) -> Entry:
    return Entry(
        inputs=tuple(_stamp(s) if s is not None else None for s in data["inputs"]),
        files=tuple((str(f[0]), _stamp(f[1:])) for f in data["files"]),
        messages=tuple(str(m) for m in data["messages"]),
        skipped=bool(data["skipped"]),
    )


def _stamp(values: list[Any]) -> Stamp:
    size, mtime, inode = (int(v) for v in values)
    return (size, mtime, inode)
