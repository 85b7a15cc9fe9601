"""Statements of tags, and notes laid out again from what ``import-note`` kept.

A *layout* (``NoteLayout``, one per imported note, kept in the tag file's
``layouts`` list) is stored as::

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

Each imported tag keeps, in ``extra["md"]`` (``ImportedStatement``), the
statement as written (``raw``, anchors in place), the offsets and seconds of its
anchors (``anchors``: ``[start, end, seconds]``), and the ``note``, ``start_ms``
and ``end_ms`` it had on import. Export writes ``raw`` unchanged while the tag is
unchanged; when the tag was moved or resized, its anchors are mapped into the
new range in proportion (``moved_second``: a plain move shifts them all by the
move, and none ends up outside the range); when its note was edited, the
statement is written anew.
A tag removed since is left out together with its line endings.

The records are read from and written to the YAML's plain data by ``from_dict``
and ``to_dict`` only; what they read leniently (a hand-edited file) they write
back in the shape import writes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..core.model import Tag, Transcript
from ..core.spoken import covered_text
from . import write as md_text
from .inline import WIKILINK, link_parts

LAYOUT_KIND = "aftershock.note-layout"
LAYOUT_VERSION = 1


def _text(value: Any) -> str:
    return str(value or "")


@dataclass(frozen=True)
class TextPart:
    """Literal text of a note: front matter, headings, anything but a statement."""

    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text}


@dataclass(frozen=True)
class StatementPart:
    """The place of a tag's statement in a note."""

    tag: str
    """The id of the tag whose statement goes here."""
    before: str = ""
    """What precedes the statement in its block: a list marker, a quote's ``>``."""
    after: str = ""
    """The line ending(s) up to the next block."""

    def to_dict(self) -> dict[str, Any]:
        return {"tag": self.tag, "before": self.before, "after": self.after}


Part = TextPart | StatementPart


def _part_from_dict(data: Any) -> Part | None:
    if not isinstance(data, Mapping):
        return None
    if "text" in data:
        return TextPart(str(data["text"]))
    if "tag" in data:
        return StatementPart(str(data["tag"]), _text(data.get("before")), _text(data.get("after")))
    return None


@dataclass(frozen=True)
class NoteLayout:
    """An imported note as a sequence of literal text and statements (see the module)."""

    name: str
    """File name of the note on export ("" when the record has none)."""
    source: str
    """The file the note was imported from."""
    title: str
    theme: str
    """Slug of the top-level theme of the note's topic."""
    parts: tuple[Part, ...]

    @classmethod
    def from_dict(cls, data: Any) -> NoteLayout | None:
        """The layout a tag file's record holds, or None when it is not one."""
        if not is_layout(data):
            return None
        found = (_part_from_dict(p) for p in data["parts"])
        return cls(
            name=_text(data.get("name")),
            source=_text(data.get("source")),
            title=_text(data.get("title")),
            theme=_text(data.get("theme")),
            parts=tuple(p for p in found if p is not None),
        )

    def to_dict(self) -> dict[str, Any]:
        """The record as the tag file stores it."""
        return {
            "kind": LAYOUT_KIND,
            "version": LAYOUT_VERSION,
            "name": self.name,
            "source": self.source,
            "title": self.title,
            "theme": self.theme,
            "parts": [p.to_dict() for p in self.parts],
        }

    @property
    def tag_ids(self) -> list[str]:
        """The ids of the tags whose statements the note holds, in order."""
        return [p.tag for p in self.parts if isinstance(p, StatementPart)]


def layouts_from_dicts(records: Sequence[Any]) -> tuple[NoteLayout, ...]:
    """The layouts of a tag file's ``layouts`` list (records of another kind left out)."""
    found = (NoteLayout.from_dict(r) for r in records)
    return tuple(lay for lay in found if lay is not None)


@dataclass(frozen=True)
class AnchorSpan:
    """Where an anchor sits in a statement as written, and the second it cites."""

    start: int
    end: int
    seconds: int | None
    """None when the anchor's time could not be read."""

    def to_list(self) -> list[int | None]:
        return [self.start, self.end, self.seconds]


def _span_from(item: Any) -> AnchorSpan | None:
    try:
        start, end, seconds = item
        return AnchorSpan(int(start), int(end), None if seconds is None else int(seconds))
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class ImportedStatement:
    """The statement a tag was imported from (kept in its ``extra["md"]``)."""

    raw: str
    """The statement as written, anchors in place."""
    anchors: tuple[AnchorSpan, ...] = ()
    note: str | None = None
    """The tag's note on import; None in a record that lacks it (read: unchanged)."""
    start_ms: int | None = None
    """The tag's range on import; None in a record that lacks it (read: unchanged)."""
    end_ms: int | None = None
    layout: str | None = None
    """The ``name`` of the layout the statement belongs to."""

    @classmethod
    def from_dict(cls, data: Any) -> ImportedStatement | None:
        """The record ``extra["md"]`` holds, or None when it is not one."""
        if not isinstance(data, Mapping) or not isinstance(data.get("raw"), str):
            return None
        spans = (_span_from(item) for item in data.get("anchors") or ())
        return cls(
            raw=data["raw"],
            anchors=tuple(s for s in spans if s is not None),
            note=_optional(data, "note", str),
            start_ms=_optional(data, "start_ms", int),
            end_ms=_optional(data, "end_ms", int),
            layout=_optional(data, "layout", str),
        )

    def to_dict(self) -> dict[str, Any]:
        """The record as the tag file stores it (fields it lacks left out)."""
        data: dict[str, Any] = {"raw": self.raw, "anchors": [a.to_list() for a in self.anchors]}
        for key, value in (
            ("note", self.note),
            ("start_ms", self.start_ms),
            ("end_ms", self.end_ms),
            ("layout", self.layout),
        ):
            if value is not None:
                data[key] = value
        return data


