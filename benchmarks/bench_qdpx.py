"""Time a ``.qdpx`` round trip: export, the checked read of the file, and the whole import.

    python benchmarks/bench_qdpx.py [--videos 20] [--segments 1200] [--tags 20] [--runs 3]

A synthetic workspace is generated (see ``gen_workspace.py``) and exported as one
``.qdpx``. Then, each ``--runs`` times, the file is read and every value checked
(``read_project``, which writes nothing), and imported whole into a fresh
workspace (the read, then the writes). CPU time of this process
(``time.process_time``) is printed, as the median of the runs, so that other work
on a shared machine counts as little as it can.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from aftershock_cli.export import ExportOptions
from aftershock_cli.refi.qdpx import import_qdpx, write_qdpx
from aftershock_cli.refi.qdpx_read import read_project
from aftershock_cli.workspace.folder import Workspace
from gen_workspace import generate


def cpu_ms(action: object) -> float:
    began = time.process_time()
    action()  # type: ignore[operator]
    return (time.process_time() - began) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--videos", type=int, default=20)
    parser.add_argument("--segments", type=int, default=1200)
    parser.add_argument("--tags", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ids = generate(root / "ws", args.videos, args.segments, args.tags, seed=7)
        ws = Workspace(root / "ws")
        out = root / "study.qdpx"
        export = cpu_ms(lambda: write_qdpx(ws, ids, out, ExportOptions()))
        reads, imports = [], []
        for run in range(args.runs):
            reads.append(cpu_ms(lambda: read_project(out)))
            fresh = Workspace(root / f"fresh{run}")
            imports.append(cpu_ms(lambda fresh=fresh: import_qdpx(fresh, out)))  # type: ignore[misc]
        size = out.stat().st_size / 2**20
        print(
            f"{args.videos} videos x {args.segments} segments x {args.tags} tags, "
            f".qdpx of {size:.1f} MiB; CPU ms, median of {args.runs}"
        )
        print(f"export              {export:8.0f}")
        print(f"read and check      {statistics.median(reads):8.0f}")
        print(f"import (read+write) {statistics.median(imports):8.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
