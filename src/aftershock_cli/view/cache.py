"""The transcripts the view has read, kept while their file is unchanged.

A long talk takes a noticeable time to read and to lay out as rows; the view reads
each version of a transcript once. A write replaces the file (a new inode, time and
size), which is what the key notices. The rows go to the page as one compact JSON
block (columns of numbers and strings), from which the page draws the rows in view.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass

from ..core.model import Transcript
from ..workspace.folder import Workspace
from .data import Row, rows

KEEP = 4


@dataclass(frozen=True)
class Laid:
    """A transcript with its rows and the rows' JSON for the page."""

    transcript: Transcript
    rows: tuple[Row, ...]
    rows_json: str


_kept: OrderedDict[tuple[str, int, int, int], Laid] = OrderedDict()
_lock = threading.Lock()


_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def rows_json(laid_rows: tuple[Row, ...]) -> str:
    """The rows as columns (``start``, ``end``, ``text``, ``speaker``), safe to place
    inside a ``<script type="application/json">`` block: no ``<``, ``>`` or ``&``."""
    speakers = [r.speaker for r in laid_rows]
    columns = {
        "start": [r.start_ms for r in laid_rows],
        "end": [r.end_ms for r in laid_rows],
        "text": [r.text for r in laid_rows],
        "speaker": speakers if any(speakers) else [],
    }
    return json.dumps(columns, ensure_ascii=False, separators=(",", ":")).translate(_SAFE)


def laid_out(ws: Workspace, video_id: str) -> Laid:
    """The stored transcript of ``video_id`` (or its stub) with its rows, read once per version."""
    path = ws.transcript_path(video_id)
    try:
        st = path.stat()
    except FileNotFoundError:
        transcript = ws.transcript_or_stub(video_id)
        return Laid(transcript, (), rows_json(()))
    key = (str(path), st.st_ino, st.st_mtime_ns, st.st_size)
    with _lock:
        found = _kept.get(key)
    if found is not None:
        return found
    transcript = ws.load_transcript(video_id)
    made = tuple(rows(transcript))
    laid = Laid(transcript, made, rows_json(made))
    with _lock:
        _kept[key] = laid
        while len(_kept) > KEEP:
            _kept.popitem(last=False)
    return laid
