"""Caption files from elsewhere: SBV (YouTube Studio), SubStation Alpha, TTML/DFXP and SAMI.

Each test writes its own small file, reads it, and asserts the segments (start,
duration, text, speaker) or the one line a user sees for a bad file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aftershock_cli.cli.hints import render_error
from aftershock_cli.core.errors import InvalidInputError
from aftershock_cli.core.model import Segment
from aftershock_cli.sources.captions import caption_format, read_caption_file

VIDEO = "fmtTalk0001"


def _read(tmp_path: Path, name: str, text: str) -> list[Segment]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return list(read_caption_file(path, VIDEO).segments)


def _error(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInputError) as err:
        read_caption_file(path, VIDEO)
    return render_error(err.value)


SBV = """0:00:01.000,0:00:03.500
Welcome to the
hearing

0:00:04.000,0:00:06.250
<i>Thank you</i> &amp; goodbye

0:01:02.003,0:01:04.000
>> Next speaker
"""


def test_sbv(tmp_path: Path) -> None:
    assert _read(tmp_path, "talk.sbv", SBV) == [
        Segment(1000, 2500, "Welcome to the hearing"),
        Segment(4000, 2250, "Thank you & goodbye"),
        Segment(62003, 1997, ">> Next speaker"),
    ]


def test_sbv_is_told_by_its_content_too(tmp_path: Path) -> None:
    path = tmp_path / "talk.txt"
    path.write_text(SBV, encoding="utf-8")
    assert caption_format(path, SBV) == "sbv"
    assert read_caption_file(path, VIDEO).segments[0] == Segment(
        1000, 2500, "Welcome to the hearing"
    )


def test_sbv_with_a_broken_cue_time(tmp_path: Path) -> None:
    bad = SBV.replace("0:00:04.000,0:00:06.250", "0:00:64.000,0:00:06.250")
    assert _error(tmp_path, "bad.sbv", bad) == (
        f"{tmp_path / 'bad.sbv'}:5: '0:00:64.000,0:00:06.250' is not an SBV cue time "
        "(H:MM:SS.mmm,H:MM:SS.mmm); fix the file or download it again from YouTube Studio"
    )


def test_fetch_file_imports_an_sbv(cli, tmp_path: Path) -> None:
    path = tmp_path / "studio.sbv"
    path.write_text(SBV, encoding="utf-8")
    r = cli("fetch", VIDEO, "--file", str(path))
    assert r.exit_code == 0
    assert r.stderr == f'Imported {VIDEO}: "studio" (unknown language, manual, 3 segments, 1m04s)\n'
    assert cli("show", VIDEO).stdout == (
        "[00:00:01] Welcome to the hearing\n"
        "[00:00:04] Thank you & goodbye\n"
        "[00:01:02] >> Next speaker\n"
    )


ROLLING_SBV = """0:00:00.000,0:00:02.000
hello everyone and welcome

0:00:02.000,0:00:02.010
hello everyone and welcome

0:00:02.010,0:00:05.000
hello everyone and welcome
to the hearing today

0:00:05.000,0:00:05.010
to the hearing today

0:00:05.010,0:00:07.000
to the hearing today
thank you
"""


def test_rolling_auto_captions_are_read_once_in_every_format(tmp_path: Path) -> None:
    expected = [
        Segment(0, 2000, "hello everyone and welcome"),
        Segment(2010, 2990, "to the hearing today"),
        Segment(5010, 1990, "thank you"),
    ]
    assert _read(tmp_path, "rolling.sbv", ROLLING_SBV) == expected
    events = "".join(
        f"Dialogue: 0,{_ass_time(start)},{_ass_time(end)},Default,,0,0,0,,{text}\n"
        for start, end, text in _cues(ROLLING_SBV)
    )
    assert _read(tmp_path, "rolling.ass", ASS_HEAD + events) == expected
    srt = "".join(
        f"{n}\n{_srt_time(start)} --> {_srt_time(end)}\n{text.replace(chr(92) + 'N', chr(10))}\n\n"
        for n, (start, end, text) in enumerate(_cues(ROLLING_SBV), 1)
    )
    assert _read(tmp_path, "rolling.srt", srt) == expected
    assert read_caption_file(tmp_path / "rolling.ass", VIDEO).is_generated


def _cues(sbv: str) -> list[tuple[str, str, str]]:
    out = []
    for block in sbv.strip().split("\n\n"):
        times, *lines = block.splitlines()
        start, end = times.split(",")
        out.append((start, end, "\\N".join(lines)))
    return out


def _ass_time(sbv_time: str) -> str:
    return sbv_time[:-1]  # 0:00:02.010 -> 0:00:02.01


def _srt_time(sbv_time: str) -> str:
    return "0" + sbv_time.replace(".", ",")


ASS_HEAD = """[Script Info]
ScriptType: v4.00+

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, \
Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, \
Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Arial,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
"""

ASS = (
    ASS_HEAD
    + r"""Dialogue: 0,0:00:01.00,0:00:03.50,Default,Ana  Ruiz,0,0,0,,{\an8}{\b1}Welcome{\b0} to the\Nhearing
