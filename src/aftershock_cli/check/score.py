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

from ..core.model import Segment

WINDOW_MS = 30_000
"""Length of a scoring window."""
STRIDE_MS = 10_000
"""A new window starts at the first segment this long after the previous window's start."""
SPAN_MS = 15_000
"""Length of the short spans whose cover of a statement is compared."""
CANDIDATES = 5
"""How many of the best BM25 regions are examined span by span."""
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
    """How a transcript supports one statement cited at one moment.

    Support is a *cover*: the idf-weighted share of the statement's terms (those
    the transcript uses at all) that a short span of the transcript holds.
    """

    cited: float
    """Best cover of a span starting near the cited moment."""
    best: float
    """Best cover of a span in the regions where BM25 ranks the statement highest."""
    best_ms: int
    """Start of that best span."""
    runner_up: float
    """Best cover of a span at least a window away from the best one (0 if none)."""
    query_terms: int
    """How many distinct terms of the statement the transcript uses."""


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
        for term in sorted(set(query)):  # a fixed order: float sums then never differ
            for w, weight in self.postings.get(term, ()):
                out[w] = out.get(w, 0.0) + weight
        return out

    def assess(self, statement: str, at_ms: int) -> Support | None:
        """How the transcript supports ``statement`` cited at ``at_ms``; None without terms."""
        query = {t for t in terms(statement) if t in self.idf}
        if not self.starts or not query:
            return None
        weights = {t: self.idf[t] for t in query}
        total = math.fsum(weights.values())
        scores = self.scores(sorted(query))
        cited_ms, cited = self.best_span(at_ms - NEAR_BEFORE_MS, at_ms + NEAR_AFTER_MS, weights)
        del cited_ms
        places: list[tuple[float, int]] = []
        for w in sorted(scores, key=lambda w: (-scores[w], w)):
            start = self.starts[w]
            if any(abs(start - ms) < WINDOW_MS for _, ms in places):
                continue
            ms, cover = self.best_span(start - STRIDE_MS, start + WINDOW_MS, weights)
            places.append((cover, ms))
            if len(places) == CANDIDATES:
                break
        best, best_ms = max(places, key=lambda p: (p[0], -p[1]))
        runner_up = max((c for c, ms in places if abs(ms - best_ms) >= WINDOW_MS), default=0.0)
        return Support(
            cited=cited / total,
            best=best / total,
            best_ms=best_ms,
            runner_up=runner_up / total,
            query_terms=len(query),
        )

    def best_span(self, from_ms: int, to_ms: int, weights: dict[str, float]) -> tuple[int, float]:
        """The span of ``SPAN_MS`` starting between two times whose terms weigh most.

        Returns its start and its weight. Spans start on segments that hold a
        term of the query; among equal spans the latest wins, since an earlier
        start only adds words before the matching stretch.
        """
        lo = bisect.bisect_left(self.seg_starts, from_ms)
        hi = bisect.bisect_right(self.seg_starts, to_ms)
        best_ms, best = max(0, from_ms), 0.0
        query = weights.keys()
        for s in range(lo, hi):
            if not self._seg_sets[s] & query:
                continue
            found: set[str] = set()
            k = s
            end = self.seg_starts[s] + SPAN_MS
            while k < len(self.seg_starts) and self.seg_starts[k] < end:
                found |= self._seg_sets[k] & query
                k += 1
            weight = math.fsum(weights[t] for t in found)
            if weight >= best:
                best_ms, best = self.seg_starts[s], weight
        return best_ms, best
