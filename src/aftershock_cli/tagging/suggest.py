"""Ranking stretches of a transcript by how well they fit each theme (auto-coding).

The scoring is deterministic and easy to explain:

1. The transcript is cut into consecutive windows of whole segments, each at
   least ``window_ms`` long (the last one may be shorter).
2. Text is lower-cased and split into words of letters and digits of any
   script (so ``cross-sectoral`` is the two words ``cross sectoral``, and
   ``Behörde`` one word); kana and CJK ideographs, written without spaces, are
   a word each (so the keyword ``信頼`` is a phrase of two). A final ``s`` is
   dropped (``ies`` becomes ``y``) so plurals match.
3. A theme's terms are its keywords (weight 3 for a phrase of several words,
   2 for one word) and the words of its description that are at least four
   letters long and not common words (weight 1).
4. A window's score for a theme is the sum over the terms of weight times the
   number of occurrences, counting at most 3 occurrences of each term.
5. Pairs whose window already overlaps a tag of that theme are skipped; pairs
   scoring below ``min_score`` are dropped; the rest are ranked by score, then
   time, then the codebook's order.

A window's range runs from its first segment's start until its last segment
stops being spoken (``spoken.run_span``), and its text is the words that range
covers, exactly as tagging would print them once the suggestions are applied.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..core.model import Codebook, Segment, Tag, Theme, Transcript
from ..core.spoken import covered_text, run_span
from ..core.timecode import format_range

UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""Kana and CJK ideographs (a character class body): scripts written without spaces."""
_WORD = re.compile(rf"[{UNSPACED}]|[^\W_{UNSPACED}]+")
"""A word: a run of letters and digits of any script, or one kana or ideograph."""
_SINGLE = re.compile(rf"[{UNSPACED}]")
_COMMON = frozenset(
    """about above after again against also among another around because been before
    being below between both could does doing down during each either even every from
    further have having here into itself just many more most much must other over own
    same should some such than that their them then there these they this those through
    under until very what when where which while with within without would your
    ways work working""".split()  # noqa: SIM905 - a word list reads best as text
)
CAP = 3


@dataclass(frozen=True)
class Example:
    """A tagged range that a suggestion by meaning is closest to."""

    video_id: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Suggestion:
    start_ms: int
    end_ms: int
    theme: str
    """Slug of the theme."""
    score: float
    """Words: the keyword score (a whole number); meaning and both: a similarity."""
    terms: tuple[str, ...]
    """The matched terms, the strongest first."""
    text: str
    video_id: str = ""
    like: Example | None = None
    """The closest tagged example of the theme (ranking by meaning with examples)."""

    @property
    def because(self) -> str:
        """Why it is suggested: the closest tagged example, the matching words, or both."""
        parts = []
        if self.like is not None:
            like = self.like
            parts.append(f"like {like.video_id} {format_range(like.start_ms, like.end_ms)}")
        if self.terms:
            parts.append("words: " + ", ".join(self.terms))
        return "; ".join(parts) or "the theme's description"

    def to_json(self) -> dict[str, object]:
        """The suggestion as the command line prints it in JSON and the view's API sends it."""
        return {
            "video_id": self.video_id,
            "start_ms": self.start_ms,
            "end_ms": self.end_ms,
            "theme": self.theme,
            "score": self.score,
            "because": self.because,
            "terms": list(self.terms),
            "text": self.text,
        }


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(unicodedata.normalize("NFC", text).lower())]


def theme_terms(theme: Theme) -> dict[tuple[str, ...], int]:
    """The terms of a theme (as word tuples) and their weights."""
    terms: dict[tuple[str, ...], int] = {}
    for kw in theme.keywords:
        key = tuple(words(kw))
        if key:
            terms[key] = 3 if len(key) > 1 else 2
    for w in _WORD.findall(unicodedata.normalize("NFC", theme.description).lower()):
        if len(w) >= 4 and w not in _COMMON:
            terms.setdefault((_stem(w),), 1)
    return terms


def windows(segments: Sequence[Segment], window_ms: int) -> list[tuple[int, int]]:
    """Consecutive (first, last) segment index pairs, each spanning at least ``window_ms``."""
    out: list[tuple[int, int]] = []
    first = 0
    for i, seg in enumerate(segments):
        if seg.end_ms - segments[first].start_ms >= window_ms:
            out.append((first, i))
            first = i + 1
    if first < len(segments):
        out.append((first, len(segments) - 1))
    return out


def score_words(tokens: Sequence[str], terms: dict[tuple[str, ...], int]) -> tuple[int, list[str]]:
    """The score of a list of words for some terms, and the matched terms (strongest first)."""
    counts: dict[tuple[str, ...], int] = {}
    for i in range(len(tokens)):
        for term in terms:
            if tokens[i] == term[0] and tuple(tokens[i : i + len(term)]) == term:
                counts[term] = counts.get(term, 0) + 1
    parts = sorted(
        ((terms[t] * min(n, CAP), _term_text(t)) for t, n in counts.items()),
        key=lambda p: (-p[0], p[1]),
    )
    return sum(p[0] for p in parts), [p[1] for p in parts]


def _term_text(term: tuple[str, ...]) -> str:
    """The words of a term as written: spaced, except between kana and ideographs."""
    out = term[0]
    for prev, word in pairwise(term):
        out += word if _SINGLE.match(prev) and _SINGLE.match(word) else " " + word
    return out


def default_themes(codebook: Codebook) -> list[Theme]:
    """The themes suggest ranks for when none is named: codable ones without sub-themes."""
    parents = {t.parent for t in codebook if t.parent}
    return [
        t for t in codebook if t.codable and t.slug not in parents and (t.keywords or t.description)
    ]


def suggest(
    transcript: Transcript,
    themes: Iterable[Theme],
    existing: Sequence[Tag] = (),
    *,
    window_ms: int = 60_000,
    min_score: int = 4,
    top: int = 5,
) -> list[Suggestion]:
    """The ``top`` best (window, theme) pairs of a transcript, best first."""
    segments = transcript.segments
    spans = windows(segments, max(1, window_ms))
    tokens = [words(" ".join(s.text for s in segments[a : b + 1])) for a, b in spans]
    ranges = [run_span(segments, a, b) for a, b in spans]
    found: list[tuple[int, int, int, Suggestion]] = []
    for order, theme in enumerate(themes):
        terms = theme_terms(theme)
        if not terms:
            continue
        for (start, end), toks in zip(ranges, tokens, strict=True):
            if any(
                theme.slug in t.themes and t.start_ms < end and t.end_ms > start for t in existing
            ):
                continue
            score, matched = score_words(toks, terms)
            if score < min_score:
                continue
            text = covered_text(transcript, start, end)
            found.append(
                (
                    -score,
                    start,
                    order,
                    Suggestion(
                        start, end, theme.slug, score, tuple(matched), text, transcript.video_id
                    ),
                )
            )
    found.sort(key=lambda f: f[:3])
    return [f[3] for f in found[: max(0, top)]]
