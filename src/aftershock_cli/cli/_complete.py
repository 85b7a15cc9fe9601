"""Shell completion of video ids, theme slugs and tag ids, read from the workspace.

Completion runs on every press of Tab, so each function reads as little as it can
(file names for videos, one YAML file for themes, a text scan for tag ids) and
returns nothing, rather than failing, outside a workspace or on a broken file.
"""

from __future__ import annotations

import re
from pathlib import Path

import typer

from ..core.errors import AftershockError

_TAG_ID_LINE = re.compile(r"^- id: ['\"]?([a-z0-9]+)", re.MULTILINE)


def _workspace(ctx: typer.Context) -> Path | None:
    from ..workspace.discovery import find_root, is_workspace

    explicit = (ctx.find_root().params or {}).get("workspace")
    root = find_root(explicit)
    return root if is_workspace(root) else None


def video_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """The workspace's video ids (transcripts and tag files) starting with ``incomplete``."""
    root = _workspace(ctx)
    if root is None:
        return []
    from ..workspace.folder import Workspace

    return [v for v in Workspace(root).video_ids() if v.startswith(incomplete)]


def theme_slugs(ctx: typer.Context, incomplete: str) -> list[str]:
    """The codebook's slugs starting with ``incomplete``."""
    root = _workspace(ctx)
    if root is None:
        return []
    from ..workspace.folder import Workspace

    try:
        return [t.slug for t in Workspace(root).codebook() if t.slug.startswith(incomplete)]
    except AftershockError:
        return []


def tag_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Tag ids starting with ``incomplete``, found by a text scan of the tag files."""
    root = _workspace(ctx)
    if root is None or not (root / "tags").is_dir():
        return []
    found: set[str] = set()
    for path in (root / "tags").glob("*.yaml"):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        found.update(i for i in _TAG_ID_LINE.findall(text) if i.startswith(incomplete))
    return sorted(found)


def range_then_themes(ctx: typer.Context, incomplete: str) -> list[str]:
    """For ``tag VIDEO RANGE THEME...``: nothing for the range, then theme slugs."""
    given = ctx.params.get("args") or []
    return theme_slugs(ctx, incomplete) if given or ctx.params.get("match") else []
