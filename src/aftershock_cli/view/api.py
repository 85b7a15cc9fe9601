"""The JSON API under ``/api/``: what the page itself uses, and scripts may too.

Every write goes through the library (``tagging``), under the same locks and with
the same checks and error texts as the CLI; an error is a 4xx answer
``{"error": "..."}`` and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..core.errors import AftershockError, BrokenFileError, InvalidInputError, NotFoundError
from ..core.videoid import parse_video_id
from ..export.md import note_text
from ..files import fsutil
from ..ingest.videos import media_path
from ..tagging.plan import Plan, TimeRange, commit, fit_range
from ..tagging.tags import Draft, list_tags, remove_tags, resolve_coder, update_tag
from ..tagging.themes import resolve_names
from ..workspace.folder import Workspace
from . import data
from .cache import Laid, laid_out
from .live import stamp
from .note_html import note_html

Handler = Callable[[Request], Response]


def workspace(request: Request) -> Workspace:
    """A fresh ``Workspace`` for each request: the CLI may have changed the codebook."""
    root = request.app.state.root
    return Workspace(root)


def status_of(exc: AftershockError) -> int:
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, BrokenFileError):
        return 409
    return 400


def guarded(handler: Handler) -> Handler:
    """Turn a library error into a 4xx JSON answer with its one-line message."""

    def run(request: Request) -> Response:
        try:
            return handler(request)
        except AftershockError as exc:
            return JSONResponse({"error": str(exc)}, status_code=status_of(exc))

    run.__name__ = handler.__name__
    return run


def _video(request: Request) -> str:
    return parse_video_id(str(request.path_params["video"]))


async def body_of(request: Request) -> dict[str, Any]:
    try:
        value = fsutil.parse_json((await request.body()).decode("utf-8") or "{}")
    except (fsutil.JsonProblem, UnicodeDecodeError) as exc:
        raise InvalidInputError(f"the request's body is not JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise InvalidInputError("the request's body must be a JSON object")
    return value


def _int(body: dict[str, Any], key: str) -> int:
    value = body.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInputError(f"'{key}' must be a whole number of milliseconds")
    return value


def _str(body: dict[str, Any], key: str, default: str | None = None) -> str | None:
    value = body.get(key, default)
    if value is not None and not isinstance(value, str):
        raise InvalidInputError(f"'{key}' must be a string")
    return value


def _themes(body: dict[str, Any], key: str = "themes") -> list[str] | None:
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidInputError(f"'{key}' must be a list of theme names")
    return value


@guarded
def videos(request: Request) -> Response:
    rows = data.summaries(workspace(request))
    return JSONResponse([data.summary_json(s) for s in rows])


@guarded
def video(request: Request) -> Response:
    ws, vid = workspace(request), _video(request)
    if not ws.has_transcript(vid):
        ws.load_transcript(vid)  # raises the error that says how to fetch it
    laid = laid_out(ws, vid)
    return JSONResponse(_transcript_json(laid, media_path(ws, laid.transcript) is not None))


def _transcript_json(laid: Laid, has_media: bool) -> dict[str, Any]:
    t = laid.transcript
    return {
        "video_id": t.video_id,
        "title": t.title,
        "channel": t.channel,
        "language_code": t.language_code,
        "duration_ms": t.end_ms or None,
        "source": t.source,
        "media": has_media,
        "segments": [asdict(r) for r in laid.rows],
    }


@guarded
def tags(request: Request) -> Response:
    found = list_tags(workspace(request), _video(request))
    return JSONResponse([data.tag_json(t) for t in found])


@guarded
def themes(request: Request) -> Response:
    return JSONResponse([vars(t) for t in data.themes(workspace(request).codebook())])


_notes: dict[tuple[str, str], tuple[str, dict[str, str]]] = {}
"""The last exported note of each video with the workspace stamp it was made at: the
export of a long talk takes a second, and a page asks for it on every change."""


@guarded
def note(request: Request) -> Response:
    ws, vid = workspace(request), _video(request)
    now, key = stamp(ws), (str(ws.root), vid)
    made = _notes.get(key)
    if made is None or made[0] != now:
        try:
            text = note_text(ws, vid)
        except NotFoundError:
            text = ""
        made = (now, {"markdown": text, "html": note_html(text) if text else ""})
        _notes[key] = made
    return JSONResponse(made[1])


@guarded
def changes(request: Request) -> Response:
    return JSONResponse({"stamp": stamp(workspace(request))})


def create_tag(ws: Workspace, vid: str, body: dict[str, Any]) -> list[Any]:
    """Check and add the tag described by ``body``, as ``aftershock tag`` would."""
    transcript = laid_out(ws, vid).transcript
    span = fit_range(
        transcript, TimeRange(_int(body, "start_ms"), _int(body, "end_ms")), exact=True
    )
    names = _themes(body) or []
    if not names:
        raise InvalidInputError("a tag needs at least one theme; pick or type one")
    codebook = ws.codebook()
    book, slugs = resolve_names(codebook, names, create=bool(body.get("create")))
    coder = _str(body, "coder")
    draft = Draft(
        span.start_ms,
        span.end_ms,
        tuple(slugs),
        _str(body, "note", "") or "",
        _str(body, "section", "") or "",
        resolve_coder(ws, coder),
    )
    plan = Plan(vid, transcript, [draft], [t for t in book if t.slug not in codebook])
    return [data.tag_json(t) for t in commit(ws, plan)]


async def add_tag(request: Request) -> Response:
    try:
        body = await body_of(request)
        ws, vid = workspace(request), _video(request)
        made = await _in_thread(lambda: create_tag(ws, vid, body))
    except AftershockError as exc:
        return JSONResponse({"error": str(exc)}, status_code=status_of(exc))
    return JSONResponse(made[0], status_code=201)


def change_tag(ws: Workspace, tag_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """Change a tag as ``aftershock retag`` would: range, themes, note, section, coder."""
    unknown = set(body) - {"start_ms", "end_ms", "themes", "note", "section", "coder", "create"}
    if unknown:
        raise InvalidInputError(f"unknown field(s) {', '.join(sorted(unknown))}")
    old = ws.find_tag(tag_id)
    span = None
    if "start_ms" in body or "end_ms" in body:
        rng = TimeRange(
            _int({"start_ms": old.start_ms} | body, "start_ms"),
            _int({"end_ms": old.end_ms} | body, "end_ms"),
        )
        span = fit_range(ws.transcript_or_stub(old.video_id), rng, exact=True)
    names = _themes(body)
    if names is not None and body.get("create"):
        codebook = ws.codebook()
        book, names = resolve_names(codebook, names, create=True)
        fresh = [t for t in book if t.slug not in codebook]
        commit(ws, Plan(old.video_id, ws.transcript_or_stub(old.video_id), [], fresh))
    new = update_tag(
        ws,
        tag_id,
        span=span,
        themes=names,
        note=_str(body, "note"),
        section=_str(body, "section"),
        coder=_str(body, "coder"),
    )
    return data.tag_json(new)


async def edit_tag(request: Request) -> Response:
    try:
        body = await body_of(request)
        ws, tag_id = workspace(request), str(request.path_params["tag"])
        changed = await _in_thread(lambda: change_tag(ws, tag_id, body))
    except AftershockError as exc:
        return JSONResponse({"error": str(exc)}, status_code=status_of(exc))
    return JSONResponse(changed)


@guarded
def delete_tag(request: Request) -> Response:
    removed = remove_tags(workspace(request), [str(request.path_params["tag"])])
    return JSONResponse(data.tag_json(removed[0]))


async def _in_thread(work: Callable[[], Any]) -> Any:
    return await run_in_threadpool(work)
