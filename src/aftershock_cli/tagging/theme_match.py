"""Which codebook theme a heading or a wikilink of a note means, by its words.

A note's headings are written by people: "Strengthened Relationships and
Feedback Loops" means the theme "Relationships and feedback loops". A name is
matched, in this order, by a mapping the user gave, exactly (slug, label or page,
any case), then by its normalised words: case and accents dropped, stop words
left out, plurals made singular. A theme matches when nearly all of its words are
in the name and the two share most of their words; a name two themes match
equally well matches neither. Each decision is kept, so the import can say what
it chose.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from ..core.model import Codebook, Theme, slugify

STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "the",
        "their",
        "to",
        "with",
        "within",
        "across",
    ]
)
COVER = 0.8
"""Share of a theme's words that must be in the name."""
OVERLAP = 0.5
"""Share of the words of both (Jaccard) that the two must share."""

How = Literal["mapped", "exact", "words", "created", "none"]


def words(text: str) -> frozenset[str]:
    """The normalised words of ``text``: lower-case, no accents, no stop words, singular."""
    flat = unicodedata.normalize("NFKD", text.casefold())
    flat = "".join(c for c in flat if not unicodedata.combining(c))
    return frozenset(_singular(w) for w in re.findall(r"\w+", flat) if w not in STOP_WORDS)


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@dataclass(frozen=True)
class Choice:
    """What a name was taken to mean."""

    name: str
    slug: str | None
    how: How


class ThemeWords:
    """The words of every spelling of each theme (label, slug, page), indexed so that
    a name is compared only with the spellings it could match.

    A spelling of ``t`` words matches only a name holding ``need(t)`` of them (see
    ``COVER``), so any ``t - need(t) + 1`` of its words include one of the name's:
    each spelling is filed under that many of its words, the rarest seen so far (and
    under ``need(t)``), and a name of ``m`` words is compared with the spellings
    filed under its words that need at most ``m``. Built once, then kept up to date
    with ``add`` as themes are added."""

    def __init__(self, themes: Iterable[Theme] = ()) -> None:
        self.spellings: dict[str, list[frozenset[str]]] = {}
        self.themes_of: dict[str, dict[int, set[str]]] = {}
        """word -> words a spelling needs -> the slugs of the spellings filed there."""
        self._seen: dict[str, int] = {}
        for theme in themes:
            self.add(theme)

    def add(self, theme: Theme) -> None:
        """Index a theme (a theme of a slug already indexed is ignored)."""
        if theme.slug in self.spellings:
            return
        found = [words(s) for s in (theme.label, theme.slug.replace("-", " "), theme.page)]
        self.spellings[theme.slug] = [w for w in found if w]
        for word in frozenset().union(*found):
            self._seen[word] = self._seen.get(word, 0) + 1
        for spelling in self.spellings[theme.slug]:
            need = _need(len(spelling))
            rarest = sorted(spelling, key=lambda w: (self._seen[w], w))
            for word in rarest[: len(spelling) - need + 1]:
                self.themes_of.setdefault(word, {}).setdefault(need, set()).add(theme.slug)

    def candidates(self, mine: frozenset[str]) -> set[str]:
        """The slugs of the themes that may match a name of the words ``mine``."""
        found: set[str] = set()
        for word in mine:
            for need, slugs in self.themes_of.get(word, {}).items():
                if need <= len(mine):
                    found |= slugs
        return found


def _need(size: int) -> int:
    """How many of a spelling's ``size`` words a name must hold to match it."""
    return next(n for n in range(size + 1) if n / size >= COVER)


@dataclass
class ThemeMatcher:
    """Matches names to themes of ``codebook``; remembers every choice it made."""

    codebook: Codebook
    mapping: Mapping[str, str] = field(default_factory=dict)
    """Name (any case) -> theme slug, as the user gave them."""
    create_under: str | None = None
    """When set, a name that matches no theme becomes a new theme under this slug."""
    choices: dict[str, Choice] = field(default_factory=dict)
    created: list[Theme] = field(default_factory=list)
    index: ThemeWords | None = None
    """The words of the codebook's themes; given when several matchers share one
    growing codebook (it must hold exactly the codebook's themes), else built."""
    _words: ThemeWords = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._words = self.index if self.index is not None else ThemeWords(self.codebook)

    def slug_for(self, name: str) -> str | None:
        """The slug ``name`` means, or None."""
        name = " ".join(name.split())
        if not name:
            return None
        key = name.casefold()
        if key not in self.choices:
            self.choices[key] = self._choose(name)
        return self.choices[key].slug

    def _choose(self, name: str) -> Choice:
        mapped = {k.casefold(): v for k, v in self.mapping.items()}
        if name.casefold() in mapped:
            return Choice(name, mapped[name.casefold()], "mapped")
        exact = self.codebook.find(name) or self.codebook.find(name.replace("_", " "))
        if exact is not None:
            return Choice(name, exact.slug, "exact")
        by_words = self._by_words(name)
        if by_words is not None:
            return Choice(name, by_words, "words")
        if self.create_under is not None:
            return Choice(name, self._create(name), "created")
        return Choice(name, None, "none")

    def _by_words(self, name: str) -> str | None:
        mine = words(name.replace("_", " "))
        if not mine:
            return None
        scored: list[tuple[float, str]] = []
        for slug in self._words.candidates(mine):
            best = 0.0
            for theirs in self._words.spellings[slug]:
                shared = len(mine & theirs)
                if shared / len(theirs) >= COVER and shared / len(mine | theirs) >= OVERLAP:
                    best = max(best, shared / len(mine | theirs))
            if best:
                scored.append((best, slug))
        scored.sort(reverse=True)
        if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
            return None
        return scored[0][1]

    def _create(self, name: str) -> str:
        slug = slugify(name) or "theme"
        taken = {t.slug for t in self.created}
        base, n = slug, 2
        while slug in taken or slug in self.codebook:
            slug, n = f"{base}-{n}", n + 1
        theme = Theme(slug, name, parent=self.create_under, description="From a note's heading")
        self.created.append(theme)
        self.codebook = self.codebook.with_theme(theme)
        self._words.add(theme)
        return slug
