"""Archive-scale work as whole processes: import-note, check and an up-to-date export --all.

    python benchmarks/bench_bulk.py [--sizes 100,1000,2000,5000] [--only import|check|export]
        [--runs 1] [--corpus DIR] [--corpus-copies 70] [--export-videos 1000]

- import-note: ``N`` generated notes (``bench_notes.make_note``, about 8 KB each,
  every note a new video with its own title, so the codebook grows by one theme
  per note) imported by one ``aftershock import-note FOLDER`` into a new workspace,
  in the table format of ``harness.py`` (CPU time, peak memory); CPU per note shows
  whether the work grows linearly. The same rows join ``run_all.py``'s scaling
  table through ``scaling_ops``. With ``--corpus DIR --corpus-copies K`` the notes
  of DIR are also imported K times over in one process, each copy under its own
  video ids and titles (300 real notes x 70 = 21,000, the size of the whole
  archive they were drawn from).
- check: ``aftershock check FOLDER --format json`` over the same notes, with the
  peak resident memory of the process.
- export: ``aftershock export --all`` of a workspace from ``gen_workspace.py``
  (1,000 videos by default), first into an empty folder, then again with nothing
  changed (the up-to-date case), then after one tag file changed.

Every command runs as its own process. CPU time is the child's user + system time
(``os.wait4``), which a busy machine disturbs far less than the wall time also
shown; peak memory comes from GNU ``time`` when installed, else the child's
``ru_maxrss``. With ``--corpus DIR`` the notes of DIR are imported and checked too
(a local measurement: the corpus is not part of the project).
"""

from __future__ import annotations

import argparse
import atexit
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_notes import WORDS, make_note  # noqa: E402
from harness import HEADER, Op, measure, row  # noqa: E402

_SCRIPT = Path(sys.executable).parent / "aftershock"
AFTERSHOCK = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "aftershock_cli"]
GNU_TIME = shutil.which("time")


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float


