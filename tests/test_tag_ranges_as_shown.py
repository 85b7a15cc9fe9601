"""A time typed as ``show`` prints it names the line ``show`` printed at that second."""

from __future__ import annotations

from pathlib import Path

import pytest

from aftershock_cli.core.model import Segment, Transcript
from aftershock_cli.workspace.folder import Workspace

VID = "sHowTimes01"
SEGMENTS = (
    Segment(0, 4_300, "Good morning everyone."),
    Segment(4_300, 3_900, "None of them will surprise you,"),
    Segment(8_200, 4_100, "but the strength did surprise us."),
    Segment(12_300, 1_500, "Thank you."),
    Segment(20_600, 3_000, "After a pause, we start again."),
)


@pytest.fixture(autouse=True)
def _talk(workspace_dir: Path) -> None:
    Workspace(workspace_dir).save_transcript(Transcript(VID, title="Talk", segments=SEGMENTS))


def test_show_prints_the_second_each_line_starts_in(cli):
    assert cli("show", VID).stdout.splitlines()[1:3] == [
        "[00:00:04] None of them will surprise you,",
        "[00:00:08] but the strength did surprise us.",
    ]


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("0:08", "but the strength did surprise us."),
        ("https://youtu.be/sHowTimes01?t=8", "but the strength did surprise us."),
        ("0:20", "After a pause, we start again."),
        ("0:04", "None of them will surprise you,"),
    ],
)
def test_a_single_time_names_the_line_show_printed_at_that_second(cli, typed, words):
    result = cli("tag", VID, typed, "cross-silo", "--dry-run", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert f'"text": "{words}"' in result.stdout


def test_a_range_runs_from_the_line_shown_at_its_start_to_the_line_shown_at_its_end(cli):
    result = cli("tag", VID, "0:04-0:12", "cross-silo", "-f", "json")
    assert '"start_ms": 4300' in result.stdout
    assert '"end_ms": 12300' in result.stdout
    assert '"text": "None of them will surprise you, but the strength did surprise us."' in (
        result.stdout
    )


def test_exact_keeps_the_range_to_the_millisecond(cli):
    result = cli("tag", VID, "0:04-0:08.500", "cross-silo", "--exact", "-f", "json")
    assert ('"start_ms": 4000' in result.stdout, '"end_ms": 8500' in result.stdout) == (True, True)


@pytest.mark.parametrize("typed", ["0:04 - 0:12", "0:04\u20130:12", "0:04 \u2014 0:12"])
def test_dashes_with_spaces_or_from_documents_are_ranges(cli, typed):
    result = cli("tag", VID, typed, "cross-silo", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("(dry run)  0:04-0:12 (8s)  cross-silo")


def test_a_range_typed_as_three_words_is_one_range(cli):
    result = cli("tag", VID, "0:04", "-", "0:12", "cross-silo", "--dry-run")
    assert result.stdout.startswith("(dry run)  0:04-0:12 (8s)  cross-silo")


def test_an_ambiguous_decimal_is_refused_with_the_ways_to_write_it(cli, workspace_dir: Path):
    result = cli("tag", VID, "0.10-0.20", "cross-silo")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: '0.10' in '0.10-0.20' is ambiguous: 0:10 (minutes and seconds) or 0.10 "
        "seconds? write 0:10 or 0:00.10 (or a range such as 0:10-0:20 or 10s-20s)\n"
    )
    assert not (workspace_dir / "tags" / f"{VID}.yaml").exists()


def test_a_range_in_a_pause_is_refused(cli):
    result = cli("tag", VID, "0:14.5-0:19.5", "cross-silo", "--exact")
    assert result.stderr == (
        "Error: the range 0:14-0:19 covers no words of the transcript (it falls between "
        "0:13 and 0:20); give a range around the words, such as 0:10-0:20 or 10s-20s\n"
    )


def test_untag_by_time_reads_the_time_as_tag_does(cli, workspace_dir: Path):
    cli("tag", VID, "0:08", "cross-silo")
    cli("tag", VID, "0:00-0:12", "relationships")
    result = cli("untag", VID, "0:08")
    assert result.exit_code == 0, result.stderr
    left = [t.themes for t in Workspace(workspace_dir).load_tags(VID)]
    assert left == []
    cli("tag", VID, "0:08", "cross-silo")
    cli("tag", VID, "0:00-0:04", "relationships")
    assert cli("untag", VID, "0:00-0:05").exit_code == 0
    assert [t.themes for t in Workspace(workspace_dir).load_tags(VID)] == [("cross-silo",)]
    none = cli("untag", VID, "0:20")
    assert none.stderr == f"Error: {VID} has no tag at 0:20; 'aftershock tags {VID}' lists them\n"
