"""Statements of tags, and notes laid out again from what ``import-note`` kept.

A *layout* (one per imported note, in the tag file's ``layouts`` list) is a
plain dict::

    kind: aftershock.note-layout      # marks the record
    version: 1
    name: my_note.md                  # file name of the note on export
    source: my_note.md                # the file it was imported from
    title: Collaboration and ...      # the note's title (its topic)
    theme: collaboration-and-...      # slug of the top-level theme of that topic
    parts:                            # the whole note, in order
    - text: "---\\ntitle: ...\\n"      # literal text (front matter, headings, ...)
    - tag: k3v9q2xa                   # a statement: the tag's text goes here
      before: "1.  "                  #   list marker (with its indent), if any
      after: "\\n"                     #   the line ending(s) up to the next block

Each imported tag keeps, in ``extra["md"]``, the statement as written
(``raw``, anchors in place), the offsets and seconds of its anchors
(``anchors``: ``[start, end, seconds]``), and the ``note``, ``start_ms`` and
``end_ms`` it had on import. Export writes ``raw`` unchanged while the tag is
unchanged; when the tag was moved or resized, its anchors are mapped into the
new range in proportion (``moved_second``: a plain move shifts them all by the
move, and none ends up outside the range); when its note was edited, the
statement is written anew.
A tag removed since is left out together with its line endings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..core.model import Tag, Transcript
from ..core.spoken import covered_text
from . import write as md_text

LAYOUT_KIND = "aftershock.note-layout"
LAYOUT_VERSION = 1


def imported(tag: Tag) -> Mapping[str, Any] | None:
    """The ``extra["md"]`` record of a tag made by ``import-note``, when still valid."""
    record = tag.extra.get("md") if tag.extra else None
    if isinstance(record, Mapping) and isinstance(record.get("raw"), str):
        return record
    return None


def _moved_raw(tag: Tag, record: Mapping[str, Any]) -> str:
    """The statement as written, its anchors mapped from the range the tag had on
    import to its range now (in proportion, so they stay inside it)."""
    raw: str = record["raw"]
    old_start = int(record.get("start_ms", tag.start_ms))
    old_end = max(int(record.get("end_ms", tag.end_ms)), old_start)
    if (old_start, old_end) == (tag.start_ms, tag.end_ms):
        return raw
    for item in sorted(record.get("anchors") or (), key=lambda a: -int(a[0])):
        start, end, seconds = int(item[0]), int(item[1]), item[2]
        if seconds is None or not 0 <= start <= end <= len(raw):
            continue
        moved = moved_second(int(seconds), (old_start, old_end), (tag.start_ms, tag.end_ms))
        raw = raw[:start] + md_text.anchor(moved) + raw[end:]
    return raw


def moved_second(seconds: int, old: tuple[int, int], new: tuple[int, int]) -> int:
    """An anchor's second of the range ``old`` (ms) at the same place in ``new``: a
    move keeps its distance from the start, a stretch or shrink scales it, and the
    result stays within the new range's seconds."""
    old_span, new_span = old[1] - old[0], new[1] - new[0]
    offset = seconds * 1000 - old[0]
    if old_span > 0 and old_span != new_span:
        offset = offset * new_span // old_span
    moved = round((new[0] + offset) / 1000)
    return min(max(moved, new[0] // 1000), max(new[1] // 1000, new[0] // 1000))


def statement_of(tag: Tag, transcript: Transcript, *, quotes: bool = False, pad: str = "") -> str:
    """The Markdown of one tag's statement (without list marker), anchors included."""
    record = imported(tag)
    if record is not None and record.get("note", tag.note) == tag.note:
        text = _moved_raw(tag, record)
    else:
        words = tag.note or covered_text(transcript, tag.start_ms, tag.end_ms)
        text = md_text.statement(words, [tag.start_ms // 1000])
    if quotes and transcript.segments:
        words = covered_text(transcript, tag.start_ms, tag.end_ms)
        if words:
            text += "\n" + md_text.quote(words, pad)
    return text


def is_layout(record: Any) -> bool:
    return (
        isinstance(record, Mapping)
        and record.get("kind") == LAYOUT_KIND
        and isinstance(record.get("parts"), list)
    )


def layout_tag_ids(layout: Mapping[str, Any]) -> list[str]:
    return [str(p["tag"]) for p in layout["parts"] if isinstance(p, Mapping) and "tag" in p]


def render_layout(
    layout: Mapping[str, Any],
    tags: Mapping[str, Tag],
    transcript: Transcript,
    *,
    quotes: bool = False,
) -> str:
    """The note as imported, with each statement taken from its tag (absent tags left out)."""
    out: list[str] = []
    for part in layout["parts"]:
        if not isinstance(part, Mapping):
            continue
        if "text" in part:
            out.append(str(part["text"]))
            continue
        tag = tags.get(str(part.get("tag")))
        if tag is None:
            continue
        before = str(part.get("before") or "")
        # transcript words go under the statement: inside its list item or block quote
        pad = "".join(c if c == ">" else " " for c in before.rsplit("\n", 1)[-1])
        out.append(before + statement_of(tag, transcript, quotes=quotes, pad=pad))
        out.append(str(part.get("after") or ""))
    return "".join(out)


def relevant_layouts(
    layouts: Sequence[Mapping[str, Any]], tags: Sequence[Tag], *, tagless: bool = False
) -> list[Mapping[str, Any]]:
    """The layouts that hold at least one of ``tags``, newest import of a name winning;
    with ``tagless``, also those of notes that had no statement to make a tag of."""
    ids = {t.id for t in tags}
    by_name: dict[str, Mapping[str, Any]] = {}
    for layout in layouts:
        if not is_layout(layout):
            continue
        held = layout_tag_ids(layout)
        if ids.intersection(held) or (tagless and not held):
            by_name[str(layout.get("name"))] = layout
    return list(by_name.values())


def has_tagless(layouts: Sequence[Mapping[str, Any]]) -> bool:
    """Whether one of ``layouts`` is a note kept without any tag (one with no anchors)."""
    return any(is_layout(lay) and not layout_tag_ids(lay) for lay in layouts)
