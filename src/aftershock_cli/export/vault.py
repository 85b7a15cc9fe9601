"""A whole Obsidian vault: notes by channel, channel pages, theme pages.

Layout of ``out_dir``::

    <channel>/<channel>.md     the channel page: its videos and their themes
    <channel>/<note>.md        the notes (by video or by theme)
    themes/<page>.md           one page per theme of the codebook, gathering every
                               statement of the theme, grouped by talk in date order,
                               each linked to its moment (``vault_links``)
    Synthesis.md               each theme across the talks, when ``extra`` makes it
    pages/<target>.md          a page for any other link target the notes name,
                               listing the notes that mention it

A theme whose page is a note itself (the topic of an imported note) gets no
separate page. Every ``[[link]]`` of the vault resolves to a file, and writing
the same vault twice gives the same bytes (files already up to date are left
untouched).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import Hint, HintKind, InvalidInputError
from ..core.model import Codebook, Tag, Theme
from ..core.series import date_order, talk_date
from ..core.spoken import covered_text
from ..files.paths import safe_component, write_inside
from ..notes import layout as md_layout
from ..notes import write as md_text
from ..notes.note import parse_note
from . import ExportOptions, VideoData, has_filters, load_video, md
from .vault_links import VaultLinks, add_block_ids
from .vault_pages import VaultReport, write_pages

ExtraPages = Callable[[VaultLinks, list[VideoData]], dict[str, str]]
"""Pages made from the vault's videos and names: file name in the vault -> text."""

if TYPE_CHECKING:
    from ..workspace.folder import Workspace

_BAD_NAME = set('/\\:*?"<>|#^[]')
_LONGEST_NAME = 255  # bytes a file name may have on common file systems


@dataclass
class _NoteRef:
    stem: str
    title: str
    video: VideoData


def _usable(name: str) -> bool:
    return (
        bool(name.strip())
        and not name.startswith(".")
        and not set(name) & _BAD_NAME
        and name.isprintable()
        and len(name.encode("utf-8")) + 3 <= _LONGEST_NAME
    )


def _link(stem: str, title: str) -> str:
    return md_text.wikilink(stem, title if title != stem else None)


