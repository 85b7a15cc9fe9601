"""The work and the rendering behind ``report --across`` and ``report --series``
(imported lazily)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..report.counts import TagRow
from ..report.synthesis import Synthesis, build_synthesis, indexed_talks, workspace_words
from ..report.synthesis_out import to_json, to_markdown
from . import _common

if TYPE_CHECKING:
    from ..export import VideoData
    from ..export.vault_links import VaultLinks

Videos = dict[str, tuple[str, str, int]]
Indexed = tuple[list[TagRow], Videos, dict[str, tuple[str, str]]]
"""The tag rows, videos (title, channel, length) and dates (upload, fetch) of the index."""


def series_ids(ctx: typer.Context, name: str) -> set[str]:
    """The video ids of the series ``name`` (an error when the workspace has none such)."""
    from ..ingest.series import series_videos

    return set(series_videos(_common.workspace(ctx), name))


def in_series(ids: set[str], tags: list[TagRow], videos: Videos) -> tuple[list[TagRow], Videos]:
    """The tags and videos of these video ids only."""
    return [t for t in tags if t[1] in ids], {v: d for v, d in videos.items() if v in ids}


def synthesis_of(
    ctx: typer.Context, index: Indexed, only: list[str], series: str | None
) -> Synthesis:
    """The synthesis of the given tags over every talk of the index's videos (and every
    tagged one)."""
    tags, videos, dates = index
    ws = _common.workspace(ctx)
    talks = indexed_talks(sorted(set(videos) | {t[1] for t in tags}), videos, dates)
    words = workspace_words(ws)
    return build_synthesis(talks, tags, ws.codebook(), words, only=only, series=series or "")


def check_across(by: str, fmt: str, agreement: bool) -> None:
    """Refuse, as bad usage, what ``--across`` cannot go with."""
    if by != "theme" or agreement:
        _common.fail("--across reports each theme across talks; drop --by and --agreement", code=2)
    if fmt == "csv":
        _common.fail("--across writes Markdown or JSON; use -f table or -f json", code=2)


def across_report(
    ctx: typer.Context,
    fmt: str,
    index: Indexed,
    only: list[str],
    plot: Path | None,
    series: str | None,
) -> None:
    """Print the synthesis as Markdown (``table``) or JSON, and draw it when asked."""
    synthesis = synthesis_of(ctx, index, only, series)
    if plot is not None:
        from ..report.plot_series import write_series_plots

        for target, what in write_series_plots(synthesis, plot):
            _common.notice(ctx, f"Drew {what} to {target}")
    if fmt == "json":
        _common.echo_json(to_json(synthesis))
    else:
        sys.stdout.write(to_markdown(synthesis))


def vault_synthesis(links: VaultLinks, videos: list[VideoData]) -> dict[str, str]:
    """The vault's ``Synthesis.md``: the synthesis of the exported tags, linked to the
    vault's notes and theme pages in the vault's link style."""
    from ..core.spoken import covered_text
    from ..report.synthesis import talk_of
    from ..report.synthesis_out import TITLE, Links

    transcripts = {v.transcript.video_id: v.transcript for v in videos}
    rows: list[TagRow] = [
        (t.id, t.video_id, t.start_ms, t.end_ms, t.themes, t.coder) for v in videos for t in v.tags
    ]
    synthesis = build_synthesis(
        [talk_of(t) for t in transcripts.values()],
        rows,
        links.codebook,
        lambda vid, start, end: covered_text(transcripts[vid], start, end),
    )
    page_links = Links(
        theme=links.theme,
        talk=lambda talk: links.talk(talk.video_id, talk.title),
        moment=lambda talk, ms, tag_id: links.moment(talk.video_id, ms, tag_id),
    )
    return {f"{TITLE}.md": to_markdown(synthesis, page_links)}
