"""The exceptions aftershock raises for problems a user can act on, with the way out as data.

An error carries what went wrong (``message``, plus the video id, path, line
and cause where known) and, where there is one, a ``Hint``: a closed kind of
way out with the values it needs. ``str(exc)`` states the way out in plain
words that name no command-line option, so a library user gets a useful
message; the command line renders the same hint in its own words.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path


class HintKind(enum.StrEnum):
    """A way out of a failure, in library terms; ``cli/`` names its flags and commands."""

    IMPORT_CAPTION_FILE = "import-caption-file"
    """Captions are off: a caption file of the video can be imported instead."""
    DOWNLOAD_CAPTIONS = "download-captions"
    """Download the captions with yt-dlp and import the file."""
    DOWNLOAD_CAPTIONS_SIGNED_IN = "download-captions-signed-in"
    """As ``DOWNLOAD_CAPTIONS``, with the cookies of a signed-in browser."""
    CHECK_IN_BROWSER = "check-in-browser"
    """Look at the video in a browser, or download and import its captions."""
    TRY_PROXY = "try-proxy"
    """Go through a proxy, or download and import the captions."""
    USE_PROXY = "use-proxy"
    """Wait, go through a proxy, or download and import the captions (YouTube blocks this IP)."""
    UPGRADE_LIBRARY = "upgrade-library"
    """Try later, upgrade youtube-transcript-api, or download and import the captions."""
    CHECK_PROXY = "check-proxy"
    """The proxy's address or credentials are wrong."""
    CHECK_CONNECTION = "check-connection"
    """The network, or the proxy, is down."""
    WORK_OFFLINE = "work-offline"
    """No network at all: import a caption file to work offline."""
    OTHER_TRACK = "other-track"
    """Fetch a caption track in another language, or import a caption file."""
    CHOOSE_LISTED_TRACK = "choose-listed-track"
    """Fetch one of the listed tracks instead of a translation."""
    CHOOSE_LANGUAGE = "choose-language"
    """Ask for one of the listed languages, or for a translation."""
    GIVE_VIDEO_ID = "give-video-id"
    """A caption file does not say its video: give the id with the file (``path``)."""
    DOWNLOAD_CAPTION_FILE = "download-caption-file"
    """Download a caption file with yt-dlp."""
    RESET_WORKSPACE = "reset-workspace"
    """Create the workspace again with ``force`` to reset its settings and codebook."""
    OTHER_WORKSPACE = "other-workspace"
    """Choose another workspace folder."""
    LIST_VIDEOS = "list-videos"
    """See which videos the workspace has."""
    FETCH_VIDEO = "fetch-video"
    """Fetch the video (``video_id``) into the workspace first."""
    FETCH_VIDEO_ASIDE = "fetch-video-aside"
    """As ``FETCH_VIDEO``, said in brackets after a notice."""
    FETCH_OR_IMPORT_NOTE = "fetch-or-import-note"
    """Fetch the video, or import a note of it."""
    GIVE_NOTE_OR_FETCH = "give-note-or-fetch"
    """Give the note's file, or fetch and tag the video first."""
    GIVE_NOTE_OR_TAG = "give-note-or-tag"
    """Give the note's file, or tag the video first."""
    TAG_A_VIDEO = "tag-a-video"
    """No video has tags yet: tag one."""
    TAG_VIDEO = "tag-video"
    """Tag this video (``video_id``) first."""
    SEE_VIDEO_TAGS = "see-video-tags"
    """The filters match no tag of the video: look at its tags."""
    FILTERS_MATCH_NOTHING = "filters-match-nothing"
    """The filters match no tag of the ``name`` videos; nothing was written."""
    LIST_TAGS = "list-tags"
    """List the tags to find the right id."""
    LIST_TAGS_ASIDE = "list-tags-aside"
    """As ``LIST_TAGS``, said in brackets."""
    LIST_THEMES = "list-themes"
    """List the themes of the codebook."""
    LIST_THEMES_ASIDE = "list-themes-aside"
    """As ``LIST_THEMES``, said in brackets."""
    ADD_THEME = "add-theme"
    """The theme is not in the codebook: add it (closest names are in the message)."""
    ADD_OR_CREATE_THEME = "add-or-create-theme"
    """As ``ADD_THEME``, or let tagging create it."""
    LIST_OR_ADD_THEMES = "list-or-add-themes"
    """List the themes, or add one."""
    LIST_OR_ADD_OR_CREATE_THEMES = "list-or-add-or-create-themes"
    """As ``LIST_OR_ADD_THEMES``, or let tagging create it."""
    ADD_THEME_BY_SLUG = "add-theme-by-slug"
    """No slug can be made from the name (``name``): add the theme under a chosen slug."""
    EDIT_THEME = "edit-theme"
    """The theme (``name``) exists: edit it instead."""
    REASSIGN_OR_FORCE = "reassign-or-force"
    """Tags use the theme: move them to another theme, or drop the theme from them."""
    MOVE_TAGS_FIRST = "move-tags-first"
    """Tags hold the theme (``name``), which is to become a grouping theme: give them
    other themes first."""
    GIVE_IDS_OR_ALL = "give-ids-or-all"
    SKIP_INVALID_NOTES = "skip-invalid-notes"
    """One note of many cannot be imported: fix it, or import the others without it."""
    """Both video ids and every video were asked for."""
    NAME_VIDEOS = "name-videos"
    """No video was named, and not every video was asked for."""
    OTHER_OUT_DIR = "other-out-dir"
    """The output folder is a file: choose another folder."""
    OTHER_VAULT = "other-vault"
    """The vault folder is a file: choose another folder."""
    GIVE_RANGE_OR_MATCH = "give-range-or-match"
    """A tag request needs a range or words to match."""
    RANGE_WITH_MATCH = "range-with-match"
    """A range (``name``) was given where words to match go."""
    EXACT_KEEPS_RANGE = "exact-keeps-range"
    """A range was widened to whole segments; asking for it exactly keeps it."""
    REBUILD_INDEX = "rebuild-index"
    """The search index is damaged: rebuild it."""
    REFRESH_TO_REPLACE = "refresh-to-replace"
    """The transcript is stored already; refreshing replaces it."""
    REFRESH_TO_FETCH = "refresh-to-fetch"
    """The transcript is stored already; refreshing fetches it again."""
    INSTALL_MEANING = "install-meaning"
    """Ranking by meaning needs the optional extra ``meaning``."""
    INSTALL_SERIES = "install-series"
    """Listing a playlist or channel needs yt-dlp, which the series extra installs."""
    LIST_SERIES = "list-series"
    """No series of that name (``name``): list the series the workspace follows."""
    ADD_SERIES = "add-series"
    """The workspace follows no series yet: add one."""
    CHANNEL_TAB = "channel-tab"
    """A channel's page lists tabs, not videos: give its videos or streams tab."""
    WAIT_LONGER = "wait-longer"
    """Another process held a lock of the workspace for the whole wait: retry, or wait longer."""


