"""Where the commands reach outside themselves: YouTube sessions and the search index.

Every command that talks to YouTube (``fetch``, ``fetch --list``, ``check
--fetch``) gets its HTTP session from ``new_session``, and every command that
uses the search index (``search``, ``index``, ``report``) opens it with
``open_index``; every command that lists a playlist or channel (``fetch URL``,
``series sync``) goes through ``list_series``. All ask ``SEAMS`` first; None there (the default) means the
library's own ``make_session``, ``SearchIndex`` and yt-dlp. The test suite puts its
fakes there through a fixture (``tests/conftest.py``) rather than patching
library modules: sessions that record their retry waits instead of sleeping,
an index that cannot write, one whose build is interrupted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..search.index import SearchIndex
    from ..sources.listing import Listing
    from ..sources.youtube_http import YouTubeSession


@dataclass
class Seams:
    """What the commands use to reach outside; None means the library's own."""

    new_session: Callable[[str | None], YouTubeSession] | None = None
    """Makes an HTTP session from a ``--proxy`` URL (or None for no proxy)."""
    open_index: Callable[[Path], SearchIndex] | None = None
    """Opens the search index of a workspace folder."""
    extract_listing: Callable[[str], Mapping[str, Any]] | None = None
    """Lists a playlist or channel URL the way yt-dlp's flat extraction does."""


SEAMS = Seams()


def new_session(proxy: str | None) -> YouTubeSession:
    """An HTTP session for YouTube (a bad proxy URL raises InvalidInputError)."""
    if SEAMS.new_session is not None:
        return SEAMS.new_session(proxy)
    from ..sources.youtube_http import make_session

    return make_session(proxy)


def open_index(root: Path) -> SearchIndex:
    """The search index of the workspace at ``root`` (opened on first use)."""
    if SEAMS.open_index is not None:
        return SEAMS.open_index(root)
    from ..search.index import SearchIndex

    return SearchIndex(root)


def list_series(url: str) -> Listing:
    """The videos of a playlist or channel (yt-dlp, or the test suite's recorded listing)."""
    from ..sources.listing import list_series as listing_of

    return listing_of(url, extract=SEAMS.extract_listing)
