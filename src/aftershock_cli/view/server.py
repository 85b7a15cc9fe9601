"""Serving the view: a socket on the loopback address, uvicorn, a token per run."""

from __future__ import annotations

import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import WorkspaceError
from ..tagging.meaning import load_wordllama
from .app import create_app
from .guard import LOCAL_NAMES, Access
from .review import Loader


@dataclass(frozen=True)
class Serving:
    """Where the view answers and the URL that opens it."""

    host: str
    port: int
    token: str

    @property
    def url(self) -> str:
        name = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{name}:{self.port}/?token={self.token}"

    def page(self, path: str) -> str:
        return self.url.replace("/?", f"{path}?", 1)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: a free one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise WorkspaceError(
            f"cannot listen on {host}:{port}: {exc.strerror}; choose another --port (0 = any free one)"
        ) from exc
    sock.listen(64)
    return sock


def serve(
    root: Path,
    host: str,
    port: int,
    ready: Callable[[Serving], None],
    token: str = "",
    load_model: Loader = load_wordllama,
) -> None:
    """Serve the workspace at ``root`` until interrupted; ``ready`` is called once the
    socket listens (to print or open the URL); ``load_model`` loads the model that
    ranks suggestions by meaning."""
    import uvicorn

    sock = bind(host, port)
    where = Serving(host, sock.getsockname()[1], token or secrets.token_urlsafe(24))
    hosts = LOCAL_NAMES | {host.lower() if ":" not in host else f"[{host.lower()}]"}
    access = Access(where.token, f"aftershock-{where.port}", frozenset(hosts))
    config = uvicorn.Config(
        create_app(root, access, load_model),
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=2,
        lifespan="off",
    )
    server = uvicorn.Server(config)
    ready(where)
    server.run(sockets=[sock])
