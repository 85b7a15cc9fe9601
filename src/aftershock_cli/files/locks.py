"""Exclusive locks on lock files that say who holds them, with a bounded wait.

A lock file holds one line of JSON naming its holder (process id, command, host)
while it is held, so a command that finds the lock taken can say for whom it
waits. Waiting is bounded (``LockWait.timeout_s``); after ``notice_s`` the
waiter's ``on_wait`` callback is told once, and the caller (the command line)
decides how to say it. Nothing here prints.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..core import limits
from ..core.errors import Hint, HintKind, WorkspaceError


@dataclass(frozen=True)
class LockHolder:
    """The process that holds a lock, as it recorded itself in the lock file."""

    pid: int
    command: str
    """Its command line, as one line of at most 200 characters."""
    host: str

    def describe(self) -> str:
        """``process 1234 (its command line) on host``."""
        command = f" ({self.command})" if self.command else ""
        host = f" on {self.host}" if self.host else ""
        return f"process {self.pid}{command}{host}"


@dataclass(frozen=True)
class LockWaiting:
    """What a waiter is told once it has waited ``notice_s`` for a lock."""

    path: Path
    holder: LockHolder | None
    """None when the lock file does not (yet) say who holds it."""
    timeout_s: float
    """How long the waiter waits in all before it gives up."""


@dataclass(frozen=True)
class LockWait:
    """How long to wait for a lock another process holds, and whom to tell."""

    timeout_s: float = limits.LOCK_WAIT_S
    notice_s: float = limits.LOCK_NOTICE_S
    on_wait: Callable[[LockWaiting], None] | None = None


_default = [LockWait()]


def set_default_wait(wait: LockWait) -> None:
    """How every lock of this process waits when none is given (the command line sets
    this once from its options)."""
    _default[0] = wait


def default_wait() -> LockWait:
    return _default[0]


@contextlib.contextmanager
def file_lock(lock_path: Path, wait: LockWait | None = None) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``lock_path`` (created when missing).

    When another process holds it, wait as ``wait`` says (the process default when
    None) and raise WorkspaceError naming the holder once the time is up."""
    try:
        handle = _open(lock_path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise WorkspaceError(
            f"cannot write {lock_path}: {reason}; check the folder and its permissions"
        ) from exc
    try:
        _acquire(handle.fileno(), lock_path, wait or default_wait())
        _record_holder(handle.fileno())
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(handle.fileno(), 0)
            _unlock(handle.fileno())
    finally:
        handle.close()


def _open(lock_path: Path) -> BinaryIO:
    """The lock file, opened for appending; its folder is made the first time it is
    missing (not checked before every lock: an import takes thousands)."""
    try:
        return open(lock_path, "a+b")
    except FileNotFoundError:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        return open(lock_path, "a+b")


def _acquire(fd: int, path: Path, wait: LockWait) -> None:
    """Take the lock, polling; tell ``wait.on_wait`` once, give up after the timeout."""
    started = time.monotonic()
    told = False
    while not _try_lock(fd):
        waited = time.monotonic() - started
        if waited >= wait.timeout_s:
            raise _busy(path, wait.timeout_s)
        if not told and waited >= wait.notice_s and wait.on_wait is not None:
            wait.on_wait(LockWaiting(path, read_holder(path), wait.timeout_s))
            told = True
        time.sleep(min(0.05, max(wait.timeout_s - waited, 0.001)))


def _busy(path: Path, timeout_s: float) -> WorkspaceError:
    holder = read_holder(path)
    who = holder.describe() if holder is not None else "another process"
    return WorkspaceError(
        f"the workspace is busy: {who} held {path} for all of {timeout_s:g} seconds "
        "and still does; nothing was changed",
        hint=Hint(HintKind.WAIT_LONGER),
        path=path,
    )


def _record_holder(fd: int) -> None:
    """Write who holds the lock into the lock file (best effort: a lock works without)."""
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, _holder_line(os.getpid()))


@functools.cache
def _holder_line(pid: int) -> bytes:
    """What ``_record_holder`` writes: the same for every lock this process takes
    (keyed by the process id, which a forked child does not share)."""
    argv = [Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python", *sys.argv[1:]]
    command = "".join(c if c.isprintable() else "?" for c in " ".join(argv))[:200]
    return (json.dumps({"pid": pid, "command": command, "host": _host()}) + "\n").encode()


def _host() -> str:
    if hasattr(os, "uname"):
        return os.uname().nodename
    return os.environ.get("COMPUTERNAME", "")  # pragma: no cover - Windows


def read_holder(path: Path) -> LockHolder | None:
    """Who holds the lock of ``path`` as its file says; None when it says nothing usable."""
    try:
        with open(path, "rb") as handle:
            data = json.loads(handle.read(4096).decode("utf-8"))
        pid, command, host = data["pid"], data["command"], data["host"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(pid, int) or not isinstance(command, str) or not isinstance(host, str):
        return None
    return LockHolder(pid, command[:200], host[:100])


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)  # both calls lock the file's first byte
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
