"""The workspace: a plain folder of YAML and JSON files that a team can keep in git.

Layout::

    aftershock.yaml              settings + the codebook (themes)
    transcripts/<videoId>.json   metadata + segments (see ``core.schema``)
    tags/<videoId>.yaml          the tags of that video
    rejected.yaml                suggestions the user rejected, per theme
    series.yaml                  the playlists and channels it follows (see ``core.series``)
    notes/                       default export folder
    .aftershock/                 locks, the search index and cached embeddings (ignored by git)

Every change has one shape: ``with ws.editing_tags(id) as tagfile:`` (likewise
``editing_config``, ``editing_transcript`` and ``editing_series``) takes the file's lock, reads it,
yields it to be changed, and writes it atomically on a clean exit, nothing on
an exception; all of them write through ``Workspace._write``. A file broken by
hand raises ``BrokenFileError`` naming the file and line, and is never
overwritten.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..core.codebook import codebook_from_list, codebook_to_list, default_codebook
from ..core.errors import (
    BrokenFileError,
    Hint,
    HintKind,
    NotFoundError,
    Notice,
    UnusableFileError,
    WorkspaceError,
)
from ..core.limits import MAX_TAG_FILE_BYTES
from ..core.model import Codebook, Rejection, Tag, Transcript, check_video_id
from ..core.schema import (
    TagFile,
    check_tag_count,
    rejections_from_dict,
    rejections_to_dict,
    tagfile_from_dict,
    tagfile_to_dict,
    transcript_from_dict,
    transcript_to_dict,
)
from ..core.series import Series, series_from_dict, series_to_dict
from ..files import fsutil
from .batch import Batch
from .discovery import CONFIG_NAME, find_root, ids_in, stray_message
from .history import History, Undone, check_unchanged, lock_name, restore

CONFIG_VERSION = 1


T = TypeVar("T")
FileLock = Callable[[Path], contextlib.AbstractContextManager[None]]


@dataclass
class Config:
    """``aftershock.yaml`` while it is edited: the settings and the codebook."""

    settings: dict[str, Any]
    codebook: Codebook


@dataclass
class TranscriptFile:
    """``transcripts/<videoId>.json`` while it is edited."""

    video_id: str
    exists: bool
    """A file is there (it may be broken by hand, see ``editing_transcript``)."""
    transcript: Transcript | None = None
    """What is stored (None when nothing readable is); put another here to store it."""
    _loaded: Transcript | None = field(default=None, repr=False)


_ID_LETTERS = "abcdefghijklmnopqrstuvwxyz234567"
"""The lower-case base-32 alphabet of tag ids (RFC 4648's, as ids have always used)."""


def new_tag_id(video_id: str) -> str:
    """A short (8 characters), random, lower-case id for a new tag of ``video_id``: 40
    random bits in base 32 (the caller checks it against the video's other ids)."""
    bits = int.from_bytes(os.urandom(5), "big")
    return "".join(_ID_LETTERS[bits >> shift & 31] for shift in range(35, -1, -5))


class Workspace:
    """A workspace folder; nothing is created on disk until the first write."""

    def __init__(
        self,
        root: Path,
        *,
        file_lock: FileLock = fsutil.file_lock,
        on_stray: Callable[[Notice], None] | None = None,
    ) -> None:
        """``file_lock`` takes the lock of a lock file's path (a seam for tests that
        watch who waits for which lock); ``on_stray`` is told, once per file, of a file in
        ``transcripts/`` or ``tags/`` whose name is no video id (it is left out)."""
        self.root = root
        self._file_lock = file_lock
        self._on_stray = on_stray
        self._told: set[str] = set()
        self._config: dict[str, Any] | None = None
        self._keep_history = True
        self._batch: Batch | None = None

    # -- discovery -------------------------------------------------------
    @classmethod
    def discover(cls, explicit: Path | str | None = None, cwd: Path | None = None) -> Workspace:
        """``explicit``, else ``$AFTERSHOCK_WORKSPACE``, else the nearest folder upward
        holding ``aftershock.yaml``, else the current folder."""
        return cls(find_root(explicit, cwd))

    @classmethod
    def init(cls, root: Path, *, force: bool = False, empty: bool = False) -> Workspace:
        """Create ``aftershock.yaml`` with the default codebook (no themes with ``empty``)
        in ``root``.

        ``force`` resets the settings and the codebook of an existing workspace,
        keeping its ``workspace_id`` (the seed of the guids it exports).
        """
        ws = cls(root.absolute())
        ws._keep_history = False  # creating a workspace is not a change one can undo
        if root.exists() and not root.is_dir():
            raise WorkspaceError(f"{root} is a file, not a folder; choose another path")
        try:
            ws.root.mkdir(parents=True, exist_ok=True)
            ws.state_dir()
            with ws.editing_config(broken_ok=True) as config:
                if ws.config_path.exists() and not force:
                    raise WorkspaceError(
                        f"{ws.config_path} already exists; it was left as it is",
                        hint=Hint(HintKind.RESET_WORKSPACE),
                        path=ws.config_path,
                    )
                workspace_id = str(config.settings.get("workspace_id") or uuid.uuid4())
                config.settings = {
                    "version": CONFIG_VERSION,
                    "workspace_id": workspace_id,
                    "coder": "",
                }
                config.codebook = Codebook(()) if empty else default_codebook()
            for sub in ("transcripts", "tags"):
                (ws.root / sub).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkspaceError(
                f"cannot create a workspace in {root}: {exc.strerror}; choose another folder"
            ) from exc
        return ws

    # -- paths -----------------------------------------------------------
    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def transcripts_dir(self) -> Path:
        return self.root / "transcripts"

    @property
    def tags_dir(self) -> Path:
        return self.root / "tags"

    @property
    def notes_dir(self) -> Path:
        return self.root / "notes"

    def state_dir(self) -> Path:
        """``.aftershock/`` (locks, index), created with a ``.gitignore`` that ignores it."""
        path = self.root / ".aftershock"
        if not path.is_dir():
            try:
                path.mkdir(parents=True, exist_ok=True)
                (path / ".gitignore").write_text("# aftershock's local state\n*\n")
            except OSError as exc:
                raise WorkspaceError(
                    f"cannot write to the workspace {self.root}: {exc.strerror}",
                    hint=Hint(HintKind.OTHER_WORKSPACE),
                    path=self.root,
                    cause=exc.strerror,
                ) from exc
        return path

    def transcript_path(self, video_id: str) -> Path:
        """Where a video's transcript is stored. The id becomes a file name here, so it
        is checked here (InvalidInputError), as in ``tags_path``."""
        return self.transcripts_dir / f"{check_video_id(video_id)}.json"

    def tags_path(self, video_id: str) -> Path:
        return self.tags_dir / f"{check_video_id(video_id)}.yaml"

    @contextlib.contextmanager
    def lock(self, name: str) -> Iterator[None]:
        """An exclusive lock named ``name`` (one per file that is read, changed, written)."""
        with self._file_lock(self.state_dir() / "locks" / f"{name}.lock"):
            yield

    # -- the one way files of the workspace change ---------------------------
    @contextlib.contextmanager
    def _editing(self, lock: str, load: Callable[[], T], save: Callable[[T], None]) -> Iterator[T]:
        """Take the lock, yield what ``load`` read, and ``save`` it on a clean exit.

        An exception in the block leaves the file as it was. Every ``editing_*``
        method is this shape; file locks do not nest, so an edit must not start
        another edit of the same file inside its block.
        """
        if self._batch is not None:
            with self._batch.editing(lock):
                value = load()
                yield value
                save(value)
            return
        with self.lock(lock):
            value = load()
            yield value
            save(value)

    @contextlib.contextmanager
    def writing_together(self, per_batch: int = 256) -> Iterator[None]:
        """Make the writes of every edit in the block in batches of ``per_batch``
        files, each batch synced to disk in one pass (see ``workspace.batch``)."""
        if self._batch is not None:
            yield
            return
        self._batch = Batch(per_batch, self.lock, self.history)
        try:
            yield
        finally:
            batch, self._batch = self._batch, None
            batch.flush()

    def _write(self, path: Path, text: str) -> None:
        """Replace a file of the workspace atomically (nothing is done when it already
        holds ``text``), keeping what it held in the history first, so that ``undo``
        can take the change back. Every write of settings, transcripts and tags comes
        here, under the lock of the file."""
        self._check_entry(path)
        data = text.encode("utf-8")
        with contextlib.suppress(OSError):
            if path.read_bytes() == data:
                return
        if self._batch is not None:
            self._batch.add(path, data, self.history() if self._keep_history else None)
            return
        if self._keep_history:
            self.history().record(path, data)
        fsutil.atomic_write_bytes(path, data)

    def _remove(self, path: Path) -> bool:
        """Remove a workspace file, keeping it in the history first; False if absent."""
        if not path.is_file():
            return False
        if self._keep_history:
            self.history().record(path, None)
        try:
            path.unlink()
        except OSError as exc:
            raise WorkspaceError(f"cannot remove {path}: {exc.strerror or exc}") from exc
        return True

    def delete_transcript(self, video_id: str) -> bool:
        """Remove the video's transcript (kept in the history); False if it had none."""
        with self.lock(f"transcript-{self.transcript_path(video_id).stem}"):
            return self._remove(self.transcript_path(video_id))

    def delete_tags(self, video_id: str) -> int:
        """Remove the video's tag file (kept in the history); the number of tags it held."""
        with self.lock(f"tags-{self.tags_path(video_id).stem}"):
            count = len(self.load_tags(video_id)) if self.tags_path(video_id).is_file() else 0
            self._remove(self.tags_path(video_id))
            return count

    def history(self) -> History:
        """The workspace's history of changes (``.aftershock/history/``)."""
        return History(self.state_dir(), self.root)

    def undo(self) -> Undone:
        """Take back the newest change to the workspace; raise NotFoundError when there is
        none, and WorkspaceError (changing nothing) when one of its files was changed
        since."""
        history = self.history()
        with self.lock("history"):
            changes = history.changes()
            if not changes:
                raise NotFoundError("there is no change to undo in this workspace's history")
            last = changes[-1]
            with contextlib.ExitStack() as stack:
                for name in sorted({lock_name(f.path) for f in last.files}):
                    stack.enter_context(self.lock(name))
                check_unchanged(history, last)
                undone = restore(history, last)
        self._config = None
        return undone

    # -- settings and codebook ---------------------------------------------
    def config(self) -> dict[str, Any]:
        """The parsed ``aftershock.yaml`` (empty settings when the file is absent)."""
        if self._config is None:
            if not self.config_path.exists():
                self._config = {
                    "version": CONFIG_VERSION,
                    "themes": codebook_to_list(default_codebook()),
                }
            else:
                data = fsutil.load_yaml(self.config_path)
                if data is None:
                    data = {}
                if not isinstance(data, dict):
                    raise BrokenFileError(self.config_path, "must be a mapping of settings")
                version = data.get("version", CONFIG_VERSION)
                if version != CONFIG_VERSION:
                    raise BrokenFileError(
                        self.config_path,
                        f"settings version {version!r} is not one this aftershock reads "
                        f"({CONFIG_VERSION})",
                    )
                self._config = data
        return self._config

    def forget_config(self) -> None:
        """Read aftershock.yaml afresh next time (call it under the config lock)."""
        self._config = None

    def codebook(self) -> Codebook:
        return codebook_from_list(self.config().get("themes"), self.config_path)

    def editing_config(
        self, *, broken_ok: bool = False
    ) -> contextlib.AbstractContextManager[Config]:
        """Lock ``aftershock.yaml``, yield its settings and codebook to change, and write
        them on a clean exit (settings first, the themes last).

        With ``broken_ok`` a file broken by hand reads as the default settings or
        codebook (it is about to be replaced) instead of raising BrokenFileError.
        """
        return self._editing("config", lambda: self._load_config(broken_ok), self._save_config)

    def _load_config(self, broken_ok: bool) -> Config:
        self._config = None
        try:
            settings = {k: v for k, v in self.config().items() if k != "themes"}
        except BrokenFileError:
            if not broken_ok:
                raise
            self._config, settings = {}, {}
        try:
            book = self.codebook()
        except BrokenFileError:
            if not broken_ok:
                raise
            book = default_codebook()
        return Config(settings, book)

    def _save_config(self, config: Config) -> None:
        data = {k: v for k, v in config.settings.items() if k != "themes"}
        data.setdefault("version", CONFIG_VERSION)
        data["themes"] = codebook_to_list(config.codebook)
        header = "# aftershock workspace: settings and the codebook (themes)\n"
        self._write(self.config_path, header + fsutil.dump_yaml(data))
        self._config = data

    def setting(self, key: str, default: Any = None) -> Any:
        return self.config().get(key, default)

    # -- series ------------------------------------------------------------
    @property
    def series_path(self) -> Path:
        return self.root / "series.yaml"

    def series(self) -> list[Series]:
        """The series the workspace follows, in the order they were added."""
        if not self.series_path.exists():
            return []
        return series_from_dict(fsutil.load_yaml(self.series_path), self.series_path)

    def editing_series(self) -> contextlib.AbstractContextManager[list[Series]]:
        """Lock ``series.yaml``, yield its list of series to change, write it on exit."""
        return self._editing("series", self.series, self._save_series)

    def _save_series(self, series: list[Series]) -> None:
        self._write(self.series_path, fsutil.dump_yaml(series_to_dict(series)))

    # -- transcripts -------------------------------------------------------
    def has_transcript(self, video_id: str) -> bool:
        """Something stands where the transcript goes (a file, or what loading refuses)."""
        return os.path.lexists(self.transcript_path(video_id))

    def load_transcript(self, video_id: str) -> Transcript:
        path = self.transcript_path(video_id)
        if not os.path.lexists(path):
            raise NotFoundError(
                f"no transcript of {video_id} in {self.root}",
                hint=Hint(HintKind.FETCH_VIDEO, video_id=video_id),
                video_id=video_id,
            )
        self._check_entry(path)
        return transcript_from_dict(fsutil.load_json(path), path)

    def transcript_text(self, video_id: str) -> str:
        """The stored transcript file's text, as it is (checked like ``load_transcript``)."""
        path = self.transcript_path(video_id)
        self._check_entry(path)
        return fsutil.read_text(path, "transcript file")

    def _check_entry(self, path: Path) -> None:
        """Raise UnusableFileError unless ``path`` is a regular file inside the workspace
        (or nothing yet): a folder, a device, a FIFO, a dangling link, a loop of links or
        a link out of the workspace is neither read nor written through."""
        problem = fsutil.entry_problem(path, self.root)
        if problem is not None:
            kind = _KINDS.get(path.parent.name, "workspace file")
            raise UnusableFileError(path, problem, kind)

    def save_transcript(self, transcript: Transcript) -> None:
        """Store ``transcript``, replacing what is stored (even a file broken by hand)."""
        with self.editing_transcript(transcript.video_id, broken_ok=True) as stored:
            stored.transcript = transcript

    def editing_transcript(
        self, video_id: str, *, broken_ok: bool = False
    ) -> contextlib.AbstractContextManager[TranscriptFile]:
        """Lock the video's transcript, yield what is stored, and write the transcript the
        block puts in its place (nothing when the block leaves it as it was).

        With ``broken_ok`` a file broken by hand yields ``transcript=None`` (its
        ``exists`` stays True) instead of raising BrokenFileError.
        """
        return self._editing(
            f"transcript-{self.transcript_path(video_id).stem}",  # a checked id names the lock
            lambda: self._load_transcript_file(video_id, broken_ok),
            self._save_transcript_file,
        )

    def _load_transcript_file(self, video_id: str, broken_ok: bool) -> TranscriptFile:
        if not self.has_transcript(video_id):
            return TranscriptFile(video_id, exists=False)
        try:
            stored = self.load_transcript(video_id)
        except BrokenFileError:
            if not broken_ok:
                raise
            stored = None
        return TranscriptFile(video_id, exists=True, transcript=stored, _loaded=stored)

    def _save_transcript_file(self, stored: TranscriptFile) -> None:
        transcript = stored.transcript
        if transcript is None or transcript is stored._loaded:
            return
        if transcript.video_id != stored.video_id:
            raise ValueError(f"{transcript.video_id} saved under the lock of {stored.video_id}")
        text = fsutil.dump_json(transcript_to_dict(transcript))
        self._write(self.transcript_path(stored.video_id), text)

    # -- tags --------------------------------------------------------------
    def load_tagfile(self, video_id: str) -> TagFile:
        path = self.tags_path(video_id)
        if not os.path.lexists(path):
            return TagFile(video_id)
        self._check_entry(path)
        data = fsutil.load_yaml(path, MAX_TAG_FILE_BYTES, lambda t: check_tag_count(t, path))
        return tagfile_from_dict(data, path, video_id)

    def load_tags(self, video_id: str) -> list[Tag]:
        return self.load_tagfile(video_id).tags

    def editing_tags(self, video_id: str) -> contextlib.AbstractContextManager[TagFile]:
        """Lock the video's tag file, yield it for changes, write it back on a clean exit."""
        return self._editing(
            f"tags-{self.tags_path(video_id).stem}",  # a checked id names the lock
            lambda: self.load_tagfile(video_id),
            self._save_tagfile,
        )

    def _save_tagfile(self, tagfile: TagFile) -> None:
        text = fsutil.dump_yaml(tagfile_to_dict(tagfile))
        self._write(self.tags_path(tagfile.video_id), text)

    def new_tag_id(self, video_id: str, taken: set[str] | None = None) -> str:
        taken = taken or set()
        while True:
            candidate = new_tag_id(video_id)
            if candidate not in taken:
                return candidate

    def find_tag(self, tag_id: str) -> Tag:
        """The tag with this id, searched across every video of the workspace."""
        for video_id in self.tagged_video_ids():
            for tag in self.load_tags(video_id):
                if tag.id == tag_id:
                    return tag
        raise NotFoundError(f"no tag '{tag_id}' in {self.root}", hint=Hint(HintKind.LIST_TAGS))

    # -- rejected suggestions ---------------------------------------------
    @property
    def rejected_path(self) -> Path:
        """``rejected.yaml``: kept beside the tags (in git) because rejecting is a coding
        decision the team shares, like a tag."""
        return self.root / "rejected.yaml"

    def load_rejections(self) -> list[Rejection]:
        path = self.rejected_path
        return rejections_from_dict(fsutil.load_yaml(path), path) if path.is_file() else []

    def editing_rejections(self) -> contextlib.AbstractContextManager[list[Rejection]]:
        """Lock ``rejected.yaml``, yield its list for changes, write it back on a clean exit."""
        return self._editing(
            "rejected",
            self.load_rejections,
            lambda items: self._write(
                self.rejected_path, fsutil.dump_yaml(rejections_to_dict(items))
            ),
        )

    # -- listing -----------------------------------------------------------
    def transcript_ids(self) -> list[str]:
        return self._ids_in(self.transcripts_dir, ".json")

    def tagged_video_ids(self) -> list[str]:
        return self._ids_in(self.tags_dir, ".yaml")

    def _ids_in(self, folder: Path, suffix: str) -> list[str]:
        """The video ids of the files in ``folder``; a file named otherwise is left out,
        and ``on_stray`` hears of it (hidden files are passed over in silence)."""
        ids, strays = ids_in(folder, suffix)
        for name in strays:
            path = folder / name
            if self._on_stray is not None and str(path) not in self._told:
                self._told.add(str(path))
                self._on_stray(Notice(stray_message(path, suffix)))
        return ids

    def video_ids(self) -> list[str]:
        """Every video with a transcript or tags, sorted."""
        return sorted(set(self.transcript_ids()) | set(self.tagged_video_ids()))

    def transcript_or_stub(self, video_id: str) -> Transcript:
        """The stored transcript, or an empty one holding only the id."""
        if self.has_transcript(video_id):
            return self.load_transcript(video_id)
        return Transcript(video_id=video_id)  # has_transcript checked the id


_KINDS = {"transcripts": "transcript file", "tags": "tag file"}
