"""What each theme says across a series of talks: reach, time, first and last talk,
where it is strongest (with quotes) and which themes go with it.

Talks are put in date order (the upload date, else the day of the fetch; see
``core.series.talk_date``). A theme's time in a talk is the union of its tags'
ranges there (``counts``), so two coders marking the same stretch count it once.
Two themes co-occur in two ways, both reported: in the same talk (the talks that
raise both), and in overlapping time (pairs of their tags whose ranges overlap in
one talk, or one tag that carries both, as the co-occurrence count of ``counts`` does).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..core.model import Codebook, Transcript
from ..core.series import DateSource, date_order, talk_date
from ..core.spoken import covered_text
from ..workspace.folder import Workspace
from .counts import Report, TagRow, build_report, share

STRONGEST = 3
"""How many talks are named as those where a theme is strongest."""
QUOTE_CHARS = 320
"""A quote longer than this is cut at a word and ends with an ellipsis."""

Words = Callable[[str, int, int], str]
"""The transcript words a video (id) speaks between two times in ms."""


@dataclass(frozen=True)
class Talk:
    """One talk of the series, as the synthesis orders and names it."""

    video_id: str
    title: str
    date: str
    """``YYYY-MM-DD``, or empty when not known."""
    date_source: DateSource
    duration_ms: int
    """The talk's known length; 0 when not known."""


@dataclass(frozen=True)
class ThemeInTalk:
    """A theme in one talk: its tags and the time they cover."""

    talk: Talk
    tags: int
    tagged_ms: int

    @property
    def share(self) -> float | None:
        """Tagged time over the talk's length; None when the length is not known."""
        return share(self.tagged_ms, self.talk.duration_ms)


@dataclass(frozen=True)
class Quote:
    """The transcript words of one tag: the best quote of a theme in a talk."""

    talk: Talk
    tag_id: str
    start_ms: int
    end_ms: int
    text: str


@dataclass(frozen=True)
class CoTheme:
    """Another theme and how often it goes with this one."""

    slug: str
    label: str
    same_talks: int
    """Talks that raise both themes."""
    overlaps: int
    """Pairs of their tags whose ranges overlap in one talk (or one tag with both)."""


@dataclass(frozen=True)
class ThemeSynthesis:
    """One theme across the series."""

    slug: str
    label: str
    talks: tuple[ThemeInTalk, ...]
    """The talks that raise it, in date order."""
    strongest: tuple[ThemeInTalk, ...]
    """The talks where it takes the largest share of the talk's time, most first."""
    quotes: tuple[Quote, ...]
    """The best quote of each of ``strongest``: the words of its longest tag there."""
    cooccurs: tuple[CoTheme, ...]
    """The themes it goes with, most overlaps first."""

    @property
    def tagged_ms(self) -> int:
        return sum(t.tagged_ms for t in self.talks)

    @property
    def first(self) -> ThemeInTalk | None:
        return self.talks[0] if self.talks else None

    @property
    def last(self) -> ThemeInTalk | None:
        return self.talks[-1] if self.talks else None


@dataclass(frozen=True)
class Synthesis:
    """Every theme across the talks of a series (or of the workspace)."""

    talks: tuple[Talk, ...]
    """Every talk considered, in date order."""
    themes: tuple[ThemeSynthesis, ...]
    """Every theme of the codebook (and unknown ones tagged), codebook order."""
    series: str = ""
    """The series the synthesis is restricted to; empty for the whole workspace."""


def build_synthesis(
    talks: Iterable[Talk],
    tags: Iterable[TagRow],
    codebook: Codebook,
    words: Words,
    *,
    only: Sequence[str] = (),
    series: str = "",
) -> Synthesis:
    """The synthesis of ``tags`` over ``talks`` (tags of other videos are ignored).

    ``words`` gives the quotes; it is asked only for the strongest talks' tags.
    ``only``: just these theme slugs.
    """
    ordered = tuple(sorted(talks, key=lambda t: date_order(t.date, t.title, t.video_id)))
    by_id = {t.video_id: t for t in ordered}
    rows = [row for row in tags if row[1] in by_id]
    lengths = {t.video_id: (t.title, "", t.duration_ms) for t in ordered}
    counts = build_report(rows, lengths, codebook, only)
    themes = tuple(_theme(slug, ordered, counts, rows, words) for slug in counts.themes)
    return Synthesis(ordered, themes, series)


