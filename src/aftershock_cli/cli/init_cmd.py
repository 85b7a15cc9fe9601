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
        bool, typer.Option("--force", help="Rewrite an existing aftershock.yaml with the defaults.")
    ] = False,
) -> None:
    """Create a workspace: aftershock.yaml with the default codebook, transcripts/, tags/.

    Example: aftershock init my-study
    """
    from ..workspace.folder import Workspace

    root = directory or _common.state(ctx).workspace_arg or Path.cwd()
    ws = Workspace.init(root, force=force)
    _common.notice(
        ctx, f"Created a workspace in {ws.root} with {len(ws.codebook())} themes in aftershock.yaml"
    )


def register(app: typer.Typer) -> None:
    app.command("init")(init)