@dataclass(frozen=True)
class Hint:
    """The way out of a failure: its kind and the values a message about it names."""

    kind: HintKind
    video_id: str = ""
    path: Path | None = None
    name: str = ""
    """A theme, slug or count the way out names, as text."""

    def fields(self, message: str) -> dict[str, str]:
        """The values a template of this hint may use, with ``message`` (the failure)."""
        return {
            "message": message,
            "video_id": self.video_id,
            "path": str(self.path) if self.path is not None else "",
            "name": self.name,
        }


_DOWNLOAD = "download the captions with yt-dlp and import the caption file"

PLAIN: dict[HintKind, str] = {
    HintKind.IMPORT_CAPTION_FILE: "{message}; if you have a caption file, import it instead",
    HintKind.DOWNLOAD_CAPTIONS: "{message}; " + _DOWNLOAD,
    HintKind.DOWNLOAD_CAPTIONS_SIGNED_IN: "{message}; "
    + _DOWNLOAD
    + " (with the cookies of a signed-in browser)",
    HintKind.CHECK_IN_BROWSER: "{message}; check it in a browser, or " + _DOWNLOAD,
    HintKind.TRY_PROXY: "{message}; try a proxy, or " + _DOWNLOAD,
    HintKind.USE_PROXY: "{message}; wait and retry, go through a proxy (or set "
    "WEBSHARE_PROXY_USERNAME and WEBSHARE_PROXY_PASSWORD), or " + _DOWNLOAD,
    HintKind.UPGRADE_LIBRARY: "{message}; try again later, and if it persists upgrade "
    "youtube-transcript-api or " + _DOWNLOAD,
    HintKind.CHECK_PROXY: "{message}; check the proxy URL and its credentials",
    HintKind.CHECK_CONNECTION: "{message}; check your connection or the proxy",
    HintKind.WORK_OFFLINE: "{message}; to work offline, import a caption file instead",
    HintKind.OTHER_TRACK: "{message}; try another language, or import a caption file",
    HintKind.CHOOSE_LISTED_TRACK: "{message}; fetch one of them instead",
    HintKind.CHOOSE_LANGUAGE: "{message}; choose one of them, or ask for a translation",
    HintKind.GIVE_VIDEO_ID: "{message}; give its video id with the file",
    HintKind.DOWNLOAD_CAPTION_FILE: "{message}; download one with yt-dlp",
    HintKind.RESET_WORKSPACE: "{message} (create it with force to reset the settings and codebook)",
    HintKind.OTHER_WORKSPACE: "{message}; choose another workspace",
    HintKind.FETCH_VIDEO: "{message}; fetch the video first",
    HintKind.LIST_VIDEOS: "{message}; check the id against the workspace's videos",
    HintKind.FETCH_VIDEO_ASIDE: "{message} (fetch the video to check it)",
    HintKind.FETCH_OR_IMPORT_NOTE: "{message}; fetch the video or import a note of it",
    HintKind.GIVE_NOTE_OR_FETCH: "{message}; give the note's file, or fetch and tag the "
    "video first",
    HintKind.GIVE_NOTE_OR_TAG: "{message}; give the note's file, or tag the video first",
    HintKind.TAG_A_VIDEO: "{message}; tag one first",
    HintKind.TAG_VIDEO: "{message}; tag it first",
    HintKind.SEE_VIDEO_TAGS: "{message}; look at its tags",
    HintKind.FILTERS_MATCH_NOTHING: "{message}; nothing written",
    HintKind.LIST_TAGS: "{message}; list the tags to find the id",
    HintKind.LIST_TAGS_ASIDE: "{message} (list the tags to find the id)",
    HintKind.LIST_THEMES: "{message}; the codebook lists them",
    HintKind.LIST_THEMES_ASIDE: "{message} (the codebook lists them)",
    HintKind.ADD_THEME: "{message} (add it to the codebook)",
    HintKind.ADD_OR_CREATE_THEME: "{message} (add it to the codebook, or ask to create it)",
    HintKind.LIST_OR_ADD_THEMES: "{message}; the codebook lists the themes (add one to it)",
    HintKind.LIST_OR_ADD_OR_CREATE_THEMES: "{message}; the codebook lists the themes "
    "(add one to it, or ask to create it)",
    HintKind.ADD_THEME_BY_SLUG: "{message}; add it to the codebook with a slug of your "
    "choice and tag with that slug",
    HintKind.EDIT_THEME: "{message}; edit it instead",
    HintKind.REASSIGN_OR_FORCE: "{message}; reassign them to another theme, or force "
    "the removal to drop the theme from them",
    HintKind.MOVE_TAGS_FIRST: "{message}; give those tags other themes first",
    HintKind.GIVE_IDS_OR_ALL: "{message}",
    HintKind.SKIP_INVALID_NOTES: "{message}; nothing was imported (the other notes can be "
    "imported without it)",
    HintKind.NAME_VIDEOS: "{message}",
    HintKind.OTHER_OUT_DIR: "{message}; choose another folder",
    HintKind.OTHER_VAULT: "{message}; choose another folder",
    HintKind.GIVE_RANGE_OR_MATCH: "{message}",
    HintKind.RANGE_WITH_MATCH: "{message}",
    HintKind.EXACT_KEEPS_RANGE: "{message} (ask for the exact range to keep it as given)",
    HintKind.REBUILD_INDEX: "{message}; rebuild it",
    HintKind.REFRESH_TO_REPLACE: "{message} (refresh to replace it)",
    HintKind.REFRESH_TO_FETCH: "{message} (refresh to fetch it again)",
    HintKind.INSTALL_MEANING: '{message}; install it with: pip install "aftershock[meaning]"',
    HintKind.INSTALL_SERIES: "{message}; install yt-dlp (the series extra of this package brings it)",
    HintKind.LIST_SERIES: "{message}; list the series the workspace follows",
    HintKind.ADD_SERIES: "{message}; add one with its playlist or channel URL",
    HintKind.CHANNEL_TAB: "{message}; give the channel's videos or streams tab "
    "(its URL ending in /videos or /streams)",
    HintKind.WAIT_LONGER: "{message}; try again once it has finished, or wait longer",
}
"""Each way out in plain words, as a template over ``Hint.fields``."""


