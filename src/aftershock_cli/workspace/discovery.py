"""Where the workspace is: the discovery rule, with nothing but the standard library.

Kept apart from ``workspace`` (which reads YAML) so that the fast paths, such as
a warm ``search``, find the folder without importing a YAML parser; the rules
themselves, on plain text paths, are in ``names``.
"""

from __future__ import annotations

import os
from pathlib import Path

from .names import CONFIG_NAME as CONFIG_NAME
from .names import ENV_VAR as ENV_VAR
from .names import FOLDERS as FOLDERS
from .names import nearest_root, split_names, stray_messages_of, stray_names
from .names import stray_message as stray_message


def find_root(explicit: Path | str | None = None, cwd: Path | None = None) -> Path:
    """``explicit``, else ``$AFTERSHOCK_WORKSPACE``, else the nearest folder upward
    holding ``aftershock.yaml``, else the current folder (absolute, not resolved)."""
    if explicit:
        return Path(explicit).expanduser().absolute()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().absolute()
    return Path(nearest_root(str((cwd or Path.cwd()).absolute())))


def is_workspace(root: Path) -> bool:
    """Whether ``root`` is a workspace: it holds ``aftershock.yaml``."""
    return (root / CONFIG_NAME).is_file()


def ids_in(folder: Path, suffix: str) -> tuple[list[str], list[str]]:
    """The sorted video ids named by the files of ``folder``, and the names of the other
    files there that are not hidden."""
    return split_names(folder, suffix)


def stray_messages(root: Path) -> list[str]:
    """``stray_message`` for every stray file of the workspace at ``root`` (for the
    commands that read the search index instead of listing the folders)."""
    return stray_messages_of(root, stray_names(root))
