"""What an agreement run covers, read from the workspace: videos, coders and themes.

A video counts as coded by a coder when that coder has at least one tag on it,
or, when the coders are named and ``complete`` is set, by every named coder (a
coder who looked and found nothing). Tags without a coder take no part.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from ..core.errors import Hint, HintKind, InvalidInputError, WorkspaceError
from ..core.model import Codebook, Tag, Transcript
from ..core.schema import segment_fields, segment_texts
from ..core.spoken_units import SegmentUnits, unpack
from ..files import fsutil
from ..tagging.themes import resolve_theme
from .counts import TagRow
from .units import SegmentText, TextSource, VideoCoding, coding_of

if TYPE_CHECKING:
    from ..workspace.folder import Workspace

T = TypeVar("T")


@dataclass(frozen=True)
class Selection:
    """The videos (with their tags), coders and themes to compare."""

    videos: tuple[VideoCoding, ...]
    coders: tuple[str, ...]
    themes: tuple[str, ...]
    words: TextSource
    """Where the words of the chosen videos come from."""


SpokenTimes = Mapping[str, tuple[bytes | None, int]]
"""video id -> the packed units its segments give (``core.spoken_units``; None
without segments) and its known length, as the search index keeps them; a video
missing is read from the workspace (it has no transcript, or a broken one)."""


def select(
    ws: Workspace,
    video_ids: Sequence[str] = (),
    coders: Sequence[str] = (),
    themes: Sequence[str] = (),
    *,
    complete: bool = False,
    tag_rows: Sequence[TagRow] | None = None,
    spoken: SpokenTimes | None = None,
) -> Selection:
    """Read the chosen videos (default: every tagged video) and settle coders and themes.

    Without ``coders``, every coder with tags on the chosen videos takes part;
    without ``themes``, every theme those coders used, in codebook order.
    ``tag_rows`` (as the search index gives them) stand in for reading the tag
    files, and ``spoken`` for reading the transcripts.
    """
    named = tuple(dict.fromkeys(c.strip() for c in coders if c.strip()))
    by_video = _tags_from_rows(tag_rows) if tag_rows is not None else None
    ids = list(dict.fromkeys(video_ids)) or (
        sorted(by_video) if by_video is not None else ws.tagged_video_ids()
    )
    tags = {v: by_video.get(v, []) if by_video is not None else ws.load_tags(v) for v in ids}
    present = sorted({t.coder for found in tags.values() for t in found if t.coder})
    chosen = named or tuple(present)
    if len(chosen) < 2:
        found = ", ".join(present) or "none"
        raise InvalidInputError(
            f"agreement needs two or more coders; the tags of these videos name: {found}"
        )
    read: dict[str, Transcript] = {}
    videos = []
    for video_id in ids:
        mine = tuple(t for t in tags[video_id] if t.coder in chosen)
        who = frozenset(chosen) if complete and named else frozenset(t.coder for t in mine)
        if spoken is not None and video_id in spoken:
            packed, end_ms = spoken[video_id]
            units = None if packed is None else _unpack(packed, video_id)
            videos.append(VideoCoding(video_id, mine, who, units, end_ms))
        else:  # not in the index: no transcript, or one it could not read (say why)
            read[video_id] = ws.transcript_or_stub(video_id)
            videos.append(coding_of(read[video_id], mine, who))
    used = {slug for v in videos for t in v.tags for slug in t.themes}
    words = WorkspaceWords(ws, read)
    return Selection(tuple(videos), chosen, _themes(ws.codebook(), themes, used), words)


class WorkspaceWords:
    """The words of a workspace's videos (a ``units.TextSource``), keeping those of the
    video last asked about, as agreement asks about one video after another."""

    def __init__(self, ws: Workspace, read: Mapping[str, Transcript]) -> None:
        self._ws = ws
        self._read = read
        self._segments: tuple[str, SegmentText] = ("", SegmentText((), ()))
        self._texts: tuple[str, Sequence[str]] = ("", ())

    def segments(self, video_id: str) -> SegmentText:
        """Read from the file's JSON without making its segments, where it has the
        usual shape (else as ``load_transcript`` reads it, with its precise errors)."""
        if self._segments[0] != video_id:
            found = self._from_json(video_id, segment_fields)
            if found is None:
                segments = self._transcript(video_id).segments
                found = ([(s.start_ms, s.end_ms) for s in segments], [s.text for s in segments])
            self._segments = (video_id, SegmentText(tuple(found[0]), found[1]))
        return self._segments[1]

    def texts(self, video_id: str) -> Sequence[str]:
        """As ``segments``, reading only the texts (all the words of segment units need)."""
        if self._texts[0] != video_id:
            found = self._from_json(video_id, segment_texts)
            if found is None:
                found = [s.text for s in self._transcript(video_id).segments]
            self._texts = (video_id, found)
        return self._texts[1]

    def _from_json(self, video_id: str, read: Callable[[Any], T | None]) -> T | None:
        if video_id in self._read or not self._ws.has_transcript(video_id):
            return None
        try:
            return read(fsutil.parse_json(self._ws.transcript_text(video_id)))
        except fsutil.JsonProblem:
            return None  # load_transcript names the problem

    def _transcript(self, video_id: str) -> Transcript:
        found = self._read.get(video_id)
        if found is not None:
            return found
        return self._ws.transcript_or_stub(video_id)


def _unpack(packed: bytes, video_id: str) -> SegmentUnits:
    try:
        return unpack(packed)
    except ValueError as exc:
        raise WorkspaceError(
            f"the search index holds damaged units of {video_id}: {exc}",
            hint=Hint(HintKind.REBUILD_INDEX),
        ) from exc


def _tags_from_rows(rows: Sequence[TagRow]) -> dict[str, list[Tag]]:
    out: dict[str, list[Tag]] = {}
    for tag_id, video_id, start, end, themes, coder in rows:
        out.setdefault(video_id, []).append(Tag(tag_id, video_id, start, end, themes, coder=coder))
    return out


def _themes(codebook: Codebook, names: Sequence[str], used: set[str]) -> tuple[str, ...]:
    if names:
        return tuple(dict.fromkeys(resolve_theme(codebook, n).slug for n in names))
    ordered = [t.slug for t in codebook if t.slug in used]
    return (*ordered, *sorted(used - set(ordered)))
