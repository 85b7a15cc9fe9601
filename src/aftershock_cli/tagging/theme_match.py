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
from collections.abc import Mapping
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
        for theme in self.codebook:
            best = 0.0
            for spelling in (theme.label, theme.slug.replace("-", " "), theme.page):
                theirs = words(spelling)
                if not theirs:
                    continue
                shared = len(mine & theirs)
                if shared / len(theirs) >= COVER and shared / len(mine | theirs) >= OVERLAP:
                    best = max(best, shared / len(mine | theirs))
            if best:
                scored.append((best, theme.slug))
        scored.sort(reverse=True)
        if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
            return None
        return scored[0][1]

    def _create(self, name: str) -> str:
        slug = slugify(name) or "theme"
        taken = {t.slug for t in self.codebook} | {t.slug for t in self.created}
        base, n = slug, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        theme = Theme(slug, name, parent=self.create_under, description="From a note's heading")
        self.created.append(theme)
        self.codebook = self.codebook.with_theme(theme)
        return slug
