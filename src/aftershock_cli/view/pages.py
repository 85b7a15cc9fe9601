"""The HTML pages: the workspace (videos, codebook, search) and a video (player,
transcript, tags, note). Rendered by Jinja2 with autoescaping on, so every user text
shows as text."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response

from ..core.errors import AftershockError
from ..core.timecode import format_clock
from ..core.videoid import parse_video_id
from ..ingest.videos import media_path
from ..search.index import SearchIndex
from ..search.query import MARK_END, MARK_START, search
from . import data
from .api import status_of, workspace
from .cache import laid_out

TEMPLATES = Path(__file__).parent / "templates"

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(name: str, status: int = 200, **values: object) -> HTMLResponse:
    return HTMLResponse(_env.get_template(name).render(**values), status_code=status)


def error_page(exc: AftershockError) -> HTMLResponse:
    return render("error.html", status_of(exc), message=str(exc))


def _hits(request: Request, query: str, theme: str) -> list[dict[str, object]]:
    """Search hits for the workspace page, the index brought up to date first."""
    with SearchIndex(workspace(request).root) as index:
        index.refresh()
        found = search(index, query, themes=[theme] if theme else (), limit=50)
    return [
        {
            "video_id": h.video_id,
            "title": h.title,
            "kind": h.kind,
            "start_ms": h.start_ms,
            "clock": format_clock(h.start_ms),
            "parts": _marked_parts(h.snippet),
        }
        for h in found
    ]


def _marked_parts(snippet: str) -> list[tuple[str, bool]]:
    """The snippet as (text, matched) pieces, for the template to escape and mark."""
    parts: list[tuple[str, bool]] = []
    for i, chunk in enumerate(snippet.split(MARK_START)):
        if i == 0:
            parts.append((chunk, False))
            continue
        hit, _, rest = chunk.partition(MARK_END)
        parts += [(hit, True), (rest, False)]
    return [p for p in parts if p[0]]


def home(request: Request) -> Response:
    theme = request.query_params.get("theme", "")
    coder = request.query_params.get("coder", "")
    query = request.query_params.get("q", "").strip()
    try:
        ws = workspace(request)
        hits = _hits(request, query, theme) if query else []
        return render(
            "home.html",
            root=str(ws.root),
            videos=data.summaries(ws, theme, coder),
            themes=data.themes(ws.codebook()),
            coders=data.coders(ws),
            theme=theme,
            coder=coder,
            query=query,
            hits=hits,
        )
    except AftershockError as exc:
        return error_page(exc)


def video(request: Request) -> Response:
    try:
        ws = workspace(request)
        vid = parse_video_id(str(request.path_params["video"]))
        laid = laid_out(ws, vid)
        transcript = laid.transcript
        ws.load_tagfile(vid)  # a tag file broken by hand: its error, not an empty page
        has_media = media_path(ws, transcript) is not None
        kind = _media_kind(transcript.media) if has_media else "youtube"
        return render(
            "video.html",
            transcript=transcript,
            rows_json=Markup(laid.rows_json),  # made safe by cache.rows_json
            has_rows=bool(laid.rows),
            player=kind,
            length_ms=transcript.end_ms,
        )
    except AftershockError as exc:
        return error_page(exc)


AUDIO = (".wav", ".mp3", ".m4a", ".ogg", ".oga", ".flac", ".aac", ".opus")


def _media_kind(name: str) -> str:
    return "audio" if name.lower().endswith(AUDIO) else "video"


def media(request: Request) -> Response:
    """The video's local recording, with range requests (seeking) as Starlette serves files."""
    try:
        ws = workspace(request)
        vid = parse_video_id(str(request.path_params["video"]))
        path = media_path(ws, ws.load_transcript(vid))
    except AftershockError as exc:
        return error_page(exc)
    if path is None:
        return render("error.html", 404, message=f"{vid} has no media file")
    return FileResponse(path)
