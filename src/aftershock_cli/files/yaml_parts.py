"""Parsing a long YAML file's top-level lists a few hundred items at a time, so that
PyYAML's tree of nodes (about 8 KiB for each tag of a tag file) never exists for the
whole file at once; the values are the same as parsing the file whole."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..core.limits import MiB

PARTS_ABOVE = 1 * MiB
"""Files shorter than this are parsed whole (the tree is small)."""
BATCH = 500
"""List items parsed at a time."""

_KEY_ONLY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):[ \t]*(?:#.*)?$")


def load_in_parts(
    text: str,
    load: Callable[[str], Any],
    errors: tuple[type[BaseException], ...],
    batch: int = BATCH,
) -> Any | None:
    """The mapping ``text`` holds, its block lists written at the left margin (as
    aftershock writes them) parsed ``batch`` items at a time by ``load``; None when
    the text is laid out otherwise or a part raises one of ``errors`` (then the caller
    parses it whole, and reports what is wrong there)."""
    split = _split(text)
    if split is None:
        return None
    skeleton, lists = split
    try:
        data = load(skeleton)
        if not isinstance(data, dict):
            return None
        for key, (starts, end) in lists.items():
            values: list[Any] = []
            for first in range(0, len(starts), batch):
                stop = starts[first + batch] if first + batch < len(starts) else end
                part = load(text[starts[first] : stop])
                if not isinstance(part, list):
                    return None
                values += part
            data[key] = values
    except errors:  # the whole parse says what is wrong, and where
        return None
    return data


_LINE = re.compile(r"[^\n]*(?:\n|$)")


def _split(text: str) -> tuple[str, dict[str, tuple[list[int], int]]] | None:
    """The text without its margin lists (each left as ``key: []``), and for each list
    where its items start in ``text`` and where the last one ends (an item is its
    ``- `` line and the indented lines under it). Offsets, not copies: the text of a
    long file is held once."""
    skeleton: list[str] = []
    lists: dict[str, tuple[list[int], int]] = {}
    key: str | None = None
    for match in _LINE.finditer(text):
        line = match.group()
        if not line:
            break
        bare = line.rstrip("\r\n")
        if key is not None:
            starts = lists[key][0]
            if bare.startswith("- ") or bare == "-":
                starts.append(match.start())
                lists[key] = (starts, match.end())
                continue
            if not bare or bare[0] in " \t#":
                if not starts:  # not a list (yet): a mapping under the key
                    return None
                lists[key] = (starts, match.end())
                continue
            key = None
        if bare.startswith(("---", "...", "%")):
            return None  # several documents or directives: parse whole
        found = _KEY_ONLY.match(bare)
        if found is not None:
            key = found.group(1)
            if key in lists:
                return None
            lists[key] = ([], match.end())
            skeleton.append(f"{key}: []\n")
            continue
        skeleton.append(line)
    return "".join(skeleton), {k: v for k, v in lists.items() if v[0]}