def plain_text(message: str, hint: Hint | None) -> str:
    """``message`` with the way out of ``hint`` in plain words."""
    if hint is None:
        return message
    return PLAIN[hint.kind].format_map(hint.fields(message))


@dataclass(frozen=True)
class Notice:
    """A message that is not a failure (a notice of what was done), with its hint."""

    message: str
    hint: Hint | None = None

    def __str__(self) -> str:
        return plain_text(self.message, self.hint)


class AftershockError(Exception):
    """Base class: a failure the user can act on (not a bug).

    ``message`` says what was wrong, in library terms; ``option``, when set,
    names the parameter the message is about, and the message starts with it.
    """

    def __init__(
        self,
        message: str,
        *,
        hint: Hint | None = None,
        video_id: str | None = None,
        path: Path | None = None,
        line: int | None = None,
        cause: str | None = None,
        option: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.video_id = video_id
        self.path = path
        self.line = line
        self.cause = cause
        self.option = option

    def __str__(self) -> str:
        return plain_text(self.message, self.hint)


class InvalidInputError(AftershockError):
    """A value given on the command line or in a file is not valid."""


class NotFoundError(AftershockError):
    """A video, transcript, tag, theme or file that was asked for does not exist."""


class WorkspaceError(AftershockError):
    """The workspace cannot be used as it is (missing, unwritable, locked)."""


class BrokenFileError(AftershockError):
    """A workspace file (YAML or JSON) cannot be read; it is left as it is."""

    def __init__(self, path: Path | str, problem: str, line: int | None = None) -> None:
        self.problem = problem
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(
            f"{where}: {problem}; fix the file by hand (it was left unchanged) and try again",
            path=Path(path),
            line=line,
        )


class UnusableFileError(BrokenFileError):
    """A workspace file is no regular file inside the workspace (a folder, a device, a
    link to nothing or out of the workspace); it is neither read nor replaced."""

    def __init__(self, path: Path | str, what: str, kind: str) -> None:
        self.problem = what
        AftershockError.__init__(
            self,
            f"{path} is {what}, not a {kind}; remove it or put a regular file in its "
            "place (it was left as it is)",
            path=Path(path),
        )


class FetchError(AftershockError):
    """A transcript could not be fetched; the message names the video and the cause."""

    def __init__(self, video_id: str, cause: str, hint: Hint | None = None) -> None:
        super().__init__(f"{video_id}: {cause}", hint=hint, video_id=video_id, cause=cause)