def _theme(
    slug: str, talks: tuple[Talk, ...], counts: Report, rows: list[TagRow], words: Words
) -> ThemeSynthesis:
    by_video = counts.by_video
    raised = tuple(
        ThemeInTalk(t, by_video[t.video_id][slug].tags, by_video[t.video_id][slug].tagged_ms)
        for t in talks
        if slug in by_video.get(t.video_id, {})
    )
    position = {t.talk.video_id: i for i, t in enumerate(raised)}
    strongest = tuple(sorted(raised, key=lambda t: _strength(t, position))[:STRONGEST])
    quotes = tuple(q for q in (_best_quote(slug, t.talk, rows, words) for t in strongest) if q)
    together: list[CoTheme] = []
    for other in counts.themes:
        same = sum(1 for themes in by_video.values() if slug in themes and other in themes)
        if other != slug and same:
            overlaps = counts.cooccurrence.get((slug, other), 0)
            together.append(CoTheme(other, counts.labels[other], same, overlaps))
    together.sort(key=lambda c: (-c.overlaps, -c.same_talks))
    return ThemeSynthesis(slug, counts.labels[slug], raised, strongest, quotes, tuple(together))


def _strength(item: ThemeInTalk, position: dict[str, int]) -> tuple[float, int, int]:
    """Strongest first: the largest share of the talk (a long talk does not win by its
    length alone), then the most time, then the earliest talk."""
    return (-(item.share or 0.0), -item.tagged_ms, position[item.talk.video_id])


def _best_quote(slug: str, talk: Talk, rows: list[TagRow], words: Words) -> Quote | None:
    """The words of the theme's longest tag in ``talk`` (the earliest of equals)."""
    mine = [r for r in rows if r[1] == talk.video_id and slug in r[4]]
    if not mine:
        return None
    tag_id, video_id, start, end, _themes, _coder = min(mine, key=lambda r: (r[2] - r[3], r[2]))
    return Quote(talk, tag_id, start, end, cut(words(video_id, start, end)))


def cut(text: str, limit: int = QUOTE_CHARS) -> str:
    """``text`` cut at a word to at most ``limit`` characters, with an ellipsis if cut."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return head + "…"


def talk_of(transcript: Transcript) -> Talk:
    """A stored video as a talk of the synthesis."""
    date, source = talk_date(transcript.upload_date, transcript.fetched_at)
    title = transcript.title or transcript.video_id
    return Talk(transcript.video_id, title, date, source, transcript.end_ms)


def indexed_talks(
    video_ids: Iterable[str],
    videos: Mapping[str, tuple[str, str, int]],
    dates: Mapping[str, tuple[str, str]],
) -> list[Talk]:
    """The talks of ``video_ids`` from what the search index holds: ``videos`` (id ->
    title, channel, length ms) and ``dates`` (id -> upload date, fetch time); a video
    the index does not hold (tags without a transcript) is a talk without a date."""
    talks = []
    for vid in video_ids:
        title, _channel, length = videos.get(vid, ("", "", 0))
        date, source = talk_date(*dates.get(vid, ("", "")))
        talks.append(Talk(vid, title or vid, date, source, length))
    return talks


def workspace_words(ws: Workspace) -> Words:
    """A ``Words`` that reads a transcript only when a quote of it is asked for (a
    synthesis quotes a few talks, not all of them)."""
    cache: dict[str, Transcript] = {}

    def words(video_id: str, start_ms: int, end_ms: int) -> str:
        if video_id not in cache:
            cache[video_id] = ws.transcript_or_stub(video_id)
        return covered_text(cache[video_id], start_ms, end_ms)

    return words
