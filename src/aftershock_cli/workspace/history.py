"""The history of changes to a workspace, kept so that the last one can be taken back.

Every write of a workspace file (settings, transcripts, tags) and of a page an
export writes into a vault first keeps the bytes it replaces. The writes of one
command form one *change*, a folder under ``.aftershock/history/``::

    .aftershock/history/20261203T104512-8812-0/
        change.json        what the command was, when, and each file it changed
        0001, 0002, ...    the bytes each file held before (absent: it was new)

``undo`` restores the newest change's files, each only if it still holds what the
change wrote (a later edit by hand or by another command is never overwritten),
and then forgets the change. The history is bounded: past ``MAX_CHANGES`` changes
or ``MAX_BYTES`` of kept bytes, the oldest changes are dropped.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.clock import utc_now
from ..core.errors import WorkspaceError
from ..files import fsutil

MAX_CHANGES = 50
"""Changes kept; the oldest beyond this are dropped."""
MAX_BYTES = 64 * 1024 * 1024
"""Bytes of earlier file contents kept in all; the oldest changes beyond this are dropped."""
MANIFEST = "change.json"


@dataclass
class FileChange:
    """One file a change wrote: where, whether it existed, and what it held after."""

    path: str
    """Relative to the workspace root, or absolute for a file outside it (a vault page)."""
    existed: bool
    saved: str
    """Name of the copy of its earlier bytes in the change's folder ('' if it was new)."""
    after: str = ""
    """SHA-256 of the bytes the change left in it."""


@dataclass
class Change:
    """The writes of one command."""

    id: str
    label: str
    created: str
    files: list[FileChange] = field(default_factory=list)
    _by_path: dict[str, FileChange] = field(default_factory=dict, repr=False, compare=False)

    def entry(self, key: str) -> FileChange | None:
        """The file ``key`` (as ``FileChange.path``) of this change, if it wrote it."""
        if len(self._by_path) != len(self.files):  # files were added to the list directly
            self._by_path = {f.path: f for f in self.files}
        return self._by_path.get(key)

    def add(self, entry: FileChange) -> None:
        self.files.append(entry)
        self._by_path[entry.path] = entry

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "created": self.created,
            "files": [vars(f) for f in self.files],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Change:
        files = [FileChange(**f) for f in data.get("files", [])]
        return cls(str(data["id"]), str(data["label"]), str(data["created"]), files)


_active: dict[Path, Change] = {}
"""The change each workspace is recording in this process (one command at a time)."""
_label = ""
_guard = threading.Lock()
_counter = 0


