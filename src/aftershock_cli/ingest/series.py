"""Following a series: remember a playlist or channel, and find what is new in it.

The fetch itself is ``ingest.fetch.fetch_many`` with the listing's metadata;
this module decides which videos to fetch and keeps ``series.yaml`` current.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..core.clock import utc_now
from ..core.errors import Hint, HintKind, InvalidInputError, NotFoundError
from ..core.series import Series, check_series_name
from ..sources.listing import ListedVideo, Listing, is_series_url
from ..workspace.folder import Workspace


@dataclass(frozen=True)
class SyncPlan:
    """What a sync of one series fetches: the listed videos the workspace lacks."""

    series: Series
    listing: Listing
    new: tuple[ListedVideo, ...]


def add_series(ws: Workspace, name: str, url: str) -> Series:
    """Remember the series ``name`` at ``url`` (a playlist or channel URL)."""
    check_series_name(name)
    if not is_series_url(url):
        raise InvalidInputError(
            f"'{url}' is not a YouTube playlist or channel URL; give one such as "
            "https://www.youtube.com/playlist?list=... or https://www.youtube.com/@handle/videos"
        )
    added = Series(name, url.strip())
    with ws.editing_series() as series:
        if any(s.name == name for s in series):
            raise InvalidInputError(f"the workspace follows a series named '{name}' already")
        series.append(added)
    return added


def find_series(ws: Workspace, names: Sequence[str] = ()) -> list[Series]:
    """The series called ``names`` (every series when none is named)."""
    followed = ws.series()
    if not followed:
        raise NotFoundError("the workspace follows no series", hint=Hint(HintKind.ADD_SERIES))
    by_name = {s.name: s for s in followed}
    for name in names:
        if name not in by_name:
            raise NotFoundError(
                f"no series '{name}' in this workspace", hint=Hint(HintKind.LIST_SERIES, name=name)
            )
    return [by_name[n] for n in dict.fromkeys(names)] if names else followed


def plan_sync(ws: Workspace, series: Series, listing: Listing) -> SyncPlan:
    """The listed videos not yet in the workspace, in listing order."""
    stored = set(ws.transcript_ids())
    new = tuple(v for v in listing.videos if v.video_id not in stored)
    return SyncPlan(series, listing, new)


def remember_listing(ws: Workspace, series: Series, listing: Listing) -> Series:
    """Store the listing's title and video ids as the series' last listing."""
    updated = replace(
        series,
        title=listing.title or series.title,
        synced_at=utc_now(),
        videos=tuple(v.video_id for v in listing.videos),
    )
    with ws.editing_series() as followed:
        followed[:] = [updated if s.name == series.name else s for s in followed]
    return updated


def series_videos(ws: Workspace, name: str) -> list[str]:
    """The video ids of the series ``name``'s last listing."""
    (series,) = find_series(ws, [name])
    return list(series.videos)
