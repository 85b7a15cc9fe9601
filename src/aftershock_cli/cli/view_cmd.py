"""``aftershock view``: the local web view, to watch a talk beside its transcript and tag it."""

from __future__ import annotations

import contextlib
import importlib.util
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from . import _common

if TYPE_CHECKING:
    from ..view.server import Serving

NEEDS_EXTRA = (
    "aftershock view needs the web extra (Starlette, uvicorn, Jinja2); install it with: "
    'pip install "aftershock[view]"'
)


def has_web_extra() -> bool:
    return all(importlib.util.find_spec(m) is not None for m in ("starlette", "uvicorn", "jinja2"))


def view(
    ctx: typer.Context,
    video: Annotated[str | None, typer.Argument(help="Open this video's page.")] = None,
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="Port (0: a free one).")
    ] = 0,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (other than 127.0.0.1: warned).")
    ] = "127.0.0.1",
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Print the URL only; do not open a browser.")
    ] = False,
) -> None:
    """Serve the workspace in the browser: the video beside its transcript, to tag.

    Prints the URL to open (with this run's token) and runs until Ctrl-C.

    Example: aftershock view t8dJdL0Wyw8
    """
    if not has_web_extra():
        _common.fail(NEEDS_EXTRA)
    from ..core.videoid import parse_video_id
    from ..view.server import serve
    from ._seams import load_embedder

    path = f"/video/{parse_video_id(video)}" if video else "/"
    if host not in ("127.0.0.1", "localhost", "::1"):
        _common.warn(f"serving on {host}: other machines that reach it can ask for the token")

    def ready(where: Serving) -> None:
        sys.stdout.write(f"Serving {where.url}\n")
        sys.stdout.flush()
        _common.notice(ctx, "Press Ctrl-C to stop")
        if not no_browser:
            import webbrowser

            webbrowser.open(where.page(path))

    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how the view is meant to stop
        serve(_common.workspace(ctx).root, host, port, ready, load_model=load_embedder)
    _common.notice(ctx, "Stopped")


def register(app: typer.Typer) -> None:
    app.command("view")(view)
