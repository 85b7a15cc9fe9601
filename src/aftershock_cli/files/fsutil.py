"""Atomic, locked file writes and careful reads of text, YAML and JSON files."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..core.errors import BrokenFileError, InvalidInputError, NotFoundError, WorkspaceError


def _yaml() -> tuple[Any, Any, Any]:
    """PyYAML with its fastest safe loader and dumper, imported when first needed (a
    search that finds its index fresh reads no YAML and should not pay for the import)."""
    import yaml

    try:  # the C loader is several times faster where PyYAML was built with it
        return yaml, yaml.CSafeLoader, yaml.CSafeDumper
    except AttributeError:  # pragma: no cover - depends on the PyYAML build
        return yaml, yaml.SafeLoader, yaml.SafeDumper


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new one.

    The bytes go to a temporary file beside the target, are flushed to disk,
    and the temporary file is renamed over the target. A symbolic link is
    followed, so the file it points to is updated and the link stays. Any
    failure of the file system becomes a WorkspaceError that names the path.
    """
    target = Path(os.path.realpath(path))
    try:
        if target.is_dir():
            raise WorkspaceError(f"cannot write {path}: it is a folder; give a file name")
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise WorkspaceError(_cannot_write(path, exc)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise WorkspaceError(_cannot_write(path, exc)) from exc
        raise


def _cannot_write(path: Path, exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        reason = "a file stands where a folder is needed"
    return f"cannot write {path}: {reason}; check the folder and its permissions"


def atomic_write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically; line endings are kept exactly as given."""
    atomic_write_bytes(path, text.encode("utf-8"))


def write_if_changed(path: Path, text: str) -> bool:
    """Write atomically unless the file already holds exactly ``text``; True if written."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    atomic_write_bytes(path, data)
    return True


@contextlib.contextmanager
def file_lock(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``lock_path`` (created when missing)."""
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a+b")  # noqa: SIM115 - closed in finally
    except OSError as exc:
        raise WorkspaceError(_cannot_write(lock_path, exc)) from exc
    try:
        _lock(handle.fileno())
        yield
    finally:
        _unlock(handle.fileno())
        handle.close()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt
    import time

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)  # both calls lock the file's first byte
        while True:  # LK_LOCK gives up after ten seconds; keep waiting like flock does
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                return
            except OSError:
                time.sleep(0.1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def read_user_text(path: Path, what: str, hint: str = "") -> str:
    """Read a UTF-8 text file the user named (a note, a caption file, a list of ids).

    ``what`` names the file the command expects and reads after "a" ("note
    file"); ``hint`` is the user's other way forward ("give the note as text"), added
    to every message after ", or". A missing file raises NotFoundError; a
    folder, a binary file, text that is not UTF-8 or a file that cannot be
    read raises InvalidInputError; each message is one line that says what to
    do. Unlike ``read_text`` (for the workspace's own files), nothing here
    tells the user to repair a workspace file.
    """
    tail = f", or {hint}" if hint else ""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise NotFoundError(f"no {what} {path}; check the path{tail}") from exc
    except IsADirectoryError as exc:
        raise InvalidInputError(
            f"{path} is a folder, not a {what}; name a file in it{tail}"
        ) from exc
    except PermissionError as exc:
        raise InvalidInputError(
            f"cannot read {path} ({exc.strerror or exc}); check its permissions{tail}"
        ) from exc
    except OSError as exc:
        raise InvalidInputError(
            f"cannot read {path} ({exc.strerror or exc}); check the path{tail}"
        ) from exc
    if b"\x00" in data:
        raise InvalidInputError(f"{path} is a binary file, not a {what}; give a text file{tail}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            f"{path} is not UTF-8 text (byte {exc.start}); save it as UTF-8{tail}"
        ) from exc


def read_text(path: Path, what: str = "file") -> str:
    """Read a workspace file (UTF-8), turning every OS or decoding error into one clear line."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise BrokenFileError(path, f"the {what} does not exist") from exc
    except IsADirectoryError as exc:
        raise BrokenFileError(path, f"is a folder, not a {what}") from exc
    except UnicodeDecodeError as exc:
        raise BrokenFileError(path, f"is not UTF-8 text (byte {exc.start})") from exc
    except OSError as exc:
        raise BrokenFileError(path, exc.strerror or str(exc)) from exc


def load_yaml(path: Path) -> Any:
    """Parse a YAML file; a syntax error names the file and the line."""
    text = read_text(path, "YAML file")
    yaml, loader, _ = _yaml()
    try:
        return yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise BrokenFileError(path, f"invalid YAML ({problem})", line) from exc
    except yaml.YAMLError as exc:
        raise BrokenFileError(path, f"invalid YAML ({exc})") from exc


def dump_yaml(data: Any) -> str:
    """YAML in a stable, readable layout (keys in insertion order, Unicode kept)."""
    yaml, _, dumper = _yaml()
    text: str = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    return text


def load_json(path: Path) -> Any:
    """Parse a JSON file; a syntax error names the file and the line."""
    text = read_text(path, "JSON file")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BrokenFileError(path, f"invalid JSON ({exc.msg})", exc.lineno) from exc


def dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
