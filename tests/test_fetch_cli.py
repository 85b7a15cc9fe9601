"""``aftershock fetch``: batches, skipping, failures that keep what is stored, offline import."""

from __future__ import annotations

import json
from pathlib import Path

import responses

from fetch_fakes import VIDEO, add_player, add_video, add_watch, player

CAPTIONS = Path(__file__).parent / "fixtures" / "captions"
OTHER = "sEcondTalk1"


def stored(workspace_dir: Path, video_id: str = VIDEO) -> dict:
    return json.loads((workspace_dir / "transcripts" / f"{video_id}.json").read_text())


@responses.activate
def test_fetch_one_video_by_url(cli, workspace_dir: Path):
    add_video(responses.mock)
    r = cli("fetch", f"https://m.youtube.com/watch?v={VIDEO}&t=42s&list=PL1")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ""
    assert r.stderr == (
        f'Fetched {VIDEO}: "Rebuilding Trust After the Flood: A Panel" '
        "(en, manual, 4 segments, 12m34s)\n"
    )
    data = stored(workspace_dir)
    assert data["schema"] == "aftershock.transcript"
    assert data["channel_handle"] == "civicfutureslab"
    assert data["segments"][0] == {
        "start_ms": 480,
        "duration_ms": 3120,
        "text": "Welcome, everyone, to the panel.",
    }


@responses.activate
def test_stored_transcript_is_skipped_unless_refresh(cli, workspace_dir: Path):
    add_video(responses.mock)
    assert cli("fetch", VIDEO).exit_code == 0
    r = cli("fetch", VIDEO)
    assert r.exit_code == 0
    assert r.stderr == (
        f"Skipped {VIDEO}: already in the workspace (use --refresh to fetch it again)\n"
    )
    assert len(responses.calls) == 4


@responses.activate
def test_failed_refresh_keeps_what_is_stored(cli, workspace_dir: Path):
    add_video(responses.mock)
    cli("fetch", VIDEO)
    before = (workspace_dir / "transcripts" / f"{VIDEO}.json").read_text()
    responses.reset()
    add_watch(responses.mock)
    add_player(responses.mock, data=player("player_unavailable.json"))
    r = cli("fetch", VIDEO, "--refresh")
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: {VIDEO}: the video is unavailable (removed, private, or a wrong id); "
        "check the id or URL\n"
    )
    assert (workspace_dir / "transcripts" / f"{VIDEO}.json").read_text() == before


@responses.activate
def test_batch_from_file_keeps_the_good_ones_and_exits_1(cli, workspace_dir: Path):
    add_video(responses.mock)
    add_watch(responses.mock, OTHER)
    add_player(responses.mock, OTHER, data=player("player_no_captions.json", OTHER))
    ids = workspace_dir / "ids.txt"
    ids.write_text(f"# talks to code\n{VIDEO}\n\nhttps://youtu.be/{OTHER}  # the second one\n")
    r = cli("--quiet", "fetch", "--from-file", str(ids), "--jobs", "2", "--format", "json")
    assert r.exit_code == 1
    assert json.loads(r.stdout) == [
        {
            "video_id": VIDEO,
            "status": "fetched",
            "detail": '"Rebuilding Trust After the Flood: A Panel" (en, manual, 4 segments, 12m34s)',
        },
        {
            "video_id": OTHER,
            "status": "failed",
            "detail": "captions are disabled for this video; if you have a caption file, "
            f"import it with 'aftershock fetch {OTHER} --file FILE'",
        },
    ]
    assert r.stderr == f"Error: {OTHER}: " + json.loads(r.stdout)[1]["detail"] + "\n"
    assert (workspace_dir / "transcripts" / f"{VIDEO}.json").is_file()
    assert not (workspace_dir / "transcripts" / f"{OTHER}.json").exists()


@responses.activate
def test_batch_summary_table(cli):
    add_video(responses.mock)
    add_video(responses.mock, OTHER)
    r = cli("fetch", "-", "--from-file", "-", input=f"{VIDEO}\n{OTHER}\n")
    assert r.exit_code == 1  # '-' as an argument is not a video id
    r = cli("fetch", "--from-file", "-", input=f"{VIDEO}\n{OTHER}\n")
    assert r.exit_code == 0, r.stderr
    assert "fetched" in r.stderr and OTHER in r.stderr
    assert r.stderr.endswith("2 fetched, 0 skipped, 0 failed\n")


