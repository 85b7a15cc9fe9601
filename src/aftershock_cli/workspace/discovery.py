"""Where the workspace is: the discovery rule, with nothing but the standard library.

Kept apart from ``workspace`` (which reads YAML) so that the fast paths, such as
a warm ``search``, find the folder without importing a YAML parser.
"""

from __future__ import annotations

import os
from pathlib import Path

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
