"""``aftershock check``: findings without a transcript, reports, exit codes, --fix."""

from __future__ import annotations

import json
from pathlib import Path

VID = "abcdefghijk"
GOOD = '<a class="yt-timestamp" data-t="{0}">[{0}]</a>'


def anchor(t: str) -> str:
    return GOOD.format(t)


def write_note(folder: Path, name: str, body: str, front: str | None = None) -> Path:
    head = front if front is not None else f"---\ntitle: A talk\nvideoId: {VID}\n---\n\n"
    path = folder / name
    path.write_text(head + "From: [[channel]] <br/> \n\n" + body)
    return path


BROKEN_BODY = (
    "## Start\n\n"
    f"Intro sentence {anchor('00:00:10')}. Mixed times "
    '<a class="yt-timestamp" data-t="00:01:00">[00:01:30]</a>.\n'
    "1.  Short spelling "
    '<a class="yt-timestamp" data-t="2:05">[2:05]</a>.\n'
    '2.  Unreadable <a class="yt-timestamp" data-t="99:99:99:99">[99:99:99:99]</a>.\n\n'
    "## Nothing here\n\n"
    "## End\n\n"
    f"Closing words {anchor('00:03:00')}."
)


def test_structural_findings_in_text(cli, workspace_dir: Path):
    write_note(workspace_dir, "a.md", BROKEN_BODY)
    result = cli("check", "a.md")
    assert result.exit_code == 1
    assert result.stdout == (
        f"a.md (video {VID})\n"
        "  10:86  error    time-mismatch: data-t is 00:01:00 but the text shows 00:01:30 -> 00:01:00\n"
        "  11:20  warning  noncanonical-time: '2:05' is not written HH:MM:SS -> 00:02:05\n"
        "  12:1   warning  not-imported: no tag is imported from this statement: "
        "time 99:99:99:99 is not a valid time\n"
        "  12:16  error    unreadable-time: the time '99:99:99:99' cannot be read; "
        "write the moment as HH:MM:SS\n"
        "  14:1   warning  empty-section: the section 'Nothing here' has no text\n"
        "  2 errors, 3 warnings, 0 info\n"
        "Checked 1 note: 2 errors, 3 warnings, 0 info; 2 fixable with --fix\n"
    )
    assert result.stderr == ""


def test_clean_note_passes(cli, workspace_dir: Path):
    write_note(workspace_dir, "ok.md", f"Words {anchor('00:00:10')}.")
    result = cli("check", "ok.md")
    assert (result.exit_code, result.stdout) == (
        0,
        "ok.md: ok\nChecked 1 note: 0 errors, 0 warnings, 0 info\n",
    )


def test_warnings_fail_only_with_strict(cli, workspace_dir: Path):
    write_note(workspace_dir, "w.md", 'Words <a class="yt-timestamp" data-t="0:10">[0:10]</a>.')
    assert cli("check", "w.md").exit_code == 0
    assert cli("check", "w.md", "--strict").exit_code == 1


