"""Where the commands reach YouTube: the one place that makes their HTTP sessions.

Every command that talks to YouTube (``fetch``, ``fetch --list``, ``check
--fetch``) gets its session from ``new_session``, which asks ``SEAMS`` first;
None there (the default) means the library's ``make_session``. The test suite
puts its own session maker there through a fixture (``tests/conftest.py``), for
sessions that record their retry waits instead of sleeping, rather than
patching library modules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..sources.youtube_http import YouTubeSession


@dataclass
class Seams:
    """What the commands use to reach the network; None means the library's own."""

    new_session: Callable[[str | None], YouTubeSession] | None = None
    """Makes an HTTP session from a ``--proxy`` URL (or None for no proxy)."""


SEAMS = Seams()


def new_session(proxy: str | None) -> YouTubeSession:
    """An HTTP session for YouTube (a bad proxy URL raises InvalidInputError)."""
    if SEAMS.new_session is not None:
        return SEAMS.new_session(proxy)
    from ..sources.youtube_http import make_session

    return make_session(proxy)
