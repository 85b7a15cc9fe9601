"""Atomic, locked file writes and careful reads of text, YAML and JSON files."""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..core import limits
from ..core.errors import BrokenFileError, InvalidInputError, NotFoundError, WorkspaceError
from . import yaml_emit, yaml_parts
from .locks import file_lock as file_lock  # the workspace takes its locks from here


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
    temporary = _Temporary(_writable_target(path), path)
    try:
        temporary.write(data)
        temporary.sync()
        temporary.replace()
    finally:
        temporary.discard()


def _writable_target(path: Path) -> Path:
    """The file a write of ``path`` replaces (links followed); refuses a folder or a
    device, and makes the folder it goes in."""
    target = Path(os.path.realpath(path))
    try:
        if target.is_dir():
            raise WorkspaceError(f"cannot write {path}: it is a folder; give a file name")
        if target.exists() and not target.is_file():
            kind = _kind(target.stat().st_mode)
            raise WorkspaceError(f"cannot write {path}: it is {kind}; give a regular file name")
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkspaceError(_cannot_write(path, exc)) from exc
    return target


class BatchWriter:
    """Atomic writes of many files that reach the disk together.

    ``add`` keeps each file's new bytes; ``commit`` writes every one to a temporary
    file beside its target, then syncs them all in one pass (the disk flushes them
    together instead of once between every two writes), then renames each over its
    target. A crash leaves every file either as it was or as it was written, never
    half-written; a failure before the renames leaves every target as it was.
    """

    def __init__(self) -> None:
        self._staged: dict[Path, tuple[Path, bytes]] = {}

    def __len__(self) -> int:
        return len(self._staged)

    def add(self, path: Path, data: bytes) -> None:
        """Stage ``data`` for ``path`` (replacing what was staged for it)."""
        target = _writable_target(path)
        self._staged[target] = (path, data)

    def commit(self) -> None:
        """Write everything staged (see the class), then forget it."""
        temporaries: list[_Temporary] = []
        try:
            for target, (path, data) in self._staged.items():
                temporaries.append(_Temporary(target, path))
                temporaries[-1].write(data)
            for temporary in temporaries:
                temporary.sync()
            for temporary in temporaries:
                temporary.replace()
        finally:
            for temporary in temporaries:
                temporary.discard()
            self._staged.clear()


class _Temporary:
    """The temporary file a ``BatchWriter`` writes beside one target."""

    def __init__(self, target: Path, path: Path) -> None:
        self.target, self.path = target, path
        self.fd: int | None = None
        self.name: str | None = None
        try:
            self.fd, self.name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
            )
        except OSError as exc:
            raise WorkspaceError(_cannot_write(path, exc)) from exc

    def write(self, data: bytes) -> None:
        assert self.fd is not None
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self.fd, view) :]
        except OSError as exc:
            raise WorkspaceError(_cannot_write(self.path, exc)) from exc

    def sync(self) -> None:
        assert self.fd is not None
        try:
            os.fsync(self.fd)
            os.close(self.fd)
            self.fd = None
        except OSError as exc:
            raise WorkspaceError(_cannot_write(self.path, exc)) from exc

    def replace(self) -> None:
        assert self.name is not None
        try:
            mode = self.target.stat().st_mode & 0o777 if self.target.exists() else 0o644
            os.chmod(self.name, mode)
            os.replace(self.name, self.target)
            self.name = None
        except OSError as exc:
            raise WorkspaceError(_cannot_write(self.path, exc)) from exc

    def discard(self) -> None:
        """Close and remove what is left of it (nothing after ``replace``)."""
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None
        if self.name is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.name)
            self.name = None


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
    return write_bytes_if_changed(path, text.encode("utf-8"))


def is_stream(path: Path) -> bool:
    """True for ``-`` and for an output that is no regular file: a character device
    (``/dev/null``, a terminal), a FIFO or a socket, ``/dev/stdout`` included."""
    if str(path) == "-":
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def write_output(path: Path, data: bytes) -> bool:
    """Write a file the user named as the output: a regular file atomically (True if
    it changed), a stream (``-``, a device, a FIFO) by writing to it in place; a FIFO
    nobody reads is refused at once rather than waited on."""
    if str(path) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return True
    if not is_stream(path):
        return write_bytes_if_changed(path, data)
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        reason = "nothing reads from it" if exc.errno == errno.ENXIO else exc.strerror or str(exc)
        raise WorkspaceError(f"cannot write {path}: {reason}; give a regular file name") from exc
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        raise WorkspaceError(_cannot_write(path, exc)) from exc
    finally:
        os.close(fd)
    return True


def write_bytes_if_changed(path: Path, data: bytes) -> bool:
    """As ``write_if_changed``, for bytes."""
    try:
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode) and info.st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    atomic_write_bytes(path, data)
    return True


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, in a few words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


class _Unreadable(Exception):
    """Why a file cannot be read, in words that follow its path (``<path> is ...``)."""

    def __init__(self, what: str, missing: bool = False, permission: bool = False) -> None:
        super().__init__(what)
        self.what = what
        self.missing = missing
        self.permission = permission


