"""The choices made so far in an interactive reconciling, kept so that it can resume.

Stored in ``.aftershock/reconcile/<video>-<coder>.json`` (local state, not kept in
git), written atomically under a lock; a choice whose stretch has changed since
(the tags were edited) no longer matches any stretch and is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import BrokenFileError
from ..core.model import check_video_id, slugify
from ..files import fsutil
from .reconcile import Choice

if TYPE_CHECKING:
    from ..workspace.folder import Workspace


def progress_path(ws: Workspace, video_id: str, into: str) -> Path:
    digest = hashlib.blake2b(into.encode(), digest_size=3).hexdigest()
    name = f"{check_video_id(video_id)}-{slugify(into) or 'coder'}-{digest}.json"
    return ws.state_dir() / "reconcile" / name


def load_choices(ws: Workspace, video_id: str, into: str) -> dict[str, Choice]:
    path = progress_path(ws, video_id, into)
    if not path.is_file():
        return {}
    data = fsutil.load_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("choices"), dict):
        raise BrokenFileError(
            path, "must hold the choices of a reconciling; delete it to start over"
        )
    return {key: _choice(value) for key, value in data["choices"].items()}


def _choice(value: Any) -> Choice:
    span = value.get("range_ms") if isinstance(value, dict) else None
    keep = bool(value.get("keep")) if isinstance(value, dict) else False
    return Choice(keep, (int(span[0]), int(span[1])) if span else None)


def save_choices(ws: Workspace, video_id: str, into: str, choices: dict[str, Choice]) -> None:
    path = progress_path(ws, video_id, into)
    data = {
        "video_id": video_id,
        "into": into,
        "choices": {
            k: {"keep": c.keep, "range_ms": list(c.range_ms) if c.range_ms else None}
            for k, c in choices.items()
        },
    }
    with ws.lock(f"reconcile-{video_id}"):
        fsutil.atomic_write_text(path, fsutil.dump_json(data))


def clear_choices(ws: Workspace, video_id: str, into: str) -> None:
    with ws.lock(f"reconcile-{video_id}"), contextlib.suppress(FileNotFoundError):
        progress_path(ws, video_id, into).unlink()