@contextlib.contextmanager
def change(label: str) -> Iterator[None]:
    """Group every write made inside the block into one change called ``label``; inside
    another change, the writes join that one."""
    global _label
    if _label:
        yield
        return
    previous, _label = _label, label
    try:
        yield
    finally:
        with _guard:
            _label = previous
            _active.clear()


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class History:
    """The history folder of one workspace."""

    def __init__(self, state_dir: Path, root: Path) -> None:
        self.folder = state_dir / "history"
        self.root = root

    def record(self, path: Path, new: bytes | None, *, save: bool = True) -> Change:
        """Keep what ``path`` holds before ``new`` replaces it (None: before the file is
        removed). Call it before writing. With ``save`` False the change's manifest is
        not written: ``save`` the change returned before the file is replaced."""
        with _guard:
            current = self._current()
            key = self._key(path)
            entry = current.entry(key)
            if entry is None:
                entry = FileChange(key, path.is_file(), "")
                if entry.existed:
                    entry.saved = f"{len(current.files) + 1:04d}"
                    shutil.copyfile(path, self.folder / current.id / entry.saved)
                current.add(entry)
            entry.after = digest(new) if new is not None else ""
            if save:
                self.save(current)
            return current

    def save(self, change: Change) -> None:
        """Write the manifest of ``change`` (what it changed so far)."""
        fsutil.atomic_write_text(self.folder / change.id / MANIFEST, json.dumps(change.to_dict()))

    def changes(self) -> list[Change]:
        """Every change kept, oldest first (a damaged one is left out)."""
        out: list[Change] = []
        if not self.folder.is_dir():
            return out
        for sub in sorted(self.folder.iterdir(), key=lambda p: p.name):
            try:
                out.append(Change.from_dict(json.loads((sub / MANIFEST).read_text("utf-8"))))
            except (OSError, ValueError, KeyError, TypeError):
                continue
        return out

    def path_of(self, entry: FileChange) -> Path:
        return Path(entry.path) if os.path.isabs(entry.path) else self.root / entry.path

    def saved_bytes(self, change: Change, entry: FileChange) -> bytes | None:
        if not entry.existed:
            return None
        return (self.folder / change.id / entry.saved).read_bytes()

    def forget(self, change: Change) -> None:
        shutil.rmtree(self.folder / change.id, ignore_errors=True)

    def _current(self) -> Change:
        global _counter
        found = _active.get(self.root)
        if found is not None:
            return found
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        _counter += 1
        new = Change(
            f"{stamp}-{os.getpid()}-{_counter:04d}",
            _label or "a change made from Python",
            utc_now(),
        )
        try:
            (self.folder / new.id).mkdir(parents=True, exist_ok=False)
        except OSError as exc:
            raise WorkspaceError(
                f"cannot keep history in {self.folder}: {exc.strerror or exc}"
            ) from exc
        self._prune()
        if _label:
            _active[self.root] = new
        return new

    def _key(self, path: Path) -> str:
        try:
            return str(path.absolute().relative_to(self.root.absolute()))
        except ValueError:
            return str(path.absolute())

    def _prune(self) -> None:
        """Drop the oldest changes so that, with the one being started, at most
        ``MAX_CHANGES`` remain and their kept bytes stay under ``MAX_BYTES``."""
        kept = self.changes()
        total = 0
        for index, old in enumerate(reversed(kept)):
            size = sum(p.stat().st_size for p in (self.folder / old.id).iterdir())
            total += size
            if index >= MAX_CHANGES - 1 or total > MAX_BYTES:
                self.forget(old)


@dataclass(frozen=True)
class Undone:
    """What ``undo`` took back."""

    change: Change
    restored: tuple[str, ...]
    """Files given back their earlier bytes."""
    removed: tuple[str, ...]
    """Files the change had created, now removed."""


def lock_name(key: str) -> str:
    """The workspace lock that guards the file ``key`` (as ``Workspace`` names them)."""
    parts = Path(key).parts
    if key == "aftershock.yaml":
        return "config"
    if len(parts) == 2 and parts[0] == "transcripts":
        return f"transcript-{Path(parts[1]).stem}"
    if len(parts) == 2 and parts[0] == "tags":
        return f"tags-{Path(parts[1]).stem}"
    return "pages"


def check_unchanged(history: History, change: Change) -> None:
    """Raise unless every file still holds what ``change`` wrote into it."""
    for entry in change.files:
        path = history.path_of(entry)
        try:
            now = digest(path.read_bytes())
        except OSError:
            now = ""
        if now != entry.after:
            raise WorkspaceError(
                f"{entry.path} was changed after '{change.label}' (by hand or by another "
                "command), so that change cannot be taken back without losing the later "
                "one; nothing was undone"
            )


def restore(history: History, change: Change) -> Undone:
    """Give every file of ``change`` its earlier bytes (the caller holds the locks)."""
    restored, removed = [], []
    for entry in reversed(change.files):
        path = history.path_of(entry)
        earlier = history.saved_bytes(change, entry)
        if earlier is None:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            removed.append(entry.path)
        else:
            fsutil.atomic_write_bytes(path, earlier)
            restored.append(entry.path)
    history.forget(change)
    return Undone(change, tuple(restored), tuple(removed))
