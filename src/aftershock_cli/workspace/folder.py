"""The workspace: a plain folder of YAML and JSON files that a team can keep in git.

Layout::

    aftershock.yaml              settings + the codebook (themes)
    transcripts/<videoId>.json   metadata + segments (see ``store``)
    tags/<videoId>.yaml          the tags of that video
    notes/                       default export folder
    .aftershock/                 locks and the search index (ignored by git)

Every write is atomic and done under a lock; a file broken by hand raises
``BrokenFileError`` naming the file and line, and is never overwritten.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..core.codebook import codebook_from_list, codebook_to_list, default_codebook
from ..core.errors import BrokenFileError, NotFoundError, WorkspaceError
from ..core.model import Codebook, Tag, Transcript, check_video_id
from ..core.schema import (
    TagFile,
    tagfile_from_dict,
    tagfile_to_dict,
    transcript_from_dict,
    transcript_to_dict,
)
from ..files import fsutil
from .discovery import CONFIG_NAME, find_root

CONFIG_VERSION = 1


def new_tag_id(video_id: str) -> str:
    """A short (8 characters), random, lower-case id for a new tag."""
    digest = hashlib.blake2b(f"{video_id}:{uuid.uuid4()}".encode(), digest_size=5).digest()
    return base64.b32encode(digest).decode("ascii").lower()


class Workspace:
    """A workspace folder; nothing is created on disk until the first write."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._config: dict[str, Any] | None = None

    # -- discovery -------------------------------------------------------
    @classmethod
    def discover(cls, explicit: Path | str | None = None, cwd: Path | None = None) -> Workspace:
        """``explicit``, else ``$AFTERSHOCK_WORKSPACE``, else the nearest folder upward
        holding ``aftershock.yaml``, else the current folder."""
        return cls(find_root(explicit, cwd))

    @classmethod
    def init(cls, root: Path, *, force: bool = False) -> Workspace:
        """Create ``aftershock.yaml`` with the default codebook in ``root``.

        ``force`` resets the settings and the codebook of an existing workspace,
        keeping its ``workspace_id`` (the seed of the guids it exports).
        """
        ws = cls(root.absolute())
        if root.exists() and not root.is_dir():
            raise WorkspaceError(f"{root} is a file, not a folder; choose another path")
        try:
            ws.root.mkdir(parents=True, exist_ok=True)
            ws.state_dir()
            with ws.lock("config"):
                workspace_id = str(uuid.uuid4())
                if ws.config_path.exists():
                    if not force:
                        raise WorkspaceError(
                            f"{ws.config_path} already exists; it was left as it is "
                            "(use --force to reset the settings and codebook)"
                        )
                    with contextlib.suppress(BrokenFileError):
                        workspace_id = str(ws.setting("workspace_id") or workspace_id)
                settings = {"version": CONFIG_VERSION, "workspace_id": workspace_id, "coder": ""}
                ws.save_config(settings, default_codebook())
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
                    f"cannot write to the workspace {self.root}: {exc.strerror}; "
                    "choose another with --workspace"
                ) from exc
        return path

    def transcript_path(self, video_id: str) -> Path:
        return self.transcripts_dir / f"{check_video_id(video_id)}.json"

    def tags_path(self, video_id: str) -> Path:
        return self.tags_dir / f"{check_video_id(video_id)}.yaml"

    @contextlib.contextmanager
    def lock(self, name: str) -> Iterator[None]:
        """An exclusive lock named ``name`` (one per file that is read, changed, written)."""
        with fsutil.file_lock(self.state_dir() / "locks" / f"{name}.lock"):
            yield

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

    def save_config(self, settings: dict[str, Any], codebook: Codebook | None = None) -> None:
        """Write ``aftershock.yaml`` atomically (settings first, the themes last)."""
        data = {k: v for k, v in settings.items() if k != "themes"}
        data.setdefault("version", CONFIG_VERSION)
        book = codebook if codebook is not None else self.codebook()
        data["themes"] = codebook_to_list(book)
        header = "# aftershock workspace: settings and the codebook (themes)\n"
        fsutil.atomic_write_text(self.config_path, header + fsutil.dump_yaml(data))
        self._config = data

    @contextlib.contextmanager
    def editing_codebook(self) -> Iterator[list[Codebook]]:
        """Lock the config, yield ``[codebook]`` to replace, and save it on success."""
        with self.lock("config"):
            self._config = None
            box = [self.codebook()]
            yield box
            self.save_config(self.config(), box[0])

    def setting(self, key: str, default: Any = None) -> Any:
        return self.config().get(key, default)

    # -- transcripts -------------------------------------------------------
    def has_transcript(self, video_id: str) -> bool:
        return self.transcript_path(video_id).is_file()

    def load_transcript(self, video_id: str) -> Transcript:
        path = self.transcript_path(video_id)
        if not path.is_file():
            raise NotFoundError(
                f"no transcript of {video_id} in {self.root}; "
                f"fetch it with 'aftershock fetch {video_id}'"
            )
        return transcript_from_dict(fsutil.load_json(path), path)

    def save_transcript(self, transcript: Transcript) -> None:
        with self.editing_transcript(transcript.video_id) as save:
            save(transcript)

    @contextlib.contextmanager
    def editing_transcript(self, video_id: str) -> Iterator[Callable[[Transcript], None]]:
        """Hold the transcript's lock while what is stored is read, checked and replaced.

        Yields the function that saves; calling ``save_transcript`` inside the
        block would wait for this very lock forever (file locks do not nest).
        """
        vid = check_video_id(video_id)
        with self.lock(f"transcript-{vid}"):

            def save(transcript: Transcript) -> None:
                if transcript.video_id != vid:
                    raise ValueError(f"{transcript.video_id} saved under the lock of {vid}")
                text = fsutil.dump_json(transcript_to_dict(transcript))
                fsutil.atomic_write_text(self.transcript_path(vid), text)

            yield save

    # -- tags --------------------------------------------------------------
    def load_tagfile(self, video_id: str) -> TagFile:
        path = self.tags_path(video_id)
        if not path.is_file():
            return TagFile(video_id)
        return tagfile_from_dict(fsutil.load_yaml(path), path, video_id)

    def load_tags(self, video_id: str) -> list[Tag]:
        return self.load_tagfile(video_id).tags

    def save_tagfile(self, tagfile: TagFile) -> None:
        """Write a tag file atomically; call it inside ``editing_tags`` to avoid lost updates."""
        text = fsutil.dump_yaml(tagfile_to_dict(tagfile))
        fsutil.atomic_write_text(self.tags_path(tagfile.video_id), text)

    @contextlib.contextmanager
    def editing_tags(self, video_id: str) -> Iterator[TagFile]:
        """Lock the video's tag file, yield it for changes, write it back on success."""
        with self.lock(f"tags-{check_video_id(video_id)}"):
            tagfile = self.load_tagfile(video_id)
            yield tagfile
            self.save_tagfile(tagfile)

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
        raise NotFoundError(f"no tag '{tag_id}' in {self.root}; list tags with 'aftershock tags'")

    # -- listing -----------------------------------------------------------
    def transcript_ids(self) -> list[str]:
        return _ids_in(self.transcripts_dir, ".json")

    def tagged_video_ids(self) -> list[str]:
        return _ids_in(self.tags_dir, ".yaml")

    def video_ids(self) -> list[str]:
        """Every video with a transcript or tags, sorted."""
        return sorted(set(self.transcript_ids()) | set(self.tagged_video_ids()))

    def transcript_or_stub(self, video_id: str) -> Transcript:
        """The stored transcript, or an empty one holding only the id."""
        if self.has_transcript(video_id):
            return self.load_transcript(video_id)
        return Transcript(video_id=check_video_id(video_id))


def _ids_in(folder: Path, suffix: str) -> list[str]:
    if not folder.is_dir():
        return []
    out = []
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if name.endswith(suffix) and not name.startswith("."):
                stem = name[: -len(suffix)]
                if len(stem) == 11:
                    out.append(stem)
    return sorted(out)
