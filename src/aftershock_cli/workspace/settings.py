"""The settings of aftershock.yaml that a user may read and change, beside the codebook."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.errors import InvalidInputError

if TYPE_CHECKING:
    from .folder import Workspace

SETTINGS = {
    "coder": "who codes new tags, unless a coder is named for the command or in the environment",
}
"""The settings that can be changed, and what each does."""

FIXED = {
    "version": "the version of the settings file",
    "workspace_id": "the seed of the guids the workspace exports",
}
"""Settings shown but kept as aftershock wrote them."""


@dataclass(frozen=True)
class Setting:
    key: str
    value: str
    about: str
    changeable: bool


def _check_key(key: str, *, change: bool) -> None:
    if key in SETTINGS or (key in FIXED and not change):
        return
    if key in FIXED:
        raise InvalidInputError(
            f"the setting '{key}' ({FIXED[key]}) is kept as aftershock wrote it; "
            f"the settings you can change are: {', '.join(SETTINGS)}"
        )
    known = ", ".join(SETTINGS if change else [*SETTINGS, *FIXED])
    raise InvalidInputError(f"no setting '{key}'; the settings are: {known}")


def get_setting(ws: Workspace, key: str) -> str:
    """The value of a setting ('' when it is not set)."""
    _check_key(key, change=False)
    value = ws.setting(key)
    return "" if value is None else str(value)


def set_setting(ws: Workspace, key: str, value: str) -> None:
    """Change a setting in aftershock.yaml, under its lock and atomically."""
    _check_key(key, change=True)
    with ws.editing_config() as config:
        config.settings[key] = value.strip()


def list_settings(ws: Workspace) -> list[Setting]:
    """Every setting, the changeable ones first."""
    rows = [Setting(k, get_setting(ws, k), about, True) for k, about in SETTINGS.items()]
    rows += [Setting(k, get_setting(ws, k), about, False) for k, about in FIXED.items()]
    return rows
