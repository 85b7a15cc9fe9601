"""Archive-scale work as whole processes: import-note, check and an up-to-date export --all.

    python benchmarks/bench_bulk.py [--sizes 250,1000,2000] [--only import|check|export]
        [--runs 1] [--corpus DIR] [--export-videos 1000]

- import-note: ``N`` generated notes (``bench_notes.make_note``, about 8 KB each,
  every note a new video with its own title, so the codebook grows by one theme
  per note) imported by one ``aftershock import-note FOLDER`` into a new workspace;
  CPU per note shows whether the work grows linearly.
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
import os
import random
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


def bench_import(out: Path, sizes: list[int], runs: int, corpus: Path | None) -> None:
    print("\nimport-note FOLDER (one process, a new workspace)\n")
    print("| notes | wall | CPU | CPU per note | peak memory |")
    print("|---:|---:|---:|---:|---:|")
    cases = [(str(n), write_notes(out / f"notes-{n}", n), n) for n in sizes]
    if corpus is not None:
        count = len(list(corpus.rglob("*.md")))
        cases.append((f"{count} (corpus)", corpus, count))
    for label, folder, count in cases:
        best: Run | None = None
        for _ in range(runs):
            env = fresh_workspace(out / "import-ws")
            argv = [*AFTERSHOCK, "import-note", str(folder), "--skip-invalid", "-f", "json"]
            result = run(argv, env)
            best = result if best is None or result.cpu < best.cpu else best
        assert best is not None
        print(
            f"| {label} | {best.wall:.1f} s | {best.cpu:.1f} s "
            f"| {best.cpu / count * 1000:.1f} ms | {best.peak_mb:.0f} MB |"
        )


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
    parser.add_argument("--sizes", default="250,1000,2000", help="numbers of notes")
    parser.add_argument("--only", choices=["import", "check", "export"])
    parser.add_argument("--runs", type=int, default=1, help="import runs per size (least CPU)")
    parser.add_argument("--corpus", type=Path, help="a folder of real notes to add as a row")
    parser.add_argument("--export-videos", type=int, default=1000)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    out = HERE / "out" / "bulk"
    out.mkdir(parents=True, exist_ok=True)
    if args.only in (None, "import"):
        bench_import(out, sizes, args.runs, args.corpus)
    if args.only in (None, "check"):
        bench_check(out, sizes, args.corpus)
    if args.only in (None, "export"):
        bench_export(out, args.export_videos)
    return 0


if __name__ == "__main__":
    sys.exit(main())
