"""Tags: adding, changing, removing and listing them.

Every change happens under the video's tag-file lock and is written atomically
(``Workspace.editing_tags``), so concurrent runs keep every tag and a crash
leaves the old file or the new one.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..core.clock import utc_now
from ..core.errors import Hint, HintKind, InvalidInputError, NotFoundError
from ..core.model import Codebook, Tag
from ..core.schema import tag_to_dict
from .themes import codable, descendants, resolve_theme

if TYPE_CHECKING:
    from ..workspace.folder import Workspace


@dataclass(frozen=True)
class Span:
    """A range fitted to a transcript (``plan.fit_range``), ready to become a tag."""

    start_ms: int
    end_ms: int
    snapped: bool = False
    """True when the range was widened to segment boundaries."""


@dataclass(frozen=True)
class Draft:
    """A tag to be added (no id yet)."""

    start_ms: int
    end_ms: int
    themes: tuple[str, ...]
    note: str = ""
    section: str = ""
    coder: str = ""
    extra: Mapping[str, Any] | None = None


CODER_ENV = "AFTERSHOCK_CODER"
"""The environment variable that names the coder of new tags."""


def resolve_coder(
    ws: Workspace, explicit: str | None = None, env: Mapping[str, str] | None = None
) -> str:
    """Who codes the new tags: ``explicit``, else ``$AFTERSHOCK_CODER``, else the ``coder``
    setting of aftershock.yaml, else the login name ($USER); empty when none is known.

    Every command that creates tags asks this one function.
    """
    environ = os.environ if env is None else env
    if explicit is not None:
        return explicit.strip()
    for name in (environ.get(CODER_ENV), ws.setting("coder")):
        if name and str(name).strip():
            return str(name).strip()
    login = environ.get("USER") or environ.get("USERNAME")
    if login:
        return login
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def check_themes(codebook: Codebook, themes: Sequence[str]) -> tuple[str, ...]:
    """Resolve theme names to slugs (duplicates dropped); at least one is needed."""
    if not themes:
        raise InvalidInputError("a tag needs at least one theme", hint=Hint(HintKind.LIST_THEMES))
    slugs = [codable(codebook, resolve_theme(codebook, name)).slug for name in themes]
    return tuple(dict.fromkeys(slugs))


def _check_times(start_ms: int, end_ms: int) -> None:
    if start_ms < 0 or end_ms < start_ms:
        raise InvalidInputError(f"a tag needs 0 <= start <= end (got {start_ms} ms to {end_ms} ms)")


def add_tags(ws: Workspace, video_id: str, drafts: Sequence[Draft]) -> list[Tag]:
    """Add several tags to one video in a single locked, atomic write."""

    codebook = ws.codebook()
    ready = []
    for d in drafts:
        _check_times(d.start_ms, d.end_ms)
        ready.append(replace(d, themes=check_themes(codebook, d.themes)))
    created = utc_now()
    added: list[Tag] = []
    with ws.editing_tags(video_id) as tf:
        taken = {t.id for t in tf.tags}
        for d in ready:
            tag_id = ws.new_tag_id(video_id, taken)
            taken.add(tag_id)
            tag = Tag(
                id=tag_id,
                video_id=video_id,
                start_ms=d.start_ms,
                end_ms=d.end_ms,
                themes=d.themes,
                note=d.note,
                section=d.section,
                coder=d.coder,
                created=created,
                extra=dict(d.extra or {}),
            )
            tf.tags.append(tag)
            added.append(tag)
    return added


def add_tag(
    ws: Workspace,
    video_id: str,
    start_ms: int,
    end_ms: int,
    themes: Sequence[str],
    note: str = "",
    section: str = "",
    coder: str = "",
    extra: Mapping[str, Any] | None = None,
) -> Tag:
    """Add one tag (themes by slug, label or prefix) under the video's lock; returns it."""
    draft = Draft(start_ms, end_ms, tuple(themes), note, section, coder, extra)
    return add_tags(ws, video_id, [draft])[0]


def _owner(ws: Workspace, tag_ids: Sequence[str]) -> dict[str, str]:
    """Map each tag id to its video id; raise naming the ids that do not exist."""
    wanted = set(tag_ids)
    owner: dict[str, str] = {}
    for video_id in ws.tagged_video_ids():
        for tag in ws.load_tags(video_id):
            if tag.id in wanted:
                owner[tag.id] = video_id
    missing = [t for t in dict.fromkeys(tag_ids) if t not in owner]
    if missing:
        raise NotFoundError(
            f"no tag {', '.join(repr(m) for m in missing)} in {ws.root}; nothing was changed",
            hint=Hint(HintKind.LIST_TAGS_ASIDE),
        )
    return owner


def remove_tags(ws: Workspace, tag_ids: Sequence[str]) -> list[Tag]:
    """Remove tags by id (all or none: an unknown id changes nothing); returns them."""
    owner = _owner(ws, tag_ids)
    removed: list[Tag] = []
    for video_id in dict.fromkeys(owner.values()):
        with ws.editing_tags(video_id) as tf:
            removed += [t for t in tf.tags if t.id in owner]
            tf.tags[:] = [t for t in tf.tags if t.id not in owner]
    return removed


def update_tag(
    ws: Workspace,
    tag_id: str,
    *,
    span: Span | None = None,
    themes: Sequence[str] | None = None,
    note: str | None = None,
    section: str | None = None,
    coder: str | None = None,
) -> Tag:
    """Change a tag's range, themes, note, section or coder; returns the new tag."""
    video_id = _owner(ws, [tag_id])[tag_id]
    slugs = check_themes(ws.codebook(), themes) if themes is not None else None
    with ws.editing_tags(video_id) as tf:
        for i, tag in enumerate(tf.tags):
            if tag.id != tag_id:
                continue
            changes: dict[str, Any] = {}
            if span is not None:
                _check_times(span.start_ms, span.end_ms)
                changes.update(start_ms=span.start_ms, end_ms=span.end_ms)
            if slugs is not None:
                changes["themes"] = slugs
            for key, value in (("note", note), ("section", section), ("coder", coder)):
                if value is not None:
                    changes[key] = value
            tf.tags[i] = replace(tag, **changes)
            return tf.tags[i]
    raise NotFoundError(f"tag '{tag_id}' vanished while it was being changed; try again")


def list_tags(
    ws: Workspace,
    video_id: str | None = None,
    *,
    themes: Sequence[str] = (),
    coder: str = "",
) -> list[Tag]:
    """Tags of one video or of all, filtered by theme (with its sub-themes) and coder.

    Sorted by video, then start time.
    """
    codebook = ws.codebook()
    wanted = descendants(codebook, [resolve_theme(codebook, t).slug for t in themes])
    videos = [video_id] if video_id else ws.tagged_video_ids()
    out: list[Tag] = []
    for vid in videos:
        for tag in ws.load_tags(vid):
            if coder and tag.coder != coder:
                continue
            if wanted and not wanted & set(tag.themes):
                continue
            out.append(tag)
    out.sort(key=lambda t: (t.video_id, t.start_ms, t.end_ms, t.id))
    return out


def tag_to_json(tag: Tag) -> dict[str, Any]:
    """The JSON form of a tag that the JSON tag listing prints:
    the tag file's fields with the video id after the tag id, without ``extra``."""
    stored = tag_to_dict(tag)
    stored.pop("extra", None)
    return {"id": stored.pop("id"), "video_id": tag.video_id, **stored}
