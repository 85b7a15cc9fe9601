"""Measure the peak memory of reading one video's tag file, per tag.

    python benchmarks/bench_tag_memory.py [--tags 1000 10000 50000]

For each count a tag file is generated (each tag with a one-sentence note, as a
coder writes them) and read by ``Workspace.load_tags`` in a fresh child process;
the child's peak resident set (``ru_maxrss``) minus that of a child that only
imports aftershock gives the memory the read took. The files are written by
another child, as Linux counts the resident set a child inherits at fork in its
peak. CPU time of the read
(``time.process_time``) is reported too; wall time is not, as the machine may be
shared. ``--whole`` parses each file in one piece (as aftershock did before it
parsed long files' lists in parts). Figures go to docs/limits.md.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from aftershock_cli.core.model import Tag
from aftershock_cli.core.schema import TagFile, tagfile_to_dict
from aftershock_cli.files.fsutil import dump_yaml

VIDEO = "AbCdEfGhIj0"
NOTE = "Silos broke down across departments once the teams shared one budget line."

CHILD = """
import json, resource, sys, time
from pathlib import Path
from aftershock_cli.files import yaml_parts
from aftershock_cli.workspace.folder import Workspace
if sys.argv[3] == "whole":
    yaml_parts.PARTS_ABOVE = 1 << 62
ws = Workspace(Path(sys.argv[1]))
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
cpu = time.process_time()
count = len(ws.load_tags(sys.argv[2])) if sys.argv[2] else 0
cpu = time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"count": count, "base_kib": base, "peak_kib": peak, "cpu_s": cpu}))
"""


def write_tags(root: Path, count: int) -> int:
    tags = [
        Tag(f"t{i:07d}", VIDEO, i * 1000, i * 1000 + 5000, ("cross-silo",), NOTE, "", "ana", "")
        for i in range(count)
    ]
    text = dump_yaml(tagfile_to_dict(TagFile(VIDEO, tags)))
    (root / "tags").mkdir(exist_ok=True)
    path = root / "tags" / f"{VIDEO}.yaml"
    path.write_text(text)
    return path.stat().st_size


def write_in_child(root: Path, count: int) -> int:
    out = subprocess.run(
        [sys.executable, __file__, "--write", str(root), str(count)],
        capture_output=True,
        check=True,
    )
    return int(out.stdout)


def measure(root: Path, video: str, how: str = "parts") -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(root), video, how], capture_output=True, check=True
    )
    return dict(json.loads(out.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tags", type=int, nargs="+", default=[1000, 10_000, 50_000])
    parser.add_argument(
        "--whole", action="store_true", help="parse the file whole, as before parsing in parts"
    )
    parser.add_argument("--write", nargs=2, metavar=("ROOT", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write:
        print(write_tags(Path(args.write[0]), int(args.write[1])))
        return
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "aftershock.yaml").write_text("version: 1\n")
        idle = measure(root, "")
        print(f"{'tags':>8} {'file MiB':>9} {'peak MiB':>9} {'KiB/tag':>8} {'CPU s':>6}")
        for count in args.tags:
            size = write_in_child(root, count)
            got = measure(root, VIDEO, "whole" if args.whole else "parts")
            grown = got["peak_kib"] - idle["peak_kib"]
            print(
                f"{count:>8} {size / 2**20:>9.1f} {grown / 1024:>9.0f} "
                f"{grown / count:>8.1f} {got['cpu_s']:>6.2f}"
            )


if __name__ == "__main__":
    main()
