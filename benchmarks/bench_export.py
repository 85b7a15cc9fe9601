"""Time ``export --all`` per format and show that memory stays flat as videos grow.

    python benchmarks/bench_export.py [--videos 50 200] [--formats md json csv srt vtt chapters txt]

For each workspace size, a synthetic workspace is generated (see
``gen_workspace.py``), every format is exported into a folder twice (the second
run rewrites nothing), and the wall time and the peak of traced Python memory
are printed. A flat peak across sizes means videos are handled one at a time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from aftershock_cli.export import ExportOptions
from aftershock_cli.export.batch import export_to_dir
from aftershock_cli.workspace.folder import Workspace
from gen_workspace import generate


def run(ws: Workspace, fmt: str, out: Path) -> tuple[float, float, int, int]:
    """Seconds and peak MiB of one export, then files written and left unchanged."""
    ids = ws.tagged_video_ids()
    tracemalloc.start()
    began = time.perf_counter()
    report = export_to_dir(ws, ids, fmt, ExportOptions(), out, skip_untagged=True)
    seconds = time.perf_counter() - began
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak, report.written, report.unchanged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--videos", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--segments", type=int, default=1200)
    parser.add_argument("--tags", type=int, default=20)
    parser.add_argument(
        "--formats", nargs="+", default=["md", "json", "csv", "srt", "vtt", "chapters", "txt"]
    )
    args = parser.parse_args(argv)
    print(f"{'videos':>6} {'format':<9} {'first s':>8} {'again s':>8} {'peak MiB':>9} files")
    for count in args.videos:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            generate(root / "ws", count, args.segments, args.tags, seed=7)
            ws = Workspace(root / "ws")
            for fmt in args.formats:
                out = root / f"out-{fmt}"
                first, peak, written, _ = run(ws, fmt, out)
                again, _, rewritten, unchanged = run(ws, fmt, out)
                assert rewritten == 0 and unchanged == written
                print(f"{count:>6} {fmt:<9} {first:>8.2f} {again:>8.2f} {peak:>9.1f} {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
