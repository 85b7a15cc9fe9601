"""What an agreement run covers, read from the workspace: videos, coders and themes.

A video counts as coded by a coder when that coder has at least one tag on it,
or, when the coders are named and ``complete`` is set, by every named coder (a
coder who looked and found nothing). Tags without a coder take no part.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.errors import InvalidInputError
from ..core.model import Codebook, Tag
from ..tagging.themes import resolve_theme
from .counts import TagRow
from .units import VideoCoding

if TYPE_CHECKING:
    from ..workspace.folder import Workspace


@dataclass(frozen=True)
class Selection:
    """The videos (with their tags), coders and themes to compare."""

    videos: tuple[VideoCoding, ...]
    coders: tuple[str, ...]
    themes: tuple[str, ...]


def select(
    ws: Workspace,
    video_ids: Sequence[str] = (),
    coders: Sequence[str] = (),
    themes: Sequence[str] = (),
    *,
    complete: bool = False,
    tag_rows: Sequence[TagRow] | None = None,
) -> Selection:
    """Read the chosen videos (default: every tagged video) and settle coders and themes.

    Without ``coders``, every coder with tags on the chosen videos takes part;
    without ``themes``, every theme those coders used, in codebook order.
    ``tag_rows`` (as the search index gives them) stand in for reading the tag files.
    """
    named = tuple(dict.fromkeys(c.strip() for c in coders if c.strip()))
    by_video = _tags_from_rows(tag_rows) if tag_rows is not None else None
    ids = list(dict.fromkeys(video_ids)) or (
        sorted(by_video) if by_video is not None else ws.tagged_video_ids()
    )
    loaded = [
        (ws.transcript_or_stub(v), by_video.get(v, []) if by_video is not None else ws.load_tags(v))
        for v in ids
    ]
    present = sorted({t.coder for _, tags in loaded for t in tags if t.coder})
    chosen = named or tuple(present)
    if len(chosen) < 2:
        found = ", ".join(present) or "none"
        raise InvalidInputError(
            f"agreement needs two or more coders; the tags of these videos name: {found}"
        )
    videos = []
    for transcript, tags in loaded:
        mine = tuple(t for t in tags if t.coder in chosen)
        who = frozenset(chosen) if complete and named else frozenset(t.coder for t in mine)
        videos.append(VideoCoding(transcript, mine, who))
    used = {slug for v in videos for t in v.tags for slug in t.themes}
    return Selection(tuple(videos), chosen, _themes(ws.codebook(), themes, used))


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
