"""How well a transcript supports a statement at a moment, and where it supports it best.

The transcript is cut into overlapping windows: one window starts at every
segment and takes the segments that start within the next ``WINDOW_MS``.
Statements and windows are turned into terms (lower-case words, stop words
out, a light suffix stemmer) and each window is scored against a statement
with Okapi BM25. Everything is plain arithmetic on the words: the same input
always gives the same result, and the index of a three-hour transcript is
built once and then answers each statement by touching only the windows that
share a term with it.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .model import Segment

WINDOW_MS = 30_000
"""Length of a scoring window."""
STRIDE_MS = 10_000
"""A new window starts at the first segment this long after the previous window's start."""
ONSET_MS = 12_000
"""Length of the short spans that place the start of the best-matching stretch."""
NEAR_BEFORE_MS = 30_000
NEAR_AFTER_MS = 15_000
"""Windows starting this close around a cited moment count as "the cited moment"."""
FAR_MS = 45_000
"""A better moment must be at least this far from the cited one to be reported."""
K1 = 1.2
B = 0.5

_WORD_RE = re.compile(r"[a-z0-9]+")
_STOP_TEXT = """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing done down during
    each even few for from further get gets getting go goes going gonna got had has have
    having he her here hers him his how i if in into is it its itself just know let like
    lot lots me might more most much must my no nor not now of off oh ok okay on once one
    only or other our out over own really right s said same say says she should so some
    something such t than that the their them then there these they thing things think
    this those through to too uh um under until up us very was way we well were what
    when where which while who whom why will with would yeah yes you your
    """
