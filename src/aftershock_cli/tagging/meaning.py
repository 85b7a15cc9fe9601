"""Ranking stretches by meaning: vectors from a small local model, cached per transcript.

A stretch (the windows of ``suggest.windows``) and a theme are each turned into a
unit vector by an ``Embedder``; their similarity is the dot product. The default
embedder is WordLlama's model that ships inside its wheel (no download, ever).
A theme's score for a stretch is::

    (1 - a) * sim(stretch, theme text) + a * sim(stretch, mean of tagged examples)
      - b * max(0, sim(stretch, mean of rejected stretches))

with ``a = n / (n + 1)`` for ``n`` tagged examples (the user's own examples weigh
most, more as there are more) and ``b = r / (2 * (r + 1))`` for ``r`` rejections.

The vectors of a transcript's stretches are computed once and kept in
``.aftershock/embeddings/<videoId>.<key>.<stamp>.npy``, where the key hashes the
transcript file, the window and the model, and the stamp is the transcript's time
and size: a changed transcript gets new vectors and the old file is removed. numpy is imported inside functions: it comes with
the optional extra, and the rest of the package works without it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib
import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

from ..core.errors import Hint, HintKind, InvalidInputError
from ..core.model import Theme
from ..core.spoken import run_span
from ..files import fsutil
from .suggest import windows

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from ..workspace.folder import Workspace

    Vectors = NDArray[np.float32]
    Spans = NDArray[np.int64]

MODEL = "wordllama-l2_supercat-256"


class Embedder(Protocol):
    """Turns texts into unit vectors (one row each); ``name`` keys the cache."""

    name: str

    def embed(self, texts: Sequence[str]) -> Vectors: ...


class MeaningMissingError(InvalidInputError):
    """The optional extra that ranking by meaning needs is not installed."""


class _WordLlama:
    name = MODEL

    def __init__(self, model: Any) -> None:
        self._model = model

    def embed(self, texts: Sequence[str]) -> Vectors:
        import numpy as np

        if not texts:
            return np.zeros((0, 256), dtype=np.float32)
        return np.asarray(self._model.embed(list(texts), norm=True), dtype=np.float32)


def load_wordllama(
    import_module: Callable[[str], ModuleType] = importlib.import_module,
) -> Embedder:
    """WordLlama's bundled model, loaded from the package's own folder with downloads off.

    Version 0.4.0.post1 looks for its bundled tokenizer under a wrong folder name;
    giving the package folder as its cache folder makes it find the files there.
    """
    try:
        import_module("numpy")
        package = import_module("wordllama")
    except ImportError as exc:
        raise MeaningMissingError(
            "ranking by meaning needs the optional extra 'meaning' (wordllama and numpy)",
            hint=Hint(HintKind.INSTALL_MEANING),
        ) from exc
    folder = Path(package.__file__ or "").parent
    model = package.WordLlama.load(cache_dir=folder, disable_download=True)
    return _WordLlama(model)


@dataclass(frozen=True)
class Stretches:
    """The stretches of one transcript: their ranges (n x 2, ms) and unit vectors (n x d)."""

    video_id: str
    spans: Spans
    vectors: Vectors


def cache_key(transcript_bytes: bytes, window_ms: int, model: str) -> str:
    digest = hashlib.blake2b(transcript_bytes, digest_size=8)
    digest.update(f"|{window_ms}|{model}".encode())
    return digest.hexdigest()


def _stamp(path: Path, window_ms: int, model: str) -> str:
    """A hash of the file's modification time (ns) and size, the window and the model:
    a change to any of them makes another stamp."""
    st = path.stat()
    text = f"{st.st_mtime_ns}|{st.st_size}|{window_ms}|{model}"
    return hashlib.blake2b(text.encode(), digest_size=6).hexdigest()


def cached_files(ws: Workspace) -> dict[str, str]:
    """The cached vector files by video id, read with one listing of the folder."""
    folder = ws.state_dir() / "embeddings"
    try:
        names = os.listdir(folder)
    except OSError:
        return {}
    return {n.split(".", 1)[0]: n for n in names if n.endswith(".npy") and n.count(".") == 3}


def stretches(
    ws: Workspace,
    video_id: str,
    embedder: Embedder,
    window_ms: int,
    files: dict[str, str] | None = None,
) -> Stretches:
    """The stretches of a stored transcript with their vectors, from the cache when it is
    current, else computed and cached (the cached file of an older transcript is removed).

    A cached file is named ``<videoId>.<key>.<stamp>.npy`` (``_stamp``): when the
    transcript's time and size give the stamp in the name, the file is used without
    reading the transcript; when they differ, the transcript's content decides
    (``key``), so a file touched but not changed keeps its vectors. ``files`` is ``cached_files`` of the
    workspace, when the caller ranks many videos.
    """
    folder = ws.state_dir() / "embeddings"
    source = ws.transcript_path(video_id)
    name = (cached_files(ws) if files is None else files).get(video_id)
    stamp = _stamp(source, window_ms, embedder.name)
    if name is not None:
        _, key, old_stamp, _ = name.split(".")
        if old_stamp == stamp and (found := _read(folder / name, video_id)) is not None:
            return found
    raw = ws.transcript_text(video_id).encode("utf-8")
    key = cache_key(raw, window_ms, embedder.name)
    if name is not None and name.split(".")[1] == key:
        found = _read(folder / name, video_id)
        if found is not None:
            with contextlib.suppress(OSError):
                (folder / name).rename(folder / f"{video_id}.{key}.{stamp}.npy")
            return found
    return _compute(ws, video_id, embedder, window_ms, f"{video_id}.{key}.{stamp}.npy")


def _read(path: Path, video_id: str) -> Stretches | None:
    """A cached file's stretches; ``None`` when it is unreadable (it is then rebuilt).

    The file is one float32 array: a row per stretch, its vector followed by its
    start and end (two int64 stored bit for bit in four float32 columns)."""
    import numpy as np

    try:
        both = np.load(path, mmap_mode="r", allow_pickle=False)
    except (OSError, ValueError):
        return None
    if both.ndim != 2 or both.dtype != np.float32 or both.shape[1] < 5:
        return None
    spans = np.ascontiguousarray(both[:, -4:]).view(np.int64)
    return Stretches(video_id, spans, both[:, :-4])


def _compute(
    ws: Workspace, video_id: str, embedder: Embedder, window_ms: int, name: str
) -> Stretches:
    import numpy as np

    segments = ws.load_transcript(video_id).segments
    cuts = windows(segments, window_ms)
    spans = np.array([run_span(segments, a, b) for a, b in cuts], dtype=np.int64).reshape(-1, 2)
    texts = [" ".join(s.text for s in segments[a : b + 1]) for a, b in cuts]
    vectors = embedder.embed(texts).astype(np.float32).reshape(len(texts), -1)
    both = np.concatenate([vectors, spans.view(np.float32)], axis=1)
    buffer = io.BytesIO()
    np.save(buffer, both, allow_pickle=False)
    folder = ws.state_dir() / "embeddings"
    with ws.lock(f"embeddings-{video_id}"):
        folder.mkdir(exist_ok=True)
        for old in folder.glob(f"{video_id}.*.np[yz]"):
            old.unlink(missing_ok=True)
        fsutil.atomic_write_bytes(folder / name, buffer.getvalue())
    return Stretches(video_id, spans, vectors)


def theme_text(theme: Theme) -> str:
    """What a theme says about itself: label, description and keywords."""
    return ". ".join(p for p in (theme.label, theme.description, ", ".join(theme.keywords)) if p)


@dataclass(frozen=True)
class Profile:
    """A theme by meaning: its own text, the user's examples and rejected stretches."""

    theme: str
    text: Vectors
    """The unit vector of the theme's text (d)."""
    examples: Vectors
    """The tagged examples' vectors (n x d)."""
    rejected: Vectors
    """The rejected stretches' vectors (r x d)."""

    @functools.cached_property
    def query(self) -> Vectors:
        """``(1 - a) * text + a * mean of the examples``, ``a = n / (n + 1)``."""
        n = len(self.examples)
        if not n:
            return self.text
        a = n / (n + 1)
        return ((1 - a) * self.text + a * _unit(self.examples.mean(axis=0))).astype(self.text.dtype)

    @functools.cached_property
    def away(self) -> Vectors | None:
        """The unit mean of the rejected stretches, or None without rejections."""
        return _unit(self.rejected.mean(axis=0)) if len(self.rejected) else None

    @property
    def away_weight(self) -> float:
        r = len(self.rejected)
        return r / (2 * (r + 1))


def _unit(v: Vectors) -> Vectors:
    import numpy as np

    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 else v


def score(vectors: Vectors, profile: Profile) -> Vectors:
    """The score of each row of ``vectors`` for the profile's theme (see the module doc).

    The two similarities of the text and the examples' mean are one product with their
    weighted sum (``query``), computed once per profile."""
    import numpy as np

    out = vectors @ profile.query
    if profile.away is not None:
        out -= profile.away_weight * np.maximum(0, vectors @ profile.away)
    return out.astype(np.float32)


def closest(vector: Vectors, examples: Vectors) -> int:
    """The index of the example closest to ``vector`` (-1 when there is none)."""
    if not len(examples):
        return -1
    return int((examples @ vector).argmax())
