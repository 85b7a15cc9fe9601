"""The bundled example: the commands that ``aftershock demo`` runs."""

from __future__ import annotations

from pathlib import Path

from ..files import fsutil

DEMO_VIDEO = "t8dJdL0Wyw8"


def demo_commands(root: Path, data: Path) -> list[list[str]]:
    """The CLI argument lists of the demo, in order, for a workspace at ``root``.

    ``data`` is the bundled folder with the captions, their yt-dlp style
    ``.info.json`` and ``tags.yaml`` (the tags with their notes).
    """
    ws = str(root)
    captions = next(data.glob(f"*[[]{DEMO_VIDEO}[]].en.vtt"))
    commands = [["init", ws], ["-w", ws, "fetch", "--file", str(captions)]]
    for item in fsutil.load_yaml(data / "tags.yaml"):
        commands.append(
            ["-w", ws, "tag", DEMO_VIDEO, item["range"], *item["themes"], "--note", item["note"]]
        )
    commands.append(["-w", ws, "export", DEMO_VIDEO, "--format", "md"])
    return commands