@responses.activate
def test_list_tracks_as_json_and_table(cli):
    add_watch(responses.mock)
    add_player(responses.mock)
    add_watch(responses.mock)
    add_player(responses.mock)
    r = cli("fetch", VIDEO, "--list", "--format", "json")
    assert r.exit_code == 0
    assert [(x["language_code"], x["kind"]) for x in json.loads(r.stdout)] == [
        ("en", "manual"),
        ("de", "manual"),
        ("en", "generated"),
    ]
    r = cli("fetch", VIDEO, "--list")
    assert r.stdout.splitlines()[0].split() == [
        "Video",
        "┃",
        "Code",
        "┃",
        "Language",
        "┃",
        "Kind",
        "┃",
        "Translatable",
    ]
    assert "German" in r.stdout


def test_bad_video_id(cli):
    r = cli("fetch", "youtu.be/abc")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: 'youtu.be/abc' is not a YouTube video id or video URL; give the 11-character id "
        "(as in t8dJdL0Wyw8) or a link such as https://www.youtube.com/watch?v=t8dJdL0Wyw8\n"
    )


def test_no_video_given(cli):
    r = cli("fetch")
    assert r.exit_code == 1
    assert r.stderr == (
        "Error: no video given; name one or more ids or URLs, or use --from-file FILE\n"
    )


def test_import_a_caption_file_offline(cli, workspace_dir: Path):
    r = cli("fetch", "--file", str(CAPTIONS / "Shared Tables [sHaredTab01].info.json"))
    assert r.exit_code == 0, r.stderr
    assert r.stderr == (
        'Imported sHaredTab01: "Shared Tables: How Departments Learned to Talk" '
        "(en, generated, 24 segments, 1m35s)\n"
    )
    data = stored(workspace_dir, "sHaredTab01")
    assert data["source"] == "file:Shared Tables [sHaredTab01].en.vtt"
    assert data["chapters"] == [
        {"start_ms": 0, "title": "The bus route"},
        {"start_ms": 40000, "title": "The table"},
    ]
    r = cli("fetch", "--file", str(CAPTIONS / "Shared Tables [sHaredTab01].de.vtt"))
    assert r.stderr == (
        "Skipped sHaredTab01: already in the workspace (use --refresh to replace it)\n"
    )
    r = cli("fetch", "--file", str(CAPTIONS / "Shared Tables [sHaredTab01].de.vtt"), "--refresh")
    assert stored(workspace_dir, "sHaredTab01")["language_code"] == "de"


def test_import_a_broken_file_stores_nothing(cli, workspace_dir: Path):
    r = cli("fetch", "srtTalk0001", "--file", str(CAPTIONS / "outoforder.srt"))
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: ")
    assert "the cues are out of order, so nothing was imported" in r.stderr
    assert list((workspace_dir / "transcripts").iterdir()) == []


def test_import_keeps_metadata_of_a_metadata_only_transcript(cli, workspace_dir: Path):
    from aftershock_cli.core.model import Transcript
    from aftershock_cli.workspace.folder import Workspace

    Workspace(workspace_dir).save_transcript(
        Transcript("srtTalk0001", title="From a note", channel_handle="civicfutureslab")
    )
    r = cli("fetch", "srtTalk0001", "--file", str(CAPTIONS / "talk.srt"))
    assert r.exit_code == 0, r.stderr
    data = stored(workspace_dir, "srtTalk0001")
    assert (data["title"], data["channel_handle"], len(data["segments"])) == (
        "From a note",
        "civicfutureslab",
        3,
    )


def test_id_file_that_is_not_a_list_of_ids(cli, workspace_dir: Path):
    binary = workspace_dir / "ids.bin"
    binary.write_bytes(b"t8dJdL0Wyw8\n\xd0\xff\n")
    r = cli("fetch", "--from-file", str(binary))
    assert r.exit_code == 1
    assert r.stderr == f"Error: {binary} is not UTF-8 text (byte 12); save it as UTF-8\n"
    r = cli("fetch", "--from-file", str(workspace_dir))
    assert r.stderr == (
        f"Error: {workspace_dir} is a folder, not a file of video ids; name a file in it\n"
    )
    r = cli("fetch", "--from-file", str(workspace_dir / "nope.txt"))
    assert r.stderr == (
        f"Error: no file of video ids {workspace_dir / 'nope.txt'}; check the path\n"
    )
    comments = workspace_dir / "ids.txt"
    comments.write_text("# nothing yet\n\n")
    r = cli("fetch", "--from-file", str(comments))
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: {comments} lists no video ids; put one id or URL on each line "
        "('#' starts a comment)\n"
    )
    assert cli("fetch", "--from-file", "-", input="").stderr == (
        "Error: stdin lists no video ids; put one id or URL on each line ('#' starts a comment)\n"
    )
    assert not (workspace_dir / "transcripts").exists() or not any(
        (workspace_dir / "transcripts").iterdir()
    )


