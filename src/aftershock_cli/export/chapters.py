"""The ``chapters`` export: a chapter list to paste into a YouTube description.

A chapter starts where a tag starts, titled by the tag's section (the
innermost heading it sat under in an imported note, as plain text) or else
its main theme; tags in a row with the same title make one chapter. The list is then made to
follow YouTube's rules, and every change is reported (``OutputFile.messages``):

- the first chapter starts at 00:00 (an ``Intro`` is added before a first tag
  that starts 10 seconds or more in; an earlier first tag is moved to 00:00);
- every chapter lasts at least 10 seconds (a chapter that starts less than
  10 seconds after the one before, or before the end of the video, is dropped);
- there are at least three chapters (YouTube ignores a shorter list; this
  cannot be made up, so it is only reported).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.model import Tag
from ..notes.text import one_line, plain_text
from . import ExportOptions, OutputFile, VideoData, theme_label

MIN_MS = 10_000
"""The shortest chapter YouTube accepts."""
MIN_CHAPTERS = 3
INTRO = "Intro"
MAX_TITLE = 100


@dataclass(frozen=True)
class ChapterLine:
    start_ms: int
    title: str


def _clock(ms: int, long_video: bool) -> str:
    seconds = ms // 1000
    h, m, s = seconds // 3600, seconds // 60 % 60, seconds % 60
    return f"{h}:{m:02d}:{s:02d}" if long_video else f"{m:02d}:{s:02d}"


def _title(video: VideoData, tag: Tag) -> str:
    title = plain_text(tag.section.split(" / ")[-1]) if tag.section else ""
    if not title:
        title = one_line(theme_label(video.codebook, tag.themes[0])) if tag.themes else "Untitled"
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1].rstrip() + "…"


def from_tags(video: VideoData) -> list[ChapterLine]:
    """One chapter per run of tags with the same title, before any adjustment."""
    out: list[ChapterLine] = []
    for tag in sorted(video.tags, key=lambda t: (t.start_ms, t.end_ms, t.id)):
        title = _title(video, tag)
        if out and out[-1].title == title:
            continue
        out.append(ChapterLine(tag.start_ms // 1000 * 1000, title))
    return out


def adjust(items: list[ChapterLine], end_ms: int) -> tuple[list[ChapterLine], list[str]]:
    """Apply YouTube's rules; return the chapters and what was changed, in words."""
    messages: list[str] = []
    long_video = max((c.start_ms for c in items), default=0) >= 3_600_000

    def at(c: ChapterLine) -> str:
        return f"'{c.title}' at {_clock(c.start_ms, long_video)}"

    chapters = list(items)
    if chapters and chapters[0].start_ms != 0:
        first = chapters[0]
        if first.start_ms < MIN_MS:
            chapters[0] = ChapterLine(0, first.title)
            zero = _clock(0, long_video)
            messages.append(f"moved {at(first)} to {zero}: YouTube's first chapter starts at 0")
        else:
            chapters.insert(0, ChapterLine(0, INTRO))
            messages.append(f"added '{INTRO}' at {_clock(0, long_video)} before {at(first)}")
    kept: list[ChapterLine] = []
    for chapter in chapters:
        if kept and chapter.start_ms - kept[-1].start_ms < MIN_MS:
            messages.append(f"dropped {at(chapter)}: less than 10 s after {at(kept[-1])}")
            continue
        if kept and chapter.title == kept[-1].title:
            messages.append(f"merged {at(chapter)} into the chapter before, of the same name")
            continue
        kept.append(chapter)
    if len(kept) > 1 and end_ms and end_ms - kept[-1].start_ms < MIN_MS:
        last = kept.pop()
        messages.append(f"dropped {at(last)}: less than 10 s before the end of the video")
    if len(kept) < MIN_CHAPTERS:
        messages.append(
            f"only {len(kept)} chapter(s); YouTube shows chapters only from "
            f"{MIN_CHAPTERS} on, so tag more moments to use this list"
        )
    return kept, messages


def render(video: VideoData, options: ExportOptions) -> list[OutputFile]:
    """One ``<videoId>.chapters.txt`` file: ``MM:SS Title`` lines (``H:MM:SS`` past an hour)."""
    chapters, messages = adjust(from_tags(video), video.transcript.end_ms)
    long_video = max((c.start_ms for c in chapters), default=0) >= 3_600_000
    text = "".join(f"{_clock(c.start_ms, long_video)} {c.title}\n" for c in chapters)
    name = f"{video.transcript.video_id}.chapters.txt"
    return [OutputFile(name, text, tuple(messages))]