def test_front_matter_and_source_line(cli, workspace_dir: Path):
    (workspace_dir / "bare.md").write_text(f"# Title\n\nWords {anchor('00:00:10')}.\n")
    (workspace_dir / "badid.md").write_text(
        "---\ntitle: Talk: part one\nvideoId: nope\n---\n\nFrom: [[c]] <br/> \n\nWords.\n"
    )
    result = cli("check", "bare.md", "badid.md", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    codes = [[(f["severity"], f["code"]) for f in n["findings"]] for n in data["notes"]]
    assert codes == [
        [("error", "no-front-matter"), ("warning", "no-source-line")],
        [
            ("error", "invalid-video-id"),
            ("warning", "invalid-front-matter"),
            ("info", "no-anchors"),
        ],
    ]
    assert data["notes"][1]["video_id"] == "nope"
    assert data["summary"] == {
        "notes": 2,
        "errors": 2,
        "warnings": 2,
        "info": 1,
        "fixable": 0,
        "fixed": 0,
    }


def test_json_finding_fields(cli, workspace_dir: Path):
    write_note(workspace_dir, "a.md", 'X <a class="yt-timestamp" data-t="1:02:03">[1:02:03]</a>.')
    data = json.loads(cli("check", "a.md", "-f", "json").stdout)
    assert data["notes"] == [
        {
            "path": "a.md",
            "video_id": VID,
            "transcript": None,
            "fixed": 0,
            "findings": [
                {
                    "severity": "warning",
                    "code": "noncanonical-time",
                    "line": 8,
                    "column": 3,
                    "anchor": '<a class="yt-timestamp" data-t="1:02:03">[1:02:03]</a>',
                    "message": "'1:02:03' is not written HH:MM:SS",
                    "suggestion": anchor("01:02:03"),
                    "fixable": True,
                }
            ],
        }
    ]


def test_fix_changes_only_the_anchors(cli, workspace_dir: Path):
    path = write_note(workspace_dir, "a.md", BROKEN_BODY)
    before = path.read_text()
    result = cli("check", "a.md", "--fix")
    assert result.exit_code == 1  # the unreadable time stays an error
    assert result.stderr == "Fixed 2 anchors in 1 note\n"
    expected = before.replace(
        '<a class="yt-timestamp" data-t="00:01:00">[00:01:30]</a>', anchor("00:01:00")
    ).replace('<a class="yt-timestamp" data-t="2:05">[2:05]</a>', anchor("00:02:05"))
    assert path.read_text() == expected
    assert "noncanonical-time" not in result.stdout
    assert "unreadable-time" in result.stdout


def test_dry_run_prints_a_diff_and_writes_nothing(cli, workspace_dir: Path):
    body = 'Words <a class="yt-timestamp" data-t="0:10">[0:10]</a>.'
    path = write_note(workspace_dir, "a.md", body)
    before = path.read_text()
    result = cli("check", "a.md", "--fix", "--dry-run")
    assert result.exit_code == 0
    assert path.read_text() == before
    assert result.stdout == (
        "--- a.md\n+++ a.md\n@@ -5,4 +5,4 @@\n \n From: [[channel]] <br/> \n \n"
        '-Words <a class="yt-timestamp" data-t="0:10">[0:10]</a>.\n'
        "\\ No newline at end of file\n"
        f"+Words {anchor('00:00:10')}.\n"
        "\\ No newline at end of file\n"
    )
    assert result.stderr == "Would fix 1 anchor in 1 note\n"


def test_shifted_note_is_fixed_whole(cli, workspace_dir: Path):
    times = ["02:20:00", "05:12:00", "11:19:00", "17:09:00"]
    body = " ".join(f"Point {i} {anchor(t)}." for i, t in enumerate(times))
    path = write_note(workspace_dir, "s.md", body)
    result = cli("check", "s.md", "--fix")
    assert result.exit_code == 0
    assert path.read_text().endswith(
        " ".join(
            f"Point {i} {anchor(t)}."
            for i, t in enumerate(["00:02:20", "00:05:12", "00:11:19", "00:17:09"])
        )
    )


def test_outlier_suggests_the_likely_time(cli, workspace_dir: Path):
    body = " ".join(
        f"Point {anchor(t)}." for t in ["00:01:10", "00:12:40", "37:07:00", "00:38:02", "00:39:50"]
    )
    write_note(workspace_dir, "o.md", body)
    result = cli("check", "o.md")
    assert result.exit_code == 0
    assert (
        "  8:135  warning  outlier-time: 37:07:00 is far past the note's other anchors "
        "(latest 00:39:50) -> 00:37:07\n"
    ) in result.stdout


def test_folder_and_vault(cli, workspace_dir: Path):
    notes = workspace_dir / "vault"
    (notes / "sub").mkdir(parents=True)
    write_note(
        notes, "one.md", f"See [[Two | the other]] and [[Missing page]] {anchor('00:00:05')}."
    )
    write_note(notes / "sub", "two.md", f"Back to [[one]] {anchor('00:00:06')}.")
    (notes / "channel.md").write_text("A channel page.\n")
    result = cli("check", "vault", "--vault", "vault")
    assert result.exit_code == 1
    assert result.stdout == (
        "vault/channel.md\n"
        "  1:1  error    no-front-matter: no front matter; start the note with a '---' block "
        "holding title and videoId\n"
        "  1:1  warning  no-source-line: no 'From: [[channel]] <br/>' line after the front matter\n"
        "  1:1  info     no-anchors: the note cites no moment of the video\n"
        "  1 error, 1 warning, 1 info\n"
        f"vault/one.md (video {VID})\n"
        "  8:29  warning  unresolved-link: [[Missing page]] matches no page of the vault\n"
        "  0 errors, 1 warning, 0 info\n"
        "vault/sub/two.md: ok\n"
        "Checked 3 notes: 1 error, 2 warnings, 1 info\n"
    )


def test_bad_arguments(cli, workspace_dir: Path):
    result = cli("check", "not a thing")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: 'not a thing' is neither a note file, a folder nor a video id; "
        "give .md files, folders of notes or video ids\n"
    )
    (workspace_dir / "empty").mkdir()
    result = cli("check", "empty")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no notes found (a folder holds no .md file); give note files or folders\n"
    )