def test_online_options_with_file_are_a_usage_error(cli, workspace_dir: Path):
    vtt = str(CAPTIONS / "Rainy Day Talk [rAinyDay001].en.vtt")
    r = cli("fetch", "--file", vtt, "--list")
    assert r.exit_code == 2
    assert r.stderr == (
        "Error: --list cannot be used with --file, which imports the file as it is; "
        "drop them, or fetch from YouTube without --file\n"
    )
    r = cli("fetch", "--file", vtt, "--lang", "de", "--translate", "fr", "--prefer", "any")
    assert r.exit_code == 2
    assert r.stderr.startswith("Error: --lang, --translate, --prefer cannot be used with --file")
    assert not (workspace_dir / "transcripts" / "rAinyDay001.json").exists()


def test_refresh_replaces_a_transcript_broken_by_hand(cli, workspace_dir: Path):
    source = str(CAPTIONS / "Shared Tables [sHaredTab01].en.vtt")
    (workspace_dir / "transcripts").mkdir(exist_ok=True)
    broken = workspace_dir / "transcripts" / "sHaredTab01.json"
    broken.write_text("{ not json")
    r = cli("fetch", "--file", source)
    assert r.exit_code == 1
    assert r.stderr == (
        f"Error: {broken}:1: invalid JSON (Expecting property name enclosed in double quotes); "
        "fix the file by hand (it was left unchanged) and try again\n"
    )
    assert broken.read_text() == "{ not json"
    r = cli("fetch", "--file", source, "--refresh")
    assert r.exit_code == 0, r.stderr
    assert stored(workspace_dir, "sHaredTab01")["language_code"] == "en"


def test_an_imported_file_without_metadata_is_titled_by_its_name(cli, workspace_dir: Path):
    caption = workspace_dir / "closing_session.en.vtt"
    caption.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nHello.\n")
    assert cli("fetch", "cLosingSes1", "--file", str(caption)).exit_code == 0
    listed = json.loads(cli("videos", "-f", "json").stdout)
    assert [(v["title"], v["channel"]) for v in listed] == [("closing session", "")]


def test_the_workspace_channel_completes_imported_files(cli, workspace_dir: Path):
    config = workspace_dir / "aftershock.yaml"
    config.write_text(
        config.read_text().replace("coder: ''", "coder: ''\nchannel: Civic Futures Lab")
    )
    caption = workspace_dir / "talk.vtt"
    caption.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nHello.\n")
    assert cli("fetch", "cHannelTlk1", "--file", str(caption)).exit_code == 0
    cli("tag", "cHannelTlk1", "0:01-0:03", "cross-silo")
    note = cli("export", "cHannelTlk1", "--format", "md").stdout
    assert "\nFrom: [[civicfutureslab]] <br/> \n" in note
    (workspace_dir / "note.md").write_text(note)
    assert cli("check", "note.md", "--strict").exit_code == 0


def test_a_note_without_a_channel_says_how_to_set_one(cli, workspace_dir: Path):
    caption = workspace_dir / "talk.vtt"
    caption.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nHello.\n")
    cli("fetch", "nOchannel01", "--file", str(caption))
    cli("tag", "nOchannel01", "0:01-0:03", "cross-silo")
    result = cli("export", "nOchannel01", "--format", "md")
    assert result.stderr == (
        "nOchannel01 has no channel, so its note has no From: line; set it with "
        "'aftershock videos edit nOchannel01 --channel NAME' (or 'channel: NAME' in "
        "aftershock.yaml for every video imported after)\n"
    )


def test_fetch_file_takes_a_title_and_a_channel(cli, workspace_dir: Path):
    caption = workspace_dir / "rec.vtt"
    caption.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nHello.\n")
    result = cli(
        "fetch", "tItledTalk1", "--file", str(caption), "--title", "Closing", "--channel", "Lab"
    )
    assert result.exit_code == 0, result.stderr
    listed = json.loads(cli("videos", "-f", "json").stdout)
    assert [(v["title"], v["channel"]) for v in listed] == [("Closing", "Lab")]
