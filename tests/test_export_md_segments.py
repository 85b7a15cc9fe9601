"""export --format md: the transcript words of a tag are those heard in its range.

YouTube's caption segments overlap (each is shown until the next has started);
the words of a tag are the segment playing at its start and those starting
inside it, never the tail of the one before nor one starting at its very end.
"""

from __future__ import annotations

from pathlib import Path

from aftershock_cli.core.model import Segment, Tag, Transcript
from aftershock_cli.workspace.folder import Workspace

VIDEO = "Zq3xA9bC1dE"


def a(hms: str) -> str:
    return f'<a class="yt-timestamp" data-t="{hms}">[{hms}]</a>'


def overlapping(root: Path) -> None:
    ws = Workspace(root)
    segments = (
        Segment(0, 4000, "before the tag"),
        Segment(3000, 4000, "heard at the start"),
        Segment(5000, 4000, "heard inside"),
        Segment(9000, 4000, "after the tag"),
    )
    ws.save_transcript(Transcript(VIDEO, "Talk", channel_handle="hall", segments=segments))
    with ws.editing_tags(VIDEO) as tf:
        tf.tags += [
            Tag("t1", VIDEO, 3500, 9000, ("cross-silo",)),
            Tag("t2", VIDEO, 9000, 9000, ("cross-silo",), note="The end."),
        ]


def test_a_statement_without_a_note_and_its_quote_take_only_the_words_of_its_range(
    cli, workspace_dir
):
    overlapping(workspace_dir)
    r = cli("export", VIDEO, "--format", "md", "--quotes")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == (
        f"---\ntitle: Talk\nvideoId: {VIDEO}\n---\n\nFrom: [[hall]] <br/> \n\n"
        "## Public sector innovation and collaboration\n\n"
        "### Cross-sectoral and cross-silo work\n"
        f"heard at the start heard inside {a('00:00:03')}\n"
        "> heard at the start heard inside\n\n"
        f"The end {a('00:00:09')}.\n"
        "> after the tag"
    )
