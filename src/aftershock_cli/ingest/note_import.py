"""``import-note``: bring notes in the source format into the workspace.

Three passes, none of which holds every note at once: every file is read and
checked (only its path and video id are kept); then each note is read again and
built into tags and a layout, the workspace's files of its video read as needed,
and each video's results staged on disk once its last note is built (see
``note_stage``); only then is anything written: the codebook gets the notes'
topics, a video without a transcript gets the note's metadata, and each video's
tag file gets the tags and layouts, in batches of files synced together. So a
bad note or a broken workspace file stops the whole import with one clear error
and leaves the workspace as it was. Importing a note again replaces its earlier
import.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..core.clock import utc_now
from ..core.errors import AftershockError, Hint, HintKind, InvalidInputError
from ..core.limits import MAX_NOTE_BYTES
from ..core.model import VIDEO_ID_RE, Codebook, Theme, Transcript, slugify
from ..files.fsutil import read_user_text
from ..notes.note import parse_note
from ..notes.statements import LostStatement
from ..tagging.tags import resolve_coder
from ..tagging.theme_match import Choice, ThemeMatcher, ThemeWords
from .note_build import UNREAD_KINDS, Built, build
from .note_stage import (
    NoteStage,
    SameNote,
    StagedNote,
    StagedVideo,
    drop_earlier,
    replace_earlier,
)

if TYPE_CHECKING:
    from ..core.schema import TagFile
    from ..notes.note import Note
    from ..workspace.folder import Workspace

Phase = Literal["check", "build", "write"]
"""The passes of an import, in order: each reports once per note (see ``import_notes``)."""


@dataclass
class ImportReport:
    """What importing one note did."""

    path: Path
    video_id: str
    title: str
    tags: int = 0
    """Statements imported as tags."""
    replaced: int = 0
    """Tags of an earlier import of the same note that were replaced."""
    created_themes: list[Theme] = field(default_factory=list)
    """Themes added to the codebook (the note's topic, when it was new)."""
    topic: str = ""
    """Slug of the note's topic theme."""
    metadata_saved: bool = False
    """True when the note's title and channel became the video's metadata."""
    adjusted: str = ""
    """What was done about anchor times that cannot be right ("" when nothing)."""
    apart: str = ""
    """Times left out of a tag's range because their statement spans too long ("")."""
    unread: str = ""
    """The cited passages that made no tag, and where they are ("" when none)."""
    not_imported: list[LostStatement] = field(default_factory=list)
    """Statements that made no tag because none of their times can be used, and why."""
    choices: list[Choice] = field(default_factory=list)
    """Which theme each heading and wikilink was read as (see ``tagging.theme_match``)."""

    def to_dict(self) -> dict[str, Any]:
        """The report in the stable JSON layout that note import lists."""
        return {
            "file": str(self.path),
            "video_id": self.video_id,
            "title": self.title,
            "topic": self.topic,
            "tags": self.tags,
            "replaced": self.replaced,
            "created_themes": [t.slug for t in self.created_themes],
            "metadata_saved": self.metadata_saved,
            "themes_read": [{"name": c.name, "theme": c.slug, "how": c.how} for c in self.choices],
            "not_imported": [
                {"line": s.line, "words": s.words, "reasons": list(s.reasons)}
                for s in self.not_imported
            ],
        }


@dataclass
class _Read:
    path: Path
    note: Note
    video_id: str
    stem: str


def read_note_file(path: Path) -> Note:
    """Read and parse a note; every problem is one error naming the file."""
    return parse_note(read_user_text(path, "Markdown note", limit=MAX_NOTE_BYTES))


def _check(path: Path) -> _Read:
    note = read_note_file(path)
    if not note.has_front_matter:
        raise InvalidInputError(
            f"{path}: has no front matter; start it with '---', 'title: ...', "
            "'videoId: <11-character YouTube id>', '---'"
        )
    video_id = (note.video_id or "").strip()
    if not video_id:
        raise InvalidInputError(
            f"{path}: has no videoId in its front matter; add 'videoId: <11-character YouTube id>'"
        )
    if not VIDEO_ID_RE.match(video_id):
        raise InvalidInputError(
            f"{path}: videoId '{video_id}' is not an 11-character YouTube video id "
            "(A-Z, a-z, 0-9, - and _); put the id itself, not a URL or path"
        )
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return _Read(path, note, video_id, stem)


def topic_theme(codebook: Codebook, title: str, page: str) -> tuple[Theme, bool]:
    """The codebook's theme for a note's topic, or a new top-level one (True when new)."""
    slug = slugify(title) or slugify(page) or "topic"
    for found in (codebook.find(title), codebook.find(page)):
        if found is not None:
            return found, False
    if slug in codebook:
        return codebook.get(slug), False
    return Theme(slug, title, page=page, description=f"Topic of the note {page}"), True


def import_note(ws: Workspace, path: Path) -> ImportReport:
    """Import one note (see ``import_notes``)."""
    return import_notes(ws, [path])[0]


@dataclass(frozen=True)
class SkippedNote:
    """A note left out of an import because it cannot be imported."""

    path: Path
    reason: str
    """What is wrong with it and what to do, as the error would have said."""

    def to_dict(self) -> dict[str, str]:
        return {"file": str(self.path), "reason": self.reason}


def import_notes(
    ws: Workspace,
    paths: Sequence[Path],
    coder: str | None = None,
    *,
    mapping: Mapping[str, str] | None = None,
    create_themes: bool = False,
    keep: bool = False,
    skipped: list[SkippedNote] | None = None,
    on_progress: Callable[[Phase], None] | None = None,
) -> list[ImportReport]:
    """Import notes in the source format: check all, build all, then write tags, themes
    and metadata (see the module).

    The tags' coder is ``coder``, else the one ``resolve_coder`` finds. Headings and
    wikilinks are read as themes by ``mapping`` (name -> slug), then exactly, then by
    their words; with ``create_themes`` a heading that matches no theme becomes a new
    theme under the note's topic. An earlier import of the same note (the same file
    name, or another file of the same video and title) is replaced, unless ``keep``
    (then only the same file name is). A note that cannot be imported (unreadable,
    no front matter, no valid ``videoId``) stops the import before anything is
    written; when ``skipped`` is a list, such notes are added to it instead and the
    others imported. ``on_progress`` is called once per note in each ``Phase`` (a
    skipped note counts in all three when it is skipped)."""
    checked = _check_all(list(dict.fromkeys(paths)), skipped, on_progress)
    last = {item.video_id: index for index, item in enumerate(checked)}
    state = _State(ws, coder, mapping or {}, create_themes)
    reports = []
    with NoteStage(ws.state_dir()) as stage:
        for index, item in enumerate(checked):
            reports.append(state.import_one(_check_again(item), keep))
            if last[item.video_id] == index:
                stage.put(state.finish(item.video_id))
            _tick(on_progress, "build")
        _write(ws, state.new_themes, stage, on_progress)
    return reports


def _tick(on_progress: Callable[[Phase], None] | None, phase: Phase, times: int = 1) -> None:
    if on_progress is not None:
        for _ in range(times):
            on_progress(phase)


def _check_all(
    paths: Sequence[Path],
    skipped: list[SkippedNote] | None,
    on_progress: Callable[[Phase], None] | None,
) -> list[_Checked]:
    checked: list[_Checked] = []
    for path in paths:
        try:
            read = _check(path)
            checked.append(_Checked(read.path, read.video_id))
        except AftershockError as exc:
            if skipped is None:
                if len(paths) > 1 and exc.hint is None:
                    exc.hint = Hint(HintKind.SKIP_INVALID_NOTES)
                raise
            skipped.append(SkippedNote(path, str(exc)))
            _tick(on_progress, "build")
            _tick(on_progress, "write")
        _tick(on_progress, "check")
    return checked


@dataclass(frozen=True)
class _Checked:
    """A note that passed the check: all the first pass keeps of it."""

    path: Path
    video_id: str


def _check_again(item: _Checked) -> _Read:
    """The note read and checked again, to be built (it may have changed since)."""
    read = _check(item.path)
    if read.video_id != item.video_id:
        raise InvalidInputError(
            f"{item.path}: its videoId changed from {item.video_id} to {read.video_id} "
            "while it was being imported; nothing was imported, so import it again"
        )
    return read


@dataclass
class _Video:
    """A video whose notes are being built: its tag file as it will be written, its
    transcript, and what is staged for it when its last note is built."""

    tagfile: TagFile
    transcript: Transcript | None
    notes: list[StagedNote] = field(default_factory=list)
    metadata: Transcript | None = None


class _State:
    """What an import has read and decided so far: the growing codebook (and the
    words of its themes), the videos whose notes are being built."""

    def __init__(
        self,
        ws: Workspace,
        coder: str | None,
        mapping: Mapping[str, str],
        create_themes: bool,
    ) -> None:
        self.ws = ws
        self.codebook = ws.codebook()
        self.words = ThemeWords(self.codebook)
        self.mapping = dict(mapping)
        self.create_themes = create_themes
        self.coder = resolve_coder(ws, coder)
        self.created = utc_now()
        self.new_themes: list[Theme] = []
        self.videos: dict[str, _Video] = {}

    def add_theme(self, theme: Theme, *, indexed: bool = False) -> None:
        self.codebook = self.codebook.with_theme(theme)
        if not indexed:
            self.words.add(theme)
        self.new_themes.append(theme)

    def video(self, video_id: str) -> _Video:
        """The video's files, read when its first note is built."""
        found = self.videos.get(video_id)
        if found is None:
            tagfile = self.ws.load_tagfile(video_id)
            has = self.ws.has_transcript(video_id)
            transcript = self.ws.load_transcript(video_id) if has else None
            found = self.videos[video_id] = _Video(tagfile, transcript)
        return found

    def finish(self, video_id: str) -> StagedVideo:
        """What to write for a video whose last note is built (and let go of it)."""
        video = self.videos.pop(video_id)
        return StagedVideo(video_id, video.notes, video.metadata)

    def import_one(self, item: _Read, keep: bool) -> ImportReport:
        video = self.video(item.video_id)
        title = (item.note.title or "").strip() or item.stem
        theme, is_new = topic_theme(self.codebook, title, item.stem)
        if is_new:
            self.add_theme(theme)
        report = ImportReport(
            item.path, item.video_id, title, topic=theme.slug, created_themes=[theme] * is_new
        )
        name = f"{item.stem}.md"
        matcher = ThemeMatcher(
            self.codebook,
            self.mapping,
            create_under=theme.slug if self.create_themes else None,
            index=self.words,
        )
        same = SameNote(name, "" if keep else title)
        report.replaced = drop_earlier(video.tagfile.tags, video.tagfile.layouts, same)
        built = self._build(item, video, name, theme.slug, matcher)
        staged = StagedNote(same, built.tags, built.layout.to_dict())
        replace_earlier(video.tagfile.tags, video.tagfile.layouts, staged)  # nothing to drop
        video.notes.append(staged)
        report.choices = list(matcher.choices.values())
        for made in matcher.created:  # the matcher added them to the words already
            self.add_theme(made, indexed=True)
            report.created_themes.append(made)
        report.tags = len(built.tags)
        report.adjusted = built.times.corrections()
        report.apart = built.times.apart_summary()
        report.unread = _unread(built)
        report.not_imported = list(built.lost)
        if video.transcript is None and video.metadata is None:
            video.metadata = _metadata(item, title, self.created)
            report.metadata_saved = True
        return report

    def _build(
        self,
        item: _Read,
        video: _Video,
        name: str,
        topic: str,
        matcher: ThemeMatcher,
    ) -> Built:
        """The note's tags and layout, their ids new among the video's tags."""
        taken = {t.id for t in video.tagfile.tags}
        return build(
            item.note,
            name=name,
            source=item.path.name,
            topic=topic,
            codebook=self.codebook,
            transcript=video.transcript,
            new_id=functools.partial(_fresh_id, self.ws, item.video_id, taken),
            coder=self.coder,
            created=self.created,
            matcher=matcher,
        )


def _unread(built: Built) -> str:
    """``2 cited passage(s) (1 in a table, 1 in an HTML block)``, or ""."""
    if not built.unread:
        return ""
    where = ", ".join(
        f"{count} in {UNREAD_KINDS[kind]}" for kind, count in sorted(built.unread.items())
    )
    return f"{built.unread.total()} cited passage(s) ({where})"


def _fresh_id(ws: Workspace, video_id: str, taken: set[str]) -> str:
    tag_id = ws.new_tag_id(video_id, taken)
    taken.add(tag_id)
    return tag_id


def _metadata(item: _Read, title: str, created: str) -> Transcript:
    note = item.note
    handle = (note.channel or "").strip()
    return Transcript(
        video_id=item.video_id,
        title=title,
        channel=(note.channel_alias or handle).strip(),
        channel_handle=handle,
        source=f"note:{item.path.name}",
        fetched_at=created,
    )


def _write(
    ws: Workspace,
    themes: list[Theme],
    stage: NoteStage,
    on_progress: Callable[[Phase], None] | None,
) -> None:
    """Write the new themes, then each staged video's metadata and tags (each tag file
    read again under its lock, so that a change made meanwhile is kept)."""
    with ws.writing_together():
        if themes:
            with ws.editing_config() as config:
                for theme in themes:
                    if theme.slug not in config.codebook:
                        config.codebook = config.codebook.with_theme(theme)
        for video in stage:
            if video.metadata is not None:
                # a fetch may be saving it
                with ws.editing_transcript(video.video_id, broken_ok=True) as stored:
                    if not stored.exists:
                        stored.transcript = video.metadata
            with ws.editing_tags(video.video_id) as current:
                for note in video.notes:
                    replace_earlier(current.tags, current.layouts, note)
            _tick(on_progress, "write", len(video.notes))
