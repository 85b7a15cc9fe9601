"""Where the commands reach outside themselves: YouTube, the search index, the model.

Every command that talks to YouTube (``fetch``, ``fetch --list``, ``check
--fetch``) gets its HTTP session from ``new_session``, and every command that
uses the search index (``search``, ``index``, ``report``) opens it with
``open_index``; every command that lists a playlist or channel (``fetch URL``,
``series sync``) goes through ``list_series``; ``suggest`` loads its model of
meaning with ``load_embedder``. All ask ``SEAMS`` first; None there (the default)
means the library's own ``make_session``, ``SearchIndex``, yt-dlp and
``load_wordllama``. The test suite puts its
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
    from ..tagging.meaning import Embedder


@dataclass
class Seams:
    """What the commands use to reach outside; None means the library's own."""

    new_session: Callable[[str | None], YouTubeSession] | None = None
    """Makes an HTTP session from a ``--proxy`` URL (or None for no proxy)."""
    open_index: Callable[[Path], SearchIndex] | None = None
    """Opens the search index of a workspace folder."""
    load_embedder: Callable[[], Embedder] | None = None
    """Loads the model that ranks by meaning (raises MeaningMissingError without it)."""
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


def load_embedder() -> Embedder:
    """The model that ranks by meaning; MeaningMissingError when the extra is missing."""
    if SEAMS.load_embedder is not None:
        return SEAMS.load_embedder()
    from ..tagging.meaning import load_wordllama

    return load_wordllama()


def list_series(url: str) -> Listing:
    """The videos of a playlist or channel (yt-dlp, or the test suite's recorded listing)."""
    from ..sources.listing import list_series as listing_of

    return listing_of(url, extract=SEAMS.extract_listing)
