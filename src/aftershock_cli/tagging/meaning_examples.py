"""The user's tagged ranges as examples for ranking by meaning, with their vectors cached.

A theme's profile (``meaning.Profile``) is built from every range already tagged
with it, over the whole workspace. Reading every tag file and transcript and
embedding every tag on each query would cost seconds at a thousand videos, so the
ranges and their vectors are kept in ``.aftershock/embeddings/``: ``examples.json``
lists, per tagged video, the stamps (time and size) of its tag file and transcript
and its ranges, and names the ``examples.<n>.npy`` that holds their vectors, one row
per range. A video whose stamps changed is read and embedded again; the others are
taken as they are.
"""

from __future__ import annotations

import io
import json
import os
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.spoken import covered_text
from ..files import fsutil

if TYPE_CHECKING:
    from ..workspace.folder import Workspace
    from .meaning import Embedder, Vectors

VERSION = 1


@dataclass(frozen=True)
class TaggedRange:
    """One tag as an example: where it is, its themes, and whether it has words."""

    video_id: str
    start_ms: int
    end_ms: int
    themes: tuple[str, ...]
    has_text: bool


@dataclass(frozen=True)
class Examples:
    """Every tagged range of the workspace and its vector (a zero row when it has no words)."""

    ranges: list[TaggedRange]
    vectors: Vectors

    def of_theme(self, slug: str) -> tuple[list[TaggedRange], Vectors]:
        """The ranges tagged with ``slug`` that have words, and their vectors."""
        rows = [i for i, r in enumerate(self.ranges) if r.has_text and slug in r.themes]
        return [self.ranges[i] for i in rows], self.vectors[rows]


def _stamp(path: Path) -> str:
    try:
        st = path.stat()
    except OSError:
        return ""
    return f"{st.st_mtime_ns}-{st.st_size}"


@dataclass
class _Video:
    stamps: list[str]
    ranges: list[TaggedRange]
    vectors: Vectors


def tagged_examples(
    ws: Workspace, embedder: Embedder, step: Callable[[], None] = lambda: None
) -> Examples:
    """The tagged ranges of every tagged video, with vectors from the cache where current;
    ``step`` is called after each tagged video (the first run embeds their tags)."""
    import numpy as np

    folder = ws.state_dir() / "embeddings"
    cached = _load(folder, embedder.name)
    videos: dict[str, _Video] = {}
    changed = False
    for vid in ws.tagged_video_ids():
        stamps = [_stamp(ws.tags_path(vid)), _stamp(ws.transcript_path(vid))]
        old = cached.get(vid)
        if old is not None and old.stamps == stamps:
            videos[vid] = old
        else:
            videos[vid] = _embed_video(ws, vid, embedder, stamps)
            changed = True
        step()
    changed = changed or set(cached) != set(videos)
    ranges = [r for v in videos.values() for r in v.ranges]
    width = max((v.vectors.shape[1] for v in videos.values()), default=0)
    parts = [v.vectors if v.vectors.shape[1] == width else _zeros(len(v.ranges), width)
             for v in videos.values()]  # fmt: skip
    vectors = np.concatenate(parts) if parts else _zeros(0, 0)
    if changed:
        _save(ws, folder, embedder.name, videos, vectors)
    return Examples(ranges, vectors)


def _zeros(rows: int, width: int) -> Vectors:
    import numpy as np

    return np.zeros((rows, width), dtype=np.float32)


def _embed_video(ws: Workspace, vid: str, embedder: Embedder, stamps: list[str]) -> _Video:
    import numpy as np

    transcript = ws.transcript_or_stub(vid)
    ranges: list[TaggedRange] = []
    texts: list[str] = []
    for tag in ws.load_tags(vid):
        text = covered_text(transcript, tag.start_ms, tag.end_ms) or tag.note
        ranges.append(TaggedRange(vid, tag.start_ms, tag.end_ms, tag.themes, bool(text)))
        if text:
            texts.append(text)
    if not texts:
        return _Video(stamps, ranges, _zeros(len(ranges), 0))
    found = np.asarray(embedder.embed(texts), dtype=np.float32)
    vectors = _zeros(len(ranges), found.shape[1])
    vectors[[i for i, r in enumerate(ranges) if r.has_text]] = found
    return _Video(stamps, ranges, vectors)


def _load(folder: Path, model: str) -> dict[str, _Video]:
    """The cached videos, or none when the cache is missing, of another model or broken."""
    import numpy as np

    try:
        index = json.loads((folder / "examples.json").read_text(encoding="utf-8"))
        if index.get("version") != VERSION or index.get("model") != model:
            return {}
        vectors = np.load(folder / str(index["vectors"]), allow_pickle=False)
        return _videos(index["videos"], vectors)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return {}


def _videos(entries: dict[str, Any], vectors: Vectors) -> dict[str, _Video]:
    out: dict[str, _Video] = {}
    row = 0
    for vid, entry in entries.items():
        ranges = [
            TaggedRange(vid, int(a), int(b), tuple(str(t) for t in themes), bool(text))
            for a, b, themes, text in entry["ranges"]
        ]
        if row + len(ranges) > len(vectors):
            raise ValueError("fewer vectors than ranges")
        out[vid] = _Video(list(entry["stamps"]), ranges, vectors[row : row + len(ranges)])
        row += len(ranges)
    return out


def _save(
    ws: Workspace,
    folder: Path,
    model: str,
    videos: dict[str, _Video],
    vectors: Vectors,
) -> None:
    """Write the vectors under a new name, then the index that names them, then remove
    the old vectors: a reader sees either the old pair or the new one."""
    import numpy as np

    entries = {
        vid: {
            "stamps": v.stamps,
            "ranges": [[r.start_ms, r.end_ms, list(r.themes), r.has_text] for r in v.ranges],
        }
        for vid, v in videos.items()
    }
    name = f"examples.{secrets.token_hex(4)}.npy"
    index = {"version": VERSION, "model": model, "vectors": name, "videos": entries}
    buffer = io.BytesIO()
    np.save(buffer, vectors, allow_pickle=False)
    with ws.lock("embeddings-examples"):
        folder.mkdir(parents=True, exist_ok=True)
        fsutil.atomic_write_bytes(folder / name, buffer.getvalue())
        fsutil.atomic_write_bytes(folder / "examples.json", json.dumps(index).encode())
        for old in _old_vectors(folder, keep=name):
            old.unlink(missing_ok=True)


def _old_vectors(folder: Path, keep: str) -> Sequence[Path]:
    return [
        folder / n
        for n in os.listdir(folder)
        if n.startswith("examples.") and n.endswith(".npy") and n != keep
    ]
