"""The data model: pure, frozen data; times are integer milliseconds everywhere."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import Hint, HintKind, InvalidInputError, NotFoundError
from .ids import VIDEO_ID_RE as VIDEO_ID_RE
from .ids import video_url as video_url
from .values import check_ms


@dataclass(frozen=True, slots=True)
class Segment:
    """One caption segment as the source gave it (segments may overlap in time)."""

    start_ms: int
    """Start of the segment, from the start of the video."""
    duration_ms: int
    """Length of the segment as given by the source."""
    text: str
    """The words, cleaned of markup."""
    speaker: str = ""
    """Who speaks them, when the source says (a WebVTT voice, ``<v Name>``), else empty."""

    @property
    def end_ms(self) -> int:
        return self.start_ms + self.duration_ms


@dataclass(frozen=True, slots=True)
class Chapter:
    """A chapter of the video (from yt-dlp metadata or the description)."""

    start_ms: int
    title: str


@dataclass(frozen=True)
class Transcript:
    """A video's metadata and its segments in time order.

    A transcript with no segments holds only metadata (for example from an
    imported note); tagging it works with explicit ranges only.
    """

    video_id: str
    title: str = ""
    channel: str = ""
    """The channel's display name."""
    channel_handle: str = ""
    """The handle without ``@``, as the note's ``From: [[...]]`` line needs it."""
    channel_id: str = ""
    language_code: str = ""
    language: str = ""
    is_generated: bool = False
    duration_ms: int | None = None
    segments: tuple[Segment, ...] = ()
    source: str = ""
    """Where the words came from: ``youtube``, ``file:<name>``, ``note:<name>``."""
    fetched_at: str = ""
    """ISO 8601 UTC time of the fetch or import."""
    chapters: tuple[Chapter, ...] = ()
    media: str = ""
    """A local recording of the talk (audio or video file): a path relative to the
    workspace, or absolute; empty when there is none."""

    @property
    def handle(self) -> str:
        """The channel's handle, lower-case: the one stored, else made from the display
        name (``Civic Futures Lab`` -> ``civicfutureslab``), as a note's ``From:`` line
        and a vault's channel folder name it; empty when no channel is known."""
        return handle_of(self.channel_handle or self.channel)

    upload_date: str = ""
    """``YYYY-MM-DD`` when a series listing gave it, else empty."""
    playlist_index: int | None = None
    """The video's place (from 1) in the series listing it was fetched from, if any."""

    @property
    def has_segments(self) -> bool:
        return bool(self.segments)

    @property
    def end_ms(self) -> int:
        """The known length of the video: its duration, else the end of the last segment."""
        last = max((s.end_ms for s in self.segments), default=0)
        return max(self.duration_ms or 0, last)

    @property
    def url(self) -> str:
        return video_url(self.video_id)


_HANDLE_DROP = re.compile(r"[^\w.-]+")


def handle_of(channel: str) -> str:
    """A channel handle from a handle or a display name: ``@`` dropped, lower-case,
    and only letters, digits, ``.``, ``-`` and ``_`` kept."""
    return _HANDLE_DROP.sub("", channel.strip().lstrip("@").lower())


_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """``Cross-silo work`` -> ``cross-silo-work``."""
    return _SLUG_RE.sub("-", text.lower()).strip("-")


@dataclass(frozen=True)
class Theme:
    """A code of the codebook."""

    slug: str
    """Stable short name used on the command line and in tag files."""
    label: str
    """Human label, used as a section heading."""
    page: str = ""
    """Wikilink target of the theme's page in a vault."""
    description: str = ""
    keywords: tuple[str, ...] = ()
    """Words and phrases that drive auto-coding (suggestions, and tagging by matches)."""
    parent: str | None = None
    """Slug of the parent theme, for a hierarchy of any depth."""
    guid: str = ""
    """REFI-QDA guid when the theme came from another tool; empty otherwise."""
    color: str = ""
    """``#RRGGBB`` when set; empty for a colour derived from the slug."""
    codable: bool = True
    """False for a grouping theme (a REFI-QDA category): it holds themes, tags cannot use it."""

    @property
    def page_name(self) -> str:
        return self.page or self.label


class _Lookup:
    """A codebook's themes by slug, and by every name ``Codebook.find`` accepts."""

    __slots__ = ("by_name", "by_slug")

    def __init__(self, themes: tuple[Theme, ...]) -> None:
        self.by_slug: dict[str, Theme] = {}
        self.by_name: dict[str, Theme] = {}
        for theme in themes:
            self.add(theme)

    def add(self, theme: Theme) -> None:
        """Index a theme added after the others (the first theme of a name keeps it)."""
        self.by_slug.setdefault(theme.slug, theme)
        for name in (theme.slug, theme.label, theme.page):
            key = name.casefold()
            if key:
                self.by_name.setdefault(key, theme)


