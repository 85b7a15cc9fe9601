"""Suggestions across videos, by words, by meaning or both, leaving out rejected ones.

``run_suggestions`` returns typed ``Suggestion`` records, best first, for any
front end (the command line, a web view); ``accept`` turns one into a tag and
``reject`` remembers it in the workspace so that it is not suggested again.

By ``both``, a stretch's score is the mean of its meaning score (``meaning.score``,
at least 0) and its words score divided by ``WORDS_FULL`` (at most 1).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..core.errors import Hint, HintKind, InvalidInputError
from ..core.model import Codebook, Rejection, Tag, Theme, Transcript
from ..core.spoken import covered_text
from ..core.timecode import parse_time
from .meaning import (
    Embedder,
    Profile,
    Stretches,
    cached_files,
    closest,
    score,
    stretches,
    theme_text,
)
from .meaning_examples import tagged_examples
from .plan import Plan, Request, commit, plan_tags
from .suggest import (
    Example,
    Suggestion,
    default_themes,
    score_words,
    suggest,
    theme_terms,
    windows,
    words,
)
from .tags import Draft, add_tags
from .themes import resolve_theme

if TYPE_CHECKING:
    from ..workspace.folder import Workspace
    from .meaning import Vectors

Method = Literal["words", "meaning", "both"]
WORDS_FULL = 12
"""A words score that counts as a full match when words and meaning are combined."""


def pick_themes(codebook: Codebook, names: Sequence[str]) -> list[Theme]:
    """The named themes (each once), or the default ones when none is named."""
    if not names:
        return default_themes(codebook)
    by_slug = {t.slug: t for t in (resolve_theme(codebook, n) for n in names)}
    return list(by_slug.values())


def _with_text(ws: Workspace, video_id: str, strict: bool) -> Transcript | None:
    transcript = ws.load_transcript(video_id)
    if transcript.has_segments:
        return transcript
    if strict:
        raise InvalidInputError(
            f"{video_id} has no transcript text to rank (only note metadata)",
            hint=Hint(HintKind.FETCH_VIDEO, video_id=video_id),
            video_id=video_id,
        )
    return None


def _blocked(
    ws: Workspace, video_id: str, rejected: Sequence[Rejection], tags: Sequence[Tag] | None = None
) -> list[Tag]:
    """The video's tags (``tags`` when already read) and its rejected ranges (as tags):
    stretches not to suggest again."""
    gone = [
        Tag("", video_id, r.start_ms, r.end_ms, (r.theme,))
        for r in rejected
        if r.video_id == video_id
    ]
    return list(ws.load_tags(video_id) if tags is None else tags) + gone


def run_suggestions(
    ws: Workspace,
    video_ids: Sequence[str],
    theme_names: Sequence[str] = (),
    *,
    by: Method = "words",
    top: int = 5,
    window: str = "60s",
    min_score: int = 4,
    embedder: Embedder | None = None,
    step: Callable[[], None] = lambda: None,
) -> list[Suggestion]:
    """The ``top`` best suggestions over the videos, best first (by score, then the
    videos' order, then time, then the themes' order). By meaning, ``step`` is called
    after each tagged video read for examples and each video ranked (the first run
    computes their vectors): ``len(ws.tagged_video_ids()) + len(video_ids)`` calls."""
    themes = pick_themes(ws.codebook(), theme_names)
    window_ms = parse_time(window)
    if window_ms <= 0:
        raise InvalidInputError(f"window must be longer than 0 (got '{window}')", option="window")
    rejected = ws.load_rejections()
    if by == "words" or embedder is None:
        return _by_words(ws, video_ids, themes, rejected, window_ms, min_score, top)
    ranker = _MeaningRanker(ws, themes, rejected, embedder, window_ms, by == "both", step)
    return ranker.run(video_ids, top, step)


def _by_words(
    ws: Workspace,
    video_ids: Sequence[str],
    themes: Sequence[Theme],
    rejected: Sequence[Rejection],
    window_ms: int,
    min_score: int,
    top: int,
) -> list[Suggestion]:
    found: list[tuple[float, int, int, int, Suggestion]] = []
    order = {t.slug: i for i, t in enumerate(themes)}
    for rank, vid in enumerate(video_ids):
        transcript = _with_text(ws, vid, strict=len(video_ids) == 1)
        if transcript is None:
            continue
        blocked = _blocked(ws, vid, rejected)
        for s in suggest(
            transcript, themes, blocked, window_ms=window_ms, min_score=min_score, top=top
        ):
            found.append((-s.score, rank, s.start_ms, order[s.theme], s))
    found.sort(key=lambda f: f[:4])
    return [f[4] for f in found[:top]]


@dataclass
class _Candidate:
    score: float
    rank: int
    start_ms: int
    end_ms: int
    order: int
    video_id: str
    terms: tuple[str, ...]
    vector: Vectors


class _MeaningRanker:
    """Ranks stretches by meaning (and words, for ``both``) for a set of themes."""

    def __init__(
        self,
        ws: Workspace,
        themes: Sequence[Theme],
        rejected: Sequence[Rejection],
        embedder: Embedder,
        window_ms: int,
        with_words: bool,
        step: Callable[[], None] = lambda: None,
    ) -> None:
        self.ws, self.themes, self.rejected = ws, list(themes), list(rejected)
        self.embedder, self.window_ms, self.with_words = embedder, window_ms, with_words
        self._transcripts: dict[str, Transcript] = {}
        self._tags: dict[str, list[Tag]] = {}
        """The tags of every tagged video, read once."""
        self.examples: dict[str, list[Example]] = {t.slug: [] for t in themes}
        self.profiles = self._profiles(step)

    def _transcript(self, video_id: str) -> Transcript:
        if video_id not in self._transcripts:
            self._transcripts[video_id] = self.ws.transcript_or_stub(video_id)
        return self._transcripts[video_id]

    def _text(self, video_id: str, start_ms: int, end_ms: int, note: str = "") -> str:
        return covered_text(self._transcript(video_id), start_ms, end_ms) or note

    def _profiles(self, step: Callable[[], None]) -> list[Profile]:
        """Each theme's profile from its text, the tagged examples (cached vectors) and
        the rejected stretches; also keeps every video's tagged ranges, not to suggest."""
        found = tagged_examples(self.ws, self.embedder, step)
        for r in found.ranges:
            self._tags.setdefault(r.video_id, []).append(
                Tag("", r.video_id, r.start_ms, r.end_ms, r.themes)
            )
        profiles = []
        for theme in self.themes:
            ranges, vectors = found.of_theme(theme.slug)
            self.examples[theme.slug] = [Example(r.video_id, r.start_ms, r.end_ms) for r in ranges]
            gone = [r for r in self.rejected if r.theme == theme.slug]
            text = self.embedder.embed([theme_text(theme)])[0]
            profiles.append(
                Profile(
                    theme.slug,
                    text,
                    vectors if len(vectors) else vectors.reshape(0, len(text)),
                    self.embedder.embed(
                        [self._text(r.video_id, r.start_ms, r.end_ms) for r in gone]
                    ),
                )
            )
        return profiles

    def run(self, video_ids: Sequence[str], top: int, step: Callable[[], None]) -> list[Suggestion]:
        found: list[_Candidate] = []
        files = cached_files(self.ws)
        for rank, vid in enumerate(video_ids):
            step()
            if len(video_ids) == 1:
                _with_text(self.ws, vid, strict=True)
            st = stretches(self.ws, vid, self.embedder, self.window_ms, files)
            if len(st.spans):
                found += self._video(rank, vid, st, top)
        found.sort(key=lambda c: (-c.score, c.rank, c.start_ms, c.order))
        return [self._suggestion(c) for c in found[:top]]

    def _video(self, rank: int, vid: str, st: Stretches, top: int) -> list[_Candidate]:
        import numpy as np

        blocked = _blocked(self.ws, vid, self.rejected, self._tags.get(vid, []))
        tokens = self._tokens(vid) if self.with_words else []
        out: list[_Candidate] = []
        for order, (theme, profile) in enumerate(zip(self.themes, self.profiles, strict=True)):
            scores = score(st.vectors, profile)
            terms_of: list[tuple[str, ...]] = [()] * len(scores)
            if self.with_words:
                terms = theme_terms(theme)
                pairs = [score_words(toks, terms) for toks in tokens]
                mine = np.array([min(1.0, p[0] / WORDS_FULL) for p in pairs], dtype=np.float32)
                scores = ((np.maximum(scores, 0) + mine) / 2).astype(np.float32)
                terms_of = [tuple(p[1]) for p in pairs]
            for tag in blocked:
                if theme.slug in tag.themes:
                    hit = (st.spans[:, 0] < tag.end_ms) & (st.spans[:, 1] > tag.start_ms)
                    scores[hit] = -np.inf
            best = np.argsort(-scores, kind="stable")[:top]
            out += [
                _Candidate(
                    round(float(scores[i]), 3), rank, int(st.spans[i, 0]), int(st.spans[i, 1]),
                    order, vid, terms_of[i], st.vectors[i],
                )
                for i in best
                if np.isfinite(scores[i]) and scores[i] > 0
            ]  # fmt: skip
        return out

    def _tokens(self, vid: str) -> list[list[str]]:
        segments = self._transcript(vid).segments
        cuts = windows(segments, self.window_ms)
        return [words(" ".join(s.text for s in segments[a : b + 1])) for a, b in cuts]

    def _suggestion(self, c: _Candidate) -> Suggestion:
        theme = self.themes[c.order]
        examples = self.examples[theme.slug]
        near = closest(c.vector, self.profiles[c.order].examples)
        return Suggestion(
            c.start_ms,
            c.end_ms,
            theme.slug,
            c.score,
            c.terms,
            covered_text(self._transcript(c.video_id), c.start_ms, c.end_ms),
            c.video_id,
            examples[near] if near >= 0 else None,
        )


