"""Notes in the source format, made from a video's tags.

By video (``by="video"``, the default) it makes one note per video: titled by the video,
a ``##`` section per top-level theme and a ``###`` sub-section per child
theme, statements in time order. By theme it makes one note per top-level
theme of the video, titled by the theme, its child themes as sections.

A note brought in by ``import-note`` is laid out again exactly as it was
(see ``notes.layout``); tags added since are appended in sections of their own.
A note that had no anchors (so no tags) is laid out again too, unless the
export is narrowed by theme, coder or time.
Each tag appears once, under its main (first) theme.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..core.errors import Hint, HintKind, NotFoundError
from ..core.model import Codebook, Tag, Transcript
from ..notes import layout as md_layout
from ..notes import write as md_text
from ..notes.layout import NoteLayout
from ..notes.note import parse_note
from . import ExportOptions, OutputFile, VideoData, has_filters, load_video, snake_case

if TYPE_CHECKING:
    from ..workspace.folder import Workspace


def render(video: VideoData, options: ExportOptions) -> list[OutputFile]:
    """The note(s) of one video in the source format."""
    files = _by_theme(video, options) if options.by == "theme" else [_by_video(video, options)]
    if options.link_style == "markdown":
        video_id = video.transcript.video_id
        files = [OutputFile(f.name, to_markdown_links(f.text, video_id), f.messages) for f in files]
    return files


def note_text(ws: Workspace, video_id: str) -> str:
    """The note the Markdown export writes for one video, as text. Raises NotFoundError
    when the workspace has no such video, or nothing of it to write."""
    if video_id not in ws.video_ids():
        raise NotFoundError(
            f"no video {video_id} in {ws.root}, so no note of it to check",
            hint=Hint(HintKind.GIVE_NOTE_OR_FETCH, video_id=video_id),
            video_id=video_id,
        )
    options = ExportOptions()
    video = load_video(ws, video_id, options)
    if not video.tags and not md_layout.has_tagless(video.layouts):
        raise NotFoundError(
            f"{video_id} has no tags, so no note of it to check",
            hint=Hint(HintKind.GIVE_NOTE_OR_TAG, video_id=video_id),
            video_id=video_id,
        )
    files = render(video, options)
    return files[0].text if files else ""


def to_markdown_links(text: str, video_id: str) -> str:
    """Every readable timestamp anchor of ``text`` as a clickable Markdown link."""
    note = parse_note(text)
    for item in sorted(note.anchors, key=lambda a: -a.start):
        if item.kind == "anchor" and item.seconds is not None:
            note = note.replace_span(
                item.start, item.end, md_text.markdown_link(item.seconds, video_id)
            )
    return note.to_markdown()


# -- choosing between a kept layout and a new note ----------------------------


def _by_video(video: VideoData, options: ExportOptions) -> OutputFile:
    transcript = video.transcript
    layouts = md_layout.relevant_layouts(
        video.layouts, video.tags, tagless=not has_filters(options)
    )
    if len(layouts) == 1:
        return _from_layout(layouts[0], video.tags, video, options, level=2)
    title = transcript.title or transcript.video_id
    in_layouts = {i for lay in layouts for i in lay.tag_ids}
    rest = [t for t in video.tags if t.id not in in_layouts]
    items = [(path, t) for t in rest for path in _paths(video.codebook, t, options)]
    bodies = [_nested_body(lay, video, options) for lay in layouts]
    bodies.append(_sections(items, video.codebook, 2, transcript, options))
    text = _note(title, transcript, "\n\n".join(b for b in bodies if b))
    return OutputFile(f"{snake_case(title)}.md", text)


def _by_theme(video: VideoData, options: ExportOptions) -> list[OutputFile]:
    groups: dict[str, list[Tag]] = {}
    for tag in video.tags:
        groups.setdefault(_theme_path(video.codebook, tag)[0], []).append(tag)
    files: list[OutputFile] = []
    for root in sorted(groups, key=lambda slug: _order(video.codebook, slug)):
        tags = groups[root]
        layouts = [
            lay for lay in md_layout.relevant_layouts(video.layouts, tags) if lay.theme == root
        ]
        if layouts:
            files.append(_from_layout(layouts[-1], tags, video, options, level=2, root=root))
            continue
        title = _label(video.codebook, root)
        items = [(_theme_path(video.codebook, t)[1:3], t) for t in tags]
        body = _sections(items, video.codebook, 2, video.transcript, options)
        files.append(OutputFile(f"{snake_case(title)}.md", _note(title, video.transcript, body)))
    if not has_filters(options):
        for layout in md_layout.relevant_layouts(video.layouts, (), tagless=True):
            files.append(_from_layout(layout, (), video, options, level=2))
    return files


def _from_layout(
    layout: NoteLayout,
    tags: Sequence[Tag],
    video: VideoData,
    options: ExportOptions,
    *,
    level: int,
    root: str | None = None,
) -> OutputFile:
    by_id = {t.id: t for t in tags}
    text = md_layout.render_layout(layout, by_id, video.transcript, quotes=options.quotes)
    kept = set(layout.tag_ids)
    extra = [t for t in tags if t.id not in kept]
    if extra:
        depth = slice(1, 3) if root else slice(0, 2)
        items = [(_theme_path(video.codebook, t)[depth], t) for t in extra]
        body = _sections(items, video.codebook, level, video.transcript, options)
        gap = "" if text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
        text = text + gap + body
    name = layout.name or f"{snake_case(layout.title)}.md"
    return OutputFile(name, text)


def _nested_body(layout: NoteLayout, video: VideoData, options: ExportOptions) -> str:
    """One of several notes of a video as a ``##`` section: its title, then its body
    (after front matter and source line) with every heading one level deeper."""
    by_id = {t.id: t for t in video.tags}
    text = md_layout.render_layout(layout, by_id, video.transcript, quotes=options.quotes)
    note = parse_note(text)
    for heading in sorted(note.headings, key=lambda h: -h.start):
        if heading.start >= note.body_start:
            note = note.replace_span(heading.start, heading.start, "#")
    body = note.to_markdown()[note.body_start :].strip("\n")
    title = md_text.escape_heading(layout.title or layout.name)
    return f"## {title}\n\n{body}" if body else f"## {title}"


# -- new notes ------------------------------------------------------------------


def _note(title: str, transcript: Transcript, body: str) -> str:
    pieces = [md_text.front_matter(title, transcript.video_id)]
    if transcript.handle:
        pieces.append(md_text.source_line(transcript.handle))
    if body:
        pieces.append(body)
    return "\n\n".join(pieces)


def _order(codebook: Codebook, slug: str) -> tuple[int, str]:
    for index, theme in enumerate(codebook):
        if theme.slug == slug:
            return (index, slug)
    return (len(codebook), slug)


def _label(codebook: Codebook, slug: str) -> str:
    theme = codebook.find(slug)
    return theme.label if theme is not None and theme.slug == slug else slug


def _theme_path(codebook: Codebook, tag: Tag, slug: str | None = None) -> tuple[str, ...]:
    """Root first, down to ``slug`` (by default the tag's main theme; a theme the
    codebook lacks stands alone)."""
    main = slug or (tag.themes[0] if tag.themes else "untagged")
    if main not in codebook:
        return (main,)
    return (*(t.slug for t in reversed(codebook.ancestors(main))), main)


def _paths(codebook: Codebook, tag: Tag, options: ExportOptions) -> list[tuple[str, ...]]:
    """Where a tag's statement goes in a note of one video: under each of its themes
    (its first only with ``primary_only``), two heading levels deep, then under the
    tag's own section heading when it has one."""
    slugs = tag.themes[:1] if options.primary_only else tag.themes
    paths = [_theme_path(codebook, tag, s)[:2] for s in slugs or ("untagged",)]
    section = (tag.section.strip(),) if tag.section.strip() else ()
    return list(dict.fromkeys(path + section for path in paths))