def run(argv: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> Run:
    """Wall, CPU and peak memory of one run of ``argv`` (its output is thrown away)."""
    with tempfile.NamedTemporaryFile("r") as peak, tempfile.TemporaryFile() as err:
        if GNU_TIME is not None:
            argv = [GNU_TIME, "-q", "-f", "%M", "-o", peak.name, *argv]
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in ok:
            err.seek(0)
            raise SystemExit(f"{' '.join(argv)} failed ({code}): {err.read().decode()[-500:]}")
        kb = float(usage.ru_maxrss)
        lines = peak.read().split()
        if GNU_TIME is not None and lines and lines[-1].isdigit():
            kb = float(lines[-1])
    return Run(wall, usage.ru_utime + usage.ru_stime, kb / 1024)


def write_notes(folder: Path, count: int, seed: int = 3) -> Path:
    """``count`` notes in ``folder`` (made once, reused), each of its own video."""
    if folder.is_dir() and len(list(folder.glob("*.md"))) == count:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rng = random.Random(seed)
    for index in range(count):
        text = make_note(rng, 8192)
        title = " ".join(rng.choice(WORDS) for _ in range(4)).capitalize() + f" talk {index}"
        text = text.replace("title: ", f"title: {title} ", 1)
        (folder / f"note_{index:05d}.md").write_text(text, encoding="utf-8")
    return folder


def fresh_workspace(root: Path) -> dict[str, str]:
    shutil.rmtree(root, ignore_errors=True)
    env = {**os.environ, "AFTERSHOCK_WORKSPACE": str(root)}
    subprocess.run([*AFTERSHOCK, "init", str(root)], env=env, check=True, capture_output=True)
    return env


def import_op(folder: Path, count: int, label: str, runs: int | None = None) -> Op:
    """One ``import-note FOLDER`` of ``count`` notes, each run into a new workspace."""
    root = HERE / "out" / "bulk" / "import-ws"
    return Op(
        f"import-note, {label}",
        [*AFTERSHOCK, "import-note", str(folder), "--skip-invalid", "-f", "json"],
        env={"AFTERSHOCK_WORKSPACE": str(root)},
        before=lambda: _fresh(root),
        runs=runs,
        videos=count,
    )


TRASH = HERE / "out" / "bulk" / "trash"
"""Where the workspaces of earlier runs go until the benchmark ends."""


def _fresh(root: Path) -> None:
    """A new, empty workspace at ``root``. The last run's workspace is moved aside
    rather than deleted: deleting its thousands of files just before a run made the
    run's own file creations several times slower (a disk mounted with ``discard``
    trims the freed blocks meanwhile), and the import was charged for it."""
    if root.exists():
        TRASH.mkdir(parents=True, exist_ok=True)
        os.replace(root, TRASH / f"{root.name}-{time.time_ns()}")
    fresh_workspace(root)


def empty_trash() -> None:
    """Delete the moved-aside workspaces, and let the disk settle before timing again."""
    shutil.rmtree(TRASH, ignore_errors=True)
    os.sync()
    time.sleep(2)


atexit.register(empty_trash)  # also when run_all.py runs the import rows


def scaling_ops(ws: Path, scratch: Path) -> list[Op]:
    """The import-note row of ``run_all.py``'s scaling table: as many generated notes as
    the archive has videos, imported into a new workspace."""
    count = sum(1 for _ in (ws / "transcripts").glob("*.json"))
    folder = write_notes(HERE / "out" / "bulk" / f"notes-{count}", count)
    return [import_op(folder, count, "generated notes (one per video)", 1 if count > 1000 else 3)]


def corpus_copies(corpus: Path, copies: int, out: Path) -> tuple[Path, int]:
    """The notes of ``corpus`` written ``copies`` times into ``out``, each copy's notes
    under new video ids and titles (a note without a videoId stays without)."""
    notes = sorted(corpus.rglob("*.md"))
    folder = out / f"corpus-x{copies}"
    if folder.is_dir() and len(list(folder.rglob("*.md"))) == len(notes) * copies:
        return folder, len(notes) * copies
    shutil.rmtree(folder, ignore_errors=True)
    for copy in range(copies):
        target = folder / f"copy-{copy:03d}"
        target.mkdir(parents=True)
        for index, note in enumerate(notes):
            text = note.read_text(encoding="utf-8")
            video = f"c{copy:03d}n{index:06d}"[:11]
            text = re.sub(r"(?m)^videoId:.*$", f"videoId: {video}", text, count=1)
            text = _TITLE.sub(lambda m, c=copy: _retitled(m, c), text, count=1)
            (target / note.name).write_text(text, encoding="utf-8")
    return folder, len(notes) * copies


_TITLE = re.compile(r"(?m)^title: *(?:([\"'])(.*)\1|(.*?)) *$")


def _retitled(match: re.Match[str], copy: int) -> str:
    """The title line with `` (copy N)`` added, inside its quotes when it has them."""
    quote, quoted, plain = match.groups()
    if quote:
        return f"title: {quote}{quoted} (copy {copy}){quote}"
    return f"title: {plain} (copy {copy})"


def bench_import(out: Path, sizes: list[int], runs: int, corpus: Path | None, copies: int) -> None:
    print("\nimport-note FOLDER (one process, a new workspace; --skip-invalid -f json)\n")
    print(HEADER)
    ops = [
        import_op(write_notes(out / f"notes-{n}", n), n, "generated notes (one per video)")
        for n in sizes
    ]
    if corpus is not None:
        count = len(list(corpus.rglob("*.md")))
        ops.append(import_op(corpus, count, "real notes (a local corpus)"))
        if copies > 1:
            folder, count = corpus_copies(corpus, copies, out)
            ops.append(import_op(folder, count, f"real notes x {copies}, new ids", 1))
    per_note = []
    for op in ops:
        empty_trash()
        result = measure(op, runs)
        print(row(result))
        if result.ok and op.videos:
            per_note.append(f"{op.videos:,}: {result.cpu / op.videos * 1000:.1f} ms")
    print("\nCPU per note: " + ", ".join(per_note))


def bench_check(out: Path, sizes: list[int], corpus: Path | None) -> None:
    print("\ncheck FOLDER --format json (peak memory of the process)\n")
    print("| notes | MB of notes | wall | CPU | peak memory |")
    print("|---:|---:|---:|---:|---:|")
    cases = [(str(n), write_notes(out / f"notes-{n}", n)) for n in sizes]
    if corpus is not None:
        cases.append(("corpus", corpus))
    env = fresh_workspace(out / "check-ws")
    for label, folder in cases:
        size = sum(p.stat().st_size for p in folder.rglob("*.md")) / 1e6
        result = run([*AFTERSHOCK, "check", str(folder), "--format", "json"], env, ok=(0, 1))
        print(
            f"| {label} | {size:.0f} | {result.wall:.1f} s | {result.cpu:.1f} s "
            f"| {result.peak_mb:.0f} MB |"
        )


def bench_export(out: Path, videos: int) -> None:
    ws = HERE / "out" / f"ws-{videos}x1200x20"
    if not (ws / "aftershock.yaml").is_file():
        subprocess.run(
            [sys.executable, str(HERE / "gen_workspace.py"), str(ws), "--videos", str(videos)],
            check=True,
        )
    env = {**os.environ, "AFTERSHOCK_WORKSPACE": str(ws)}
    target = out / "export-notes"
    shutil.rmtree(target, ignore_errors=True)
    argv = [*AFTERSHOCK, "export", "--all", "--format", "md", "--out-dir", str(target)]
    print(f"\nexport --all --format md, {videos} videos\n")
    print("| case | wall | CPU | peak memory |")
    print("|---|---:|---:|---:|")
    first = run(argv, env)
    print(
        f"| into an empty folder | {first.wall:.2f} s | {first.cpu:.2f} s | {first.peak_mb:.0f} MB |"
    )
    for _ in range(2):
        again = run(argv, env)
    print(f"| nothing changed | {again.wall:.2f} s | {again.cpu:.2f} s | {again.peak_mb:.0f} MB |")
    tagfile = sorted((ws / "tags").glob("*.yaml"))[0]
    tagfile.touch()
    one = run(argv, env)
    print(f"| one tag file touched | {one.wall:.2f} s | {one.cpu:.2f} s | {one.peak_mb:.0f} MB |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,2000,5000", help="numbers of notes")
    parser.add_argument("--only", choices=["import", "check", "export"])
    parser.add_argument("--runs", type=int, default=1, help="import runs per size (least CPU)")
    parser.add_argument("--corpus", type=Path, help="a folder of real notes to add as a row")
    parser.add_argument(
        "--corpus-copies", type=int, default=1, help="also import the corpus this many times over"
    )
    parser.add_argument("--export-videos", type=int, default=1000)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    out = HERE / "out" / "bulk"
    out.mkdir(parents=True, exist_ok=True)
    if args.only in (None, "import"):
        bench_import(out, sizes, args.runs, args.corpus, args.corpus_copies)
    if args.only in (None, "check"):
        bench_check(out, sizes, args.corpus)
    if args.only in (None, "export"):
        bench_export(out, args.export_videos)
    return 0


if __name__ == "__main__":
    sys.exit(main())
