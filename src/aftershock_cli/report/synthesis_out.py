"""The synthesis as a Markdown page (for a vault or a terminal) and as JSON data.

The page's links are given by the caller (``Links``): plain names and video links
on their own, wikilinks to notes and theme pages inside a vault.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..core.model import video_url
from ..core.timecode import format_hms
from ..notes import write as md_text
from .counts import minutes
from .synthesis import Quote, Synthesis, Talk, ThemeInTalk, ThemeSynthesis

TITLE = "Synthesis"


@dataclass(frozen=True)
class Links:
    """How the page names a theme, a talk and a moment of a talk, as Markdown."""

    theme: Callable[[str, str], str]
    """(slug, label) -> the theme's name or link."""
    talk: Callable[[Talk], str]
    """A talk's name or link."""
    moment: Callable[[Talk, int, str], str]
    """(talk, ms, tag id) -> a link to that moment (of that tag's statement)."""


def plain_links() -> Links:
    """Names as text and moments as links to the video on YouTube."""
    return Links(
        theme=lambda _slug, label: md_text.escape_inline(label),
        talk=lambda talk: md_text.escape_inline(talk.title or talk.video_id),
        moment=lambda talk, ms, _tag: md_text.markdown_link(ms // 1000, talk.video_id),
    )


def _date(talk: Talk) -> str:
    return talk.date or "no date"


def _share(item: ThemeInTalk) -> str:
    value = item.share
    return "" if value is None else f" ({round(value * 100)}% of the talk)"


def to_markdown(synthesis: Synthesis, links: Links | None = None) -> str:
    """The synthesis as one Markdown page (ends with a newline)."""
    links = links or plain_links()
    talks = synthesis.talks
    lines = [f"# {TITLE}", "", _lead(synthesis), ""]
    lines += ["| Theme | Talks | Minutes | First | Last |", "| --- | ---: | ---: | --- | --- |"]
    for theme in synthesis.themes:
        first, last = theme.first, theme.last
        lines.append(
            f"| {_cell(theme.label)} | {len(theme.talks)} of {len(talks)} "
            f"| {minutes(theme.tagged_ms)} | {_date(first.talk) if first else '-'} "
            f"| {_date(last.talk) if last else '-'} |"
        )
    for theme in synthesis.themes:
        lines += ["", f"## {links.theme(theme.slug, theme.label)}", ""]
        lines += _theme_section(theme, len(talks), links)
    return "\n".join(lines) + "\n"


def _lead(synthesis: Synthesis) -> str:
    talks = synthesis.talks
    what = f"{len(talks)} talk{'' if len(talks) == 1 else 's'}"
    if synthesis.series:
        what += f" of the series {md_text.escape_inline(synthesis.series)}"
    dates = [t.date for t in talks if t.date]
    if dates:
        what += f", {dates[0]} to {dates[-1]}" if dates[0] != dates[-1] else f", {dates[0]}"
    return (
        f"{what}. A theme's minutes in a talk are the time its tags cover there; "
        "it goes *with* another theme in the talks that raise both, and their tags "
        "*overlap* when their time ranges do."
    )


def _cell(text: str) -> str:
    return md_text.escape_inline(text).replace("|", "\\|")


def _theme_section(theme: ThemeSynthesis, total: int, links: Links) -> list[str]:
    first, last = theme.first, theme.last
    if first is None or last is None:
        return ["Not raised in these talks."]
    lines = [
        f"Raised in {len(theme.talks)} of {total} talks, {minutes(theme.tagged_ms)} minutes "
        "in all; "
        + (
            f"only on {_date(first.talk)} in {links.talk(first.talk)}."
            if first is last
            else f"first on {_date(first.talk)} in {links.talk(first.talk)}, "
            f"last on {_date(last.talk)} in {links.talk(last.talk)}."
        ),
        "",
        "In each talk, by date:",
        "",
    ]
    for item in theme.talks:
        count = f"{item.tags} tag{'' if item.tags == 1 else 's'}"
        lines.append(
            f"- {_date(item.talk)}, {links.talk(item.talk)}: {count}, "
            f"{minutes(item.tagged_ms)} min{_share(item)}"
        )
    lines += ["", "Strongest in:", ""]
    quotes = {q.talk.video_id: q for q in theme.quotes}
    for item in theme.strongest:
        lines += _strong(item, quotes.get(item.talk.video_id), links)
    if theme.cooccurs:
        pairs = [
            f"{links.theme(c.slug, c.label)} ({c.same_talks} talk"
            f"{'' if c.same_talks == 1 else 's'}, {c.overlaps} overlap"
            f"{'' if c.overlaps == 1 else 's'})"
            for c in theme.cooccurs
        ]
        lines += ["", "With: " + ", ".join(pairs) + "."]
    return lines


def _strong(item: ThemeInTalk, quote: Quote | None, links: Links) -> list[str]:
    head = f"- {links.talk(item.talk)} ({minutes(item.tagged_ms)} min)"
    if quote is None:
        return [head]
    at = links.moment(item.talk, quote.start_ms, quote.tag_id)
    if not quote.text:
        return [f"{head}, at {at}"]
    return [f"{head}, at {at}:", md_text.quote(quote.text, "  ")]


def to_json(synthesis: Synthesis) -> dict[str, object]:
    """The synthesis as plain data (the fields docs/series.md lists)."""
    return {
        "series": synthesis.series or None,
        "talks": [_talk(t) for t in synthesis.talks],
        "themes": [_theme_json(t) for t in synthesis.themes],
    }


def _talk(talk: Talk) -> dict[str, object]:
    return {
        "video_id": talk.video_id,
        "title": talk.title,
        "date": talk.date or None,
        "date_source": talk.date_source or None,
        "duration_ms": talk.duration_ms or None,
    }


def _when(item: ThemeInTalk | None) -> dict[str, object] | None:
    return (
        None if item is None else {"video_id": item.talk.video_id, "date": item.talk.date or None}
    )


def _theme_json(theme: ThemeSynthesis) -> dict[str, object]:
    quotes = {q.talk.video_id: q for q in theme.quotes}
    return {
        "theme": theme.slug,
        "label": theme.label,
        "talks": len(theme.talks),
        "tagged_ms": theme.tagged_ms,
        "minutes": minutes(theme.tagged_ms),
        "first": _when(theme.first),
        "last": _when(theme.last),
        "per_talk": [
            {
                "video_id": t.talk.video_id,
                "date": t.talk.date or None,
                "tags": t.tags,
                "tagged_ms": t.tagged_ms,
                "share": t.share,
            }
            for t in theme.talks
        ],
        "strongest": [
            {
                "video_id": t.talk.video_id,
                "date": t.talk.date or None,
                "tagged_ms": t.tagged_ms,
                "quote": _quote(quotes.get(t.talk.video_id)),
            }
            for t in theme.strongest
        ],
        "cooccurs": [
            {"theme": c.slug, "label": c.label, "same_talks": c.same_talks, "overlaps": c.overlaps}
            for c in theme.cooccurs
        ],
    }


def _quote(quote: Quote | None) -> dict[str, object] | None:
    if quote is None:
        return None
    return {
        "tag_id": quote.tag_id,
        "start_ms": quote.start_ms,
        "end_ms": quote.end_ms,
        "at": format_hms(quote.start_ms),
        "url": video_url(quote.talk.video_id, quote.start_ms),
        "text": quote.text,
    }