Comment: 0,0:00:02.00,0:00:03.00,Default,,0,0,0,,a note to the typesetter
Dialogue: 0,0:00:04.00,0:00:06.25,Default,,0,0,0,,Thank you, {\i1}chair{\i0} <i>Lee</i>
Dialogue: 0,0:00:07.00,0:00:08.00,Default,,0,0,0,,{\p1}m 0 0 l 100 0 100 100{\p0}
"""
)


def test_ass_keeps_the_speaker_and_drops_styling_comments_and_drawings(tmp_path: Path) -> None:
    assert _read(tmp_path, "hearing.ass", ASS) == [
        Segment(1000, 2500, "Welcome to the hearing", "Ana Ruiz"),
        Segment(4000, 2250, "Thank you, chair Lee"),
    ]


def test_ssa_v4(tmp_path: Path) -> None:
    ssa = (
        "[Script Info]\nScriptType: v4.00\n\n[Events]\n"
        "Format: Marked, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
        "Dialogue: Marked=0,0:00:01.50,0:00:02.00,Default,Bo,0000,0000,0000,,Old style\n"
    )
    assert _read(tmp_path, "old.ssa", ssa) == [Segment(1500, 500, "Old style", "Bo")]


def test_ass_with_a_broken_time(tmp_path: Path) -> None:
    bad = ASS.replace("0:00:04.00,0:00:06.25", "0:00:xx.00,0:00:06.25")
    assert _error(tmp_path, "bad.ass", bad) == (
        "bad.ass is not a valid SubStation Alpha (.ass/.ssa) file "
        "(Failed to parse timestamp: '0:00:xx.00'); fix it or download it again"
    )


def test_ass_with_a_negative_time(tmp_path: Path) -> None:
    bad = ASS.replace("0:00:04.00,0:00:06.25", "-0:00:04.00,0:00:06.25")
    assert _error(tmp_path, "negative.ass", bad) == (
        f"{tmp_path / 'negative.ass'}: cue 2: its start is negative (-4000 ms); "
        "nothing was imported: fix the file or download it again"
    )


TTML = """<?xml version="1.0" encoding="utf-8"?>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling" xml:lang="de">
  <body>
    <div>
      <p begin="00:00:01.000" end="00:00:02.500">Guten <span tts:fontStyle="italic">Tag</span><br/>allerseits</p>
      <p begin="2.5s" end="4s">zweitens</p>
      <p begin="00:00:05.000" dur="1.5s">drittens</p>
    </div>
  </body>
</tt>
"""


def test_ttml(tmp_path: Path) -> None:
    path = tmp_path / "talk.ttml"
    path.write_text(TTML, encoding="utf-8")
    transcript = read_caption_file(path, VIDEO)
    assert transcript.language_code == "de"
    assert list(transcript.segments) == [
        Segment(1000, 1500, "Guten Tag allerseits"),
        Segment(2500, 1500, "zweitens"),
        Segment(5000, 1500, "drittens"),
    ]


def test_dfxp_in_the_older_namespace(tmp_path: Path) -> None:
    dfxp = TTML.replace("http://www.w3.org/ns/ttml", "http://www.w3.org/2006/10/ttaf1")
    assert _read(tmp_path, "talk.dfxp", dfxp)[0] == Segment(1000, 1500, "Guten Tag allerseits")


def test_ttml_is_told_by_its_content(tmp_path: Path) -> None:
    assert caption_format(tmp_path / "captions.xml", TTML) == "ttml"
    assert _read(tmp_path, "captions.xml", TTML)[1] == Segment(2500, 1500, "zweitens")


def test_ttml_that_is_not_well_formed(tmp_path: Path) -> None:
    assert _error(tmp_path, "bad.ttml", TTML.replace("</body>", "")) == (
        "bad.ttml is not a valid TTML (.ttml/.dfxp) file "
        "(mismatched tag: line 10, column 2); fix it or download it again"
    )


def test_ttml_with_a_time_of_no_known_kind(tmp_path: Path) -> None:
    assert _error(tmp_path, "odd.ttml", TTML.replace('begin="2.5s"', 'begin="2.5x"')) == (
        "odd.ttml is not a valid TTML (.ttml/.dfxp) file "
        "(Unsupported time expression: 2.5x); fix it or download it again"
    )


DFXP_TICKS = """<?xml version="1.0" encoding="utf-8"?>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"
    ttp:tickRate="10000000" ttp:frameRate="25" xml:lang="en">
  <body><div>
    <p begin="10010000t" end="25000000t">Ticks</p>
    <p begin="75f" dur="50f">Frames</p>
    <p begin="00:00:06:12" end="00:00:07:00">Clock with frames</p>
  </div></body>