def _optional(data: Mapping[str, Any], key: str, kind: type[Any]) -> Any:
    value = data.get(key)
    return None if value is None else kind(value)


def imported(tag: Tag) -> ImportedStatement | None:
    """The statement of a tag made by ``import-note``, when its record is still valid."""
    return ImportedStatement.from_dict(tag.extra.get("md")) if tag.extra else None


def _moved_raw(tag: Tag, record: ImportedStatement) -> str:
    """The statement as written, its anchors mapped from the range the tag had on
    import to its range now (in proportion, so they stay inside it)."""
    raw = record.raw
    old_start = tag.start_ms if record.start_ms is None else record.start_ms
    old_end = max(tag.end_ms if record.end_ms is None else record.end_ms, old_start)
    if (old_start, old_end) == (tag.start_ms, tag.end_ms):
        return raw
    for item in sorted(record.anchors, key=lambda a: -a.start):
        if item.seconds is None or not 0 <= item.start <= item.end <= len(raw):
            continue
        moved = moved_second(item.seconds, (old_start, old_end), (tag.start_ms, tag.end_ms))
        raw = raw[: item.start] + md_text.anchor(moved) + raw[item.end :]
    return raw


def _rewritten(tag: Tag, record: ImportedStatement) -> str:
    """An imported statement whose note was edited: the new words, with the citations
    the statement had (mapped to the tag's range as ``_moved_raw`` maps them) and its
    wikilinks put back on the words they linked, where the new words still hold them."""
    old = (
        tag.start_ms if record.start_ms is None else record.start_ms,
        max(tag.end_ms if record.end_ms is None else record.end_ms, tag.start_ms),
    )
    seconds = [
        moved_second(a.seconds, old, (tag.start_ms, tag.end_ms))
        for a in sorted(record.anchors, key=lambda a: a.start)
        if a.seconds is not None
    ]
    text = md_text.statement(tag.note, list(dict.fromkeys(seconds)) or [tag.start_ms // 1000])
    for found in WIKILINK.finditer(record.raw):
        target, alias = link_parts(found)
        shown = alias if alias is not None else target
        at = _unlinked(text, shown)
        if shown and at >= 0:
            text = text[:at] + found.group() + text[at + len(shown) :]
    return text


def _unlinked(text: str, words: str) -> int:
    """Where ``words`` first stand in ``text`` outside a wikilink and an anchor (-1)."""
    start = 0
    while (at := text.find(words, start)) >= 0:
        before = text[:at]
        inside_link = before.count("[[") > before.count("]]")
        inside_anchor = before.count("<a ") > before.count("</a>")
        if not inside_link and not inside_anchor:
            return at
        start = at + 1
    return -1


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
    if record is not None and record.note in (None, tag.note):
        text = _moved_raw(tag, record)
    elif record is not None and tag.note:
        text = _rewritten(tag, record)
    else:
        words = tag.note or covered_text(transcript, tag.start_ms, tag.end_ms)
        text = md_text.statement(words, [tag.start_ms // 1000])
    if pad:  # the paragraphs of a statement in a list item or quote stay inside it
        text = text.replace("\n\n", "\n\n" + pad)
    if quotes and transcript.segments:
        words = covered_text(transcript, tag.start_ms, tag.end_ms)
        if words:
            text += "\n" + md_text.quote(words, pad)
    return text


def is_layout(record: Any) -> bool:
    """Whether a record of a tag file's ``layouts`` list is a note layout."""
    return (
        isinstance(record, Mapping)
        and record.get("kind") == LAYOUT_KIND
        and isinstance(record.get("parts"), list)
    )


def render_layout(
    layout: NoteLayout,
    tags: Mapping[str, Tag],
    transcript: Transcript,
    *,
    quotes: bool = False,
) -> str:
    """The note as imported, with each statement taken from its tag (absent tags left out)."""
    out: list[str] = []
    for part in layout.parts:
        if isinstance(part, TextPart):
            out.append(part.text)
            continue
        tag = tags.get(part.tag)
        if tag is None:
            continue
        # transcript words go under the statement: inside its list item or block quote
        pad = "".join(c if c == ">" else " " for c in part.before.rsplit("\n", 1)[-1])
        out.append(part.before + statement_of(tag, transcript, quotes=quotes, pad=pad))
        out.append(part.after)
    return "".join(out)


def relevant_layouts(
    layouts: Sequence[NoteLayout], tags: Sequence[Tag], *, tagless: bool = False
) -> list[NoteLayout]:
    """The layouts that hold at least one of ``tags``, newest import of a name winning;
    with ``tagless``, also those of notes that had no statement to make a tag of."""
    ids = {t.id for t in tags}
    by_name: dict[str, NoteLayout] = {}
    for layout in layouts:
        held = layout.tag_ids
        if ids.intersection(held) or (tagless and not held):
            by_name[layout.name] = layout
    return list(by_name.values())


def has_tagless(layouts: Sequence[NoteLayout]) -> bool:
    """Whether one of ``layouts`` is a note kept without any tag (one with no anchors)."""
    return any(not lay.tag_ids for lay in layouts)
