"""Time ``suggest --by meaning`` over a large archive: the first embedding, then warm queries.

    python benchmarks/bench_meaning.py WORKSPACE [--window 1ms] [--runs 3]

WORKSPACE is made by ``gen_workspace.py`` (e.g. 1,000 videos x 1,200 segments).
The first run computes and caches every stretch's vectors (the cold time); the
following runs read the cache (the warm time, the target is under 2 s). With a
window of 1 ms every segment is a stretch of its own, the largest case. Needs
the 'meaning' extra.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from pathlib import Path

from aftershock_cli.tagging.meaning import load_wordllama
from aftershock_cli.tagging.rank import run_suggestions
from aftershock_cli.workspace.folder import Workspace


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--window", default="1ms")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--theme", default="cross-silo")
    parser.add_argument("--by", default="meaning", choices=["meaning", "both"])
    args = parser.parse_args()
    ws = Workspace(args.workspace)
    shutil.rmtree(ws.root / ".aftershock" / "embeddings", ignore_errors=True)
    start = time.perf_counter()
    model = load_wordllama()
    load = time.perf_counter() - start
    vids = ws.transcript_ids()

    def query() -> float:
        t0 = time.perf_counter()
        run_suggestions(
            ws, vids, [args.theme], by=args.by, window=args.window, top=10, embedder=model
        )
        return time.perf_counter() - t0

    cold = query()
    warm = [query() for _ in range(args.runs)]
    print(f"videos: {len(vids)}, window {args.window}, --by {args.by}")
    print(f"model load: {load:.2f} s")
    print(f"first query (embeds and caches every transcript): {cold:.1f} s")
    print(f"warm query, median of {args.runs}: {statistics.median(warm):.2f} s")


if __name__ == "__main__":
    main()
