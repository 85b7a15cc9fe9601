"""Writing a vault's pages without ever losing what a person wrote in them.

Each export into a vault records, in the workspace's ``.aftershock/vaults/``, the
pages it wrote and a hash of each. The next export of the same vault then knows,
for every page:

* written by aftershock and unchanged since: rewritten when its text changes;
* changed by hand since (or a file aftershock never wrote): left alone, and
  reported, unless ``force`` (then a copy is kept first, under
  ``.aftershock/vault-copies/``);
* written by aftershock before but without a source now (a theme page renamed, a
  video removed): removed when the export covers the whole workspace and the page
  is unchanged, else reported.

Every page written or removed is kept in the workspace history first, so ``undo``
takes a vault export back like any other change.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..files import fsutil
from ..workspace.folder import Workspace
from ..workspace.history import digest

LONGEST_NAME = 255
"""Bytes a file name may have on common file systems."""


@dataclass
class VaultReport:
    """What writing a vault did."""

    written: int = 0
    unchanged: int = 0
    files: list[Path] = field(default_factory=list)
    edited: list[Path] = field(default_factory=list)
    """Pages changed by hand since aftershock wrote them, left as they are."""
    overwritten: list[Path] = field(default_factory=list)
    """Pages changed by hand that ``force`` overwrote (a copy of each was kept)."""
    removed: list[Path] = field(default_factory=list)
    """Pages aftershock wrote that no longer have a source, removed."""
    stale: list[Path] = field(default_factory=list)
    """Pages that no longer have a source but were changed by hand, left as they are."""
    copies: Path | None = None
    """Where the copies of overwritten pages are."""


def _record_path(ws: Workspace, out_dir: Path) -> Path:
    key = hashlib.sha256(str(out_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return ws.state_dir() / "vaults" / f"{key}.json"


def _load_record(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        pages = data.get("pages", {})
        return {str(k): str(v) for k, v in pages.items()} if isinstance(pages, dict) else {}
    except (OSError, ValueError, AttributeError):
        return {}


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def write_pages(
    ws: Workspace,
    out_dir: Path,
    pages: dict[Path, str],
    *,
    complete: bool,
    force: bool = False,
) -> VaultReport:
    """Write ``pages`` into the vault ``out_dir`` (see the module's rules). ``complete``:
    the pages are the whole workspace's, so a page that lost its source may go."""
    report = VaultReport()
    history = ws.history()
    with ws.lock("pages"):
        record_file = _record_path(ws, out_dir)
        record = _load_record(record_file)
        new_record: dict[str, str] = {}
        for path, text in sorted(pages.items()):
            key = os.path.relpath(path, out_dir)
            data = text.encode("utf-8")
            now = _current(path)
            report.files.append(path)
            if now == data:
                report.unchanged += 1
                new_record[key] = digest(data)
                continue
            ours = now is None or record.get(key) == digest(now)
            if not ours and not force:
                report.edited.append(path)
                new_record[key] = record.get(key, "")
                continue
            if not ours and now is not None:
                report.copies = report.copies or _copies_dir(ws)
                _keep_copy(report.copies, key, now)
                report.overwritten.append(path)
            history.record(path, data)
            fsutil.atomic_write_bytes(path, data)
            report.written += 1
            new_record[key] = digest(data)
        for key, recorded in sorted(record.items()):
            if key in new_record:
                continue
            path = out_dir / key
            now = _current(path)
            if now is None:
                continue
            if not complete:
                new_record[key] = recorded
            elif digest(now) == recorded:
                history.record(path, None)
                path.unlink()
                report.removed.append(path)
            else:
                report.stale.append(path)
                new_record[key] = recorded
        body = {"vault": str(out_dir.resolve()), "pages": new_record}
        fsutil.atomic_write_text(record_file, json.dumps(body, indent=1, sort_keys=True))
    return report


def _copies_dir(ws: Workspace) -> Path:
    return ws.state_dir() / "vault-copies" / time.strftime("%Y%m%dT%H%M%S", time.gmtime())


def _keep_copy(folder: Path, key: str, data: bytes) -> None:
    target = folder / key
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
