"""The default codebook and the conversion of themes to and from plain data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import BrokenFileError
from .model import Codebook, Theme

PARENT = "public-sector-innovation"

_DEFAULT: tuple[Theme, ...] = (
    Theme(
        PARENT,
        "Public sector innovation and collaboration",
        page="Public sector innovation and collaboration",
        description="How governments innovate and collaborate; groups the themes below.",
        keywords=("public sector innovation", "collaboration", "government"),
    ),
    Theme(
        "cross-silo",
        "Cross-sectoral and cross-silo work",
        page="Intergovernmental and crosssectoral collaboration",
        description="Working across departments, levels of government and sectors; silos "
        "breaking down; joined-up thinking.",
        keywords=(
            "silo",
            "silos",
            "cross-sectoral",
            "joined up",
            "across sectors",
            "across government",
            "levels of government",
            "private sector",
            "non-profit",
        ),
        parent=PARENT,
    ),
    Theme(
        "relationships",
        "Relationships and feedback loops",
        page="Relationships and feedback loops in government",
        description="Trusting relationships between central and local government and "
        "citizens; short feedback loops from the front line.",
        keywords=(
            "relationship",
            "relationships",
            "trust",
            "feedback",
            "feedback loop",
            "vulnerable",
            "frontline",
            "citizens",
        ),
        parent=PARENT,
    ),
    Theme(
        "local-engagement",
        "Local engagement and institutional diversity",
        page="Local engagement and institutional diversity",
        description="Local governments, universities, think tanks and other institutions "
        "beyond the national level; scaling up local practice.",
        keywords=(
            "local",
            "local government",
            "municipal",
            "institutions",
            "universities",
            "think tanks",
            "diversity",
            "scale up",
        ),
        parent=PARENT,
    ),
    Theme(
        "international",
        "International cooperation",
        page="Crossborder collaboration in public sector innovation",
        description="Cooperation across borders and the role of international organisations.",
        keywords=(
            "international",
            "borders",
            "countries",
            "global",
            "cross-border",
            "international organisations",
            "oecd",
        ),
        parent=PARENT,
    ),
    Theme(
        "human-centred",
        "Human-centred design",
        page="Human-centred design in public services",
        description="Services designed around people; rights, privacy and inclusion in "
        "digital government.",
        keywords=(
            "human",
            "human-centred",
            "human-centric",
            "privacy",
            "rights",
            "inclusive",
            "digital",
            "redesign",
            "services",
        ),
        parent=PARENT,
    ),
    Theme(
        "experimentation",
        "Experimentation and learning",
        page="Experimentation and learning in government",
        description="Trying things, learning from them, collective learning and sense-making.",
        keywords=(
            "experiment",
            "experimentation",
            "learning",
            "learn",
            "prototype",
            "hackathon",
            "agile",
            "adaptive",
            "iterate",
        ),
        parent=PARENT,
    ),
    Theme(
        "anticipation",
        "Anticipation and futures",
        page="Anticipatory innovation and futures thinking",
        description="Preparing for future challenges: foresight, futures thinking, systems "
        "approaches.",
        keywords=(
            "future",
            "futures",
            "anticipation",
            "anticipatory",
            "foresight",
            "prepare",
            "systems approach",
            "resilience",
        ),
        parent=PARENT,
    ),
)


def default_codebook() -> Codebook:
    """The codebook a new workspace starts with: the themes of the seed note."""
    return Codebook(_DEFAULT)


def theme_to_dict(theme: Theme) -> dict[str, Any]:
    data: dict[str, Any] = {"slug": theme.slug, "label": theme.label}
    if theme.page:
        data["page"] = theme.page
    if theme.description:
        data["description"] = theme.description
    if theme.keywords:
        data["keywords"] = list(theme.keywords)
    if theme.parent:
        data["parent"] = theme.parent
    if theme.guid:
        data["guid"] = theme.guid
    if theme.color:
        data["color"] = theme.color
    if not theme.codable:
        data["codable"] = False
    return data


def codebook_to_list(codebook: Codebook) -> list[dict[str, Any]]:
    return [theme_to_dict(t) for t in codebook]


def codebook_from_list(items: Any, path: Path | str = "aftershock.yaml") -> Codebook:
    """Build a codebook from the ``themes:`` list of a config or codebook file."""
    if items is None:
        return Codebook()
    if not isinstance(items, Sequence) or isinstance(items, str):
        raise BrokenFileError(path, "'themes' must be a list of themes")
    themes: list[Theme] = []
    seen: set[str] = set()
    for index, item in enumerate(items, 1):
        if not isinstance(item, Mapping) or not item.get("slug"):
            raise BrokenFileError(path, f"theme #{index} needs at least a 'slug'")
        slug = str(item["slug"])
        if slug in seen:
            raise BrokenFileError(path, f"theme '{slug}' is defined twice")
        seen.add(slug)
        keywords = item.get("keywords") or ()
        if isinstance(keywords, str):
            keywords = [keywords]
        if not isinstance(keywords, Sequence):
            raise BrokenFileError(
                path, f"theme '{slug}': 'keywords' must be a list of words and phrases"
            )
        themes.append(
            Theme(
                slug=slug,
                label=str(item.get("label") or slug),
                page=str(item.get("page") or ""),
                description=str(item.get("description") or ""),
                keywords=tuple(str(k) for k in keywords),
                parent=str(item["parent"]) if item.get("parent") else None,
                guid=str(item.get("guid") or ""),
                color=str(item.get("color") or ""),
                codable=_codable(item.get("codable", True), slug, path),
            )
        )
    return Codebook(tuple(themes))


def _codable(value: Any, slug: str, path: Path | str) -> bool:
    if not isinstance(value, bool):
        raise BrokenFileError(path, f"theme '{slug}': 'codable' must be true or false")
    return value
