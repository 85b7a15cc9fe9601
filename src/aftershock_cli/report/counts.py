"""Counts across the workspace: per theme, per video, per coder, and theme co-occurrence.

Tagged time is the union of a theme's ranges within a video, so two
overlapping tags of the same theme are not counted twice. A theme's share is
its tagged time over the length of every transcript in the workspace (videos
whose length is not known, such as those imported from notes alone, are left
out of both; with no known length at all, the share is None). Two
themes co-occur once for every pair of tags of one video whose ranges overlap
(or one tag that carries both).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from ..core.model import Codebook

BY_CHOICES = ("theme", "video", "coder", "cooccurrence")

TagRow = tuple[str, str, int, int, tuple[str, ...], str]
"""(tag id, video id, start ms, end ms, theme slugs, coder), as the search index gives them."""


@dataclass(frozen=True)
class Count:
    """Tags, videos and tagged time of one theme (or one coder) in some scope."""

    tags: int = 0
    videos: int = 0
    tagged_ms: int = 0


@dataclass
class Report:
    themes: list[str]
    """The theme slugs reported, in codebook order (unknown slugs last)."""
    labels: dict[str, str]
    total_ms: int
    """The length of every transcript together."""
    videos: dict[str, tuple[str, int]]
    """video id -> (title, length in ms), for every video with a transcript or tags."""
    by_theme: dict[str, Count] = field(default_factory=dict)
    by_video: dict[str, dict[str, Count]] = field(default_factory=dict)
    """video id -> theme -> count (only themes tagged in that video)."""
    by_coder: dict[str, Count] = field(default_factory=dict)
    coder_themes: dict[str, dict[str, int]] = field(default_factory=dict)
    cooccurrence: dict[tuple[str, str], int] = field(default_factory=dict)
    """(a, b) -> overlaps, both orders present; (a, a) is the number of tags of a."""


def union_ms(ranges: Iterable[tuple[int, int]]) -> int:
    """The length covered by a set of ranges, overlaps counted once."""
    total = 0
    current_start = current_end = None
    for start, end in sorted(ranges):
        if current_end is None or start > current_end:
            if current_end is not None and current_start is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None and current_start is not None:
        total += current_end - current_start
    return total


def build_report(
    tags: Iterable[TagRow],
    videos: Mapping[str, tuple[str, str, int]],
    codebook: Codebook,
    only: Sequence[str] = (),
) -> Report:
    """Count ``tags`` (video lengths from ``videos``: id -> (title, channel, ms)).

    ``only``: report just these theme slugs (tags of other themes are ignored).
    """
    per_video: dict[str, list[TagRow]] = defaultdict(list)
    seen_themes: set[str] = set()
    for row in tags:
        kept = tuple(t for t in row[4] if not only or t in only)
        if kept:
            per_video[row[1]].append((*row[:4], kept, row[5]))
            seen_themes.update(kept)
    order = [t.slug for t in codebook if not only or t.slug in only]
    order += sorted(seen_themes - set(order))
    labels = {t.slug: t.label for t in codebook}
    all_videos = {vid: (title, ms) for vid, (title, _channel, ms) in videos.items()}
    for vid in per_video:
        all_videos.setdefault(vid, ("", 0))
    report = Report(
        themes=order,
        labels={slug: labels.get(slug, slug) for slug in order},
        total_ms=sum(ms for _title, _ch, ms in videos.values()),
        videos=dict(sorted(all_videos.items())),
    )
    theme_ranges: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    coder_ranges: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for vid, rows in sorted(per_video.items()):
        _count_video(report, vid, rows)
        for _id, _vid, start, end, themes, coder in rows:
            for theme in themes:
                theme_ranges[theme].append((vid, start, end))
            coder_ranges[coder].append((vid, start, end))
            counts = report.coder_themes.setdefault(coder, {})
            for theme in themes:
                counts[theme] = counts.get(theme, 0) + 1
    for theme in order:
        report.by_theme[theme] = _count(theme_ranges.get(theme, []))
    for coder in sorted(coder_ranges):
        report.by_coder[coder] = _count(coder_ranges[coder])
    return report


def _count(ranges: list[tuple[str, int, int]]) -> Count:
    per_video: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for vid, start, end in ranges:
        per_video[vid].append((start, end))
    return Count(
        tags=len(ranges),
        videos=len(per_video),
        tagged_ms=sum(union_ms(r) for r in per_video.values()),
    )


def _count_video(report: Report, vid: str, rows: list[TagRow]) -> None:
    ranges: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for _id, _vid, start, end, themes, _coder in rows:
        for theme in themes:
            ranges[theme].append((vid, start, end))
    report.by_video[vid] = {t: _count(ranges[t]) for t in report.themes if t in ranges}
    co = report.cooccurrence
    for _id, _vid, _s, _e, themes, _c in rows:
        for theme in themes:
            co[theme, theme] = co.get((theme, theme), 0) + 1
    for one, two in _overlapping_pairs(rows):
        pairs = {(a, b) for a in one[4] for b in two[4] if a != b}
        pairs |= {(b, a) for a, b in pairs}
        for pair in pairs:
            co[pair] = co.get(pair, 0) + 1
    for row in rows:
        for a, b in combinations(row[4], 2):
            co[a, b] = co.get((a, b), 0) + 1
            co[b, a] = co.get((b, a), 0) + 1


def _overlapping_pairs(rows: list[TagRow]) -> Iterable[tuple[TagRow, TagRow]]:
    ordered = sorted(rows, key=lambda r: (r[2], r[3]))
    for i, one in enumerate(ordered):
        for two in ordered[i + 1 :]:
            if two[2] >= one[3] and not (two[2] == one[2] == one[3]):
                break
            yield one, two


def minutes(ms: int) -> float:
    return round(ms / 60_000, 1)


def share(part_ms: int, whole_ms: int) -> float | None:
    """``part_ms`` as a fraction of ``whole_ms``; None when the whole is not known."""
    return round(part_ms / whole_ms, 4) if whole_ms else None


def theme_share(report: Report, slug: str) -> float | None:
    """A theme's tagged time in videos of known length, over the length of them all."""
    known = sum(
        themes[slug].tagged_ms
        for vid, themes in report.by_video.items()
        if slug in themes and report.videos[vid][1]
    )
    return share(known, report.total_ms)