def _sections(
    items: Sequence[tuple[tuple[str, ...], Tag]],
    codebook: Codebook,
    level: int,
    transcript: Transcript,
    options: ExportOptions,
) -> str:
    """Statements grouped under headings by theme path, in codebook then time order."""
    ordered = sorted(
        items,
        key=lambda it: (
            [_order(codebook, s) for s in it[0]],
            it[1].start_ms,
            it[1].end_ms,
            it[1].id,
        ),
    )
    blocks: list[tuple[str, str]] = []  # (kind, text) with kind "h2", "h3"... or "s"
    open_path: tuple[str, ...] = ()
    for path, tag in ordered:
        common = 0
        while common < min(len(path), len(open_path)) and path[common] == open_path[common]:
            common += 1
        for depth in range(common, len(path)):
            hashes = "#" * min(level + depth, 6)
            heading = md_text.escape_heading(_label(codebook, path[depth]))
            blocks.append((f"h{level + depth}", f"{hashes} {heading}"))
        open_path = path
        text = md_layout.statement_of(tag, transcript, quotes=options.quotes)
        blocks.append(("s", text))
    out: list[str] = []
    for index, (kind, text) in enumerate(blocks):
        if index:
            previous = blocks[index - 1][0]
            tight = previous not in ("s", "h2") and kind == "s"
            out.append("\n" if tight else "\n\n")
        out.append(text)
    return "".join(out)
