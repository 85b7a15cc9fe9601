"""Writes of many workspace files made together: locked, recorded, synced in one pass.

``Workspace.writing_together`` puts a ``Batch`` in place; every edit inside it
takes its file's lock as usual but keeps it until the batch is written, so no
other process reads or writes the file in between. A batch is written when it
holds ``size`` files (locks are file handles, and a process may hold only so
many), when an edit comes back to a file it holds, and at the end of the block:
first the history's record of the files (so that ``undo`` can take them back),
then the files themselves through ``fsutil.BatchWriter``. Edits finished before
an exception are written, as they would have been one at a time.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from ..files import fsutil
from .history import Change, History

Lock = Callable[[str], contextlib.AbstractContextManager[None]]


class Batch:
    """The writes not made yet, and the locks of their files."""

    def __init__(self, size: int, lock: Lock, history: Callable[[], History]) -> None:
        self.size = size
        self._lock = lock
        self._history = history
        self._writer = fsutil.BatchWriter()
        self._locks = contextlib.ExitStack()
        self._held: set[str] = set()
        self._changes: dict[str, Change] = {}

    @contextlib.contextmanager
    def editing(self, name: str) -> Iterator[None]:
        """Hold the lock ``name`` until the batch is written."""
        if name in self._held:  # its file may be staged: write it before it is read again
            self.flush()
        self._locks.enter_context(self._lock(name))
        self._held.add(name)
        yield
        if len(self._held) >= self.size:
            self.flush()

    def add(self, path: Path, data: bytes, history: History | None) -> None:
        """Stage a file's new bytes, recorded in ``history`` (None: not recorded)."""
        if history is not None:
            change = history.record(path, data, save=False)
            self._changes[change.id] = change
        self._writer.add(path, data)

    def flush(self) -> None:
        """Write what is staged, the history's record first, and release the locks."""
        try:
            if self._changes:
                history = self._history()
                for change in self._changes.values():
                    history.save(change)
            self._writer.commit()
        finally:
            self._changes.clear()
            self._held.clear()
            self._locks.close()
