"""The web application of the view: its routes, behind the guard."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..tagging.meaning import load_wordllama
from . import api, pages, review
from .guard import Access, Guard
from .review import Loader

STATIC = Path(__file__).parent / "static"


def _no_icon(request: Request) -> Response:
    return Response(status_code=204)


async def _not_here(request: Request, exc: Exception) -> Response:
    """An address the view does not have, or a method it does not take there: JSON
    under /api/ (as every API error), else the error page with its way back."""
    code = exc.status_code if isinstance(exc, HTTPException) else 500
    path = request.url.path
    if code == 405:
        why = f"{request.method} is not taken at {path}"
    else:
        why = f"the view has nothing at {path}"
    if path.startswith("/api/"):
        return JSONResponse({"error": why}, status_code=code)
    return pages.render("error.html", code, message=why)


def create_app(root: Path, access: Access, load_model: Loader = load_wordllama) -> Starlette:
    """The view of the workspace at ``root``; every request must pass ``access``;
    ``load_model`` loads the model that ranks suggestions by meaning."""
    routes = [
        Route("/", pages.home),
        Route("/favicon.ico", _no_icon),
        Route("/video/{video}", pages.video),
        Route("/media/{video}", pages.media),
        Route("/api/videos", api.videos),
        Route("/api/videos/{video}", api.video),
        Route("/api/videos/{video}/tags", api.tags, methods=["GET"]),
        Route("/api/videos/{video}/tags", api.add_tag, methods=["POST"]),
        Route("/api/videos/{video}/note", api.note),
        Route("/api/videos/{video}/suggestions", review.suggestions),
        Route("/api/videos/{video}/suggestions/accept", review.accept_suggestion, methods=["POST"]),
        Route("/api/videos/{video}/suggestions/reject", review.reject_suggestion, methods=["POST"]),
        Route("/api/videos/{video}/disagreements", review.disagreements),
        Route("/api/tags/{tag}", api.edit_tag, methods=["PATCH"]),
        Route("/api/tags/{tag}", api.delete_tag, methods=["DELETE"]),
        Route("/api/themes", api.themes),
        Route("/api/changes", api.changes),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(Guard, access=access)],
        exception_handlers={404: _not_here, 405: _not_here},
    )
    app.state.root = root
    app.state.models = review.Models(load_model)
    return app
