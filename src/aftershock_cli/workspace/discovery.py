"""Where the workspace is: the discovery rule, with nothing but the standard library.

Kept apart from ``workspace`` (which reads YAML) so that the fast paths, such as
a warm ``search``, find the folder without importing a YAML parser.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..core.model import VIDEO_ID_RE

CONFIG_NAME = "aftershock.yaml"
ENV_VAR = "AFTERSHOCK_WORKSPACE"


def find_root(explicit: Path | str | None = None, cwd: Path | None = None) -> Path:
    """``explicit``, else ``$AFTERSHOCK_WORKSPACE``, else the nearest folder upward
    holding ``aftershock.yaml``, else the current folder (absolute, not resolved)."""
    if explicit:
        return Path(explicit).expanduser().absolute()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().absolute()
    here = (cwd or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return here


def is_workspace(root: Path) -> bool:
    """Whether ``root`` is a workspace: it holds ``aftershock.yaml``."""
    return (root / CONFIG_NAME).is_file()


FOLDERS = (("transcripts", ".json"), ("tags", ".yaml"))
"""The workspace's folders of per-video files, and the ending of their names."""


def ids_in(folder: Path, suffix: str) -> tuple[list[str], list[str]]:
    """The sorted video ids named by the files of ``folder``, and the names of the other
    files there that are not hidden."""
    if not folder.is_dir():
        return [], []
    ids, strays = [], []
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            stem = name[: -len(suffix)] if name.endswith(suffix) else ""
            if VIDEO_ID_RE.fullmatch(stem):
                ids.append(stem)
            else:
                strays.append(name)
    return sorted(ids), sorted(strays)


def stray_message(path: Path, suffix: str) -> str:
    """Why a file of ``transcripts/`` or ``tags/`` is left out of every listing."""
    return (
        f"left out {path}: its name is not a video id (11 characters of "
        f"A-Z, a-z, 0-9, - and _) followed by {suffix}"
    )


def stray_messages(root: Path) -> list[str]:
    """``stray_message`` for every stray file of the workspace at ``root`` (for the
    commands that read the search index instead of listing the folders)."""
    return [
        stray_message(root / folder / name, suffix)
        for folder, suffix in FOLDERS
        for name in ids_in(root / folder, suffix)[1]
    ]
