"""Reading caption files offline: every format, the rolling auto-captions, and bad files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from aftershock_cli.cli.hints import render_error
from aftershock_cli.core.errors import InvalidInputError, NotFoundError
from aftershock_cli.core.model import Chapter, Segment
from aftershock_cli.sources.captions import clean_text, plain_text, read_caption_file

CAPTIONS = Path(__file__).parent / "fixtures" / "captions"
ROLLING = CAPTIONS / "Rainy Day Talk [rAinyDay001].en.vtt"


def test_rolling_auto_captions_become_clean_non_repeating_segments():
    t = read_caption_file(ROLLING)
    assert (t.video_id, t.language_code, t.is_generated) == ("rAinyDay001", "en", True)
    assert t.source == "file:Rainy Day Talk [rAinyDay001].en.vtt"
    assert len(t.segments) == 24
    assert t.segments[:3] == (
        Segment(80, 3180, "good morning everyone and thanks for"),
        Segment(3270, 3480, "coming out on such a rainy day"),
        Segment(6760, 3780, "i want to start with a small story"),
    )
    assert t.segments[12].text == "how people saw the problem & each other"
    texts = [s.text for s in t.segments]
    assert len(set(texts)) == len(texts)
    starts = [s.start_ms for s in t.segments]
    assert starts == sorted(starts)


def test_plain_vtt_keeps_one_segment_per_cue_cleans_markup_and_keeps_the_voice():
    t = read_caption_file(CAPTIONS / "talk.vtt", "vttPlainDe1")
    assert (t.language_code, t.is_generated) == ("de", False)
    assert t.segments == (
        Segment(1000, 3000, "Willkommen & guten Morgen.", "Moderator"),
        Segment(4000, 3500, "Heute geht es um Vertrauen."),
    )


def test_srt():
    t = read_caption_file(CAPTIONS / "talk.srt", "srtTalk0001")
    assert t.segments == (
        Segment(1000, 3200, "Thank you for having me & for the coffee."),
        Segment(4200, 4700, "I'll talk about trust."),
        Segment(9500, 2500, "And what we learned."),
    )
    assert t.source == "file:talk.srt"


def test_srt_drops_ssa_override_tags(tmp_path: Path) -> None:
    (tmp_path / "fan.srt").write_text(
        "1\n00:00:01,000 --> 00:00:02,000\n{\\an7}{\\b1}Top left{\\b0} {set} text\n"
    )
    t = read_caption_file(tmp_path / "fan.srt", "fanSrt00001")
    assert t.segments == (Segment(1000, 1000, "Top left {set} text"),)


def test_json3():
    t = read_caption_file(CAPTIONS / "talk.json3", "json3Talk01")
    assert t.segments == (
        Segment(320, 2880, "welcome back everyone"),
        Segment(3210, 2790, "let's begin"),
    )


def test_youtube_transcript_api_json():
    t = read_caption_file(CAPTIONS / "talk.ytapi.json", "ytapiTalk01")
    assert t.segments == (
        Segment(500, 2250, "first words"),
        Segment(2750, 1000, "[Music]"),
        Segment(3750, 2000, "second words"),
    )


def test_yt_dlp_info_json_with_its_sibling_caption_file():
    t = read_caption_file(CAPTIONS / "Shared Tables [sHaredTab01].info.json")
    assert (t.video_id, t.title, t.channel, t.channel_handle, t.channel_id) == (
        "sHaredTab01",
        "Shared Tables: How Departments Learned to Talk",
        "Civic Futures Lab",
        "civicfutureslab",
        "UCfakeCivicFuturesLab0001",
    )
    assert (t.duration_ms, t.language_code, t.is_generated) == (95000, "en", True)
    assert t.chapters == (Chapter(0, "The bus route"), Chapter(40000, "The table"))
    assert len(t.segments) == 24
    assert t.source == "file:Shared Tables [sHaredTab01].en.vtt"


def test_caption_file_picks_up_the_info_json_beside_it():
    t = read_caption_file(CAPTIONS / "Shared Tables [sHaredTab01].de.vtt")
    assert (t.video_id, t.title, t.language_code, t.is_generated) == (
        "sHaredTab01",
        "Shared Tables: How Departments Learned to Talk",
        "de",
        False,
    )


def test_info_json_without_requested_subtitles_finds_the_english_file(tmp_path: Path):
    for name in ("Shared Tables [sHaredTab01].de.vtt", "Shared Tables [sHaredTab01].en.vtt"):
        shutil.copy(CAPTIONS / name, tmp_path / name)
    info = (CAPTIONS / "Shared Tables [sHaredTab01].info.json").read_text()
    info = info.replace('"requested_subtitles"', '"not_requested"')
    (tmp_path / "Shared Tables [sHaredTab01].info.json").write_text(info)
    t = read_caption_file(tmp_path / "Shared Tables [sHaredTab01].info.json")
    assert t.language_code == "en"


def test_broken_info_json_names_the_line(tmp_path: Path):
    info = tmp_path / "Cut [cUtShortId1].info.json"
    info.write_text('{"id": "cUtShortId1",\n "title": }')
    with pytest.raises(InvalidInputError) as err:
        read_caption_file(info)
    assert render_error(err.value) == (
        f"{info}:2: not valid JSON (Expecting value); download the file again"
    )


def test_info_json_without_captions(tmp_path: Path):
    info = tmp_path / "Alone [aLoneVideo1].info.json"
    info.write_text('{"id": "aLoneVideo1", "title": "Alone"}')
    with pytest.raises(NotFoundError) as err:
        read_caption_file(info)
    assert render_error(err.value) == (
        "no caption file beside Alone [aLoneVideo1].info.json; download one with "
        "'yt-dlp --skip-download --write-subs --write-auto-subs --sub-langs en URL'"
    )


def test_a_file_named_for_another_video():
    with pytest.raises(InvalidInputError) as err:
        read_caption_file(ROLLING, "otherVideo1")
    assert render_error(err.value) == (
        "Rainy Day Talk [rAinyDay001].en.vtt is for video rAinyDay001, not otherVideo1; "
        "check the file or leave out the video id"
    )


def test_a_file_that_does_not_name_its_video():
    path = CAPTIONS / "talk.srt"
    with pytest.raises(InvalidInputError) as err:
        read_caption_file(path)
    assert render_error(err.value) == (
        f"cannot tell which video talk.srt is for; give its id: aftershock fetch VIDEO --file {path}"
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.vtt", "{path} holds no caption text; download the captions again"),
        (
            "notes.vtt",
            "notes.vtt is not a WebVTT file (it does not start with WEBVTT); "
            "check that it is the file you meant",
        ),
        ("broken.srt", "broken.srt is not a SubRip (.srt) file: it has no cue times"),
        (
            "outoforder.srt",
            "{path}: cue 2 starts at 00:00:01, before the cue before it (00:00:05); "
            "the cues are out of order, so nothing was imported: fix the file or download it again",
        ),
        ("missing.vtt", "no caption file {path}; check the path"),
    ],
)
def test_bad_files(name: str, message: str):
    path = CAPTIONS / name
    with pytest.raises((InvalidInputError, NotFoundError)) as err:
        read_caption_file(path, "someVideo01")
    assert render_error(err.value) == message.format(path=path)


def test_empty_and_non_utf8_files(tmp_path: Path):
    (tmp_path / "blank.srt").write_text("\n\n")
    with pytest.raises(InvalidInputError, match=r"blank.srt is empty; download the captions"):
        read_caption_file(tmp_path / "blank.srt", "someVideo01")
    (tmp_path / "latin.srt").write_bytes(
        "1\n00:00:01,000 --> 00:00:02,000\ncaf\xe9\n".encode("latin-1")
    )
    with pytest.raises(InvalidInputError, match=r"latin.srt is not UTF-8 text \(byte 35\)"):
        read_caption_file(tmp_path / "latin.srt", "someVideo01")


def test_json_that_is_not_captions(tmp_path: Path):
    path = tmp_path / "settings.json"
    path.write_text('{"theme": "dark"}')
    with pytest.raises(InvalidInputError) as err:
        read_caption_file(path, "someVideo01")
    assert render_error(err.value) == (
        "settings.json is JSON but not captions aftershock reads; give YouTube json3 "
        '("events"), youtube-transcript-api JSON ([{"text", "start", "duration"}]) '
        "or a yt-dlp .info.json"
    )


def test_clean_text():
    assert clean_text(" <c.colorE5E5E5>a&nbsp;b</c>\n<00:00:01.000><c> c</c> ") == "a b c"


def test_title_from_a_yt_dlp_file_name_without_info_json(tmp_path: Path):
    name = "What Next？ Cities： Streets⧸Roads [rAinyDay001].en.vtt"
    shutil.copy(CAPTIONS / "Rainy Day Talk [rAinyDay001].en.vtt", tmp_path / name)
    t = read_caption_file(tmp_path / name)
    assert (t.video_id, t.title, t.language_code) == (
        "rAinyDay001",
        "What Next? Cities: Streets/Roads",
        "en",
    )
    assert read_caption_file(CAPTIONS / "talk.srt", "abcdefghijk").title == ""


def test_import_names_the_title_from_the_file_name(cli):
    r = cli("fetch", "--file", str(CAPTIONS / "Rainy Day Talk [rAinyDay001].en.vtt"))
    assert (
        r.stderr == 'Imported rAinyDay001: "Rainy Day Talk" (en, generated, 24 segments, 1m23s)\n'
    )


def test_rolling_captions_keep_a_line_said_twice_in_a_row(cli):
    r = cli("fetch", "--file", str(CAPTIONS / "Said Twice [sAidTwice01].en.vtt"))
    assert r.stderr == 'Imported sAidTwice01: "Said Twice" (en, generated, 6 segments, 13s)\n'
    r = cli("show", "sAidTwice01")
    assert r.stdout == (
        "[00:00:00] hello everyone and welcome\n"
        "[00:00:02] [Music]\n"
        "[00:00:05] [Music]\n"
        "[00:00:07] thank you\n"
        "[00:00:09] thank you\n"
        "[00:00:11] bye now\n"
    )


MANUAL_WITH_A_ZERO_LENGTH_CUE = """WEBVTT

