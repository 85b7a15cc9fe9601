"""Checking and writing a stored transcript as one step, under the transcript's lock.

``Workspace.save_transcript`` locks only the write. Code that first looks at
what is stored (is there a transcript? with segments? which metadata?) and
then writes must hold the lock across both, or a concurrent fetch or import
can slip in between and have its transcript overwritten.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from . import fsutil
from .model import Transcript, check_video_id
from .store import transcript_to_dict

if TYPE_CHECKING:
    from .workspace import Workspace

__all__ = ["locked_transcript"]


@contextlib.contextmanager
def locked_transcript(ws: Workspace, video_id: str) -> Iterator[Callable[[Transcript], None]]:
    """Hold the lock ``save_transcript`` takes for ``video_id``; yield a function that saves.

    Read and check the stored transcript inside the block, then save with the
    yielded function: ``ws.save_transcript`` there would wait for this very lock
    forever (file locks are not re-entrant).
    """
    video_id = check_video_id(video_id)
    with ws.lock(f"transcript-{video_id}"):

        def save(transcript: Transcript) -> None:
            if transcript.video_id != video_id:
                raise ValueError(f"{transcript.video_id} saved under the lock of {video_id}")
            text = fsutil.dump_json(transcript_to_dict(transcript))
            fsutil.atomic_write_text(ws.transcript_path(video_id), text)

        yield save
