"""The transcripts the view has read, kept while their file is unchanged.

A long talk takes a noticeable time to read and to lay out as rows; the view reads
each version of a transcript once. A write replaces the file (a new inode, time and
size), which is what the key notices.
"""

from __future__ import annotations

import html
import threading
from collections import OrderedDict
from dataclasses import dataclass

from ..core.model import Transcript
from ..workspace.folder import Workspace
from .data import Row, rows

KEEP = 4


@dataclass(frozen=True)
class Laid:
    """A transcript with its rows and the rows' HTML."""

    transcript: Transcript
    rows: tuple[Row, ...]
    rows_html: str


_kept: OrderedDict[tuple[str, int, int, int], Laid] = OrderedDict()
_lock = threading.Lock()


def rows_html(laid_rows: tuple[Row, ...]) -> str:
    """The transcript rows of the video page; every word escaped."""
    esc = html.escape
    return "".join(
        f'<div class="row" data-start-ms="{r.start_ms}" data-end-ms="{r.end_ms}" '
        f'data-clock="{r.clock}">{esc(r.text)}</div>\n'
        for r in laid_rows
    )


def laid_out(ws: Workspace, video_id: str) -> Laid:
    """The stored transcript of ``video_id`` (or its stub) with its rows, read once per version."""
    path = ws.transcript_path(video_id)
    try:
        st = path.stat()
    except FileNotFoundError:
        transcript = ws.transcript_or_stub(video_id)
        return Laid(transcript, (), "")
    key = (str(path), st.st_ino, st.st_mtime_ns, st.st_size)
    with _lock:
        found = _kept.get(key)
    if found is not None:
        return found
    transcript = ws.load_transcript(video_id)
    made = tuple(rows(transcript))
    laid = Laid(transcript, made, rows_html(made))
    with _lock:
        _kept[key] = laid
        while len(_kept) > KEEP:
            _kept.popitem(last=False)
    return laid