def table(
    report: Report, by: str, top: int | None = None
) -> tuple[list[str], list[list[str | int | float | None]]]:
    """The report as a header and rows of plain values (for a table or CSV).

    ``top``: per coder, list only this many of the themes used most.
    """
    rows: list[list[str | int | float | None]] = []
    if by == "theme":
        header = ["theme", "label", "tags", "videos", "minutes", "share"]
        for slug in report.themes:
            c = report.by_theme[slug]
            rows.append(
                [
                    slug,
                    report.labels[slug],
                    c.tags,
                    c.videos,
                    minutes(c.tagged_ms),
                    theme_share(report, slug),
                ]
            )
    elif by == "video":
        header = ["video", "title", "theme", "tags", "minutes", "share"]
        for vid, themes in report.by_video.items():
            title, length = report.videos[vid]
            for slug, c in themes.items():
                rows.append(
                    [vid, title, slug, c.tags, minutes(c.tagged_ms), share(c.tagged_ms, length)]
                )
    elif by == "coder":
        header = ["coder", "tags", "videos", "minutes", "themes"]
        for coder, c in report.by_coder.items():
            used = report.coder_themes.get(coder, {})
            ranked = sorted((t for t in report.themes if t in used), key=lambda t: -used[t])
            listed = ", ".join(f"{t} {used[t]}" for t in ranked[:top])
            if top is not None and len(ranked) > top:
                listed += f" and {len(ranked) - top} more"
            rows.append([coder, c.tags, c.videos, minutes(c.tagged_ms), listed])
    else:
        header = ["theme", *report.themes]
        for a in report.themes:
            rows.append([a, *(report.cooccurrence.get((a, b), 0) for b in report.themes)])
    return header, rows


def to_json(report: Report, by: str) -> dict[str, object]:
    """The report as plain data for JSON output."""
    header, rows = table(report, by)
    data: dict[str, object] = {"by": by, "total_minutes": minutes(report.total_ms)}
    if by == "cooccurrence":
        data["themes"] = report.themes
        data["matrix"] = [row[1:] for row in rows]
    elif by == "coder":
        data["rows"] = [
            {
                "coder": coder,
                "tags": c.tags,
                "videos": c.videos,
                "minutes": minutes(c.tagged_ms),
                "themes": report.coder_themes.get(coder, {}),
            }
            for coder, c in report.by_coder.items()
        ]
    else:
        data["rows"] = [dict(zip(header, row, strict=True)) for row in rows]
    return data
