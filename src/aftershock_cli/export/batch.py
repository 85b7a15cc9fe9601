"""Running an export: choosing the videos, dispatching to a format, writing files.

The CLI's ``export`` command is a thin layer over this module. Videos are
loaded, rendered and written one at a time, so memory stays flat however
many videos a workspace holds.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import Hint, HintKind, InvalidInputError, NotFoundError
from ..files.fsutil import write_if_changed
from ..files.paths import safe_component, write_inside
from ..notes.layout import has_tagless
from ..tagging.themes import resolve_theme
from . import ExportOptions, Format, OutputFile, VideoData, has_filters, load_video
from .manifest import Entry, Manifest, Stamp, stamp

if TYPE_CHECKING:
    from ..core.model import Codebook
    from ..workspace.folder import Workspace

FORMAT_MODULES: dict[Format, str] = {
    "md": "md",
    "json": "jsonfmt",
    "csv": "csvfmt",
    "srt": "subtitles",
    "vtt": "subtitles",
    "chapters": "chapters",
    "txt": "txt",
}
"""Format name -> module of ``aftershock_cli.export`` whose ``render`` makes it."""


@dataclass
class BatchReport:
    """What an export into a folder did."""

    written: int = 0
    unchanged: int = 0
    up_to_date: int = 0
    """Videos not rendered again: nothing they depend on changed since the last export."""
    skipped: list[str] = field(default_factory=list)
    """Videos left out because no tag of theirs matched the filters."""
    files: list[Path] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    """What the formats adjusted (for example chapter times), for the user."""


def resolve_theme_names(codebook: Codebook, names: Iterable[str]) -> tuple[str, ...]:
    """The slugs of the themes named (slug, label, page or a prefix the codebook allows)."""
    return tuple(dict.fromkeys(resolve_theme(codebook, name).slug for name in names))


def choose_videos(ws: Workspace, video_ids: Sequence[str], all_videos: bool) -> list[str]:
    """The videos to export: those given (each must be known), or every one with ``all_videos``."""
    if all_videos:
        if video_ids:
            raise InvalidInputError(
                "give either video ids or all videos, not both", hint=Hint(HintKind.GIVE_IDS_OR_ALL)
            )
        ids = ws.tagged_video_ids()
        if not ids:
            raise NotFoundError(f"no video in {ws.root} has tags", hint=Hint(HintKind.TAG_A_VIDEO))
        return ids
    if not video_ids:
        raise InvalidInputError(
            "name the video(s) to export, or ask for every video", hint=Hint(HintKind.NAME_VIDEOS)
        )
    known = set(ws.video_ids())
    for video_id in video_ids:
        if video_id not in known:
            raise NotFoundError(
                f"no video {video_id} in {ws.root}",
                hint=Hint(HintKind.FETCH_OR_IMPORT_NOTE, video_id=video_id),
                video_id=video_id,
            )
    return list(dict.fromkeys(video_ids))


def no_tags_error(video_id: str, options: ExportOptions) -> NotFoundError:
    if has_filters(options):
        return NotFoundError(
            f"no tag of {video_id} matches the filters (theme, coder, from, to)",
            hint=Hint(HintKind.SEE_VIDEO_TAGS, video_id=video_id),
            video_id=video_id,
        )
    return NotFoundError(
        f"{video_id} has no tags to export",
        hint=Hint(HintKind.TAG_VIDEO, video_id=video_id),
        video_id=video_id,
    )


def _has_content(video: VideoData, fmt: Format, options: ExportOptions) -> bool:
    """Tags to export, or (md, unfiltered) an imported note that had none."""
    if video.tags:
        return True
    return fmt == "md" and not has_filters(options) and has_tagless(video.layouts)


def render_video(video: VideoData, fmt: Format, options: ExportOptions) -> list[OutputFile]:
    """The file(s) the format ``fmt`` makes of one video."""
    module_name = FORMAT_MODULES.get(fmt)
    if module_name is None:
        raise InvalidInputError(f"unknown export format '{fmt}'")
    module = importlib.import_module(f"{__package__}.{module_name}")
    if fmt in ("srt", "vtt"):
        files: list[OutputFile] = module.render(video, options, kind=fmt)
    else:
        files = module.render(video, options)
    return files


def export_one(
    ws: Workspace, video_id: str, fmt: Format, options: ExportOptions
) -> list[OutputFile]:
    """Render one video; raise when it has no (matching) tags."""
    video = load_video(ws, video_id, options)
    if not _has_content(video, fmt, options):
        raise no_tags_error(video_id, options)
    return render_video(video, fmt, options)


def _free_name(name: str, video_id: str, taken: dict[str, str], report: BatchReport) -> str:
    """``name``, or ``<stem>_<videoId><suffix>`` when another video of this run took it."""
    owner = taken.setdefault(name, video_id)
    if owner == video_id:
        return name
    stem, dot, suffix = name.partition(".")
    other = f"{stem}_{video_id}{dot}{suffix}"
    taken[other] = video_id
    report.messages.append(f"{video_id}: wrote {other}, as {owner} already has {name}")
    return other


def export_to_dir(
    ws: Workspace,
    video_ids: Sequence[str],
    fmt: Format,
    options: ExportOptions,
    out_dir: Path,
    *,
    skip_untagged: bool,
    on_progress: Callable[[], None] | None = None,
) -> BatchReport:
    """Write every file of every video into ``out_dir``; files already up to date are
    left untouched (their modification time stays), and a video whose transcript,
    tags and files are as the last export into ``out_dir`` left them is not even
    rendered again (see ``export.manifest``)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise InvalidInputError(
            f"{out_dir} is a file, not a folder", hint=Hint(HintKind.OTHER_OUT_DIR), path=out_dir
        )
    report = BatchReport()
    taken: dict[str, str] = {}
    manifest = Manifest.load(ws, out_dir, f"{fmt}\0{options!r}")
    for video_id in video_ids:
        inputs = manifest.inputs(ws, video_id)
        entry = manifest.fresh(video_id, inputs, out_dir)
        if entry is None or not _replay(entry, video_id, out_dir, taken, report, skip_untagged):
            written = _export_video(ws, video_id, (fmt, options, out_dir), taken, report)
            if written is not None and written.skipped and not skip_untagged:
                raise no_tags_error(video_id, options)
            manifest.record(video_id, replace(written, inputs=inputs) if written else None)
        if on_progress is not None:
            on_progress()
    manifest.save(ws)
    if report.skipped and not report.files:
        n = len(report.skipped)
        if has_filters(options):
            raise NotFoundError(
                f"no tag matches the filters (theme, coder, from, to) in the {n} video(s)",
                hint=Hint(HintKind.FILTERS_MATCH_NOTHING, name=str(n)),
            )
        raise NotFoundError(f"no tag exists in the {n} video(s); nothing written")
    return report


