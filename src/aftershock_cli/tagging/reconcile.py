"""Consensus tags from several coders' tags of one video, written under a new coder name.

For each theme the video's time is cut where any coder's tag of it starts or
ends. A piece that every coder marked is kept, one nobody marked is left out,
and a run of neighbouring pieces marked by the same coders (some, not all) is
a *stretch* where the coders differ: a rule (union, intersection, majority) or
a person's choice decides it. The kept time becomes tags of the new coder, one
per range, carrying every theme kept over exactly that range; the originals stay.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

from ..core.clock import utc_now
from ..core.errors import InvalidInputError
from ..core.model import Tag
from ..core.spoken import merged_ranges

if TYPE_CHECKING:
    from ..workspace.folder import Workspace

Rule = Literal["union", "intersection", "majority"]
RULES: tuple[Rule, ...] = ("union", "intersection", "majority")

Piece = tuple[int, int, tuple[str, ...]]
"""(start ms, end ms, the coders who marked it, in the order of the coders)."""


@dataclass(frozen=True)
class Stretch:
    """Time of one theme where the coders differ."""

    theme: str
    start_ms: int
    end_ms: int
    marked_by: tuple[str, ...]
    not_marked_by: tuple[str, ...]

    @property
    def key(self) -> str:
        """Names the stretch in saved progress: theme and times."""
        return f"{self.theme}@{self.start_ms}-{self.end_ms}"


@dataclass(frozen=True)
class Choice:
    """What to keep of a stretch: all of it, nothing, or the range given instead."""

    keep: bool
    range_ms: tuple[int, int] | None = None


@dataclass(frozen=True)
class Consensus:
    """A range of the consensus and the themes kept over it."""

    start_ms: int
    end_ms: int
    themes: tuple[str, ...]
    note: str


def _pieces(tags: Sequence[Tag], coders: Sequence[str], theme: str) -> list[Piece]:
    """Time cut at every boundary of the coders' tags of ``theme``, with who marked each piece."""
    ranges = [(t.start_ms, t.end_ms, t.coder) for t in tags if theme in t.themes]
    bounds = sorted({b for s, e, _ in ranges for b in (s, e)})
    out: list[Piece] = []
    for start, end in pairwise(bounds):
        who = frozenset(c for s, e, c in ranges if s < end and e > start)
        if who:
            out.append((start, end, tuple(c for c in coders if c in who)))
    return out


def _runs(pieces: list[Piece], coders: Sequence[str]) -> list[Piece]:
    """Neighbouring pieces with the same coders joined; pieces all coders marked included."""
    runs: list[Piece] = []
    for start, end, who in pieces:
        if runs and runs[-1][1] == start and runs[-1][2] == who:
            runs[-1] = (runs[-1][0], end, who)
        else:
            runs.append((start, end, who))
    return runs


def themes_of(tags: Sequence[Tag]) -> list[str]:
    return list(dict.fromkeys(slug for t in tags for slug in t.themes))


def stretches(tags: Sequence[Tag], coders: Sequence[str]) -> list[Stretch]:
    """Where the coders differ, theme by theme in the order the tags name them, in time order."""
    mine = [t for t in tags if t.coder in coders]
    found = []
    for theme in themes_of(mine):
        for start, end, who in _runs(_pieces(mine, coders, theme), coders):
            if len(who) < len(coders):
                others = tuple(c for c in coders if c not in who)
                found.append(Stretch(theme, start, end, who, others))
    return found


def by_rule(rule: Rule, marked: int, coders: int) -> bool:
    """Whether a rule keeps time that ``marked`` of ``coders`` coders marked."""
    if rule == "union":
        return marked > 0
    if rule == "intersection":
        return marked == coders
    return 2 * marked > coders


def consensus(
    tags: Sequence[Tag],
    coders: Sequence[str],
    rule: Rule | None = None,
    choices: Mapping[str, Choice] | None = None,
) -> list[Consensus]:
    """The consensus ranges: agreed time, plus the stretches the rule or the choices keep
    (a stretch without a choice is left out when there is no rule)."""
    mine = [t for t in tags if t.coder in coders]
    kept: dict[tuple[int, int], list[str]] = {}
    for theme in themes_of(mine):
        ranges: list[tuple[int, int]] = []
        for start, end, who in _runs(_pieces(mine, coders, theme), coders):
            if len(who) == len(coders) or (rule and by_rule(rule, len(who), len(coders))):
                ranges.append((start, end))
                continue
            choice = (choices or {}).get(Stretch(theme, start, end, who, ()).key)
            if choice is not None and choice.range_ms is not None:
                ranges.append(choice.range_ms)
            elif choice is not None and choice.keep:
                ranges.append((start, end))
        for span in merged_ranges(ranges):
            kept.setdefault(span, []).append(theme)
    return [
        Consensus(s, e, tuple(themes), _note(mine, coders, s, e))
        for (s, e), themes in sorted(kept.items())
    ]


def _note(tags: Sequence[Tag], coders: Sequence[str], start: int, end: int) -> str:
    """The note of the original tag that overlaps the range most (ties: the first coder's)."""
    best = max(
        (t for t in tags if t.note and t.start_ms < end and t.end_ms > start),
        key=lambda t: (min(t.end_ms, end) - max(t.start_ms, start), -coders.index(t.coder)),
        default=None,
    )
    return best.note if best else ""


def check_coders(coders: Sequence[str], into: str) -> None:
    if len(set(coders)) < 2:
        raise InvalidInputError("reconciling needs two or more different coders")
    if not into.strip():
        raise InvalidInputError("the consensus needs a coder name of its own")
    if into in coders:
        raise InvalidInputError(
            f"the consensus coder '{into}' is one of the coders reconciled; "
            "choose a new name so that the originals stay"
        )


def write_consensus(
    ws: Workspace, video_id: str, into: str, ranges: Sequence[Consensus], *, replace: bool
) -> list[Tag]:
    """Add the consensus as tags of ``into`` in one locked, atomic write; an earlier
    consensus of ``into`` on the video is replaced only when ``replace`` is set."""
    created = utc_now()
    with ws.editing_tags(video_id) as tf:
        earlier = [t for t in tf.tags if t.coder == into]
        if earlier and not replace:
            raise InvalidInputError(
                f"{video_id} already has {len(earlier)} tag(s) of '{into}'; "
                "replace them or choose another name for the consensus"
            )
        tf.tags[:] = [t for t in tf.tags if t.coder != into]
        taken = {t.id for t in tf.tags}
        added = []
        for item in ranges:
            tag_id = ws.new_tag_id(video_id, taken)
            taken.add(tag_id)
            tag = Tag(
                tag_id,
                video_id,
                item.start_ms,
                item.end_ms,
                item.themes,
                item.note,
                coder=into,
                created=created,
            )
            tf.tags.append(tag)
            added.append(tag)
    return added
