"""A stamp of the workspace's state, so that open pages notice changes made elsewhere
(the CLI, another tab, a colleague's process) by polling it."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ..workspace.folder import Workspace


def _entries(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    with os.scandir(folder) as found:
        return [f"{e.name}:{e.stat().st_mtime_ns}:{e.stat().st_size}" for e in found]


def stamp(ws: Workspace) -> str:
    """Changes whenever the codebook, a tag file, a transcript or the remembered
    rejections of suggestions are written (each write renames a new file into
    place, so its time and size change)."""
    parts = _entries(ws.tags_dir) + _entries(ws.transcripts_dir)
    for name, path in (("config", ws.config_path), ("rejected", ws.rejected_path)):
        if path.exists():
            st = path.stat()
            parts.append(f"{name}:{st.st_mtime_ns}:{st.st_size}")
    return hashlib.blake2b("\n".join(sorted(parts)).encode(), digest_size=8).hexdigest()
