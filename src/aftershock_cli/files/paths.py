"""Paths built from data (a channel, a title, a theme page, a video id) stay where the
user said: each is made one safe file-name component, and each write is checked to
land inside the folder named, after links are resolved, before anything is written."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..core.errors import InvalidInputError

LONGEST_NAME = 255
"""Bytes a file name may have on common file systems."""

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_RESERVED = {"", ".", ".."}


def safe_component(name: str, *, keep: int = 200) -> str:
    """``name`` as one file-name component: no separator, no control character, no
    leading dot, not empty, at most ``keep`` bytes; characters a file name cannot
    hold become ``_``. A name that is safe already is returned unchanged."""
    out = _UNSAFE.sub("_", name).strip()
    out = out.lstrip(".") if out.startswith(".") else out
    while len(out.encode("utf-8")) > keep:
        out = out[:-1]
    out = out.rstrip(" .")
    return "_" if out in _RESERVED else out


def is_safe_component(name: str) -> bool:
    return bool(name) and safe_component(name) == name


def write_inside(root: Path, path: Path) -> None:
    """Raise unless ``path`` resolves (links followed) to a place inside ``root``."""
    base = os.path.realpath(root)
    try:
        where = os.path.realpath(path)
    except ValueError:  # a NUL byte: no file system takes it
        where = "a name no file system takes"
    if where == base or not where.startswith(base.rstrip(os.sep) + os.sep):
        raise InvalidInputError(
            f"refused to write {path}: it would land outside {root} (at {where}); "
            "nothing was written",
            path=path,
        )
