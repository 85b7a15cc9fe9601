"""Codebooks in REFI-QDA: write a ``.qdc``, merge one (or a ``.qdpx``'s) into a codebook."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from .. import __version__
from ..core.errors import BrokenFileError, InvalidInputError
from ..core.model import Codebook, Theme, parent_chain
from ..tagging.themes import make_slug
from . import CODEBOOK_NS
from .checks import Checker, ThemeExtra
from .ids import normalize_color, normalize_guid, theme_color, theme_guid
from .package import open_package, require_file
from .xmlutil import kid, kids, local, parse, sub, to_bytes

ORIGIN = f"aftershock {__version__}"


def add_codes(parent: ET.Element, codebook: Codebook, namespace: str) -> dict[str, str]:
    """Append ``<Codes>`` (themes nested under their parents); return slug -> guid."""
    codes = sub(parent, "Codes")
    guids: dict[str, str] = {}

    def add(into: ET.Element, theme: Theme) -> None:
        guid = theme_guid(theme, namespace)
        guids[theme.slug] = guid
        element = sub(
            into,
            "Code",
            guid=guid,
            name=theme.label or theme.slug,
            isCodable="true" if theme.codable else "false",
            color=theme_color(theme),
        )
        if theme.description:
            sub(element, "Description", theme.description)
        for child in codebook.children(theme.slug):
            if child.slug not in guids:
                add(element, child)

    for theme in codebook.roots():
        add(codes, theme)
    for theme in codebook:  # themes caught in a parent cycle: put them at the top
        if theme.slug not in guids:
            add(codes, theme)
    return guids


def codebook_to_qdc(codebook: Codebook, namespace: str) -> bytes:
    """The codebook as a REFI-QDA ``.qdc`` document (``urn:QDA-XML:codebook:1.0``)."""
    if not len(codebook):
        raise InvalidInputError(
            "the codebook has no themes, and a .qdc needs at least one; add a theme first"
        )
    root = ET.Element("CodeBook", {"xmlns": CODEBOOK_NS, "origin": ORIGIN})
    add_codes(root, codebook, namespace)
    return to_bytes(root)


@dataclass(frozen=True)
class Code:
    """A ``<Code>`` as read from a file, with the guid of the code it is nested in."""

    guid: str | None
    name: str
    color: str
    description: str | None
    """Exactly as written (a description of white space only is none)."""
    parent_guid: str | None
    key: int
    """Position in the file, to tell codes apart when guids are missing."""
    parent_key: int | None
    codable: bool = True
    """False for a category (``isCodable="false"``): it groups codes, nothing is coded with it."""


def read_codes(codes: ET.Element, check: Checker) -> list[Code]:
    """Every code under ``<Codes>``, parents before children (a walk without recursion,
    refused past ``MAX_CODE_DEPTH`` levels)."""
    out: list[Code] = []
    stack: list[tuple[ET.Element, Code | None, int]] = [
        (item, None, 1) for item in reversed(list(kids(codes, "Code")))
    ]
    while stack:
        item, parent, depth = stack.pop()
        check.depth(depth, "the codes")
        name = check.line(item.get("name"), f"the name of code {item.get('guid') or '?'}")
        code = Code(
            guid=normalize_guid(item.get("guid")),
            name=name.strip(),
            color=item.get("color") or "",
            description=_description(item, check),
            parent_guid=parent.guid if parent else None,
            key=len(out),
            parent_key=parent.key if parent else None,
            codable=(item.get("isCodable") or "").strip().lower() not in ("false", "0"),
        )
        out.append(code)
        stack.extend((child, code, depth + 1) for child in reversed(list(kids(item, "Code"))))
    return out


def _description(item: ET.Element, check: Checker) -> str | None:
    desc = kid(item, "Description")
    if desc is None:
        return None
    text = check.text(desc.text, f"the description of code {item.get('guid') or '?'}")
    return text if text.strip() else ""


@dataclass
class Merge:
    codebook: Codebook
    report: list[str]
    slugs: dict[str, str]
    """Code guid (of the file) -> theme slug (of the merged codebook)."""


def merge_codes(
    codebook: Codebook, codes: list[Code], extras: Mapping[str, ThemeExtra] | None = None
) -> Merge:
    """Merge ``codes`` into ``codebook``: match by guid, then name; update, never duplicate.

    ``extras`` maps a code guid to aftershock's own fields (slug, page, keywords,
    placeholder) when the file came from aftershock. A placeholder
    (a code exported for a theme its workspace no longer had, named by its slug)
    changes nothing of the theme it matches; it is only added when none does.
    """
    themes = list(codebook.themes)
    extras = extras or {}
    report: list[str] = []
    slugs: dict[str, str] = {}
    by_key: dict[int, str] = {}
    used: set[str] = set()
    counts = {"added": 0, "updated": 0, "linked": 0, "unchanged": 0}

    def index_of(slug: str) -> int:
        return next(i for i, t in enumerate(themes) if t.slug == slug)

    for code in codes:
        if not code.name:
            report.append(f"skipped a code without a name (guid {code.guid or 'none'})")
            continue
        extra = extras.get(code.guid or "") or ThemeExtra()
        parent = by_key.get(code.parent_key) if code.parent_key is not None else None
        color = normalize_color(code.color)
        if code.color and not color:
            report.append(f"ignored colour '{code.color}' of code '{code.name}' (not #RRGGBB)")
        found, by_id = _match(themes, code, extra.slug, used)
        if found is None:
            slug = _free_slug(themes, extra.slug or make_slug(code.name) or "theme")
            if color == theme_color(Theme(slug, code.name)):
                color = None  # the colour aftershock derives from the slug anyway
            theme = Theme(
                slug=slug,
                label=code.name,
                page=extra.page,
                description=code.description or "",
                keywords=extra.keywords,
                parent=parent,
                guid=code.guid or "",
                color=color or "",
                codable=code.codable,
            )
            themes.append(theme)
            where = f", under {parent}" if parent else ""
            kind = "" if code.codable else ", not codable"
            report.append(f"added {slug} ({code.name}{where}{kind})")
            counts["added"] += 1
        elif extra.placeholder:
            theme = found
            counts["unchanged"] += 1
        else:
            old = found
            theme = _updated(old, code, color, parent, by_guid=by_id)
            changes = _changes(old, theme)
            themes[index_of(old.slug)] = theme
            if changes == ["guid"]:
                report.append(f"linked {old.slug} to the code guid {theme.guid}")
                counts["linked"] += 1
            elif changes:
                report.append(
                    f"updated {old.slug} ({', '.join(c for c in changes if c != 'guid')})"
                )
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
        used.add(theme.slug)
        by_key[code.key] = theme.slug
        if code.guid:
            slugs[code.guid] = theme.slug
    merged = Codebook(tuple(_cut_cycles(themes)))
    summary = ", ".join(f"{n} {what}" for what, n in counts.items())
    report.append(f"codebook: {summary}")
    return Merge(merged, report, slugs)


def _match(
    themes: list[Theme], code: Code, slug_hint: str, used: set[str]
) -> tuple[Theme | None, bool]:
    """The theme a code stands for, and whether it was found by its guid or aftershock slug."""
    free = [t for t in themes if t.slug not in used]
    for theme in free:
        if code.guid and normalize_guid(theme.guid) == code.guid:
            return theme, True
    for theme in free:
        if slug_hint and theme.slug == slug_hint:
            return theme, True
    key = code.name.casefold()
    for theme in free:
        if key in (theme.label.casefold(), theme.slug.casefold(), theme.page.casefold()):
            return theme, False
    return None, False


def _updated(old: Theme, code: Code, color: str | None, parent: str | None, by_guid: bool) -> Theme:
    theme = replace(old, guid=code.guid or old.guid)
    if by_guid and code.name.casefold() != old.label.casefold():
        theme = replace(theme, label=code.name)
    if code.description and code.description != old.description:
        theme = replace(theme, description=code.description)
    if color and color != theme_color(old):
        theme = replace(theme, color=color)
    if code.parent_key is not None and parent != old.parent:
        theme = replace(theme, parent=parent)
    if code.codable != old.codable:
        theme = replace(theme, codable=code.codable)
    return theme


def _changes(old: Theme, new: Theme) -> list[str]:
    out = []
    if old.label != new.label:
        out.append(f"label '{old.label}' -> '{new.label}'")
    if old.description != new.description:
        out.append("description")
    if old.color != new.color:
        out.append(f"colour {old.color or 'none'} -> {new.color}")
    if old.parent != new.parent:
        out.append(f"parent {old.parent or 'none'} -> {new.parent or 'none'}")
    if old.codable != new.codable:
        out.append("codable" if new.codable else "not codable")
    if old.guid != new.guid:
        out.append("guid")
    return out


def _free_slug(themes: list[Theme], wanted: str) -> str:
    taken = {t.slug for t in themes}
    slug, n = wanted, 2
    while slug in taken:
        slug, n = f"{wanted}-{n}", n + 1
    return slug


def _cut_cycles(themes: list[Theme]) -> list[Theme]:
    """Clear the parent of a theme whose chain of parents leads back to itself."""
    out = list(themes)
    for i, theme in enumerate(out):
        if parent_chain({t.slug: t.parent for t in out}, theme.slug)[1]:
            out[i] = replace(theme, parent=None)
    return out


def codes_element(path: Path) -> tuple[ET.Element, dict[str, ThemeExtra]]:
    """The ``<Codes>`` of a ``.qdc``, ``.qde`` or ``.qdpx`` file, and aftershock's extras."""
    require_file(path)
    if zipfile.is_zipfile(path):
        with open_package(path) as package:
            root, extras = package.root, package.extras
    else:
        try:
            data = path.read_bytes()
        except OSError as exc:  # as fsutil.read_text words it for .yaml and .csv codebooks
            raise BrokenFileError(path, exc.strerror or str(exc)) from exc
        root, extras = parse(data, str(path)), {}
    holder = root if local(root.tag) == "CodeBook" else kid(root, "CodeBook")
    codes = kid(holder, "Codes") if holder is not None else None
    if codes is None:
        raise InvalidInputError(
            f"{path} holds no codes (no CodeBook/Codes element); is it a REFI-QDA codebook?"
        )
    return codes, Checker(path).theme_extras(extras.get("themes"))


def merge_codebook_file(codebook: Codebook, path: Path) -> tuple[Codebook, list[str]]:
    """Merge the codebook of a ``.qdc`` or ``.qdpx`` into ``codebook``.

    Returns the merged codebook and a report, one line per change.
    """
    codes, extras = codes_element(path)
    found = read_codes(codes, Checker(path))
    if not found:
        raise InvalidInputError(f"{path} holds no codes; nothing to import")
    merge = merge_codes(codebook, found, extras)
    return merge.codebook, merge.report
