"""``aftershock demo``: the whole flow, offline, on the bundled example."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Annotated

import typer

from . import _common

DEMO_VIDEO = "t8dJdL0Wyw8"
DEMO_SERIES = "aftershock-talks"
DEMO_SERIES_URL = "https://www.youtube.com/playlist?list=PLaftershockDemoTalks0000000000001"


def demo(
    ctx: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Argument(
            help="Empty or new folder for the demo workspace (default: a new temporary folder)."
        ),
    ] = None,
) -> None:
    """Run the whole flow offline on the bundled example: init, fetch, tag, agree,
    report, export.

    The example is a small series of four talks on public-sector collaboration,
    with captions, metadata and two coders' tags bundled in the package. The
    commands and what they print go to stderr as they run, so you can repeat
    them on real videos; the note of the closing session (video t8dJdL0Wyw8)
    alone goes to stdout.

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
        f"  aftershock -w {shlex.quote(str(root))} videos --sort date\n"
        f"  aftershock -w {shlex.quote(str(root))} agree --disagreements\n"
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

    ``data`` is the bundled folder with the captions of each talk, their yt-dlp
    style ``.info.json``, the series' listing (``series.json``, as ``yt-dlp
    --flat-playlist -J`` writes it) and ``tags.yaml`` (two coders' tags).
    """
    from ..files import fsutil

    ws = str(root)
    captions = sorted(data.glob("*.en.vtt"), key=lambda p: (DEMO_VIDEO not in p.name, p.name))
    commands = [["init", ws]]
    commands += [["-w", ws, "fetch", "--file", str(c)] for c in captions]
    commands += [
        ["-w", ws, "series", "add", DEMO_SERIES, DEMO_SERIES_URL],
        ["-w", ws, "series", "sync", DEMO_SERIES, "--from-file", str(data / "series.json")],
    ]
    for item in fsutil.load_yaml(data / "tags.yaml"):
        video, coder = item.get("video", DEMO_VIDEO), item.get("coder", "analyst")
        tag = ["tag", video, item["range"], *item["themes"], "--note", item["note"]]
        commands.append(["-w", ws, *tag, "--coder", coder])
    commands += [
        ["-w", ws, "agree"],
        ["-w", ws, "report", "--across", "--series", DEMO_SERIES],
        ["-w", ws, "export", DEMO_VIDEO, "--format", "md", "--coder", "analyst"],
    ]
    return commands
