"""``aftershock init``: create a workspace."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import _common


def init(
    ctx: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Argument(
            help="Folder of the new workspace (default: the --workspace or current folder)."
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Rewrite an existing aftershock.yaml with the defaults, or create a "
            "workspace inside another one.",
        ),
    ] = False,
    empty: Annotated[
        bool, typer.Option("--empty", help="Start with no themes instead of the default codebook.")
    ] = False,
) -> None:
    """Create a workspace: aftershock.yaml with the default codebook, transcripts/, tags/.

    Example: aftershock init my-study
    """
    from ..workspace.discovery import CONFIG_NAME
    from ..workspace.folder import Workspace

    root = (directory or _common.state(ctx).workspace_arg or Path.cwd()).absolute()
    outer = next((p for p in root.parents if (p / CONFIG_NAME).is_file()), None)
    if outer is not None and not force and not (root / CONFIG_NAME).exists():
        _common.fail(
            f"{root} is inside the workspace {outer}, which commands run there would "
            "otherwise use; create the new workspace elsewhere, or use --force to create "
            "it inside anyway"
        )
    ws = Workspace.init(root, force=force, empty=empty)
    _common.notice(
        ctx, f"Created a workspace in {ws.root} with {len(ws.codebook())} themes in aftershock.yaml"
    )


def register(app: typer.Typer) -> None:
    app.command("init")(init)
