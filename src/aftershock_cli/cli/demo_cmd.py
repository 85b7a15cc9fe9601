"""``aftershock demo``: the whole flow, offline, on the bundled example."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Annotated

import typer

from . import _common

DEMO_VIDEO = "t8dJdL0Wyw8"


def demo(
    ctx: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Argument(
            help="Empty or new folder for the demo workspace (default: a new temporary folder)."
        ),
    ] = None,
) -> None:
    """Run the whole flow offline on the bundled example: init, fetch, tag, export.

    The example is a talk on public-sector collaboration (video t8dJdL0Wyw8) with
    captions and metadata bundled in the package. The commands and what they
    print go to stderr as they run, so you can repeat them on a real video; the
    exported note alone goes to stdout.

    Example: aftershock demo ./demo-workspace
    """
    import contextlib
    import importlib.resources
    import tempfile

    root = (
        _demo_folder(directory) if directory else Path(tempfile.mkdtemp(prefix="aftershock-demo-"))
    )
    data = importlib.resources.files("aftershock_cli") / "data" / "demo"
    with importlib.resources.as_file(data) as folder:
        commands = _commands(root, folder)
        for index, argv in enumerate(commands, 1):
            _common.notice(ctx, "$ aftershock " + shlex.join(argv))
            if index < len(commands):  # only the exported note goes to stdout
                with contextlib.redirect_stdout(sys.stderr):
                    _run(argv)
            else:
                _run(argv)
    _common.notice(
        ctx,
        f"\nThe demo workspace is {root}. Next, try:\n"
        f"  aftershock -w {shlex.quote(str(root))} show {DEMO_VIDEO} --tags\n"
        f"  aftershock -w {shlex.quote(str(root))} tags\n"
        f"  aftershock -w {shlex.quote(str(root))} export --all --vault "
        f"{shlex.quote(str(root / 'vault'))}",
    )


def _demo_folder(directory: Path) -> Path:
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        _common.fail(
            f"{directory} is not an empty folder; give a new or empty folder for the demo workspace"
        )
    return directory.absolute()


def _run(argv: list[str]) -> None:
    from typer.main import get_command

    from .app import app

    code = get_command(app).main(args=argv, prog_name="aftershock", standalone_mode=False)
    sys.stdout.flush()
    if code:
        _common.fail(f"the demo stopped: 'aftershock {shlex.join(argv)}' failed (exit {code})")


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def _commands(root: Path, data: Path) -> list[list[str]]:
    """The CLI argument lists of the demo, in order, for a workspace at ``root``.

    ``data`` is the bundled folder with the captions, their yt-dlp style
    ``.info.json`` and ``tags.yaml`` (the tags with their notes).
    """
    from ..files import fsutil

    ws = str(root)
    captions = next(data.glob(f"*[[]{DEMO_VIDEO}[]].en.vtt"))
    commands = [["init", ws], ["-w", ws, "fetch", "--file", str(captions)]]
    for item in fsutil.load_yaml(data / "tags.yaml"):
        commands.append(
            ["-w", ws, "tag", DEMO_VIDEO, item["range"], *item["themes"], "--note", item["note"]]
        )
    commands.append(["-w", ws, "export", DEMO_VIDEO, "--format", "md"])
    return commands