@dataclass(frozen=True)
class Codebook:
    """The themes of a workspace, in their configured order.

    Lookups by slug and by name go through an index built on the first lookup;
    ``with_theme`` hands it on to the codebook it makes (adding the new theme), so
    that a codebook grown one theme at a time is never indexed twice.
    """

    themes: tuple[Theme, ...] = ()
    _index: list[_Lookup] = field(
        default_factory=list, init=False, repr=False, compare=False, hash=False
    )
    """Empty until the first lookup, then the one index (a list: the dataclass is frozen)."""

    def __iter__(self) -> Iterator[Theme]:
        return iter(self.themes)

    def __len__(self) -> int:
        return len(self.themes)

    def _lookup(self) -> _Lookup:
        if not self._index:
            self._index.append(_Lookup(self.themes))
        return self._index[0]

    def __contains__(self, slug: object) -> bool:
        return isinstance(slug, str) and slug in self._lookup().by_slug

    def get(self, slug: str) -> Theme:
        theme = self._lookup().by_slug.get(slug)
        if theme is None:
            raise NotFoundError(
                f"no theme '{slug}' in the codebook", hint=Hint(HintKind.LIST_THEMES, name=slug)
            )
        return theme

    def find(self, name: str) -> Theme | None:
        """Exact match by slug, label or page, case-insensitively; None when absent.

        An empty or blank name finds nothing (it must not match an empty page).
        """
        key = name.strip().casefold()
        if not key:
            return None
        return self._lookup().by_name.get(key)

    def roots(self) -> list[Theme]:
        return [t for t in self.themes if not t.parent or t.parent not in self]

    def children(self, slug: str) -> list[Theme]:
        return [t for t in self.themes if t.parent == slug]

    def ancestors(self, slug: str) -> list[Theme]:
        """Parents from the nearest upward (cycles are cut)."""
        self.get(slug)  # an unknown slug raises NotFoundError
        by_slug = self._lookup().by_slug
        chain, _ = parent_chain({t.slug: t.parent for t in self.themes}, slug)
        return [by_slug[s] for s in chain]

    def with_theme(self, theme: Theme) -> Codebook:
        """A codebook with ``theme`` added, or replacing the theme of the same slug."""
        if theme.slug in self:
            return Codebook(tuple(theme if t.slug == theme.slug else t for t in self.themes))
        grown = Codebook((*self.themes, theme))
        lookup = self._index.pop()  # `in` built it; this codebook rebuilds it if used again
        lookup.add(theme)
        grown._index.append(lookup)
        return grown

    def without(self, slug: str) -> Codebook:
        return Codebook(tuple(t for t in self.themes if t.slug != slug))


def parent_chain(parents: Mapping[str, str | None], slug: str) -> tuple[list[str], bool]:
    """The slugs above ``slug``, nearest first, and whether the walk met a loop.

    ``parents`` maps each theme's slug to its parent's slug (or None). The walk
    ends at a theme without a parent, at a parent that is not in ``parents``,
    or at a slug it has already passed (``slug`` itself included): then the
    second value is True and the chain stops before the repeat.
    """
    chain: list[str] = []
    seen = {slug}
    current = parents.get(slug)
    while current and current in parents:
        if current in seen:
            return chain, True
        seen.add(current)
        chain.append(current)
        current = parents[current]
    return chain, False


@dataclass(frozen=True, slots=True)
class Tag:
    """A coded time range of one video."""

    id: str
    video_id: str
    start_ms: int
    end_ms: int
    themes: tuple[str, ...]
    """Theme slugs, first the main one."""
    note: str = ""
    """The analyst's statement about this range (Markdown, one paragraph)."""
    section: str = ""
    """Heading path the statement sits under, joined by `` / `` (from imported notes)."""
    coder: str = ""
    created: str = ""
    """ISO 8601 UTC time of creation."""
    extra: Mapping[str, Any] = field(default_factory=dict, hash=False)
    """Format-specific data kept so an imported note can be laid out again."""

    def __post_init__(self) -> None:
        check_ms(self.start_ms, f"tag {self.id}: start")
        check_ms(self.end_ms, f"tag {self.id}: end")
        if self.end_ms < self.start_ms:
            raise InvalidInputError(
                f"tag {self.id}: end {self.end_ms} ms is before start {self.start_ms} ms"
            )

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms


@dataclass(frozen=True)
class Rejection:
    """A suggested range the user said does not fit a theme; it is not suggested again."""

    theme: str
    """Slug of the theme."""
    video_id: str
    start_ms: int
    end_ms: int


def check_video_id(value: str) -> str:
    """Return ``value`` if it is an 11-character YouTube video id, else raise."""
    if not VIDEO_ID_RE.fullmatch(value):
        raise InvalidInputError(
            f"'{value}' is not a YouTube video id (11 characters of A-Z, a-z, 0-9, - and _)"
        )
    return value
