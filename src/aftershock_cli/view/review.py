"""The view's review of a video: suggestions to accept or reject, and where coders differ.

Both ask the same library functions as the command line: ``tagging.rank`` (as
``aftershock suggest`` and its review) and ``report.agreement`` (as ``aftershock
agree --disagreements``).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..core.errors import AftershockError, InvalidInputError
from ..report.agreement import disagreements as find_disagreements
from ..report.agreement_rows import disagreement_json
from ..report.team import select
from ..tagging.meaning import Embedder, MeaningMissingError, load_wordllama
from ..tagging.rank import Method, accept, reject, run_suggestions
from ..tagging.suggest import Suggestion
from ..tagging.tags import resolve_coder
from ..tagging.themes import resolve_theme
from ..workspace.folder import Workspace
from . import data
from .api import _in_thread, _int, _str, _video, body_of, guarded, status_of, workspace
from .live import stamp

TOP = 8
"""How many suggestions the margin shows."""
METHODS: tuple[Method, ...] = ("words", "meaning", "both")

Loader = Callable[[], Embedder]

KEEP = 8
_ranked: OrderedDict[tuple[str, ...], list[Suggestion]] = OrderedDict()
"""The last rankings, by video, method and the state of the workspace: a page opened
again, or polled after an unrelated change, does not rank again."""
_lock = threading.Lock()


class Models:
    """The model that ranks by meaning, loaded once per server (it takes a second)."""

    def __init__(self, load: Loader = load_wordllama) -> None:
        self._load = load
        self._lock = threading.Lock()
        self._model: Embedder | None = None
        self._missing: str = ""

    def get(self) -> Embedder | None:
        """The model, or None when the extra is missing (``missing`` then says so)."""
        with self._lock:
            if self._model is None and not self._missing:
                try:
                    self._model = self._load()
                except MeaningMissingError as exc:
                    self._missing = str(exc)
            return self._model

    @property
    def missing(self) -> str:
        return self._missing


def _method(request: Request, has_model: bool) -> Method:
    asked = request.query_params.get("by", "")
    if not asked:
        return "both" if has_model else "words"
    for method in METHODS:
        if method == asked:
            return method
    raise InvalidInputError(f"'by' must be one of words, meaning, both (got '{asked}')")


@guarded
def suggestions(request: Request) -> Response:
    """The best stretches of the video for the codebook's themes, as ``suggest`` ranks them."""
    ws, vid = workspace(request), _video(request)
    models: Models = request.app.state.models
    wanted = request.query_params.get("by", "")
    model = models.get() if wanted != "words" else None
    method = _method(request, model is not None)
    if method != "words" and model is None:
        raise MeaningMissingError(models.missing)
    key = (str(ws.root), vid, method, stamp(ws))
    with _lock:
        found = _ranked.get(key)
    if found is None:
        found = run_suggestions(ws, [vid], by=method, top=TOP, embedder=model)
        with _lock:
            _ranked[key] = found
            while len(_ranked) > KEEP:
                _ranked.popitem(last=False)
    return JSONResponse(
        {
            "by": method,
            "meaning": models.missing or "",
            "suggestions": [s.to_json() for s in found],
        }
    )


def _suggestion(ws: Workspace, vid: str, body: dict[str, Any]) -> Suggestion:
    theme = resolve_theme(ws.codebook(), _str(body, "theme") or "")
    return Suggestion(
        _int(body, "start_ms"), _int(body, "end_ms"), theme.slug, 0, (), "", video_id=vid
    )


async def accept_suggestion(request: Request) -> Response:
    """Tag a suggestion (coder as for a new tag); 201 and the tag."""
    try:
        body = await body_of(request)
        ws, vid = workspace(request), _video(request)

        def work() -> dict[str, Any]:
            found = _suggestion(ws, vid, body)
            made = accept(ws, found, coder=resolve_coder(ws, _str(body, "coder")))
            return data.tag_json(made[0])

        tag = await _in_thread(work)
    except AftershockError as exc:
        return JSONResponse({"error": str(exc)}, status_code=status_of(exc))
    return JSONResponse(tag, status_code=201)


async def reject_suggestion(request: Request) -> Response:
    """Remember that a suggestion does not fit its theme (``rejected.yaml``)."""
    try:
        body = await body_of(request)
        ws, vid = workspace(request), _video(request)
        gone = await _in_thread(lambda: reject(ws, _suggestion(ws, vid, body)))
    except AftershockError as exc:
        return JSONResponse({"error": str(exc)}, status_code=status_of(exc))
    return JSONResponse(
        {
            "theme": gone.theme,
            "video_id": gone.video_id,
            "start_ms": gone.start_ms,
            "end_ms": gone.end_ms,
        }
    )


@guarded
def disagreements(request: Request) -> Response:
    """The stretches where the video's coders differ, per theme (``agree --disagreements``)."""
    ws, vid = workspace(request), _video(request)
    named = [c for c in request.query_params.get("coders", "").split(",") if c.strip()]
    present = sorted({t.coder for t in ws.load_tags(vid) if t.coder})
    coders = named or present
    if len(coders) < 2:
        found = ", ".join(present) or "none"
        return JSONResponse(
            {
                "coders": coders,
                "stretches": [],
                "message": f"Needs tags by two or more coders; this video's tags name: {found}",
            }
        )
    chosen = select(ws, [vid], coders)
    stretches = find_disagreements(
        chosen.videos, chosen.coders, chosen.themes, "segment", chosen.words
    )
    return JSONResponse(
        {
            "coders": list(chosen.coders),
            "stretches": [disagreement_json(d) for d in stretches],
            "message": "" if stretches else "The coders agree on every stretch.",
        }
    )
