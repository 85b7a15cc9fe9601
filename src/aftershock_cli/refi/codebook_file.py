"""Sharing a codebook: writing it as YAML or CSV, and merging one in from a file.

A YAML codebook file is either ``themes: [...]`` (as in ``aftershock.yaml``) or
a bare list of themes. A CSV codebook has a header row with the columns
``slug,label,page,description,keywords,parent,color,guid,codable`` (only ``slug``
is required); keywords are separated by ``;``, and ``codable`` is ``true`` or
``false`` (a grouping theme). REFI-QDA files (``.qdc``, ``.qdpx``)
are read by ``refi.codebook``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.codebook import codebook_from_list, codebook_to_list
from ..core.errors import BrokenFileError, InvalidInputError
from ..core.model import Codebook, Theme, parent_chain
from ..files import fsutil
from ..tagging.themes import check_slug, workspace_namespace
from .codebook import codebook_to_qdc, merge_codebook_file

if TYPE_CHECKING:
    from ..workspace.folder import Workspace

CSV_COLUMNS = (
    "slug",
    "label",
    "page",
    "description",
    "keywords",
    "parent",
    "color",
    "guid",
    "codable",
)
_COMPARED = tuple(f.name for f in fields(Theme) if f.name != "slug")


def codebook_to_yaml(codebook: Codebook, header: str = "# aftershock codebook\n") -> str:
    """The codebook as a YAML file that starts with the comment ``header``."""
    return header + fsutil.dump_yaml({"themes": codebook_to_list(codebook)})


def codebook_to_csv(codebook: Codebook) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for t in codebook:
        writer.writerow(
            [
                t.slug,
                t.label,
                t.page,
                t.description,
                "; ".join(t.keywords),
                t.parent or "",
                t.color,
                t.guid,
                "true" if t.codable else "false",
            ]
        )
    return out.getvalue()


def read_codebook_file(path: Path) -> Codebook:
    """A codebook from a ``.yaml``/``.yml`` or ``.csv`` file."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        data = fsutil.load_yaml(path)
        items = data.get("themes") if isinstance(data, Mapping) else data
        if items is None:
            raise BrokenFileError(path, "holds no themes (expected 'themes:' and a list)")
        return codebook_from_list(items, path)
    if suffix == ".csv":
        return codebook_from_list(_csv_rows(path), path)
    kind = f"a '{suffix}' file" if suffix else "a file without an extension"
    raise InvalidInputError(
        f"{path}: cannot read a codebook from {kind}; give a .yaml, .csv, .qdc or .qdpx file"
    )


def _csv_rows(path: Path) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(fsutil.read_text(path, "CSV file")))
    if not reader.fieldnames or "slug" not in [f.strip() for f in reader.fieldnames]:
        raise BrokenFileError(path, "the first row must name the columns, with at least 'slug'", 1)
    rows = []
    for row in reader:
        item = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k}
        if not item.get("slug"):
            raise BrokenFileError(path, "a row has no slug", reader.line_num)
        kw = item.get("keywords", "")
        item["keywords"] = [k.strip() for k in kw.split(";") if k.strip()]
        codable = item.pop("codable", "").casefold()
        if codable in ("false", "no", "0"):
            item["codable"] = False
        elif codable not in ("", "true", "yes", "1"):
            raise BrokenFileError(
                path, f"'codable' must be true or false, not '{codable}'", reader.line_num
            )
        rows.append(item)
    return rows


def merge_codebooks(base: Codebook, incoming: Codebook) -> tuple[Codebook, list[str]]:
    """``base`` with the themes of ``incoming`` added or updated (by slug), and a report."""
    book = base
    report: list[str] = []
    for theme in incoming:
        try:
            check_slug(theme.slug)
        except InvalidInputError as exc:
            raise InvalidInputError(f"{exc}; nothing was changed") from None
        if theme.slug not in book:
            book = book.with_theme(theme)
            report.append(f"added {theme.slug}")
            continue
        old = book.get(theme.slug)
        changed = [n for n in _COMPARED if getattr(old, n) != getattr(theme, n)]
        if changed:
            book = book.with_theme(theme)
            report.append(f"updated {theme.slug} ({', '.join(changed)})")
    for theme in book:
        if theme.parent and theme.parent not in book:
            raise InvalidInputError(
                f"theme '{theme.slug}' names the parent '{theme.parent}', which is in neither "
                "the file nor the codebook; nothing was changed"
            )
    _refuse_loops(book)
    return book, report


def _refuse_loops(book: Codebook) -> None:
    """Raise naming the first parent loop of ``book`` (as ``a -> b -> a``), if any."""
    parents = {t.slug: t.parent for t in book}
    for theme in book:
        chain, looped = parent_chain(parents, theme.slug)
        if looped and parents[chain[-1] if chain else theme.slug] == theme.slug:
            loop = " -> ".join([theme.slug, *chain, theme.slug])
            raise InvalidInputError(
                f"the parents make a loop in the hierarchy ({loop}); "
                "fix the parents in the file; nothing was changed"
            )


def import_codebook(ws: Workspace, path: Path) -> tuple[list[str], int]:
    """Merge a codebook file into the workspace's codebook.

    Returns the report (one line per change or remark) and how many themes were
    added or changed.
    """
    if path.suffix.lower() in (".qdc", ".qdpx"):
        with ws.editing_config() as config:
            before = config.codebook
            config.codebook, report = merge_codebook_file(before, path)
        # the REFI merge ends with a summary of its counts; the caller prints its own
        report = [line for line in report if not line.startswith("codebook: ")]
        return report, _changed_themes(before, config.codebook)
    incoming = read_codebook_file(path)
    with ws.editing_config() as config:
        before = config.codebook
        config.codebook, report = merge_codebooks(before, incoming)
    return report, _changed_themes(before, config.codebook)


def _changed_themes(before: Codebook, after: Codebook) -> int:
    return sum(1 for t in after if t.slug not in before or before.get(t.slug) != t)


def codebook_bytes(ws: Workspace, fmt: str, yaml_header: str = "# aftershock codebook\n") -> bytes:
    """The workspace's codebook as a ``yaml`` (starting with the comment ``yaml_header``),
    ``csv`` or ``qdc`` (REFI-QDA) file."""
    codebook = ws.codebook()
    if fmt == "qdc":
        return codebook_to_qdc(codebook, workspace_namespace(ws))
    if fmt == "csv":
        return codebook_to_csv(codebook).encode("utf-8")
    return codebook_to_yaml(codebook, yaml_header).encode("utf-8")
