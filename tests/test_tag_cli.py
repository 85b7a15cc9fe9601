"""``aftershock tag``: ranges, snapping, themes by name, notes, --match and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aftershock_cli.core.model import Segment, Transcript
from aftershock_cli.workspace.folder import Workspace
from tagging_data import VIDEO, store


@pytest.fixture
def ws() -> Workspace:
    return store()


def only_tag(ws: Workspace):
    tags = Workspace(ws.root).load_tags(VIDEO)
    assert len(tags) == 1
    return tags[0]


def test_tag_widens_to_segments_and_prints_the_tag(cli, ws):
    r = cli("tag", VIDEO, "0:05-0:10", "cross-silo", "--note", "Silos fell.", "--coder", "ana")
    assert r.exit_code == 0
    tag = only_tag(ws)
    assert r.stdout == (
        f"{tag.id}  0:04-0:15 (11s)  cross-silo\n"
        "    Silos broke down across government departments. "
        "Joined up thinking became normal for many teams.\n"
        "    Note: Silos fell.\n"
    )
    assert r.stderr == "Widened to whole segments: 0:04-0:15 (--exact keeps the range as given)\n"
    assert (tag.start_ms, tag.end_ms, tag.themes, tag.note, tag.coder) == (
        4000,
        15000,
        ("cross-silo",),
        "Silos fell.",
        "ana",
    )
    assert len(tag.id) == 8 and tag.created.endswith("Z")


def test_exact_keeps_the_range(cli, ws):
    r = cli("tag", VIDEO, "0:05-0:10", "cross-silo", "--exact")
    assert r.exit_code == 0 and r.stderr == ""
    tag = only_tag(ws)
    assert (tag.start_ms, tag.end_ms) == (5000, 10000)
    assert r.stdout.startswith(f"{tag.id}  0:05-0:10 (5s)  cross-silo\n")


@pytest.mark.parametrize(
    ("given", "start", "end"),
    [
        ("0:22", 21000, 30000),
        ("0:21+5s", 21000, 30000),
        ("https://youtu.be/AbCdEfGhIj0?t=45", 40000, 50000),
        ("4-9", 4000, 9000),
    ],
)
def test_range_spellings(cli, ws, given, start, end):
    r = cli("tag", VIDEO, given, "experimentation")
    assert r.exit_code == 0, r.stderr
    tag = only_tag(ws)
    assert (tag.start_ms, tag.end_ms) == (start, end)


def test_video_url_and_several_themes_by_label_and_prefix(cli, ws):
    r = cli("tag", f"https://www.youtube.com/watch?v={VIDEO}", "0:16", "RELATIONSHIPS", "local")
    assert r.exit_code == 0, r.stderr
    assert only_tag(ws).themes == ("relationships", "local-engagement")
    assert r.stdout.endswith(
        "relationships, local-engagement\n    Trust between local councils and citizens grew.\n"
    )


def test_end_before_start_is_an_error(cli, ws):
    r = cli("tag", VIDEO, "0:30-0:10", "cross-silo")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: the range 0:30-0:10 ends before it starts; give START-END with END after START\n"
    )
    assert not ws.tags_path(VIDEO).exists()


def test_empty_or_half_range_is_an_error(cli, ws):
    r = cli("tag", VIDEO, "0:30-0:30", "cross-silo")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: the range 0:30-0:30 is empty; give START-END with END after START, "
        "or START alone for the segment that holds it\n"
    )
    assert cli("tag", VIDEO, "0:30+0s", "cross-silo").stderr == r.stderr
    r = cli("tag", VIDEO, "0:30-", "cross-silo")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: '0:30-' is not a range: it needs a time on both sides of '-'; "
        "give START-END (9:14-9:36), START+DURATION (9:14+30s) or START alone\n"
    )
    assert cli("tag", VIDEO, "+30s", "cross-silo").stderr == (
        "Error: '+30s' is not a range: it needs a time on both sides of '+'; "
        "give START-END (9:14-9:36), START+DURATION (9:14+30s) or START alone\n"
    )
    assert not ws.tags_path(VIDEO).exists()


def test_range_past_the_end_says_the_length(cli, ws):
    r = cli("tag", VIDEO, "0:50-1:30", "cross-silo")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: the range 0:50-1:30 lies past the end of the video; the video is 1:00 long\n"
    )


def test_unreadable_range(cli, ws):
    r = cli("tag", VIDEO, "soon", "cross-silo")
    assert r.exit_code == 1
    assert r.stderr == "Error: 'soon' is not a time; use 1:02:03, 62:03, 3723 or 1h2m3s\n"


def test_unknown_theme_lists_the_closest(cli, ws):
    r = cli("tag", VIDEO, "0:05", "silo-work")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: no theme 'silo-work' in the codebook; closest: cross-silo "
        "(add it with 'aftershock themes add' or --create)\n"
    )


def test_ambiguous_theme(cli, ws):
    r = cli("tag", VIDEO, "0:05", "Intern")
    assert r.exit_code == 0  # a slug prefix is tried before label and page prefixes
    assert cli("themes", "add", "local-politics").exit_code == 0
    r = cli("tag", VIDEO, "0:05", "LOCAL")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: theme 'LOCAL' is ambiguous: it could be local-engagement, local-politics; "
        "type more of the name\n"
    )


def test_create_adds_the_theme(cli, ws):
    r = cli("tag", VIDEO, "0:05", "Trust in science", "--create")
    assert r.exit_code == 0, r.stderr
    assert only_tag(ws).themes == ("trust-in-science",)
    theme = Workspace(ws.root).codebook().get("trust-in-science")
    assert theme.label == "Trust in science"


def test_no_theme_is_an_error(cli, ws):
    r = cli("tag", VIDEO, "0:05")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: name at least one theme to tag with; list them with 'aftershock themes'\n"
    )


def test_note_file(cli, ws, tmp_path: Path):
    note = tmp_path / "note.md"
    note.write_text("A longer statement\n")
    r = cli("tag", VIDEO, "0:05", "cross-silo", "--note-file", str(note))
    assert r.exit_code == 0
    assert only_tag(ws).note == "A longer statement"


def test_note_file_errors(cli, ws, tmp_path: Path):
    missing = tmp_path / "nope.md"
    r = cli("tag", VIDEO, "0:05", "cross-silo", "--note-file", str(missing))
    assert (r.exit_code, r.stderr) == (
        1,
        f"Error: no note file {missing}; check the path, or use --note TEXT\n",
    )
    r = cli("tag", VIDEO, "0:05", "cross-silo", "--note-file", str(tmp_path))
    assert r.exit_code == 2  # a folder is refused by the option itself
    binary = tmp_path / "note.bin"
    binary.write_bytes(b"ab\xff")
    r = cli("tag", VIDEO, "0:05", "cross-silo", "--note-file", str(binary))
    assert r.stderr == (
        f"Error: {binary} is not UTF-8 text (byte 2); save it as UTF-8, or use --note TEXT\n"
    )
    empty = tmp_path / "empty.md"
    empty.write_text("\n")
    r = cli("tag", VIDEO, "0:05", "cross-silo", "--note-file", str(empty))
    assert r.stderr == (
        f"Error: the note in {empty} is empty; write the note there, or use --note TEXT\n"
    )
    r = cli("tag", VIDEO, "0:05", "cross-silo", "--note-file", "-", input="")
    assert r.stderr == (
        "Error: the note in stdin is empty; write the note there, or use --note TEXT\n"
    )
    assert not ws.tags_path(VIDEO).exists()


def test_coder_defaults_to_setting_then_user(cli, ws, monkeypatch):
    monkeypatch.setenv("USER", "sam")
    cli("tag", VIDEO, "0:05", "cross-silo")
    assert only_tag(ws).coder == "sam"
    cfg = ws.config_path
    with Workspace(ws.root).editing_config() as config:
        config.settings = {"coder": "kim"}
    assert "coder: kim" in cfg.read_text()
    cli("tag", VIDEO, "0:25", "cross-silo")
    coders = [t.coder for t in Workspace(ws.root).load_tags(VIDEO)]
    assert coders == ["sam", "kim"]


def test_json_output(cli, ws):
    r = cli("tag", VIDEO, "0:05", "cross-silo", "--format", "json")
    tag = only_tag(ws)
    assert json.loads(r.stdout) == [
        {
            "id": tag.id,
            "video_id": VIDEO,
            "start_ms": 4000,
            "end_ms": 9000,
            "themes": ["cross-silo"],
            "note": "",
            "section": "",
            "coder": tag.coder,
            "created": tag.created,
            "text": "Silos broke down across government departments.",
        }
    ]


def test_video_without_transcript_takes_the_range_as_given(cli, workspace_dir):
    r = cli("tag", "ZZZZZZZZZZZ", "1:00:00-1:00:30", "cross-silo", "--no-transcript")
    assert r.exit_code == 0
    assert r.stderr == (
        "No transcript of ZZZZZZZZZZZ in the workspace: the range was taken as given, "
        "not checked or snapped (fetch it with 'aftershock fetch ZZZZZZZZZZZ')\n"
    )
    tags = Workspace(workspace_dir).load_tags("ZZZZZZZZZZZ")
    assert (tags[0].start_ms, tags[0].end_ms) == (3_600_000, 3_630_000)
    assert r.stdout == f"{tags[0].id}  1:00:00-1:00:30 (30s)  cross-silo\n"


def test_metadata_only_transcript(cli, workspace_dir):
    ws = Workspace(workspace_dir)
    ws.save_transcript(Transcript("MetaOnly123", title="From a note", source="note:x.md"))
    r = cli("tag", "MetaOnly123", "2:04-2:10", "relationships")
    assert r.exit_code == 0
    assert r.stderr == (
        "MetaOnly123 has only note metadata, no transcript text: the range was taken as "
        "given, not snapped to segments\n"
    )
    r = cli("tag", "MetaOnly123", "2:04", "relationships")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: MetaOnly123 has no transcript segments to find the one at 2:04; "
        "give a range START-END (or fetch the transcript)\n"
    )
    assert len(ws.load_tags("MetaOnly123")) == 1


def test_bad_video_id(cli, ws):
    r = cli("tag", "nope", "0:05", "cross-silo")
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: 'nope' is not a YouTube video id or video URL;")


def test_match_dry_run_saves_nothing(cli, ws):
    r = cli("tag", VIDEO, "--match", "silo", "--match", "joined up", "cross-silo", "--dry-run")
    assert r.exit_code == 0
    assert r.stdout == (
        "(dry run)  0:04-0:15 (11s)  cross-silo\n"
        "    Silos broke down across government departments. "
        "Joined up thinking became normal for many teams.\n"
    )
    assert r.stderr == "Dry run: 1 tag(s) not saved\n"
    assert not ws.tags_path(VIDEO).exists()


def test_match_with_context_and_separate_hits(cli, ws):
    r = cli("tag", VIDEO, "--match", "across", "--context", "0", "cross-silo")
    assert r.exit_code == 0
    tags = Workspace(ws.root).load_tags(VIDEO)
    assert [(t.start_ms, t.end_ms) for t in tags] == [(4000, 9000), (40000, 50000)]
    r = cli("tag", VIDEO, "--match", "foresight", "--context", "1", "anticipation", "--dry-run")
    assert r.stdout.startswith("(dry run)  0:21-0:50 (29s)  anticipation\n")
    r = cli("tag", VIDEO, "--match", "foresight", "--context", "5s", "anticipation", "--dry-run")
    assert r.stdout.startswith("(dry run)  0:21-0:50 (29s)  anticipation\n")


def test_match_regex_and_no_hits(cli, ws):
    r = cli("tag", VIDEO, "--match", r"experiment\w*", "--regex", "experimentation", "--dry-run")
    assert r.stdout.startswith("(dry run)  0:21-0:30 (9s)  experimentation\n")
    r = cli("tag", VIDEO, "--match", "zebra", "cross-silo")
    assert r.exit_code == 0
    assert r.stdout == ""
    assert r.stderr == f"Nothing in {VIDEO} matches; no tags to add\n"
    r = cli("tag", VIDEO, "--match", "(", "--regex", "cross-silo")
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: '(' is not a valid regular expression (")


def test_match_with_a_range_is_an_error(cli, ws):
    r = cli("tag", VIDEO, "0:04-0:15", "cross-silo", "--match", "silo")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: '0:04-0:15' looks like a range, but --match tags every match, not a range; "
        "give either RANGE THEME... or --match WORDS THEME...\n"
    )
    assert not ws.tags_path(VIDEO).exists()


def test_phrase_across_two_segments(cli, ws):
    r = cli("tag", VIDEO, "--match", "departments joined", "cross-silo", "--dry-run")
    assert r.stdout.startswith("(dry run)  0:04-0:15 (11s)  cross-silo\n")


def test_broken_tag_file_is_reported_and_kept(cli, ws):
    path = ws.tags_path(VIDEO)
    path.parent.mkdir(exist_ok=True)
    broken = "version: 1\ntags:\n- id: abc\n  start_ms: [1\n"
    path.write_text(broken)
    r = cli("tag", VIDEO, "0:05", "cross-silo")
    assert r.exit_code == 1
    assert r.stderr.startswith(f"Error: {path}:5: invalid YAML (")
    assert r.stderr.endswith("fix the file by hand (it was left unchanged) and try again\n")
    assert path.read_text() == broken


def test_broken_config_is_reported_and_kept(cli, ws):
    cfg = ws.config_path
    broken = "version: 1\nthemes:\n  - slug: a\n   label: b\n"
    cfg.write_text(broken)
    r = cli("tag", VIDEO, "0:05", "cross-silo")
    assert r.exit_code == 1
    assert r.stderr.startswith(f"Error: {cfg}:4: invalid YAML (")
    assert cfg.read_text() == broken
    assert not ws.tags_path(VIDEO).exists()


def test_single_time_in_a_silence_names_the_gap(cli):
    lines = ((2000, 3000, "Hello."), (8000, 2000, "Again."))
    Workspace.discover().save_transcript(
        Transcript("gApVideo001", segments=tuple(Segment(*x) for x in lines))
    )
    r = cli("tag", "gApVideo001", "0:06", "cross-silo")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: no transcript segment holds 0:06 (it falls between 0:05 and 0:08); "
        "give a range START-END\n"
    )
    assert cli("tag", "gApVideo001", "0:01", "cross-silo").stderr == (
        "Error: no transcript segment holds 0:01 (the first segment starts at 0:02); "
        "give a range START-END\n"
    )


def test_create_keeps_accented_letters_in_the_slug(cli, ws):
    r = cli("tag", VIDEO, "0:05", "Vertrauen in Behörden", "--create")
    assert r.exit_code == 0, r.stderr
    assert only_tag(ws).themes == ("vertrauen-in-behorden",)
    assert Workspace(ws.root).codebook().get("vertrauen-in-behorden").label == (
        "Vertrauen in Behörden"
    )
    r = cli("tag", VIDEO, "0:05", "日本語", "--create")
    assert (r.exit_code, r.stderr) == (
        1,
        "Error: cannot make a theme slug from '日本語'; add it with "
        "'aftershock themes add SLUG --label \"日本語\"' and tag with SLUG\n",
    )


def test_create_keeps_an_ambiguous_name_an_error(cli, ws):
    assert cli("themes", "add", "cross-border", "--label", "Cross-border").exit_code == 0
    r = cli("tag", VIDEO, "0:05", "cross", "--create", "-f", "json")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == (
        "Error: theme 'cross' is ambiguous: it could be cross-silo, cross-border; "
        "type more of the name\n"
    )
    assert "cross" not in Workspace(ws.root).codebook()
    assert not ws.tags_path(VIDEO).exists()


def test_match_keeps_hits_apart_when_a_silence_lies_between(cli):
    lines = (
        (0, 2000, "the budget was cut"),
        (600000, 2000, "after the break the budget again"),
    )
    Workspace.discover().save_transcript(
        Transcript("gApVideo002", segments=tuple(Segment(*x) for x in lines))
    )
    r = cli("tag", "gApVideo002", "--match", "budget", "cross-silo", "--dry-run")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == (
        "(dry run)  0:00-0:02 (2s)  cross-silo\n"
        "    the budget was cut\n"
        "(dry run)  10:00-10:02 (2s)  cross-silo\n"
        "    after the break the budget again\n"
    )
    assert r.stderr == "Dry run: 2 tag(s) not saved\n"
    r = cli("tag", "gApVideo002", "--match", "budget", "--context", "5m", "cross", "--dry-run")
    assert r.stdout.count("(dry run)") == 2
    r = cli("tag", "gApVideo002", "--match", "budget", "--context", "1", "cross", "--dry-run")
    assert r.stdout.startswith("(dry run)  0:00-10:02 (10m02s)  cross-silo\n")


@pytest.mark.parametrize(
    "patterns",
    [
        ("(?i)SILOS", "(?i)COOPERATION"),
        ("(?P<x>silos)", "(?P<x>cooperation)"),
        ("(silos)", r"(o)\1"),
    ],
)
def test_each_regex_works_as_written(cli, ws, patterns):
    args = [a for p in patterns for a in ("--match", p)]
    r = cli("tag", VIDEO, *args, "--regex", "cross-silo", "--dry-run")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == (
        "(dry run)  0:04-0:09 (5s)  cross-silo\n"
        "    Silos broke down across government departments.\n"
        "(dry run)  0:40-0:50 (10s)  cross-silo\n"
        "    International cooperation across borders mattered too.\n"
    )
    assert r.stderr == "Dry run: 2 tag(s) not saved\n"


def test_match_finds_accented_and_japanese_words(cli):
    lines = (
        (0, 5000, "Die Behörde hat geholfen."),
        (5000, 5000, "Keine Großbehörde hier."),
        (10000, 5000, "政府への信頼が高まった。"),
    )
    Workspace.discover().save_transcript(
        Transcript("uNiCoDeVid0", segments=tuple(Segment(*x) for x in lines))
    )
    r = cli("tag", "uNiCoDeVid0", "-m", "behörde", "-m", "信頼", "cross-silo", "--dry-run")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == (
        "(dry run)  0:00-0:05 (5s)  cross-silo\n"
        "    Die Behörde hat geholfen.\n"
        "(dry run)  0:10-0:15 (5s)  cross-silo\n"
        "    政府への信頼が高まった。\n"
    )


def test_a_time_url_of_another_video_is_refused(cli, ws):
    url = "https://youtu.be/dQw4w9WgXcQ?t=45"
    wrong = (
        f"Error: '{url}' is a link to another video (dQw4w9WgXcQ), not to {VIDEO}; "
        f"give a time such as 9:14, or a link to {VIDEO}\n"
    )
    r = cli("tag", VIDEO, url, "cross-silo")
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", wrong)
    assert not ws.tags_path(VIDEO).exists()
    assert cli("tag", VIDEO, "?t=45", "cross-silo").exit_code == 0
    tag = only_tag(ws)
    r = cli("retag", tag.id, "--range", url)
    assert (r.exit_code, r.stderr) == (1, wrong)
    assert only_tag(ws) == tag