00:00:01.000 --> 00:00:01.000
♪

00:00:02.000 --> 00:00:03.000
No.

00:00:03.000 --> 00:00:04.000
No.

00:00:04.000 --> 00:00:06.000
Absolutely not.
"""


def test_one_short_cue_does_not_make_a_manual_vtt_rolling(cli, tmp_path: Path):
    path = tmp_path / "m.vtt"
    path.write_text(MANUAL_WITH_A_ZERO_LENGTH_CUE, encoding="utf-8")
    r = cli("fetch", "nnnnnnnnnnn", "--file", str(path))
    assert r.stderr == 'Imported nnnnnnnnnnn: "m" (unknown language, manual, 4 segments, 6s)\n'
    r = cli("show", "nnnnnnnnnnn")
    assert r.stdout == (
        "[00:00:01] ♪\n[00:00:02] No.\n[00:00:03] No.\n[00:00:04] Absolutely not.\n"
    )


def test_scroll_cues_alone_still_mark_rolling_captions(tmp_path: Path):
    text = (CAPTIONS / "Said Twice [sAidTwice01].en.vtt").read_text(encoding="utf-8")
    path = tmp_path / "untimed.vtt"
    path.write_text(re.sub(r"<[^>]*>", "", text), encoding="utf-8")
    t = read_caption_file(path, "sAidTwice01")
    assert t.is_generated
    assert [s.text for s in t.segments] == [
        "hello everyone and welcome",
        "[Music]",
        "[Music]",
        "thank you",
        "thank you",
        "bye now",
    ]


CUT_ROLLING_VTT = """WEBVTT

