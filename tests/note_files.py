"""Small notes written for the import tests: many videos, one statement each."""

from __future__ import annotations

from pathlib import Path

INDEX_PAGE = "---\ntitle: A channel's index\n---\n\nEvery talk of the channel.\n"
"""A note that cannot be imported: a channel's index page names no video."""


def small_notes(folder: Path, count: int) -> list[Path]:
    """``count`` small notes, each of its own video and title."""
    folder.mkdir()
    paths = []
    for n in range(count):
        path = folder / f"talk_{n:03d}.md"
        path.write_text(
            f"---\ntitle: Talk number {n}\nvideoId: vid{n:08d}\n---\n\n"
            f'Budgets were cut. <a class="yt-timestamp" data-t="00:00:{n % 60:02d}">'
            f"[00:00:{n % 60:02d}]</a>\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths
