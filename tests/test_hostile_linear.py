"""Notes built to make a pattern backtrack: each costs time in proportion to its length.

Every input repeats one opening mark 20,000 times with nothing to close it (or nests
brackets 5,000 deep); before the patterns were made linear, ``check`` took most of a
minute on the worst of them. The tests assert what is found, not the time:
benchmarks/bench_hostile.py measures it at growing sizes."""

from __future__ import annotations

import pytest

from aftershock_cli.notes.note import parse_note
from aftershock_cli.notes.text import plain_text
from tagging_data import VIDEO, store

# an anchor spelled M:SS, then one whose two times disagree: findings past the hostile runs
SHORT = '<a class="yt-timestamp" data-t="0:05">[0:05]</a>'
MISMATCH = '<a class="yt-timestamp" data-t="00:00:16">[00:00:17]</a>'
HEAD = (
    f"---\ntitle: Closing session\nvideoId: {VIDEO}\n---\n\nFrom: [[chan]] <br/> \n\n## Silos\n\n"
)
REPEATED = {
    "wikilink": "[[",
    "anchor": "<a ",
    "timestamp-anchor": "<a timestamp ",
    "open-anchor": '<a class="yt-timestamp" data-t="',
    "bracket": "[",
    "backtick": "`",
    "star": "*",
    "space": "  ",
}


def hostile_note(unit: str, n: int = 20_000) -> str:
    nested = "[" * 5000 + "]" * 5000
    return (
        f"{HEAD}Silos broke down {unit * n} across departments {SHORT}.\n\n"
        f"{nested} Trust between councils and citizens grew {MISMATCH}.\n"
    )


@pytest.mark.parametrize("name", sorted(REPEATED))
def test_check_reads_a_note_of_unclosed_marks(cli, tmp_path, name):
    store()
    path = tmp_path / f"{name}.md"
    path.write_text(hostile_note(REPEATED[name]))
    r = cli("check", str(path))
    column = 38 + 20_000 * len(REPEATED[name])
    assert r.exit_code == 1, r.stderr
    assert r.stdout == (
        f"{path} (video {VIDEO}, transcript: workspace)\n"
        f"  10:{column:<5}  warning  noncanonical-time: '0:05' is not written HH:MM:SS "
        "-> 00:00:05\n"
        f"  {'12:10043':<{len(str(column)) + 3}}  error    time-mismatch: data-t is 00:00:16 "
        "but the text shows 00:00:17 -> 00:00:16\n"
        "  1 error, 1 warning, 0 info\n"
        "Checked 1 note: 1 error, 1 warning, 0 info; 2 fixable with --fix\n"
    )
    assert r.stderr == ""


@pytest.mark.parametrize("name", sorted(REPEATED))
def test_plain_text_of_unclosed_marks_keeps_the_words(name):
    unit = REPEATED[name]
    text = f"Silos {unit * 20_000} broke {SHORT}"
    assert plain_text(text, "show").split()[0] == "Silos"
    assert plain_text(text, "show").split()[-1] == "broke"
    assert plain_text(text, "match").split()[0] == "Silos"


def test_a_paragraph_of_20000_anchors_is_read_and_checked(cli, tmp_path):
    store()
    path = tmp_path / "anchors.md"
    anchors = " ".join(
        f'<a class="yt-timestamp" data-t="{i % 60}:00">[{i % 60}:00]</a>' for i in range(20_000)
    )
    path.write_text(f"{HEAD}Silos broke down across departments {anchors}.\n")
    assert len(parse_note(path.read_text()).anchors) == 20_000
    r = cli("check", "--format", "json", str(path))
    assert r.stdout.count('"code": "noncanonical-time"') == 20_000
    r = cli("check", "--fix", str(path))
    assert r.exit_code == 0, r.stderr
    # each "M:00" of a one-minute video is read as seconds moved left, and rewritten
    fixed = parse_note(path.read_text()).anchors
    assert len(fixed) == 20_000
    assert [a.raw for a in fixed[:2]] == [
        '<a class="yt-timestamp" data-t="00:00:00">[00:00:00]</a>',
        '<a class="yt-timestamp" data-t="00:00:01">[00:00:01]</a>',
    ]
    assert all(a.well_formed for a in fixed)
