"""import-note: where statements sit (headings, quotes, callouts) and gaps in the transcript."""

from __future__ import annotations

import json
from pathlib import Path

VIDEO = "Zq3xA9bC1dE"


def a(time: str) -> str:
    return f'<a class="yt-timestamp" data-t="{time}">[{time}]</a>'


def write(folder: Path, body: str) -> Path:
    path = folder / "places.md"
    text = f"---\ntitle: Places\nvideoId: {VIDEO}\n---\n\nFrom: [[civic]] <br/> \n\n{body}"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_section_is_the_plain_text_of_its_headings(cli, workspace_dir, tmp_path):
    body = (
        f"## Ideas about [[cross_silo | silos]]\n\n### Heading with anchor {a('00:07:00')}\n\n"
        f"Teams sat together {a('00:07:05')}.\n"
    )
    path = write(tmp_path, body)
    assert cli("import-note", str(path)).exit_code == 0
    r = cli("tags", "--format", "json")
    assert [t["section"] for t in json.loads(r.stdout)] == [
        "Ideas about silos / Heading with anchor"
    ]
    assert cli("export", VIDEO, "--format", "md").stdout == path.read_text(encoding="utf-8")
