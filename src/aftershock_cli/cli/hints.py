"""The command line's words for library errors and hints: its flags and commands.

The library says what went wrong and names the way out as a ``Hint``; this
module turns both into the one line the CLI prints.
"""

from __future__ import annotations

from ..core.errors import AftershockError, Hint, HintKind, Notice
from ._quote import shell_quote

_YT_DLP = "'yt-dlp --skip-download --write-subs --write-auto-subs --sub-langs en URL'"
_IMPORT = (
    f"download the captions with yt-dlp ({_YT_DLP}) "
    "and import them with 'aftershock fetch {video_id} --file FILE'"
)
_FILTERS = "--theme/--coder/--from/--to"

CLI: dict[HintKind, str] = {
    HintKind.IMPORT_CAPTION_FILE: "{message}; if you have a caption file, "
    "import it with 'aftershock fetch {video_id} --file FILE'",
    HintKind.DOWNLOAD_CAPTIONS: "{message}; " + _IMPORT,
    HintKind.DOWNLOAD_CAPTIONS_SIGNED_IN: "{message}; "
    + _IMPORT
    + " (with --cookies-from-browser)",
    HintKind.CHECK_IN_BROWSER: "{message}; check it in a browser, or " + _IMPORT,
    HintKind.TRY_PROXY: "{message}; try --proxy URL, or " + _IMPORT,
    HintKind.USE_PROXY: "{message}; wait and retry, use --proxy URL "
    "(or set WEBSHARE_PROXY_USERNAME and WEBSHARE_PROXY_PASSWORD), or " + _IMPORT,
    HintKind.UPGRADE_LIBRARY: "{message}; try again later, and if it persists upgrade "
    "youtube-transcript-api or " + _IMPORT,
    HintKind.CHECK_PROXY: "{message}; check the --proxy URL and its credentials",
    HintKind.CHECK_CONNECTION: "{message}; check your connection or --proxy",
    HintKind.WORK_OFFLINE: "{message}; to work offline, import a caption file with "
    "'aftershock fetch {video_id} --file FILE'",
    HintKind.OTHER_TRACK: "{message}; try another with --lang (see --list), "
    "or import a caption file with --file",
    HintKind.CHOOSE_LISTED_TRACK: "{message}; fetch one of them with --lang instead",
    HintKind.CHOOSE_LANGUAGE: "{message}; choose one with --lang, or translate with --translate CODE",
    HintKind.GIVE_VIDEO_ID: "{message}; give its id: aftershock fetch VIDEO --file {path}",
    HintKind.DOWNLOAD_CAPTION_FILE: "{message}; download one with " + _YT_DLP,
    HintKind.RESET_WORKSPACE: "{message} (use --force to reset the settings and codebook)",
    HintKind.OTHER_WORKSPACE: "{message}; choose another with --workspace",
    HintKind.FETCH_VIDEO: "{message}; fetch it with 'aftershock fetch {video_id}'",
    HintKind.LIST_VIDEOS: "{message}; 'aftershock videos' lists the videos it has",
    HintKind.FETCH_VIDEO_ASIDE: "{message} (fetch it with 'aftershock fetch {video_id}')",
    HintKind.FETCH_OR_IMPORT_NOTE: "{message}; fetch it with 'aftershock fetch {video_id}' "
    "or import a note of it",
    HintKind.GIVE_NOTE_OR_FETCH: "{message}; give the note's file, or fetch and tag the "
    "video first ('aftershock fetch {video_id}')",
    HintKind.GIVE_NOTE_OR_TAG: "{message}; give the note's file, or tag the video first "
    "('aftershock tag {video_id} START-END THEME')",
    HintKind.TAG_A_VIDEO: "{message}; tag one with 'aftershock tag VIDEO START-END THEME'",
    HintKind.TAG_VIDEO: "{message}; tag it with 'aftershock tag {video_id} START-END THEME'",
    HintKind.SEE_VIDEO_TAGS: "no tag of {video_id} matches "
    + _FILTERS
    + "; see its tags with 'aftershock tags {video_id}'",
    HintKind.FILTERS_MATCH_NOTHING: "no tag matches "
    + _FILTERS
    + " in the {name} video(s); nothing written",
    HintKind.LIST_TAGS: "{message}; list tags with 'aftershock tags'",
    HintKind.LIST_TAGS_ASIDE: "{message} (list tags with 'aftershock tags')",
    HintKind.LIST_THEMES: "{message}; list them with 'aftershock themes'",
    HintKind.LIST_THEMES_ASIDE: "{message} (list them with 'aftershock themes')",
    HintKind.ADD_THEME: "{message} (add it with 'aftershock themes add')",
    HintKind.ADD_OR_CREATE_THEME: "{message} (add it with 'aftershock themes add' or --create)",
    HintKind.LIST_OR_ADD_THEMES: "{message}; list themes with 'aftershock themes' "
    "(add one with 'aftershock themes add')",
    HintKind.LIST_OR_ADD_OR_CREATE_THEMES: "{message}; list themes with 'aftershock themes' "
    "(add one with 'aftershock themes add' or --create)",
    HintKind.ADD_THEME_BY_SLUG: "{message}; add it with "
    "'aftershock themes add SLUG --label \"{name}\"' and tag with SLUG",
    HintKind.EDIT_THEME: "{message}; change it with 'aftershock themes edit {quoted_name}'",
    HintKind.REASSIGN_OR_FORCE: "{message}; move them with --reassign OTHER, "
    "or drop the theme from them with --force",
    HintKind.MOVE_TAGS_FIRST: "{message}; list them with 'aftershock tags --theme {quoted_name}' "
    "and give them other themes with 'aftershock retag ID --theme OTHER'",
    HintKind.GIVE_IDS_OR_ALL: "give either video ids or --all, not both",
    HintKind.SKIP_INVALID_NOTES: "{message}; nothing was imported (--skip-invalid imports "
    "the other notes)",
    HintKind.NAME_VIDEOS: "name the video(s) to export, or give --all for every video",
    HintKind.OTHER_OUT_DIR: "{message}; choose another --out-dir",
    HintKind.OTHER_VAULT: "{message}; choose another --vault",
    HintKind.GIVE_RANGE_OR_MATCH: "give a RANGE such as 9:14-9:36, or --match WORDS",
    HintKind.RANGE_WITH_MATCH: "'{name}' looks like a range, but --match tags every match, "
    "not a range; give either RANGE THEME... or --match WORDS THEME...",
    HintKind.EXACT_KEEPS_RANGE: "{message} (--exact keeps the range as given)",
    HintKind.REBUILD_INDEX: "{message}; rebuild it with 'aftershock index --rebuild'",
    HintKind.REFRESH_TO_REPLACE: "{message} (use --refresh to replace it)",
    HintKind.REFRESH_TO_FETCH: "{message} (use --refresh to fetch it again)",
    HintKind.INSTALL_MEANING: "{message}; install it with 'pip install \"aftershock[meaning]\"', "
    "or rank by words with --by words",
    HintKind.INSTALL_SERIES: '{message}; install it with: pip install "aftershock[series]"',
    HintKind.LIST_SERIES: "{message}; list them with 'aftershock series list'",
    HintKind.ADD_SERIES: "{message}; add one with 'aftershock series add NAME URL'",
    HintKind.CHANNEL_TAB: "{message}; give its /videos or /streams tab "
    "(the channel URL ending in /videos or /streams)",
    HintKind.WAIT_LONGER: "{message}; try again once it has finished, "
    "or wait longer with --wait SECONDS",
}
"""Each way out as the command line says it, as a template over ``Hint.fields``."""


def render_hint(message: str, hint: Hint | None) -> str:
    """``message`` with the way out of ``hint`` in the command line's words."""
    if hint is None:
        return message
    fields = hint.fields(message)
    if fields.get("path"):  # a path is only ever shown inside a command line to paste
        fields["path"] = shell_quote(fields["path"])
    fields["quoted_name"] = shell_quote(fields["name"]) if fields["name"] else ""
    return CLI[hint.kind].format_map(fields)


def render_error(exc: AftershockError) -> str:
    """The text the CLI prints after ``Error: `` for ``exc``."""
    message = exc.message
    if exc.option and message.startswith(exc.option):
        message = "--" + exc.option.replace("_", "-") + message[len(exc.option) :]
    return render_hint(message, exc.hint)


def render_notice(notice: Notice) -> str:
    """A library notice in the command line's words."""
    return render_hint(notice.message, notice.hint)