def write_vault(
    ws: Workspace,
    video_ids: list[str],
    out_dir: Path,
    options: ExportOptions,
    on_progress: Callable[[], None] | None = None,
    *,
    force: bool = False,
    extra: ExtraPages | None = None,
) -> VaultReport:
    """Write the notes of ``video_ids`` and their channel, theme and link pages (and the
    pages ``extra`` makes); pages changed by hand since are left alone unless ``force``
    (see ``vault_pages``)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise InvalidInputError(
            f"{out_dir} is a file, not a folder", hint=Hint(HintKind.OTHER_VAULT), path=out_dir
        )
    pages: dict[Path, str] = {}
    stems: set[str] = set()
    refs: list[_NoteRef] = []
    channels: dict[str, list[_NoteRef]] = {}
    kept: list[tuple[VideoData, str]] = []
    for video_id in video_ids:
        video = load_video(ws, video_id, options)
        if video.tags or (not has_filters(options) and md_layout.has_tagless(video.layouts)):
            channel = safe_component(video.transcript.handle or "unknown_channel")
            kept.append((video, channel))
        if on_progress is not None:
            on_progress()
    # a channel page keeps its name, the target of every note's From: line
    channel_names = {c.casefold() for _v, c in kept if _usable(c)}
    topics: dict[str, set[str]] = {}  # note stem -> themes it is the page of
    links = VaultLinks(options.link_style, ws.root, ws.codebook())
    for video, channel in kept:
        vid = video.transcript.video_id
        links.transcripts[vid] = video.transcript
        for out in md.render(video, options):
            stem = safe_component(out.name[:-3] if out.name.endswith(".md") else out.name)
            if stem.casefold() in stems or stem.casefold() in channel_names:
                stem = f"{stem}_{video.transcript.video_id}"
            else:
                topics[stem.casefold()] = {
                    lay.theme for lay in video.layouts if lay.name == out.name
                }
            stems.add(stem.casefold())
            text = out.text
            if options.link_style == "block":
                text, blocks = add_block_ids(text, _statements(video))
                found = links.blocks.setdefault(vid, {})
                for key, block in blocks.items():
                    found.setdefault(key, (stem, block))
            links.notes.setdefault(vid, stem)
            pages[out_dir / channel / f"{stem}.md"] = text
            ref = _NoteRef(stem, _title_of(out.text, stem), video)
            refs.append(ref)
            channels.setdefault(channel, []).append(ref)
    stems.update(c.casefold() for c in channels if _usable(c))
    codebook = ws.codebook()
    names = _theme_page_names(codebook, stems, topics)
    links.theme_pages = names
    for channel, notes in sorted(channels.items()):
        if _usable(channel):
            pages[out_dir / channel / f"{channel}.md"] = _channel_page(
                channel, notes, codebook, names
            )
    aliases: set[str] = set()
    for theme in codebook:
        if theme.slug in names:
            page = _theme_page(theme, codebook, refs, links)
            pages[out_dir / "themes" / f"{names[theme.slug]}.md"] = page
            aliases.update(a.casefold() for a in _aliases(theme))
    if extra is not None:
        made = extra(links, [video for video, _channel in kept])
        pages.update({out_dir / name: text for name, text in made.items()})
    pages.update(_link_pages(pages, stems | aliases, refs, out_dir))
    _check_names(pages, out_dir)
    complete = set(video_ids) >= set(ws.video_ids())
    return write_pages(ws, out_dir, pages, complete=complete, force=force)


def _theme_page_names(
    codebook: Codebook, stems: set[str], topics: dict[str, set[str]]
) -> dict[str, str]:
    """The file name (without ``.md``) of each theme's page, by slug; adds them to ``stems``.

    A theme whose page is the note of its topic gets none (the note is its page); a
    theme whose page name another note or page took gets ``<page>_theme`` (or
    ``<page>_theme_2``...), and every link to the theme points there."""
    names: dict[str, str] = {}
    for theme in codebook:
        name = theme.page_name
        if not _usable(name):
            continue
        if name.casefold() in stems:
            if theme.slug in topics.get(name.casefold(), set()):
                continue
            name, number = f"{theme.page_name}_theme", 1
            while name.casefold() in stems:
                number += 1
                name = f"{theme.page_name}_theme_{number}"
        stems.add(name.casefold())
        names[theme.slug] = name
    return names


def _title_of(text: str, default: str) -> str:

    return parse_note(text).title or default


def _channel_page(
    channel: str, notes: list[_NoteRef], codebook: Codebook, names: dict[str, str]
) -> str:
    lines = [f"# {channel}", ""]
    for ref in sorted(notes, key=lambda r: (r.title.casefold(), r.stem)):
        slugs = dict.fromkeys(s for t in ref.video.tags for s in t.themes if s in codebook)
        themes = ", ".join(_theme_link(codebook.get(s), names) for s in slugs)
        lines.append(f"- {_link(ref.stem, ref.title)}" + (f": {themes}" if themes else ""))
    return "\n".join(lines) + "\n"


def _theme_link(theme: Theme, names: dict[str, str]) -> str:
    return md_text.wikilink(names.get(theme.slug, theme.page_name), theme.label)


def _theme_page(theme: Theme, codebook: Codebook, refs: list[_NoteRef], links: VaultLinks) -> str:
    names = links.theme_pages
    lines = [f"# {md_text.escape_heading(theme.label)}", ""]
    if theme.description:
        lines += [md_text.escape_block(theme.description), ""]
    if theme.parent and theme.parent in codebook:
        lines += [f"Part of {_theme_link(codebook.get(theme.parent), names)}", ""]
    children = codebook.children(theme.slug)
    if children:
        lines += ["Sub-themes: " + ", ".join(_theme_link(c, names) for c in children), ""]
    found = False
    for ref, date in _talks_by_date(refs):
        tags = [t for t in ref.video.tags if theme.slug in t.themes]
        if tags:
            found = True
            lines += [f"## {_link(ref.stem, ref.title)}" + (f" ({date})" if date else ""), ""]
            lines += [f"- {_statement(t, ref.video, links)}" for t in tags]
            lines.append("")
    if not found:
        lines += ["No statements of this theme yet.", ""]
    body = "\n".join(lines).rstrip("\n") + "\n"
    return _with_aliases(body, _aliases(theme))


def _talks_by_date(refs: list[_NoteRef]) -> list[tuple[_NoteRef, str]]:
    """The first note of each video, with the talk's date, in date order."""
    firsts: dict[str, tuple[_NoteRef, str]] = {}
    for ref in refs:
        t = ref.video.transcript
        firsts.setdefault(t.video_id, (ref, talk_date(t.upload_date, t.fetched_at)[0]))
    return sorted(
        firsts.values(), key=lambda item: date_order(item[1], item[0].title, item[0].stem)
    )