</tt>
"""


def test_dfxp_tick_and_frame_times(tmp_path: Path) -> None:
    assert _read(tmp_path, "streaming.dfxp", DFXP_TICKS) == [
        Segment(1001, 1499, "Ticks"),
        Segment(3000, 2000, "Frames"),
        Segment(6480, 520, "Clock with frames"),
    ]


def test_frame_times_default_to_thirty_a_second(tmp_path: Path) -> None:
    plain = TTML.replace('begin="2.5s" end="4s"', 'begin="75f" end="120f"')
    assert _read(tmp_path, "frames.ttml", plain)[1] == Segment(2500, 1500, "zweitens")


SAMI = """<SAMI>
<HEAD><TITLE>Hearing</TITLE></HEAD>
<BODY>
<SYNC Start=1000><P Class=ENCC>Hello &amp; <i>welcome</i><br>everyone
<SYNC Start=3000><P Class=ENCC>&nbsp;
<SYNC Start=4000><P Class=ENCC>Second line
<SYNC Start=6000><P Class=ENCC>&nbsp;
</BODY>
</SAMI>
"""


def test_sami(tmp_path: Path) -> None:
    # SAMI gives only start times: a cue lasts until the next one starts
    assert _read(tmp_path, "talk.smi", SAMI) == [
        Segment(1000, 2000, "Hello & welcome everyone"),
        Segment(4000, 1237, "Second line"),
    ]


def test_sami_without_a_start_time(tmp_path: Path) -> None:
    assert _error(tmp_path, "bad.smi", SAMI.replace("Start=4000", "Begin=4000")) == (
        "bad.smi is not a valid SAMI (.smi) file (an element lacks its 'start' attribute); "
        "fix it or download it again"
    )


def test_sami_with_a_negative_time(tmp_path: Path) -> None:
    assert _error(tmp_path, "negative.sami", SAMI.replace("Start=1000", "Start=-1000")) == (
        f"{tmp_path / 'negative.sami'}: cue 1: its start is negative (-1000 ms); "
        "nothing was imported: fix the file or download it again"
    )


def test_times_past_the_limit_are_refused(tmp_path: Path) -> None:
    late = SBV.replace("0:01:02.003,0:01:04.000", "200:00:00.000,200:00:01.000")
    assert _error(tmp_path, "late.sbv", late) == (
        f"{tmp_path / 'late.sbv'}: cue 3: its start is 720000000 ms, later than 168:00:00 "
        "(seven days, the longest talk aftershock reads); nothing was imported: "
        "fix the file or download it again"
    )


def test_a_file_of_no_known_format(tmp_path: Path) -> None:
    assert _error(tmp_path, "notes.txt", "Just some words.\n") == (
        "notes.txt is not a caption file aftershock reads; give a .vtt, .srt, .sbv, "
        ".ass/.ssa, .ttml/.dfxp, .smi, .json3, yt-dlp .info.json or youtube-transcript-api "
        ".json file"
    )


def test_ttml_entity_expansion_is_refused(tmp_path: Path) -> None:
    entities = "".join(
        f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9)
    )
    bomb = (
        f'<?xml version="1.0"?>\n<!DOCTYPE tt [<!ENTITY a "aaaaaaaaaa">{entities}]>\n'
        '<tt xmlns="http://www.w3.org/ns/ttml"><body><div>'
        '<p begin="1s" end="2s">&j;</p></div></body></tt>\n'
    )
    message = _error(tmp_path, "bomb.ttml", bomb)
    assert message.startswith("bomb.ttml is not a valid TTML (.ttml/.dfxp) file (")
    assert message.endswith("); fix it or download it again")


def test_ttml_nested_too_deeply_is_refused(tmp_path: Path) -> None:
    deep = (
        '<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" end="2s">'
        + "<span>" * 5000
        + "x"
        + "</span>" * 5000
        + "</p></div></body></tt>"
    )
    assert _error(tmp_path, "deep.ttml", deep) == (
        "deep.ttml is not a valid TTML (.ttml/.dfxp) file (its elements are nested too "
        "deeply); fix it or download it again"
    )


def test_a_ttml_file_without_the_ttml_namespace(tmp_path: Path) -> None:
    assert _error(tmp_path, "plain.ttml", "<tt><body><div><p>hi</p></div></body></tt>") == (
        "plain.ttml is not a TTML file (it has no TTML namespace); "
        "check that it is the file you meant"
    )


def test_a_yt_dlp_style_name_gives_the_video_and_title(cli, tmp_path: Path) -> None:
    path = tmp_path / "City Hearing [hEaring0001].en.ass"
    path.write_text(ASS, encoding="utf-8")
    r = cli("fetch", "--file", str(path))
    assert r.stderr == 'Imported hEaring0001: "City Hearing" (en, manual, 2 segments, 6s)\n'
    assert cli("show", "hEaring0001").stdout == (
        "[00:00:01] Ana Ruiz: Welcome to the hearing\n[00:00:04] Thank you, chair Lee\n"
    )
