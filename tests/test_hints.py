"""Library errors carry a hint; cli/hints.py words it as the command line does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aftershock_cli.cli.hints import CLI, render_error, render_hint, render_notice
from aftershock_cli.core.errors import (
    PLAIN,
    AftershockError,
    FetchError,
    Hint,
    HintKind,
    InvalidInputError,
    NotFoundError,
    Notice,
    WorkspaceError,
)

FLAG = re.compile(r"(?<![\w-])--[a-z]")
VIDEO = "t8dJdL0Wyw8"

CASES = [
    (
        FetchError(
            VIDEO,
            "captions are disabled for this video",
            Hint(HintKind.IMPORT_CAPTION_FILE, video_id=VIDEO),
        ),
        f"{VIDEO}: captions are disabled for this video; if you have a caption file, "
        f"import it with 'aftershock fetch {VIDEO} --file FILE'",
        f"{VIDEO}: captions are disabled for this video; if you have a caption file, "
        "import it instead",
    ),
    (
        FetchError(VIDEO, "the proxy refused the connection", Hint(HintKind.CHECK_PROXY)),
        f"{VIDEO}: the proxy refused the connection; check the --proxy URL and its credentials",
        f"{VIDEO}: the proxy refused the connection; check the proxy URL and its credentials",
    ),
    (
        FetchError(
            VIDEO,
            "no transcript in ja (available: en (English, manual))",
            Hint(HintKind.CHOOSE_LANGUAGE, video_id=VIDEO),
        ),
        f"{VIDEO}: no transcript in ja (available: en (English, manual)); "
        "choose one with --lang, or translate with --translate CODE",
        f"{VIDEO}: no transcript in ja (available: en (English, manual)); "
        "choose one of them, or ask for a translation",
    ),
    (
        NotFoundError(
            f"no transcript of {VIDEO} in /ws",
            hint=Hint(HintKind.FETCH_VIDEO, video_id=VIDEO),
            video_id=VIDEO,
        ),
        f"no transcript of {VIDEO} in /ws; fetch it with 'aftershock fetch {VIDEO}'",
        f"no transcript of {VIDEO} in /ws; fetch the video first",
    ),
    (
        InvalidInputError(
            "cannot tell which video talk.vtt is for",
            hint=Hint(HintKind.GIVE_VIDEO_ID, path=Path("/in/talk.vtt")),
        ),
        "cannot tell which video talk.vtt is for; give its id: "
        "aftershock fetch VIDEO --file /in/talk.vtt",
        "cannot tell which video talk.vtt is for; give its video id with the file",
    ),
    (
        InvalidInputError(
            "theme 'trust' is used by 2 tags", hint=Hint(HintKind.REASSIGN_OR_FORCE, name="trust")
        ),
        "theme 'trust' is used by 2 tags; move them with --reassign OTHER, "
        "or drop the theme from them with --force",
        "theme 'trust' is used by 2 tags; reassign them to another theme, "
        "or force the removal to drop the theme from them",
    ),
    (
        InvalidInputError(
            "cannot make a theme slug from '信頼'",
            hint=Hint(HintKind.ADD_THEME_BY_SLUG, name="信頼"),
        ),
        "cannot make a theme slug from '信頼'; add it with "
        "'aftershock themes add SLUG --label \"信頼\"' and tag with SLUG",
        "cannot make a theme slug from '信頼'; add it to the codebook with a slug of your "
        "choice and tag with that slug",
    ),
    (
        InvalidInputError(
            "give either video ids or all videos, not both", hint=Hint(HintKind.GIVE_IDS_OR_ALL)
        ),
        "give either video ids or --all, not both",
        "give either video ids or all videos, not both",
    ),
    (
        WorkspaceError(
            "/ws/aftershock.yaml already exists; it was left as it is",
            hint=Hint(HintKind.RESET_WORKSPACE),
        ),
        "/ws/aftershock.yaml already exists; it was left as it is "
        "(use --force to reset the settings and codebook)",
        "/ws/aftershock.yaml already exists; it was left as it is "
        "(create it with force to reset the settings and codebook)",
    ),
    (
        InvalidInputError("limit must be at least 1 (got 0)", option="limit"),
        "--limit must be at least 1 (got 0)",
        "limit must be at least 1 (got 0)",
    ),
]


@pytest.mark.parametrize(("error", "cli", "plain"), CASES)
def test_an_error_in_the_command_line_words_and_in_plain_words(
    error: AftershockError, cli: str, plain: str
):
    assert render_error(error) == cli
    assert str(error) == plain
    assert not FLAG.search(str(error))


def test_an_error_without_a_hint_is_its_message_on_both_sides():
    error = NotFoundError("no video abc in /ws")
    assert render_error(error) == str(error) == "no video abc in /ws"


def test_a_notice_has_the_same_two_wordings():
    notice = Notice("Widened to whole segments: 9:14-9:36", Hint(HintKind.EXACT_KEEPS_RANGE))
    assert render_notice(notice) == (
        "Widened to whole segments: 9:14-9:36 (--exact keeps the range as given)"
    )
    assert str(notice) == (
        "Widened to whole segments: 9:14-9:36 (ask for the exact range to keep it as given)"
    )


def test_the_error_keeps_its_data():
    error = FetchError(VIDEO, "the proxy refused the connection", Hint(HintKind.CHECK_PROXY))
    assert (error.video_id, error.cause, error.message) == (
        VIDEO,
        "the proxy refused the connection",
        f"{VIDEO}: the proxy refused the connection",
    )


def test_every_hint_kind_has_both_wordings_and_only_the_cli_names_flags():
    assert set(PLAIN) == set(CLI) == set(HintKind)
    hint_fields = Hint(HintKind.FETCH_VIDEO, video_id=VIDEO, path=Path("/a.vtt"), name="x")
    for kind in HintKind:
        fields = hint_fields.fields("MESSAGE")
        assert not FLAG.search(PLAIN[kind].format_map(fields)), kind
        assert "aftershock " not in PLAIN[kind].format_map(fields), kind
    assert render_hint("m", Hint(HintKind.LIST_TAGS)) == "m; list tags with 'aftershock tags'"
