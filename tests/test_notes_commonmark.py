"""The anchors and headings the note reader finds, beside what a CommonMark reader finds.

markdown-it-py reads each note; its headings and the timestamp anchors in its HTML
(outside code) must be ours, in order, so that any disagreement shows. The one
deliberate difference: a generator's ```` ```markdown ```` wrapper around a whole note
is read as Markdown by aftershock, so the wrapper is taken off before markdown-it-py
reads it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from aftershock_cli.notes.note import parse_note
from shared_files import CORPUS, shared

_ANCHOR = re.compile(r'<a class="yt-timestamp" data-t="([^"]*)"')
_WRAPPER_OPEN = re.compile(r"^```(?:markdown|md)[ \t]*\n", re.M)
_BARE_FENCE = re.compile(r"^```[ \t]*$", re.M)
_MD = MarkdownIt("commonmark").enable("table")
_HERE = Path(__file__).resolve().parent
_OWN = sorted(
    [
        *(_HERE / "fixtures" / "notes").glob("*.md"),
        *(_HERE / "fixtures" / "demo").glob("*.md"),
        *(_HERE.parent / "examples" / "government-aftershock" / "notes").glob("*.md"),
    ]
)


def _a(clock: str) -> str:
    return f'<a class="yt-timestamp" data-t="{clock}">[{clock}]</a>'


TRICKY = [
    f"- one {_a('00:00:01')}\n  ```\n  code\n  ``` {_a('00:00:02')}\n- two {_a('00:00:03')}\n",
    f"> - a `x {_a('00:00:04')}\n> - b ` {_a('00:00:05')}\n",
    f"*   Step {_a('00:00:03')}\n    ```bash\n    echo '{_a('00:00:04')}'\n    ```\n"
    f"    *   Next {_a('00:00:05')}\n\n## After {_a('00:00:06')}\n",
    f"Text `code {_a('00:00:07')}` and {_a('00:00:08')}\n\n# Top\n\n### Deep\n",
]


def _ours(text: str) -> tuple[list[str], list[str]]:
    note = parse_note(text)
    anchors = [m.group(1) for x in note.anchors if (m := _ANCHOR.match(x.raw)) is not None]
    return anchors, [h.text.strip() for h in note.headings]


def _commonmark(text: str) -> tuple[list[str], list[str]]:
    note = parse_note(text)
    body = text[note.blocks[0].start :] if note.blocks else ""
    opened = _WRAPPER_OPEN.search(body)
    if opened is not None:
        closes = list(_BARE_FENCE.finditer(body, opened.end()))
        end = closes[-1].start() if closes else len(body)
        body = body[: opened.start()] + body[opened.end() : end]
    tokens = _MD.parse(body)
    anchors: list[str] = []
    headings: list[str] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            headings.append(tokens[index + 1].content.strip())
        elif token.type == "html_block":
            anchors += _ANCHOR.findall(token.content)
        elif token.type == "inline":
            for child in token.children or []:
                if child.type == "html_inline":
                    anchors += _ANCHOR.findall(child.content)
    return anchors, headings


def test_the_notes_to_compare_are_here() -> None:
    assert len(_OWN) >= 3


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_notes_read_as_commonmark_reads_them(text: str) -> None:
    assert _ours(text) == _commonmark(text)


@pytest.mark.parametrize("path", _OWN, ids=lambda p: p.name)
def test_the_projects_notes_read_as_commonmark_reads_them(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _ours(text) == _commonmark(text)


def test_the_corpus_reads_as_commonmark_reads_it() -> None:
    folder = shared(CORPUS)
    differ = [
        path.name
        for path in sorted(folder.glob("*.md"))
        if _ours(text := path.read_text(encoding="utf-8")) != _commonmark(text)
    ]
    assert differ == []
