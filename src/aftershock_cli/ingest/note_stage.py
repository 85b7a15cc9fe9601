"""What an import of notes has built and not written yet, kept on disk instead of in memory.

An import writes nothing until every note is built (a note that cannot be imported
stops it with the workspace as it was). Holding every note's tags and layout until
then took some 75 MB per 1,000 notes; instead each video's results go, once its
last note is built, to ``NoteStage``: an unnamed temporary file in the workspace's
state folder (``.aftershock/``, on the workspace's own disk), which the write pass
reads back one video at a time and which disappears when the import ends, however
it ends. Only this process writes and reads it.
"""

from __future__ import annotations

import dataclasses
import pickle
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from ..core.errors import WorkspaceError
from ..core.model import Tag, Transcript
from ..notes.layout import NoteLayout


@dataclass(frozen=True)
class SameNote:
    """How an earlier import of a note is recognised: its file name, or its title
    (a copy of the note under another name); an empty title recognises none."""

    name: str
    title: str

    def matches(self, layout: NoteLayout) -> bool:
        return layout.name == self.name or bool(self.title and layout.title == self.title)


@dataclass(frozen=True)
class StagedNote:
    """One imported note's tags and layout, and how its earlier import is recognised."""

    same: SameNote
    tags: list[Tag]
    layout: dict[str, Any]

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as plain values: a third faster to stage and read back than tags as
        dataclasses, which pickle rebuilds field by field."""
        values = [tuple(getattr(tag, name) for name in _TAG_FIELDS) for tag in self.tags]
        return (_staged_note, (self.same.name, self.same.title, values, self.layout))


_TAG_FIELDS = tuple(f.name for f in dataclasses.fields(Tag))


def _staged_note(
    name: str, title: str, tags: list[tuple[Any, ...]], layout: dict[str, Any]
) -> StagedNote:
    return StagedNote(SameNote(name, title), [Tag(*values) for values in tags], layout)


@dataclass(frozen=True)
class StagedVideo:
    """What an import writes for one video: its notes, and the metadata to store when
    the video has no transcript (None: store none)."""

    video_id: str
    notes: list[StagedNote]
    metadata: Transcript | None = None


def drop_earlier(tags: list[Tag], layouts: list[dict[str, Any]], same: SameNote) -> int:
    """Remove an earlier import of the note (its layout and its tags); how many tags."""
    ids: set[str] = set()
    for record in list(layouts):
        layout = NoteLayout.from_dict(record)
        if layout is not None and same.matches(layout):
            layouts.remove(record)
            ids.update(layout.tag_ids)
    if not ids:
        return 0
    before = len(tags)
    tags[:] = [t for t in tags if t.id not in ids]
    return before - len(tags)


def replace_earlier(tags: list[Tag], layouts: list[dict[str, Any]], note: StagedNote) -> int:
    """Put ``note`` in place of its earlier import; how many earlier tags it replaced."""
    replaced = drop_earlier(tags, layouts, note.same)
    tags.extend(note.tags)
    layouts.append(note.layout)
    return replaced


class NoteStage:
    """Staged videos in a temporary file, read back in the order they were put."""

    def __init__(self, folder: Path) -> None:
        try:
            # kept open for the stage's life, closed (and so removed) by __exit__
            self._file: IO[bytes] = tempfile.TemporaryFile(  # noqa: SIM115
                dir=folder, prefix="import-"
            )
        except OSError as exc:
            raise WorkspaceError(
                f"cannot write to {folder}: {exc.strerror or exc}; check its permissions"
            ) from exc
        self._count = 0

    def __enter__(self) -> NoteStage:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._file.close()

    def __len__(self) -> int:
        return self._count

    def put(self, video: StagedVideo) -> None:
        try:
            pickle.dump(video, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as exc:
            raise WorkspaceError(
                f"cannot stage the import: {exc.strerror or exc}; free some disk space"
            ) from exc
        self._count += 1

    def __iter__(self) -> Iterator[StagedVideo]:
        self._file.flush()
        self._file.seek(0)
        for _ in range(self._count):
            video = pickle.load(self._file)  # written above by this process
            assert isinstance(video, StagedVideo)
            yield video