def _read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or ``_Unreadable``.

    The file is opened without blocking (a FIFO with no writer does not hang) and
    checked on the open descriptor, so a file swapped for a device after a check is
    still refused; the size is checked before the first byte is read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError as exc:
        dangling = os.path.lexists(path)
        what = "a link to a file that does not exist" if dangling else "missing"
        raise _Unreadable(what, missing=not dangling) from exc
    except IsADirectoryError as exc:
        raise _Unreadable("a folder") from exc
    except PermissionError as exc:
        raise _Unreadable(f"not readable ({exc.strerror})", permission=True) from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _Unreadable("a loop of symbolic links") from exc
        raise _Unreadable(f"not readable ({exc.strerror or exc})") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _Unreadable(_kind(info.st_mode))
        if info.st_size > limit:
            raise _Unreadable(f"{info.st_size:,} bytes, more than the {limit:,} allowed")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(info.st_size + 1)  # a buffer of the file's size, not the limit
            if len(data) > info.st_size:  # it grows as it is read: read on, to the limit
                data += handle.read(limit + 1 - len(data))
        if len(data) > limit:  # the file grew while it was read
            raise _Unreadable(f"more than the {limit:,} bytes allowed")
        return data
    except OSError as exc:
        raise _Unreadable(f"not readable ({exc.strerror or exc})") from exc
    finally:
        os.close(fd)


def _read_stdin(limit: int) -> bytes:
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise _Unreadable(f"more than the {limit:,} bytes allowed")
    return data


def read_user_bytes(
    path: Path, what: str, hint: str = "", limit: int = limits.MAX_USER_FILE_BYTES
) -> bytes:
    """The bytes of a file the user named (``-`` is standard input), at most ``limit``.

    Anything but a regular file (a folder, a device, a FIFO, a socket, a link loop
    or a dangling link) is refused with one line that says what it is."""
    tail = f", or {hint}" if hint else ""
    try:
        return _read_stdin(limit) if str(path) == "-" else _read_bounded(path, limit)
    except _Unreadable as exc:
        if exc.missing:
            raise NotFoundError(f"no {what} {path}; check the path{tail}", path=path) from exc
        if exc.permission:
            raise InvalidInputError(
                f"cannot read {path}: {exc.what}; check its permissions{tail}", path=path
            ) from exc
        way = "name a file in it" if exc.what == "a folder" else "give a regular file"
        raise InvalidInputError(
            f"{path} is {exc.what}, not a {what}; {way}{tail}", path=path
        ) from exc


def read_user_text(
    path: Path, what: str, hint: str = "", limit: int = limits.MAX_USER_FILE_BYTES
) -> str:
    """Read a UTF-8 text file the user named (a note, a caption file, a list of ids).

    ``what`` names the file the command expects and reads after "a" ("note
    file"); ``hint`` is the user's other way forward ("give the note as text"), added
    to every message after ", or". ``-`` reads standard input. A missing file raises
    NotFoundError; anything but a regular file, a file larger than ``limit``, a
    binary file, text that is not UTF-8 or a file that cannot be read raises
    InvalidInputError; each message is one line that says what to do. Unlike
    ``read_text`` (for the workspace's own files), nothing here tells the user to
    repair a workspace file.
    """
    tail = f", or {hint}" if hint else ""
    data = read_user_bytes(path, what, hint, limit)
    if b"\x00" in data:
        raise InvalidInputError(f"{path} is a binary file, not a {what}; give a text file{tail}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            f"{path} is not UTF-8 text (byte {exc.start}); save it as UTF-8{tail}"
        ) from exc


def read_text(path: Path, what: str = "file", limit: int = limits.MAX_WORKSPACE_FILE_BYTES) -> str:
    """Read a workspace file (UTF-8), turning every OS or decoding error into one clear line."""
    try:
        data = _read_bounded(path, limit)
    except _Unreadable as exc:
        if exc.missing:
            raise BrokenFileError(path, f"the {what} does not exist") from exc
        raise BrokenFileError(path, f"is {exc.what}, not a {what}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BrokenFileError(path, f"is not UTF-8 text (byte {exc.start})") from exc


def entry_problem(path: Path, root: Path) -> str | None:
    """What keeps ``path`` from being a file of the folder ``root``, in words that follow
    "<path> is": a folder, a device, a FIFO, a link to nothing, a loop of links, a link
    leading out of ``root``. None for a regular file inside ``root``, or for nothing
    at all (a file not written yet)."""
    try:
        info = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):  # nothing there (writing will tell)
        return None
    except OSError as exc:
        return f"not readable ({exc.strerror or exc})"
    mode = info.st_mode
    if stat.S_ISLNK(mode):
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            return "a link to a file that does not exist"
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return "a loop of symbolic links"
            return f"not readable ({exc.strerror or exc})"
        real, base = os.path.realpath(path), os.path.realpath(root)
        if os.path.commonpath([real, base]) != base:
            return f"a link to {real}, outside the workspace"
    return None if stat.S_ISREG(mode) else _kind(mode)