_STOP_WORDS = frozenset(_STOP_TEXT.split())
_SUFFIXES = (
    ("ational", "at"),
    ("ations", "at"),
    ("ation", "at"),
    ("ities", ""),
    ("ity", ""),
    ("ments", ""),
    ("ment", ""),
    ("ness", ""),
    ("ingly", ""),
    ("edly", ""),
    ("ing", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ed", ""),
    ("ly", ""),
    ("es", ""),
    ("s", ""),
)


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, deterministic English stemmer: enough to match inflected forms."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                break
            word = word[: -len(suffix)] + replacement
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    return word


def terms(text: str) -> list[str]:
    """The terms of a text: lower-case words without stop words, stemmed."""
    words = _WORD_RE.findall(text.lower().replace("'", ""))
    return [stem(w) for w in words if w not in _STOP_WORDS and len(w) > 1]


@dataclass(frozen=True, slots=True)
class Support:
    """How a transcript supports one statement cited at one moment."""

    cited_score: float
    """Best window score near the cited moment."""
    best_score: float
    """Best window score anywhere in the transcript."""
    best_ms: int
    """Where the best-supporting stretch starts (the first matching segment of the best window)."""
    runner_up: float
    """Best score of a window that does not overlap the best one (0 if none)."""
    ideal: float
    """The score a window repeating every term of the statement would approach."""
    query_terms: int
    """How many distinct terms the statement has."""

    @property
    def cited_quality(self) -> float:
        return self.cited_score / self.ideal if self.ideal else 0.0

    @property
    def best_quality(self) -> float:
        return self.best_score / self.ideal if self.ideal else 0.0


class TranscriptIndex:
    """BM25 over overlapping windows of a transcript's segments (build once, query often)."""

    def __init__(self, segments: Sequence[Segment]) -> None:
        segs = sorted(segments, key=lambda s: s.start_ms)
        self.seg_starts: list[int] = [s.start_ms for s in segs]
        seg_terms = [terms(s.text) for s in segs]
        self._seg_sets = [frozenset(t) for t in seg_terms]
        n = len(segs)
        seg_df: Counter[str] = Counter()
        for bag in self._seg_sets:
            seg_df.update(bag)
        self.idf: dict[str, float] = {
            t: math.log(1.0 + (n - df + 0.5) / (df + 0.5)) for t, df in seg_df.items()
        }
        self.starts: list[int] = []
        """Start of each window (ms)."""
        self._first: list[int] = []
        windows: list[Counter[str]] = []
        j = 0
        for i in range(n):
            if self.starts and self.seg_starts[i] < self.starts[-1] + STRIDE_MS:
                continue
            j = max(j, i + 1)
            while j < n and self.seg_starts[j] < self.seg_starts[i] + WINDOW_MS:
                j += 1
            counts: Counter[str] = Counter()
            for k in range(i, j):
                counts.update(seg_terms[k])
            self.starts.append(self.seg_starts[i])
            self._first.append(i)
            windows.append(counts)
        lengths = [sum(c.values()) for c in windows]
        avg = (sum(lengths) / len(lengths)) if lengths else 1.0
        avg = avg or 1.0
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for w, (counts, length) in enumerate(zip(windows, lengths, strict=True)):
            norm = K1 * (1.0 - B + B * length / avg)
            for term, tf in counts.items():
                weight = self.idf[term] * tf * (K1 + 1.0) / (tf + norm)
                self.postings.setdefault(term, []).append((w, weight))

    def __len__(self) -> int:
        return len(self.starts)

    def scores(self, query: Sequence[str]) -> dict[int, float]:
        """The BM25 score of every window sharing a term with the query (others score 0)."""
        out: dict[int, float] = {}
        for term in set(query):
            for w, weight in self.postings.get(term, ()):
                out[w] = out.get(w, 0.0) + weight
        return out

    def assess(self, statement: str, at_ms: int) -> Support | None:
        """How the transcript supports ``statement`` cited at ``at_ms``; None without terms."""
        query = sorted(set(terms(statement)))
        known = [t for t in query if t in self.idf]
        if not self.starts or not known:
            return None
        scores = self.scores(known)
        ideal = sum(self.idf[t] for t in known) * (K1 + 1.0) / 2.0
        first = bisect.bisect_left(self.starts, at_ms - NEAR_BEFORE_MS)
        last = bisect.bisect_right(self.starts, at_ms + NEAR_AFTER_MS)
        if first >= last:  # the cited moment falls in a gap: take the window around it
            first = max(0, bisect.bisect_right(self.starts, at_ms) - 1)
            last = first + 1
        cited = max(scores.get(w, 0.0) for w in range(first, last))
        best = min(scores, key=lambda w: (-scores[w], w))
        lo, hi = self.starts[best] - WINDOW_MS, self.starts[best] + WINDOW_MS
        runner_up = max((s for w, s in scores.items() if not lo < self.starts[w] < hi), default=0.0)
        return Support(
            cited_score=cited,
            best_score=scores[best],
            best_ms=self.onset(self.starts[best], set(known)),
            runner_up=runner_up,
            ideal=ideal,
            query_terms=len(query),
        )

    def onset(self, around_ms: int, query: set[str]) -> int:
        """Where the stretch matching the query starts, near a window start.

        Short spans of ``ONSET_MS`` starting at each segment from a stride before
        to a window after ``around_ms`` are scored by the weight of the query
        terms they hold; the best span that begins on a matching segment wins.
        """
        lo = bisect.bisect_left(self.seg_starts, around_ms - STRIDE_MS)
        hi = bisect.bisect_right(self.seg_starts, around_ms + WINDOW_MS)
        best_key: tuple[float, int] | None = None
        best_ms = around_ms
        for s in range(lo, hi):
            if not self._seg_sets[s] & query:
                continue
            found: set[str] = set()
            k = s
            while k < len(self.seg_starts) and self.seg_starts[k] < self.seg_starts[s] + ONSET_MS:
                found |= self._seg_sets[k] & query
                k += 1
            key = (sum(self.idf[t] for t in found), -s)
            if best_key is None or key > best_key:
                best_key, best_ms = key, self.seg_starts[s]
        return best_ms
