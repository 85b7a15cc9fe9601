"""Waits a user cannot see the end of: a regular expression that backtracks for ever,
a workspace lock another process holds, Ctrl-C during a batch fetch."""

from __future__ import annotations

import dataclasses

from aftershock_cli.core.model import Segment
from aftershock_cli.workspace.folder import Workspace
from hostile import assert_refused, snapshot
from tagging_data import VIDEO, transcript


def _long_transcript() -> None:
    """A transcript with one long run of ``a`` (where ``(a+)+$`` backtracks for ever)."""
    base = transcript()
    segments = (*base.segments, Segment(60000, 1000, "a" * 5000 + "!"))
    Workspace.discover().save_transcript(
        dataclasses.replace(base, segments=segments, duration_ms=61000)
    )


def test_a_catastrophic_regex_is_stopped_with_one_line(cli, workspace_dir):
    _long_transcript()
    before = snapshot(workspace_dir)
    line = assert_refused(cli("tag", VIDEO, "--match", "(a+)+$", "--regex", "cross-silo"))
    assert line == (
        "Error: the regular expression '(a+)+$' took more than 2 seconds over the "
        "transcript and was stopped; simplify it (nested repeats such as (a+)+ can take "
        "for ever)"
    )
    assert snapshot(workspace_dir) == before


def test_a_quick_regex_on_the_same_transcript_still_tags(cli, workspace_dir):
    _long_transcript()
    r = cli("tag", VIDEO, "--match", "silos?", "--match", "a+!", "--regex", "cross-silo")
    assert r.exit_code == 0, r.stderr
    assert [(t.start_ms, t.end_ms) for t in Workspace.discover().load_tags(VIDEO)] == [
        (4000, 9000),
        (60000, 61000),
    ]
