"""The codebook's themes: naming them on the command line, and changing the codebook.

Changes that touch tags (rename, remove) hold the codebook's lock throughout,
read every tag file before writing any (so a broken file stops them before they
change anything), rewrite each tag file under its own lock, and the codebook
last, so that a run interrupted part-way can simply be repeated.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..core.errors import Hint, HintKind, InvalidInputError
from ..core.model import Codebook, Tag, Theme, parent_chain, slugify

if TYPE_CHECKING:
    from ..workspace.folder import Workspace

_SLUG_OK = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_COLOR_OK = re.compile(r"^#[0-9A-Fa-f]{6}$")
PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
)


def resolve_theme(codebook: Codebook, name: str, *, create_hint: bool = False) -> Theme:
    """The theme named by slug, label, page or an unambiguous prefix, case-insensitively.

    Prefixes of slugs are tried first, then prefixes of labels and pages.

    Raises InvalidInputError listing the closest themes when the name is unknown
    or matches several themes; with ``create_hint`` its hint adds that the theme
    could be created, for callers that can do so.
    """
    exact = codebook.find(name)
    if exact is not None:
        return exact
    key = name.strip().casefold()
    if not key:
        raise InvalidInputError(
            "a theme name is empty; give a theme's slug, label or the start of one",
            hint=Hint(HintKind.LIST_THEMES_ASIDE),
        )
    hits = _prefix_hits(codebook, key)
    if len(hits) == 1:
        return hits[0]
    if hits:
        listed = ", ".join(t.slug for t in hits[:8])
        raise InvalidInputError(
            f"theme '{name}' is ambiguous: it could be {listed}; type more of the name"
        )
    closest = _closest(codebook, key)
    message = f"no theme '{name}' in the codebook"
    if closest:
        kind = HintKind.ADD_OR_CREATE_THEME if create_hint else HintKind.ADD_THEME
        message += f"; closest: {', '.join(closest)}"
    else:
        kind = HintKind.LIST_OR_ADD_OR_CREATE_THEMES if create_hint else HintKind.LIST_OR_ADD_THEMES
    raise InvalidInputError(message, hint=Hint(kind, name=name))


def _prefix_hits(codebook: Codebook, key: str) -> list[Theme]:
    """Themes whose slug starts with ``key``; failing that, whose label or page does."""
    hits = [t for t in codebook if t.slug.casefold().startswith(key)]
    return hits or [t for t in codebook if any(n.startswith(key) for n in _names(t))]


def _names(theme: Theme) -> list[str]:
    return [n.casefold() for n in (theme.slug, theme.label, theme.page) if n]


def _closest(codebook: Codebook, key: str) -> list[str]:
    """The slugs of up to three themes whose names are close to ``key``."""
    by_name: dict[str, str] = {}
    for theme in codebook:
        for n in _names(theme):
            by_name.setdefault(n, theme.slug)
    near = difflib.get_close_matches(key, list(by_name), n=8, cutoff=0.5)
    parts = [w for w in re.split(r"[^a-z0-9]+", key) if len(w) >= 3]
    near += [n for n in by_name if n not in near and (key in n or any(w in n for w in parts))]
    return list(dict.fromkeys(by_name[n] for n in near))[:3]


def resolve_names(
    codebook: Codebook, names: Sequence[str], *, create: bool = False
) -> tuple[Codebook, list[str]]:
    """Slugs for ``names`` (duplicates dropped); with ``create``, unknown names become themes.

    Returns the (possibly extended) codebook and the slugs in the order given.
    """
    slugs: list[str] = []
    for name in names:
        key = name.strip().casefold()
        known = not key or codebook.find(name) is not None or bool(_prefix_hits(codebook, key))
        if known or not create:  # only an unknown name is created, never an ambiguous one
            theme = codable(codebook, resolve_theme(codebook, name, create_hint=True))
        else:
            slug = make_slug(name)
            if not slug:
                raise InvalidInputError(
                    f"cannot make a theme slug from '{name}'",
                    hint=Hint(HintKind.ADD_THEME_BY_SLUG, name=name.strip()),
                )
            found = codebook.find(slug)
            theme = codable(codebook, found) if found else Theme(slug, name.strip())
            codebook = codebook.with_theme(theme)
        if theme.slug not in slugs:
            slugs.append(theme.slug)
    return codebook, slugs


def codable(codebook: Codebook, theme: Theme) -> Theme:
    """``theme``, when tags may use it; a grouping theme is refused, naming its themes."""
    if theme.codable:
        return theme
    under = [t.slug for t in codebook if t.parent == theme.slug and t.codable]
    listed = ", ".join(under[:8]) + (", ..." if len(under) > 8 else "")
    way = f"tag with a theme under it ({listed})" if under else "tag with another theme"
    raise InvalidInputError(f"theme '{theme.slug}' groups other themes and is not codable; {way}")


def make_slug(text: str) -> str:
    """The slug a new theme named ``text`` gets (themes created by tagging, codebook imports):
    ``Vertrauen in Behörden`` -> ``vertrauen-in-behorden``, ``Straße`` -> ``strasse``.

    Accents are dropped so that the letters stay; empty when no letter or digit
    of the Latin alphabet is left (as for ``信頼``).
    """
    folded = unicodedata.normalize("NFKD", text.casefold())
    return slugify(folded.encode("ascii", "ignore").decode("ascii"))


def check_slug(slug: str) -> str:
    if not _SLUG_OK.match(slug):
        raise InvalidInputError(
            f"'{slug}' is not a theme slug (lower-case letters, digits and single hyphens); "
            f"try '{make_slug(slug) or 'my-theme'}'"
        )
    return slug


def _check_theme(codebook: Codebook, theme: Theme) -> None:
    if theme.color and not _COLOR_OK.match(theme.color):
        raise InvalidInputError(f"colour '{theme.color}' is not #RRGGBB (as in #1f77b4)")
    if theme.parent is None:
        return
    if theme.parent not in codebook:
        raise InvalidInputError(
            f"parent theme '{theme.parent}' is not in the codebook; add it first"
        )
    parents = {t.slug: t.parent for t in codebook} | {theme.slug: theme.parent}
    if parent_chain(parents, theme.slug)[1]:
        raise InvalidInputError(
            f"'{theme.parent}' cannot be the parent of '{theme.slug}': "
            "that would make a loop in the hierarchy"
        )


def add_theme(codebook: Codebook, theme: Theme) -> Codebook:
    """The codebook with a new theme; raises if the slug exists or the parent is unknown."""
    check_slug(theme.slug)
    if theme.slug in codebook:
        raise InvalidInputError(
            f"theme '{theme.slug}' already exists",
            hint=Hint(HintKind.EDIT_THEME, name=theme.slug),
        )
    _check_theme(codebook, theme)
    return codebook.with_theme(theme)


def edit_theme(codebook: Codebook, slug: str, **changes: Any) -> Codebook:
    """The codebook with fields of one theme replaced (``None`` values are left alone)."""
    theme = codebook.get(slug)
    updates = {k: v for k, v in changes.items() if v is not None}
    if updates.get("parent") == "":
        updates["parent"] = None
    new = replace(theme, **updates)
    _check_theme(codebook, new)
    return codebook.with_theme(new)


def check_can_group(ws: Workspace, theme: Theme) -> None:
    """Refuse to make ``theme`` a grouping theme (not codable: it orders its
    sub-themes and no tag holds it) while tags hold it."""
    if not theme.codable:
        return
    loaded = _load_every_tag_file(ws)
    used = sum(theme.slug in t.themes for tags in loaded.values() for t in tags)
    if used:
        raise InvalidInputError(
            f"theme '{theme.slug}' is used by {used} tag{'s' if used != 1 else ''}, "
            "and a grouping theme holds none",
            hint=Hint(HintKind.MOVE_TAGS_FIRST, name=theme.slug),
        )


def theme_color(theme: Theme) -> str:
    """The theme's colour: its own ``color``, else one of ``PALETTE`` derived from the slug
    (two themes may share it; ``theme_colors`` tells a codebook's themes apart)."""
    return theme.color or PALETTE[_palette_index(theme.slug)]


def theme_colors(codebook: Codebook) -> dict[str, str]:
    """Each theme's colour, no two alike while the palette lasts: its own ``color``, else
    the palette colour its slug picks, or, when a theme earlier in the codebook has that
    one, the next colour nobody has (so adding a theme never recolours the others)."""
    taken = {t.color.lower() for t in codebook if t.color}
    out: dict[str, str] = {}
    for theme in codebook:
        if theme.color:
            out[theme.slug] = theme.color
            continue
        first = _palette_index(theme.slug)
        ring = [PALETTE[(first + k) % len(PALETTE)] for k in range(len(PALETTE))]
        colour = next((c for c in ring if c not in taken), ring[0])
        taken.add(colour)
        out[theme.slug] = colour
    return out


def _palette_index(slug: str) -> int:
    return hashlib.sha1(slug.encode("utf-8")).digest()[0] % len(PALETTE)


def descendants(codebook: Codebook, slugs: Iterable[str]) -> set[str]:
    """The given slugs and every theme below them in the hierarchy."""
    out = set(slugs)
    grew = True
    while grew:
        grew = False
        for theme in codebook:
            if theme.parent in out and theme.slug not in out:
                out.add(theme.slug)
                grew = True
    return out


def tag_counts(ws: Workspace) -> dict[str, int]:
    """How many tags use each theme slug, across the workspace."""
    counts: dict[str, int] = {}
    for video_id in ws.tagged_video_ids():
        for tag in ws.load_tags(video_id):
            for slug in set(tag.themes):
                counts[slug] = counts.get(slug, 0) + 1
    return counts


def rename_theme(ws: Workspace, old: str, new: str) -> int:
    """Give a theme a new slug; every tag and child theme follows. Returns tags changed.

    The codebook stays locked from start to end, and every tag file is read
    before the first is written, so a broken file stops the rename before it
    changes anything.
    """
    theme = resolve_theme(ws.codebook(), old)
    check_slug(new)
    if new == theme.slug:
        return 0
    with ws.editing_config() as config:
        theme = resolve_theme(config.codebook, old)
        if new in config.codebook:
            raise InvalidInputError(f"theme '{new}' already exists; choose another slug")
        changed = _rewrite_tags(ws, _load_every_tag_file(ws), {theme.slug: new})
        config.codebook = Codebook(
            tuple(
                replace(
                    t,
                    slug=new if t.slug == theme.slug else t.slug,
                    parent=new if t.parent == theme.slug else t.parent,
                )
                for t in config.codebook
            )
        )
    return changed


def remove_theme(
    ws: Workspace, name: str, *, reassign: str | None = None, force: bool = False
) -> tuple[Theme, int, int]:
    """Remove a theme from the codebook; its children move up to its parent.

    Refused while tags use it, unless ``reassign`` (their tags get that theme
    instead) or ``force`` (the theme is dropped from tags; tags that had only
    this theme are deleted). Returns the theme, tags changed, tags deleted.
    Like ``rename_theme``, it reads every tag file before writing any.
    """
    with ws.editing_config() as config:
        theme = resolve_theme(config.codebook, name)
        target = resolve_theme(config.codebook, reassign).slug if reassign else None
        if target == theme.slug:
            raise InvalidInputError(f"cannot reassign the tags of '{theme.slug}' to itself")
        loaded = _load_every_tag_file(ws)
        used = sum(theme.slug in t.themes for tags in loaded.values() for t in tags)
        if used and target is None and not force:
            raise InvalidInputError(
                f"theme '{theme.slug}' is used by {used} tag{'s' if used != 1 else ''}",
                hint=Hint(HintKind.REASSIGN_OR_FORCE, name=theme.slug),
            )
        changed = deleted = 0
        if target is not None:
            changed = _rewrite_tags(ws, loaded, {theme.slug: target})
        elif used:
            changed, deleted = _strip_theme(ws, loaded, theme.slug)
        config.codebook = Codebook(
            tuple(
                replace(t, parent=theme.parent) if t.parent == theme.slug else t
                for t in config.codebook
                if t.slug != theme.slug
            )
        )
    return theme, changed, deleted


def _load_every_tag_file(ws: Workspace) -> dict[str, list[Tag]]:
    """The tags of every video; raises on the first broken file, before anything is written."""
    return {video_id: ws.load_tags(video_id) for video_id in ws.tagged_video_ids()}


def _rewrite_tags(ws: Workspace, loaded: dict[str, list[Tag]], mapping: dict[str, str]) -> int:
    changed = 0
    for video_id, tags in loaded.items():
        if not any(set(t.themes) & set(mapping) for t in tags):
            continue
        with ws.editing_tags(video_id) as tf:  # read again: it may have changed since
            for i, tag in enumerate(tf.tags):
                if set(tag.themes) & set(mapping):
                    themes = list(dict.fromkeys(mapping.get(s, s) for s in tag.themes))
                    tf.tags[i] = replace(tag, themes=tuple(themes))
                    changed += 1
    return changed


def _strip_theme(ws: Workspace, loaded: dict[str, list[Tag]], slug: str) -> tuple[int, int]:
    changed = deleted = 0
    for video_id, tags in loaded.items():
        if not any(slug in t.themes for t in tags):
            continue
        with ws.editing_tags(video_id) as tf:  # read again: it may have changed since
            kept = []
            for tag in tf.tags:
                if slug not in tag.themes:
                    kept.append(tag)
                    continue
                rest = tuple(s for s in tag.themes if s != slug)
                if rest:
                    kept.append(replace(tag, themes=rest))
                    changed += 1
                else:
                    deleted += 1
            tf.tags[:] = kept
    return changed, deleted


def workspace_namespace(ws: Workspace) -> str:
    """A stable id of this workspace, used as the namespace of REFI-QDA guids.

    It is the ``workspace_id`` setting (``init`` writes one) so that exports of
    the same codebook keep the same ids. A folder without that setting gets an
    id derived from its path instead: nothing is written, so exporting never
    turns a plain folder into a workspace.
    """
    current = ws.setting("workspace_id")
    if current:
        return str(current)
    return str(uuid.uuid5(uuid.NAMESPACE_URL, ws.root.resolve().as_uri()))
