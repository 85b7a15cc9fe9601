"""Which wikilinks of a note resolve in a vault, as Obsidian resolves them."""

from __future__ import annotations

from pathlib import Path

from ..notes.note import parse_note


def link_resolves(target: str, pages: set[str]) -> bool:
    """Whether a wikilink target names a file of the vault (as Obsidian resolves names)."""
    name = target.split("#", 1)[0].split("^", 1)[0].strip()
    if not name:
        return True
    name = name.rsplit("/", 1)[-1].casefold()
    return name in pages or name.removesuffix(".md") in pages


def vault_pages(folder: Path) -> set[str]:
    """The names a wikilink may use for the files of a vault (case-folded): file names,
    and the ``aliases`` a note declares in its front matter, as Obsidian resolves them."""
    out: set[str] = set()
    for path in folder.rglob("*"):
        if path.is_file() and not any(p.startswith(".") for p in path.relative_to(folder).parts):
            if path.suffix != ".md":
                out.add(path.name.casefold())
                continue
            out.add(path.stem.casefold())
            out.update(alias.casefold() for alias in _aliases(path))
    return out


def _aliases(path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8") as handle:
            head = handle.read(4096)
    except (OSError, UnicodeDecodeError):
        return []
    if not head.startswith("---"):
        return []
    aliases = parse_note(head).front_matter.get("aliases")
    if isinstance(aliases, str):
        return [aliases]
    return [str(a) for a in aliases] if isinstance(aliases, list) else []
