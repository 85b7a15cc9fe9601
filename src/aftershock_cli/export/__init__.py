"""Writers: one module per output format, all fed the same ``VideoData``.

Each format module exposes ``render(video: VideoData, options: ExportOptions)
-> list[OutputFile]``: the file(s) that format makes of one video. The CLI
prints a single file to stdout or writes every file into an output folder.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

from ..core.errors import InvalidInputError
from ..notes.layout import NoteLayout, layouts_from_dicts

if TYPE_CHECKING:
    from ..core.model import Codebook, Tag, Transcript
    from ..workspace.folder import Workspace


Format = Literal["md", "json", "csv", "srt", "vtt", "chapters", "txt"]
"""The formats the writers of this package make of one video (qdpx is ``refi``'s)."""
FORMATS: tuple[Format, ...] = get_args(Format)
By = Literal["video", "theme"]
"""md: one note per video, or one per top-level theme."""
LinkStyle = Literal["anchor", "markdown", "video", "block"]
"""md: the source format's ``<a>`` anchors, or clickable Markdown links; in a vault
also how theme pages link a statement: to the ``video`` at that time, or to its
``block`` in the note (see ``vault_links``)."""


def as_format(name: str) -> Format:
    """``name`` as one of ``FORMATS``; InvalidInputError when it is none of them."""
    for fmt in FORMATS:
        if fmt == name:
            return fmt
    raise InvalidInputError(f"unknown export format '{name}'")


@dataclass(frozen=True)
class ExportOptions:
    """What the user asked of an export (filters and layout)."""

    themes: tuple[str, ...] = ()
    """Only tags with one of these theme slugs (or a descendant); empty = all."""
    coder: str = ""
    """Only tags of this coder; empty = all."""
    from_ms: int | None = None
    to_ms: int | None = None
    by: By = "video"
    """md only: ``video`` (one note per video) or ``theme`` (one per top-level theme)."""
    link_style: LinkStyle = "anchor"
    """md only: ``anchor`` (the source format) or ``markdown``; a vault's theme pages
    also take ``video`` and ``block``, whose notes keep the anchors."""
    quotes: bool = False
    """md only: quote the transcript text a tag covers under its statement."""
    primary_only: bool = False
    """md only: a tag's statement under its first theme only (else under each of them)."""


@dataclass(frozen=True)
class VideoData:
    """Everything a writer needs about one video, tags already filtered and sorted."""

    transcript: Transcript
    tags: tuple[Tag, ...]
    codebook: Codebook
    layouts: tuple[NoteLayout, ...] = ()
    """Layouts kept by ``import-note`` (see ``notes.layout``)."""


@dataclass(frozen=True)
class OutputFile:
    name: str
    """File name (no folder) the file gets in an output folder."""
    text: str
    messages: tuple[str, ...] = ()
    """What the writer adjusted to follow the format's rules, for the user."""


def tag_matches(tag: Tag, options: ExportOptions, codebook: Codebook) -> bool:
    """Whether a tag passes the theme, coder and time filters of ``options``."""
    if options.coder and tag.coder != options.coder:
        return False
    if options.from_ms is not None and tag.end_ms < options.from_ms:
        return False
    if options.to_ms is not None and tag.start_ms > options.to_ms:
        return False
    if options.themes:
        wanted = set(options.themes)
        for slug in tag.themes:
            if slug in wanted:
                return True
            if slug in codebook and any(a.slug in wanted for a in codebook.ancestors(slug)):
                return True
        return False
    return True


def has_filters(options: ExportOptions) -> bool:
    """Whether ``options`` narrow the tags (by theme, coder or time)."""
    return bool(
        options.themes or options.coder or options.from_ms is not None or options.to_ms is not None
    )


def load_video(ws: Workspace, video_id: str, options: ExportOptions) -> VideoData:
    """Read one video's transcript (or its bare metadata) and its filtered tags."""
    codebook = ws.codebook()
    tagfile = ws.load_tagfile(video_id)
    tags = sorted(
        (t for t in tagfile.tags if tag_matches(t, options, codebook)),
        key=lambda t: (t.start_ms, t.end_ms, t.id),
    )
    return VideoData(
        transcript=ws.transcript_or_stub(video_id),
        tags=tuple(tags),
        codebook=codebook,
        layouts=layouts_from_dicts(tagfile.layouts),
    )


def theme_label(codebook: Codebook, slug: str) -> str:
    """The label of a theme, or its slug when the codebook no longer has it."""
    for theme in codebook:
        if theme.slug == slug:
            return theme.label
    return slug


def snake_case(title: str) -> str:
    """The vault's file-name convention: ``Core Beliefs: a/b`` -> ``core_beliefs_ab``.

    A name longer than 100 characters (ASCII, so bytes too: file systems allow 255
    a name, and a vault may add ``_<videoId>.md``) is cut at a word and ends in 8 hex
    digits of the whole name's hash, so two long titles alike at the start stay apart."""
    longest = 100
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text.lower())
    name = re.sub(r"[\s-]+", "_", text).strip("_") or "untitled"
    if len(name) <= longest:
        return name
    import hashlib

    digest = hashlib.sha1(name.encode("ascii"), usedforsecurity=False).hexdigest()[:8]
    head = name[: longest - 9]
    if "_" in head[1:] and name[len(head)] != "_":
        head = head[: head.rindex("_")]
    return f"{head.rstrip('_')}_{digest}"
