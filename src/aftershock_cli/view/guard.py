"""Who may talk to the view: the per-run token, the Host and Origin checks, and the
headers (Content-Security-Policy and others) every answer carries."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp

LOCAL_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})

CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self' https://www.youtube.com https://s.ytimg.com",
        "style-src 'self'",
        "img-src 'self' data: https://i.ytimg.com",
        "media-src 'self'",
        "connect-src 'self'",
        "frame-src https://www.youtube.com https://www.youtube-nocookie.com",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
"""Only this server's own scripts and styles (no inline code), and YouTube's player."""

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin",  # YouTube's player needs the origin; the token stays
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}


@dataclass(frozen=True)
class Access:
    """The secret of this run and the host names it answers to."""

    token: str
    cookie: str
    """The cookie's name: one per port, so two views on one machine keep their own."""
    hosts: frozenset[str] = LOCAL_NAMES


def _host_name(host: str) -> str:
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if ":" in host else host


def _same(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def refusal(access: Access, request: Request) -> str | None:
    """Why ``request`` is refused, or None when it may go on."""
    host = request.headers.get("host", "")
    if _host_name(host).lower() not in access.hosts:
        return f"this view answers only to {', '.join(sorted(access.hosts))}, not {host!r}"
    origin = request.headers.get("origin")
    if origin is not None and origin != f"http://{host}":
        return "requests from other sites are refused"
    if request.headers.get("sec-fetch-site") == "cross-site":
        return "requests from other sites are refused"
    auth = request.headers.get("authorization", "")
    bearer = auth[7:] if auth.lower().startswith("bearer ") else None
    given = request.query_params.get("token") or bearer or request.cookies.get(access.cookie)
    if not _same(given, access.token):
        return "a valid token is needed: open the URL that 'aftershock view' printed"
    return None


class Guard(BaseHTTPMiddleware):
    """Refuses foreign or token-less requests with 403; adds the security headers."""

    def __init__(self, app: ASGIApp, access: Access) -> None:
        super().__init__(app)
        self.access = access

    async def dispatch(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        why = refusal(self.access, request)
        response: Response
        if why is not None:
            if request.url.path.startswith("/api/"):
                response = JSONResponse({"error": why}, status_code=403)
            else:
                response = PlainTextResponse(f"Error: {why}\n", status_code=403)
        else:
            response = await call_next(request)
            if _same(request.query_params.get("token"), self.access.token):
                response.set_cookie(
                    self.access.cookie, self.access.token, httponly=True, samesite="strict"
                )
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response
