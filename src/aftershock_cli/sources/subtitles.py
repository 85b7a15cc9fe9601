"""SubStation Alpha (``.ass``/``.ssa``), TTML/DFXP and SAMI files, read with pysubs2.

pysubs2 parses the file; here its events become cues (comments and drawings
dropped, the ASS ``Name`` field kept as the speaker, styling and override tags
stripped) and go through ``cue_segments`` like every other format. Shapes of
TTML pysubs2 does not take are brought to the ones it does first: DFXP's older
namespace (``http://www.w3.org/2006/*/ttaf1``), the ``dur`` attribute, and
tick and frame times (``sources.ttml_times``).
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Literal

from ..core.errors import InvalidInputError
from ..core.model import Transcript
from .cue_segments import cue_segments
from .ttml_times import seconds_for_ticks_and_frames
from .vtt import Cue

SubtitleKind = Literal["ass", "ttml", "sami"]
"""The formats read through pysubs2."""
KIND_NAMES: dict[SubtitleKind, str] = {
    "ass": "SubStation Alpha (.ass/.ssa)",
    "ttml": "TTML (.ttml/.dfxp)",
    "sami": "SAMI (.smi)",
}
TTML_NAMESPACE = "http://www.w3.org/ns/ttml"
_OLD_TTML = re.compile(r"http://www\.w3\.org/2006/(?:02|04|10)/ttaf1")
_DUR = re.compile(r"(<[^<>]*\s)dur(\s*=)")
_TT_LANG = re.compile(r"<(?:\w+:)?tt\b[^>]*?\sxml:lang\s*=\s*[\"']([^\"']*)[\"']")


def read_subtitles(path: Path, text: str, kind: SubtitleKind) -> Transcript:
    """The segments of an ASS/SSA, TTML or SAMI file; a file pysubs2 cannot read, or
    one with a negative or out-of-bounds time, raises InvalidInputError."""
    import xml.etree.ElementTree as ET

    import pysubs2

    language = ""
    if kind == "ttml":
        text = seconds_for_ticks_and_frames(_OLD_TTML.sub(TTML_NAMESPACE, text))
        text = _DUR.sub(r"\1duration\2", text)
        if TTML_NAMESPACE not in text:
            raise InvalidInputError(
                f"{path.name} is not a TTML file (it has no TTML namespace); "
                "check that it is the file you meant"
            )
        found = _TT_LANG.search(text)
        language = found.group(1).strip() if found else ""
    try:
        with warnings.catch_warnings():  # pysubs2 warns of fields it fills in by default
            warnings.simplefilter("ignore")
            subs = pysubs2.SSAFile.from_string(text, format_=kind)
    except (
        pysubs2.Pysubs2Error,
        ET.ParseError,
        NotImplementedError,
        ValueError,
        KeyError,
        RecursionError,
    ) as exc:
        raise InvalidInputError(
            f"{path.name} is not a valid {KIND_NAMES[kind]} file ({_cause(exc)}); "
            "fix it or download it again"
        ) from exc
    cues = [
        Cue(e.start, e.end, e.plaintext.split("\n"), " ".join(e.name.split()))
        for e in subs.events
        if e.is_text
    ]
    segments, rolling = cue_segments(path, cues)
    return Transcript(
        video_id="", language_code=language, is_generated=rolling, segments=tuple(segments)
    )


def _cause(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"an element lacks its {exc.args[0]!r} attribute" if exc.args else "a missing part"
    if isinstance(exc, RecursionError):
        return "its elements are nested too deeply"
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