def _replay(
    entry: Entry,
    video_id: str,
    out_dir: Path,
    taken: dict[str, str],
    report: BatchReport,
    skip_untagged: bool,
) -> bool:
    """Count an up-to-date video as exported; False when it must be rendered (its
    names are now another video's, or it has no tags and that is an error)."""
    if entry.skipped:
        if skip_untagged:
            report.skipped.append(video_id)
        return skip_untagged
    if any(taken.get(name, video_id) != video_id for name, _ in entry.files):
        return False
    for name, _ in entry.files:
        taken[name] = video_id
        report.files.append(out_dir / name)
    report.unchanged += len(entry.files)
    report.up_to_date += 1
    report.messages.extend(f"{video_id}: {m}" for m in entry.messages)
    return True


def _export_video(
    ws: Workspace,
    video_id: str,
    how: tuple[Format, ExportOptions, Path],
    taken: dict[str, str],
    report: BatchReport,
) -> Entry | None:
    """Render and write one video's files; what to record of it (None when it has no
    tags to export, or a file had to take another name)."""
    fmt, options, out_dir = how
    video = load_video(ws, video_id, options)
    if not _has_content(video, fmt, options):
        report.skipped.append(video_id)
        return Entry((), (), skipped=True)
    files: list[tuple[str, Stamp]] = []
    messages: list[str] = []
    keep = True
    for out in render_video(video, fmt, options):
        name = _free_name(safe_component(out.name), video_id, taken, report)
        path = out_dir / name
        write_inside(out_dir, path)
        if write_if_changed(path, out.text):
            report.written += 1
        else:
            report.unchanged += 1
        report.files.append(path)
        report.messages.extend(f"{video_id}: {m}" for m in out.messages)
        messages.extend(out.messages)
        written = stamp(path)
        keep = keep and written is not None and name == safe_component(out.name)
        files.append((name, written or (0, 0, 0)))
    return Entry((), tuple(files), tuple(messages)) if keep else None
