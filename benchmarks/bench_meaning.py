"""Time ``suggest --by meaning`` over a large archive: the first embedding, then warm queries.

    python benchmarks/bench_meaning.py WORKSPACE [--window 1ms] [--runs 3] [--cold-videos N]

WORKSPACE is made by ``gen_workspace.py`` (e.g. 1,000 videos x 1,200 segments).
The first run computes and caches every stretch's vectors (the cold time); the
following runs read the cache (the warm time, the target is under 2 s). With a
window of 1 ms every segment is a stretch of its own, the largest case. Needs
the 'meaning' extra.

``--cold-videos N`` embeds only the first N videos with the model and reports the
CPU time per video (the cold cost grows linearly with the videos); the rest of the
cache is then filled with random unit vectors under the model's name, which the
warm queries read exactly as they read real ones. Times are CPU seconds of this
process (``time.process_time``) beside wall seconds.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from aftershock_cli.tagging.meaning import Embedder, load_wordllama, stretches
from aftershock_cli.tagging.rank import run_suggestions
from aftershock_cli.workspace.folder import Workspace


class _Random:
    """Random unit vectors under another model's name: fills a cache quickly."""

    def __init__(self, name: str, dim: int = 256) -> None:
        self.name, self.dim = name, dim
        self.rng = np.random.default_rng(1)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        v = self.rng.standard_normal((len(texts), self.dim)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def timed(work: object) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    work()  # type: ignore[operator]
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--window", default="1ms")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--theme", default="cross-silo")
    parser.add_argument("--by", default="meaning", choices=["meaning", "both"])
    parser.add_argument("--cold-videos", type=int, default=0)
    args = parser.parse_args()
    ws = Workspace(args.workspace)
    shutil.rmtree(ws.root / ".aftershock" / "embeddings", ignore_errors=True)
    load_cpu, load_wall = timed(load_wordllama)
    model = load_wordllama()
    vids = ws.transcript_ids()
    window_ms = 1 if args.window == "1ms" else int(float(args.window.rstrip("s")) * 1000)
    cold_n = args.cold_videos or len(vids)

    def embed_some(embedder: Embedder, some: Sequence[str]) -> None:
        for vid in some:
            stretches(ws, vid, embedder, window_ms)

    cold_cpu, cold_wall = timed(lambda: embed_some(model, vids[:cold_n]))
    if cold_n < len(vids):
        embed_some(_Random(model.name), vids[cold_n:])

    def query() -> None:
        run_suggestions(
            ws, vids, [args.theme], by=args.by, window=args.window, top=10, embedder=model
        )

    first = timed(query)  # embeds the tagged examples once
    warm = [timed(query) for _ in range(args.runs)]
    print(f"videos: {len(vids)}, window {args.window}, --by {args.by}")
    print(f"model load: {load_cpu:.2f} s CPU ({load_wall:.2f} s wall)")
    print(
        f"first embedding of {cold_n} videos: {cold_cpu:.1f} s CPU ({cold_wall:.1f} s wall), "
        f"{cold_cpu / cold_n:.3f} s CPU per video"
    )
    print(f"first query (embeds the tagged examples): {first[0]:.2f} s CPU ({first[1]:.2f} s wall)")
    print(
        f"warm query, median of {args.runs}: {statistics.median(w[0] for w in warm):.2f} s CPU "
        f"({statistics.median(w[1] for w in warm):.2f} s wall)"
    )


if __name__ == "__main__":
    main()
