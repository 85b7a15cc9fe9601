"""The workspace's names on disk and the rule that finds it, on plain text paths (``os`` only).

``discovery`` gives the same rules as ``Path`` objects; this module is what a
warm search uses, so that it loads neither ``pathlib`` nor the data model.
"""

from __future__ import annotations

import os

from ..core.ids import VIDEO_ID_RE

CONFIG_NAME = "aftershock.yaml"
ENV_VAR = "AFTERSHOCK_WORKSPACE"
STATE_FOLDER = ".aftershock"
"""The folder, kept out of git, that holds the search index, locks and history."""
FOLDERS = (("transcripts", ".json"), ("tags", ".yaml"))
"""The workspace's folders of per-video files, and the ending of their names."""


def nearest_root(here: str) -> str:
    """The nearest folder from ``here`` (absolute) upward that holds ``aftershock.yaml``,
    else ``here``."""
    folder = here
    while True:
        if os.path.isfile(os.path.join(folder, CONFIG_NAME)):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return here
        folder = parent


def plain_root(explicit: str | None) -> str | None:
    """The folder ``discovery.find_root(explicit)`` chooses, as the text of its path, or
    None where only that function can tell (a name that starts with ``~`` or ``//``,
    a system whose paths are not POSIX ones)."""
    if os.sep != "/" or os.altsep:
        return None
    named = explicit or os.environ.get(ENV_VAR)
    if not named:
        return nearest_root(os.getcwd())
    if named.startswith("~") or (named.startswith("//") and not named.startswith("///")):
        return None
    path = named if named.startswith("/") else f"{os.getcwd()}/{named}"
    # as pathlib spells it: no empty or "." parts (".." is kept, as Path.absolute keeps it)
    return "/" + "/".join(part for part in path.split("/") if part not in ("", "."))


def split_names(folder: str | os.PathLike[str], suffix: str) -> tuple[list[str], list[str]]:
    """The sorted video ids named by the files of ``folder``, and the sorted names of the
    other files there that are not hidden (none when ``folder`` is not a folder)."""
    if not os.path.isdir(folder):
        return [], []
    ids, strays = [], []
    with os.scandir(folder) as entries:
        for entry in entries:
            video_id = video_id_of(entry.name, suffix)
            if video_id is not None:
                ids.append(video_id)
            elif not entry.name.startswith("."):
                strays.append(entry.name)
    return sorted(ids), sorted(strays)


def video_id_of(name: str, suffix: str) -> str | None:
    """The video id that the name of a file of ``transcripts/`` or ``tags/`` gives
    (``<id><suffix>``), or None: then the file is left out, and, unless it is hidden
    (its name starts with a dot), warned about as a stray file."""
    stem = name[: -len(suffix)] if name.endswith(suffix) else ""
    return stem if VIDEO_ID_RE.fullmatch(stem) else None


def stray_names(root: str | os.PathLike[str]) -> list[str]:
    """``folder/name`` of every stray file of the workspace at ``root``: a file of
    ``transcripts/`` or ``tags/`` whose name is not a video id and the folder's ending."""
    return [
        f"{folder}/{name}"
        for folder, suffix in FOLDERS
        for name in split_names(os.path.join(root, folder), suffix)[1]
    ]


def stray_message(path: object, suffix: str) -> str:
    """Why a file of ``transcripts/`` or ``tags/`` (``path``) is left out of every listing."""
    return (
        f"left out {path}: its name is not a video id (11 characters of "
        f"A-Z, a-z, 0-9, - and _) followed by {suffix}"
    )


def stray_messages_of(root: str | os.PathLike[str], names: list[str]) -> list[str]:
    """``stray_message`` for each of the ``stray_names`` of the workspace at ``root``."""
    suffixes = dict(FOLDERS)
    return [
        stray_message(os.path.join(root, name), suffixes[name.partition("/")[0]]) for name in names
    ]
