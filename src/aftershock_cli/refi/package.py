"""Reading a ``.qdpx`` package: the project file and the source files beside it.

Tolerant of what tools really write: the project file need not be called
``project.qde``, and ``Sources/`` is accepted for ``sources/``.
"""

from __future__ import annotations

import contextlib
import json
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import InvalidInputError, NotFoundError
from ..core.limits import MAX_ARCHIVE_MEMBER_BYTES, MAX_ARCHIVE_RATIO
from .xmlutil import parse

EXTRAS_NAME = "aftershock.json"
"""What the standard cannot say (theme slugs, tag ids, video metadata), for a lossless round trip."""
EXTRAS_SCHEMA = "aftershock.qdpx-extras"


@dataclass
class Package:
    path: Path
    root: ET.Element
    """The root element of the project file."""
    archive: zipfile.ZipFile
    extras: dict[str, Any] = field(default_factory=dict)

    def read_internal(self, ref: str) -> bytes | None:
        """The bytes of ``internal://name`` (or a bare name), or None when it is missing."""
        name = ref.split("://", 1)[-1].lstrip("/").replace("\\", "/")
        wanted = {f"sources/{name}".casefold(), name.casefold()}
        for info in self.archive.infolist():
            if info.filename.casefold() in wanted:
                return read_member(self.archive, info, self.path)
        return None


_UNPACK_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError)
"""What unpacking a damaged (or unsupported) zip member raises: a bad CRC, broken
deflate data, a cut-off file, an unknown compression method."""


def read_member(archive: zipfile.ZipFile, member: str | zipfile.ZipInfo, path: Path) -> bytes:
    """The bytes of one member of the package at ``path``; damage is an InvalidInputError.

    An encrypted member is refused, and so is one whose declared or actual unpacked
    size passes ``MAX_ARCHIVE_MEMBER_BYTES`` (or ``MAX_ARCHIVE_RATIO`` times its packed
    size): the bytes are counted while they are unpacked, so a zip bomb stops early."""
    info = member if isinstance(member, zipfile.ZipInfo) else archive.getinfo(member)
    if info.flag_bits & 0x1:
        raise InvalidInputError(
            f"{path} is encrypted ({info.filename}); export the project again without a password"
        )
    limit = min(MAX_ARCHIVE_MEMBER_BYTES, max(info.compress_size, 1 << 16) * MAX_ARCHIVE_RATIO)
    if info.file_size > limit:
        raise _too_big(path, info.filename, limit)
    try:
        with archive.open(info) as handle:
            data = handle.read(limit + 1)
    except _UNPACK_ERRORS as exc:
        raise InvalidInputError(
            f"{path} is not a .qdpx package (cannot unpack {info.filename}: {exc}); "
            "export the project again"
        ) from exc
    if len(data) > limit:
        raise _too_big(path, info.filename, limit)
    return data


def _too_big(path: Path, name: str, limit: int) -> InvalidInputError:
    return InvalidInputError(
        f"{path}: {name} unpacks to more than {limit:,} bytes, more than a real project holds; "
        "nothing was imported"
    )


def require_file(path: Path) -> None:
    if not path.is_file():
        raise NotFoundError(f"{path} does not exist; check the path")


@contextlib.contextmanager
def open_package(path: Path) -> Iterator[Package]:
    """Open a ``.qdpx`` and parse its project file."""
    require_file(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InvalidInputError(
            f"{path} is not a .qdpx package (not a zip archive); export the project again"
        ) from exc
    with archive:
        names = [i.filename for i in archive.infolist() if not i.is_dir()]
        projects = [n for n in names if n.casefold().endswith(".qde")]
        if not projects:
            raise InvalidInputError(
                f"{path} holds no project file (.qde); is it a REFI-QDA project?"
            )
        projects.sort(key=lambda n: (n.rsplit("/", 1)[-1].casefold() != "project.qde", n))
        root = parse(read_member(archive, projects[0], path), f"{path}:{projects[0]}")
        yield Package(path, root, archive, _extras(archive, names, path))


def _extras(archive: zipfile.ZipFile, names: list[str], path: Path) -> dict[str, Any]:
    if EXTRAS_NAME not in names:
        return {}
    try:
        data = json.loads(read_member(archive, EXTRAS_NAME, path))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return {}
    if isinstance(data, dict) and data.get("schema") == EXTRAS_SCHEMA:
        return data
    return {}