def load_yaml(
    path: Path,
    limit: int = limits.MAX_WORKSPACE_FILE_BYTES,
    check: Callable[[str], None] | None = None,
) -> Any:
    """Parse a YAML file of at most ``limit`` bytes; a syntax error names the file and
    the line. ``check`` sees the text first and may refuse it (a count that is cheap on
    the text but dear once parsed).

    Aliases (``*name``) are refused before anything is built: aftershock never
    writes one, and a few nested ones expand to gigabytes ("billion laughs")."""
    text = read_text(path, "YAML file", limit)
    if check is not None:
        check(text)
    yaml, loader, _ = _yaml()
    try:
        if "*" in text:
            _refuse_aliases(yaml, loader, path, text)
        if len(text) > yaml_parts.PARTS_ABOVE:
            data = yaml_parts.load_in_parts(
                text, lambda part: yaml.load(part, Loader=loader), (yaml.YAMLError, RecursionError)
            )
            if data is not None:
                return data
        return yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise BrokenFileError(path, f"invalid YAML ({problem})", line) from exc
    except yaml.YAMLError as exc:
        raise BrokenFileError(path, f"invalid YAML ({exc})") from exc
    except RecursionError as exc:
        raise BrokenFileError(path, "nested too deeply for a workspace file") from exc


def _refuse_aliases(yaml: Any, loader: Any, path: Path, text: str) -> None:
    """Raise if the YAML holds an alias; its events are streamed, nothing is expanded."""
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1 if event.start_mark is not None else None
            raise BrokenFileError(
                path,
                f"holds a YAML alias (*{event.anchor}), which aftershock files never use",
                line,
            )


@functools.cache
def _no_aliases(dumper: Any) -> Any:
    """A dumper that writes a value used twice out twice (never an anchor and alias)."""

    class Dumper(dumper):  # type: ignore[misc]
        def ignore_aliases(self, data: Any) -> bool:
            return True

    return Dumper


@functools.cache
def _plain_ok(dumper: Any) -> yaml_emit.Plain:
    return yaml_emit.plain_reads_as_text(dumper.yaml_implicit_resolvers)


def dump_yaml(data: Any) -> str:
    """YAML in a stable, readable layout (keys in insertion order, Unicode kept). Where
    PyYAML has libyaml, ``yaml_emit`` writes the text it would write, faster."""
    yaml, _, dumper = _yaml()
    if dumper is getattr(yaml, "CSafeDumper", None):
        fast = yaml_emit.emit(data, _plain_ok(dumper))
        if fast is not None:
            return fast
    text: str = yaml.dump(
        data, Dumper=_no_aliases(dumper), sort_keys=False, allow_unicode=True, width=yaml_emit.WIDTH
    )
    return text


class JsonProblem(ValueError):
    """Text that is not JSON aftershock reads: ``reason`` says why (the parser's words,
    ``nested too deeply``, or ``LONE_SURROGATE``), ``line`` where when known."""

    def __init__(self, reason: str, line: int | None = None, *, surrogate: bool = False) -> None:
        super().__init__(reason)
        self.reason, self.line, self.surrogate = reason, line, surrogate


def parse_json(text: str) -> Any:
    """JSON from ``text``; JsonProblem for a syntax error, nesting deeper than the parser
    follows (a hostile file; Python would raise RecursionError) or a lone surrogate."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonProblem(exc.msg, exc.lineno) from exc
    except RecursionError as exc:
        raise JsonProblem("nested too deeply") from exc
    line = lone_surrogate_line(text, data)
    if line is not None:
        raise JsonProblem(LONE_SURROGATE, line, surrogate=True)
    return data


def load_json(path: Path) -> Any:
    """Parse a JSON file; a syntax error names the file and the line."""
    try:
        return parse_json(read_text(path, "JSON file"))
    except JsonProblem as exc:
        what = exc.reason if exc.surrogate else f"invalid JSON ({exc.reason})"
        raise BrokenFileError(path, what, exc.line) from exc


LONE_SURROGATE = "holds a \\u escape of half a character (a lone surrogate), which is no text"
_SURROGATE_ESCAPE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"  # a pair: one character
    r"|\\u[dD][89a-fA-F][0-9a-fA-F]{2}"
)


def lone_surrogate_line(text: str, data: Any) -> int | None:
    """The line of JSON ``text`` (parsed as ``data``) holding a ``\\uD800``-style escape
    of half a character, which no UTF-8 file can hold; None when there is none. Only a
    file with such escapes (emoji written as pairs, say) is checked further."""
    found = _SURROGATE_ESCAPE.search(text)
    if found is None:
        return None
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        for match in _SURROGATE_ESCAPE.finditer(text, found.start()):
            if len(match.group()) == 6:
                return text.count("\n", 0, match.start()) + 1
        return 1  # pragma: no cover - a half character the escapes above do not show
    return None


def dump_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