def accept(
    ws: Workspace, found: Suggestion, *, coder: str = "", note: str = "", range_text: str = ""
) -> list[Tag]:
    """Tag a suggestion (its own range, or ``range_text`` fitted to the transcript)."""
    if range_text:
        request = Request(range_text, [found.theme], note=note, coder=coder)
        return commit(ws, plan_tags(ws, found.video_id, request))
    plan = Plan(found.video_id, ws.load_transcript(found.video_id))
    plan.drafts = [Draft(found.start_ms, found.end_ms, (found.theme,), note, coder=coder)]
    return commit(ws, plan)


def reject(ws: Workspace, found: Suggestion) -> Rejection:
    """Remember that a suggestion does not fit its theme, so it is not suggested again."""
    gone = Rejection(found.theme, found.video_id, found.start_ms, found.end_ms)
    with ws.editing_rejections() as items:
        if gone not in items:
            items.append(gone)
    return gone


def apply_all(ws: Workspace, found: Sequence[Suggestion], coder: str = "") -> list[Tag]:
    """Tag every suggestion (one tag each, one write per video); returns the new tags."""
    made: list[Tag] = []
    for vid in dict.fromkeys(s.video_id for s in found):
        drafts = [
            Draft(s.start_ms, s.end_ms, (s.theme,), coder=coder) for s in found if s.video_id == vid
        ]
        made += add_tags(ws, vid, drafts)
    return made