00:00:10.000 --> 00:00:12.000
started before the cut
and now <00:00:11.000><c>we</c><00:00:11.500><c> go</c>

00:00:12.000 --> 00:00:12.010
and now we go

00:00:12.010 --> 00:00:14.000
and now we go
next <00:00:13.000><c>line</c>

00:00:20.000 --> 00:00:22.000
said during the gap
after <00:00:21.000><c>it</c>
"""


def test_cut_rolling_captions_keep_lines_shown_only_above(tmp_path: Path):
    path = tmp_path / "cut.vtt"
    path.write_text(CUT_ROLLING_VTT, encoding="utf-8")
    t = read_caption_file(path, "cutRolling1")
    assert [(s.start_ms, s.text) for s in t.segments] == [
        (10000, "started before the cut"),
        (10000, "and now we go"),
        (12010, "next line"),
        (20000, "said during the gap"),
        (20000, "after it"),
    ]


COMPARISONS_SRT = """1
00:00:01,000 --> 00:00:05,000
if x < 5 and y > 3 then
we <i>stop</i>

2
00:00:05,000 --> 00:00:08,000
if a <b and c> d, <font color="#ffff00">Tom</font> &amp; Jerry
"""


def test_srt_keeps_words_between_angle_brackets(cli, tmp_path: Path):
    path = tmp_path / "comparisons.srt"
    path.write_text(COMPARISONS_SRT, encoding="utf-8")
    assert cli("fetch", "cmpSrt00001", "--file", str(path)).exit_code == 0
    r = cli("show", "cmpSrt00001")
    assert r.stdout == (
        "[00:00:01] if x < 5 and y > 3 then we stop\n[00:00:05] if a <b and c> d, Tom & Jerry\n"
    )


def test_json3_text_is_plain(cli, tmp_path: Path):
    path = tmp_path / "Talk [cmpJson3001].en.json3"
    path.write_text(
        '{"events": [{"tStartMs": 2600, "dDurationMs": 4400, "segs": [{"utf8": "to"}, '
        '{"utf8": " AT&amp;T", "tOffsetMs": 200}, {"utf8": " x < 5 and y > 3"}, '
        '{"utf8": " <b>now</b>"}]}]}',
        encoding="utf-8",
    )
    assert cli("fetch", "--file", str(path)).exit_code == 0
    assert cli("show", "cmpJson3001").stdout == "[00:00:02] to AT&T x < 5 and y > 3 <b>now</b>\n"


def test_youtube_transcript_api_json_keeps_comparisons(cli, tmp_path: Path):
    path = tmp_path / "yta.json"
    path.write_text(
        '[{"text": "if x < 5 and y > 3", "start": 1.5, "duration": 2.0}, '
        '{"text": "<i>Tom</i> &amp; Jerry", "start": 3.0, "duration": 1.0}]',
        encoding="utf-8",
    )
    assert cli("fetch", "cmpYtapi001", "--file", str(path)).exit_code == 0
    assert cli("show", "cmpYtapi001").stdout == (
        "[00:00:01] if x < 5 and y > 3\n[00:00:03] Tom & Jerry\n"
    )


def test_plain_text_decodes_only_whole_entities():
    assert plain_text("R&D &amp; fish&chips &#39;n&#x27; this&not that") == (
        "R&D & fish&chips 'n' this&not that"
    )
    assert plain_text("<I>a</I> <font color=red>c</font> <video> x<y", formatting=True) == (
        "a c <video> x<y"
    )