def _aliases(theme: Theme) -> list[str]:
    """The other names a theme page answers to in Obsidian: its label and its slug."""
    names = dict.fromkeys((theme.label, theme.slug))
    return [n for n in names if n.casefold() != theme.page_name.casefold()]


def _with_aliases(body: str, aliases: list[str]) -> str:
    """The page with Obsidian's ``aliases`` property, so ``[[label]]`` and ``[[slug]]``
    open the theme page as well as ``[[page]]``."""
    if not aliases:
        return body
    import frontmatter

    return frontmatter.dumps(frontmatter.Post(body, aliases=aliases), sort_keys=False) + "\n"


def _statement(tag: Tag, video: VideoData, links: VaultLinks) -> str:
    return links.relink(_written(tag, video), video.transcript.video_id, tag.id)


def _written(tag: Tag, video: VideoData) -> str:
    """The tag's statement as a note writes it, with its anchor."""
    words = tag.note or covered_text(video.transcript, tag.start_ms, tag.end_ms)
    return md_text.statement(words, [tag.start_ms // 1000])


def _statements(video: VideoData) -> list[tuple[str, str]]:
    return [(tag.id, _written(tag, video)) for tag in video.tags]


def _link_pages(
    pages: dict[Path, str], stems: set[str], refs: list[_NoteRef], out_dir: Path
) -> dict[Path, str]:
    """A page for every link target no file (or theme alias) answers to, listing who
    mentions it."""
    mentions: dict[str, list[str]] = {}
    for path, text in sorted(pages.items()):
        for link in parse_note(text).links:
            target = link.target.split("#", 1)[0].strip()
            if target and target.casefold() not in stems and _usable(target):
                who = mentions.setdefault(target.casefold(), [target])
                if path.stem not in who[1:]:
                    who.append(path.stem)
    titles = {r.stem: r.title for r in refs}
    extra: dict[Path, str] = {}
    for _key, (target, *sources) in sorted(mentions.items()):
        lines = [f"# {md_text.escape_heading(target)}", "", "Mentioned in:", ""]
        lines += [f"- {_link(s, titles.get(s, s))}" for s in sources]
        extra[out_dir / "pages" / f"{target}.md"] = "\n".join(lines) + "\n"
    return extra


def _check_names(pages: dict[Path, str], out_dir: Path) -> None:
    """Refuse a page outside the vault or whose name no common file system takes,
    before anything is written."""
    for path in pages:  # every name checked before the first file is written
        write_inside(out_dir, path)
        if len(path.name.encode("utf-8")) > _LONGEST_NAME:
            raise InvalidInputError(
                f"the vault page name '{path.name}' is longer than {_LONGEST_NAME} bytes; "
                "shorten that title, theme page or link target"
            )
