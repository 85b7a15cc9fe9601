"""``aftershock import-qdpx``: bring a REFI-QDA project from another QDA tool (or aftershock)."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from . import _common


class ReportFormat(enum.StrEnum):
    text = "text"
    json = "json"


def import_qdpx(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="The .qdpx project file (REFI-QDA).", dir_okay=False)
    ],
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="The report as lines of text or as JSON."),
    ] = ReportFormat.text,
) -> None:
    """Import a REFI-QDA project: merge its codebook, add its videos and their tags.

    Codes are matched to themes by guid, then by name, and updated rather than
    duplicated; categories become grouping themes. Video and audio sources whose
    YouTube video id can be found (a variable, a URL in the description, the path)
    become videos; their coded selections become tags. A transcript or tag already
    in the workspace is kept. The whole file is checked first: a bad id, name or
    time in it refuses the import, and nothing is written. The report of what
    changed goes to stdout.

    Example: aftershock import-qdpx study.qdpx
    """
    from ..refi.qdpx import import_qdpx as run

    report = run(_common.workspace(ctx), file)
    if fmt is ReportFormat.json:
        _common.echo_json({"file": str(file), "changes": report})
    else:
        typer.echo("\n".join(report))


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("import-qdpx")(import_qdpx)