def test_unreadable_file_is_reported_not_fatal(cli, workspace_dir: Path):
    (workspace_dir / "bin.md").write_bytes(b"\xff\xfe bad")
    write_note(workspace_dir, "ok.md", f"Words {anchor('00:00:10')}.")
    result = cli("check", ".", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [n["path"] for n in data["notes"]] == ["bin.md", "ok.md"]
    assert data["notes"][0]["findings"][0]["code"] == "unreadable-file"
    assert "is not UTF-8 text" in data["notes"][0]["findings"][0]["message"]


def test_missing_files_and_unknown_videos(cli, workspace_dir: Path):
    from aftershock_cli.core.model import Segment, Transcript
    from aftershock_cli.workspace.folder import Workspace

    write_note(workspace_dir, "ok.md", 'Words <a class="yt-timestamp" data-t="0:10">[0:10]</a>.')
    before = (workspace_dir / "ok.md").read_bytes()
    for arg, message in [
        ("gone.md", "gone.md does not exist; give note files, folders of notes or video ids"),
        ("notes/gone", "notes/gone does not exist; give note files, folders of notes or video ids"),
        (
            "https://example.com/talk",
            "'https://example.com/talk' is neither a note file, a folder nor a video id; "
            "give .md files, folders of notes or video ids",
        ),
        (
            VID,
            f"no video {VID} in {workspace_dir}, so no note of it to check; give the note's "
            f"file, or fetch and tag the video first ('aftershock fetch {VID}')",
        ),
    ]:
        result = cli("check", "ok.md", arg, "--fix")
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"Error: {message}\n")
    Workspace(workspace_dir).save_transcript(Transcript(VID, segments=(Segment(0, 1000, "hello"),)))
    result = cli("check", f"https://youtu.be/{VID}")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {VID} has no tags, so no note of it to check; give the note's file, or tag "
        f"the video first ('aftershock tag {VID} START-END THEME')\n",
    )
    assert (workspace_dir / "ok.md").read_bytes() == before


def test_usage_line_names_the_notes_argument_plainly(cli):
    result = cli("check")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "Usage: aftershock check [OPTIONS] NOTE..."
    assert "Missing argument 'NOTE...'" in result.stderr


def _shifted_codes(cli, workspace_dir: Path, times: list[str], shown: list[str] | None = None):
    shown = shown or times
    body = " ".join(
        f'Point <a class="yt-timestamp" data-t="{t}">[{s}]</a>.'
        for t, s in zip(times, shown, strict=True)
    )
    write_note(workspace_dir, "s.md", body)
    data = json.loads(cli("check", "s.md", "-f", "json").stdout)
    # one paragraph holds every point here, so times hours apart are also apart-time
    findings = [f for f in data["notes"][0]["findings"] if f["code"] != "apart-time"]
    return [(f["code"], f["suggestion"]) for f in findings]


def test_whole_minutes_up_to_five_hours_read_as_rounded(cli, workspace_dir: Path):
    # a talk of under five hours cited on whole minutes: rounding is as likely as a shift
    assert _shifted_codes(cli, workspace_dir, ["01:34:00", "02:40:00", "04:17:00"]) == []


def test_whole_minutes_past_five_hours_read_as_shifted(cli, workspace_dir: Path):
    assert _shifted_codes(cli, workspace_dir, ["01:49:00", "03:31:00", "05:48:00"]) == [
        ("shifted-time", anchor("00:01:49")),
        ("shifted-time", anchor("00:03:31")),
        ("shifted-time", anchor("00:05:48")),
    ]


def test_a_shown_minutes_and_seconds_time_marks_the_note_shifted(cli, workspace_dir: Path):
    codes = _shifted_codes(
        cli, workspace_dir, ["01:34:00", "01:40:00", "02:08:00"], ["01:34", "01:40:00", "02:08:00"]
    )
    assert codes == [
        ("time-mismatch", anchor("00:01:34")),
        ("shifted-time", anchor("00:01:34")),
        ("shifted-time", anchor("00:01:40")),
        ("shifted-time", anchor("00:02:08")),
    ]


def test_in_a_shifted_note_minutes_under_an_hour_are_seconds_too(cli, workspace_dir: Path):
    # 00:49:00 in a note written MM:SS:00 is 00:00:49; left alone, --fix made it an outlier
    assert _shifted_codes(cli, workspace_dir, ["00:49:00", "03:31:00", "05:48:00"]) == [
        ("shifted-time", anchor("00:00:49")),
        ("shifted-time", anchor("00:03:31")),
        ("shifted-time", anchor("00:05:48")),
    ]


def test_an_outlier_is_judged_against_the_latest_other_time(cli, workspace_dir: Path):
    # two equal latest times: neither is past the other
    times = ["00:00:10", "00:00:20", "00:00:30", "01:30:00", "01:30:00"]
    write_note(workspace_dir, "o.md", " ".join(f"Point {anchor(t)}." for t in times))
    assert "outlier-time" not in cli("check", "o.md").stdout
    write_note(workspace_dir, "o.md", " ".join(f"Point {anchor(t)}." for t in times[:4]))
    assert (
        "outlier-time: 01:30:00 is far past the note's other anchors (latest 00:00:30)"
        in cli("check", "o.md").stdout
    )


def test_vault_links_resolve_through_page_aliases(cli, workspace_dir: Path):
    vault = workspace_dir / "vault"
    (vault / "themes").mkdir(parents=True)
    (vault / "themes" / "Trust in government.md").write_text(
        "---\naliases:\n- Trust\n- public-trust\n---\n\n# Trust\n"
    )
    (vault / "channel.md").write_text("---\naliases: [the channel]\n---\n")
    write_note(
        vault, "talk.md", f"See [[Trust]], [[public-trust]] and [[Distrust]] {anchor('00:00:05')}."
    )
    result = cli("check", "vault/talk.md", "--vault", "vault")
    assert result.stdout == (
        f"vault/talk.md (video {VID})\n"
        "  8:37  warning  unresolved-link: [[Distrust]] matches no page of the vault\n"
        "  0 errors, 1 warning, 0 info\n"
        "Checked 1 note: 0 errors, 1 warning, 0 info\n"
    )


def test_a_transcript_of_metadata_only_is_named_as_such(cli, workspace_dir: Path):
    note = workspace_dir / "n.md"
    note.write_text(
        f"---\ntitle: T\nvideoId: {VID}\n---\n\nFrom: [[c]] <br/> \n\n"
        f"Branches stay open late {anchor('00:02:41')}, "
        '<a class="yt-timestamp" data-t="2:55">[2:55]</a>.\n'
    )
    assert cli("import-note", str(note)).exit_code == 0
    result = cli("check", "n.md")
    assert result.stdout.splitlines()[0] == (
        f"n.md (video {VID}, transcript: workspace, metadata only)"
    )


def test_every_finding_code_is_described_in_the_docs():
    from aftershock_cli.notes.findings import CODES

    docs = (Path(__file__).resolve().parent.parent / "docs" / "check.md").read_text("utf-8")
    assert [code for code in CODES if f"`{code}`" not in docs] == []
