"""Example tests of the note reader: notes written here, parts asserted exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from aftershock_cli.core.errors import InvalidInputError
from aftershock_cli.notes.note import (
    Anchor,
    Heading,
    Link,
    anchor_spelling_is_canonical,
    parse_anchor_time,
    parse_note,
    render_anchor,
)


def a(clock: str) -> str:
    """A canonical anchor element for a clock written HH:MM:SS."""
    return f'<a class="yt-timestamp" data-t="{clock}">[{clock}]</a>'


SEED_LIKE = (
    "---\n"
    "title: Libraries as civic infrastructure\n"
    "videoId: Qw3rTy-_0aZ\n"
    "---\n"
    "\n"
    "From: [[citylibrariesnetwork]] <br/> \n"
    "\n"
    "Speakers described the public [[Library services | library]] as a shared room "
    f"for the whole town {a('00:00:12')}. Funding came from three councils {a('00:01:05')}, "
    f"{a('00:01:09')}.\n"
    "\n"
    "## Why branches matter\n"
    "\n"
    f"Branch staff listed three reasons {a('00:02:30')}:\n"
    f"1.  They are open late {a('00:02:41')}.\n"
    f"2.  They lend more than books {a('00:02:55')}.\n"
    "\n"
    "### Lending beyond books\n"
    "Tool libraries and seed banks drew new visitors "
    f"[[community_resource_sharing | sharing]] {a('01:10:04')}."
)


def test_seed_like_note_head() -> None:
    note = parse_note(SEED_LIKE)
    assert note.has_front_matter
    assert note.front_matter == {
        "title": "Libraries as civic infrastructure",
        "videoId": "Qw3rTy-_0aZ",
    }
    assert note.front_matter_valid
    assert note.title == "Libraries as civic infrastructure"
    assert note.video_id == "Qw3rTy-_0aZ"
    assert note.channel == "citylibrariesnetwork"
    assert note.channel_alias is None
    assert SEED_LIKE[note.body_start :].startswith("\nSpeakers described")
    assert note.to_markdown() == SEED_LIKE


def test_seed_like_note_blocks() -> None:
    note = parse_note(SEED_LIKE)
    shape = [
        (b.kind, b.line, b.marker, b.indent, len(b.anchors), len(b.links)) for b in note.blocks
    ]
    assert shape == [
        ("source", 6, "", 0, 0, 1),
        ("paragraph", 8, "", 0, 3, 1),
        ("heading", 10, "", 0, 0, 0),
        ("paragraph", 12, "", 0, 1, 0),
        ("list_item", 13, "1.  ", 0, 1, 0),
        ("list_item", 14, "2.  ", 0, 1, 0),
        ("heading", 16, "", 0, 0, 0),
        ("paragraph", 17, "", 0, 1, 1),
    ]
    assert note.blocks[0].text == "From: [[citylibrariesnetwork]] <br/> "
    assert note.blocks[4].text == f"1.  They are open late {a('00:02:41')}."
    for block in note.blocks:
        assert SEED_LIKE[block.start : block.end] == block.text


def test_seed_like_note_headings_and_path() -> None:
    note = parse_note(SEED_LIKE)
    why = SEED_LIKE.index("## Why")
    lending = SEED_LIKE.index("### Lend")
    assert note.headings == [
        Heading(start=why, end=why + 22, level=2, text="Why branches matter", line=10),
        Heading(start=lending, end=lending + 24, level=3, text="Lending beyond books", line=16),
    ]
    last = note.anchors[-1]
    assert [h.text for h in note.heading_path(last.start)] == [
        "Why branches matter",
        "Lending beyond books",
    ]
    assert note.heading_path(note.anchors[0].start) == []


def test_seed_like_note_anchors() -> None:
    note = parse_note(SEED_LIKE)
    assert [(x.seconds, x.line) for x in note.anchors] == [
        (12, 8),
        (65, 8),
        (69, 8),
        (150, 12),
        (161, 13),
        (175, 14),
        (4204, 17),
    ]
    first = note.anchors[0]
    start = SEED_LIKE.index("<a ")
    assert first == Anchor(
        start=start,
        end=start + 56,
        raw=a("00:00:12"),
        kind="anchor",
        data_t="00:00:12",
        shown="00:00:12",
        seconds=12,
        shown_seconds=12,
        well_formed=True,
        line=8,
        column=start - SEED_LIKE.index("Speakers") + 1,
    )
    assert all(x.well_formed for x in note.anchors)


def test_seed_like_note_links() -> None:
    note = parse_note(SEED_LIKE)
    assert [(x.raw, x.target, x.alias, x.line) for x in note.links] == [
        ("[[citylibrariesnetwork]]", "citylibrariesnetwork", None, 6),
        ("[[Library services | library]]", "Library services", "library", 8),
        ("[[community_resource_sharing | sharing]]", "community_resource_sharing", "sharing", 17),
    ]
    link = note.links[1]
    assert link == Link(
        start=SEED_LIKE.index("[[Library"),
        end=SEED_LIKE.index("[[Library") + 30,
        raw="[[Library services | library]]",
        target="Library services",
        alias="library",
        line=8,
        column=SEED_LIKE.index("[[Library") - SEED_LIKE.index("Speakers") + 1,
    )


WILD = (
    "---\r\n"
    "title: Budgets: what councils learned\r\n"
    "videoId: -x_9AbCdEfG\r\n"
    "---\r\n"
    "\r\n"
    "From: [[\u2068Civic-Lab.TV\u2069 | Civic Lab]]\r\n"
    "\r\n"
    "# Budgets\r\n"
    'Intro\twith a tab <a class="yt="yt-timestamp" data-t="00:01:02">[00:01:02]</a> and '
    '<a class="yt_timestamp" data="1:03">[1:03]</a>.\r\n'
    "\r\n"
    '*   Outer <a class="yt-timestamp" data-t="00:02:00]">[00:02:00]</a>\r\n'
    '    *   Inner [[a|b]] <a class="yt-timestamp" data-t="HH:MM:SS">[HH:MM:SS]</a>\r\n'
    '- Dash <a class="yt-timestamp" data-t="01:00:03:00">[01:00:03:00]</a>\r\n'
    "1. Old style [02:04:15] and ([00:01:12](#)) and [00:01:13](#)\r\n"
    "\r\n"
    '> [!info] Callout [[Page One]] <a class="yt-timestamp" data-t="00:03:00">[00:03:30]</a>\r\n'
    "> second line\r\n"
    "\r\n"
    "| Col | Link |\r\n"
    "|:---|---:|\r\n"
    '| x | [[target \\| alias]] <a class="yt-timestamp" data-t="00:04:00>[00:04:00]</a> |\r\n'
    "\r\n"
    "```python\r\n"
    'x = \'<a class="yt-timestamp" data-t="00:09:00">[00:09:00]</a>\'\r\n'
    "```\r\n"
    'Inline `<a class="yt-timestamp" data-t="00:09:01">[00:09:01]</a>` code, $5 and $x$.\r\n'
    "\r\n"
    "$$\r\n"
    "E = mc^2\r\n"
    "$$\r\n"
    '<div class="callout">\r\n'
    'Held <a class="yt-timestamp" data-t="00:05:00">[00:05:00]</a>\r\n'
    "</div>\r\n"
    "\r\n"
    "---\r\n"
    "#### Deep [[x | y | z]]   \r\n"
    "Trailing spaces   \r\n"
    'Here is the article: 12:34: <a class="yt-timestamp" data-t="12:34:">[99:99:99:99]</a>'
)


def test_wild_note_round_trips_and_reads_its_head() -> None:
    note = parse_note(WILD)
    assert note.to_markdown() == WILD
    assert not note.front_matter_valid
    assert note.front_matter == {
        "title": "Budgets: what councils learned",
        "videoId": "-x_9AbCdEfG",
    }
    assert note.title == "Budgets: what councils learned"
    assert note.video_id == "-x_9AbCdEfG"
    assert note.channel == "Civic-Lab.TV"
    assert note.channel_alias == "Civic Lab"


def test_wild_note_blocks() -> None:
    note = parse_note(WILD)
    shape = [
        (b.kind, b.line, b.marker, b.indent, len(b.anchors), len(b.links)) for b in note.blocks
    ]
    assert shape == [
        ("source", 6, "", 0, 0, 1),
        ("heading", 8, "", 0, 0, 0),
        ("paragraph", 9, "", 0, 2, 0),
        ("list_item", 11, "*   ", 0, 1, 0),
        ("list_item", 12, "*   ", 4, 1, 1),
        ("list_item", 13, "- ", 0, 1, 0),
        ("list_item", 14, "1. ", 0, 3, 0),
        ("quote", 16, "", 0, 1, 1),
        ("table", 19, "", 0, 1, 1),
        ("code", 23, "", 0, 0, 0),
        ("paragraph", 26, "", 0, 0, 0),
        ("math", 28, "", 0, 0, 0),
        ("html", 31, "", 0, 1, 0),
        ("rule", 35, "", 0, 0, 0),
        ("heading", 36, "", 0, 0, 1),
        ("paragraph", 37, "", 0, 1, 0),
    ]
    assert note.blocks[7].text == (
        '> [!info] Callout [[Page One]] <a class="yt-timestamp" data-t="00:03:00">[00:03:30]</a>'
        "\r\n> second line"
    )
    assert note.blocks[-1].text.endswith("[99:99:99:99]</a>")
    assert [h.text for h in note.headings] == ["Budgets", "Deep [[x | y | z]]   "]
    assert [h.level for h in note.headings] == [1, 4]


def test_wild_note_anchors() -> None:
    note = parse_note(WILD)
    got = [
        (x.kind, x.data_t, x.shown, x.seconds, x.shown_seconds, x.well_formed, x.line, x.column)
        for x in note.anchors
    ]
    assert got == [
        ("anchor", "00:01:02", "00:01:02", 62, 62, False, 9, 18),
        ("anchor", "1:03", "1:03", 63, 63, False, 9, 83),
        ("anchor", "00:02:00]", "00:02:00", 120, 120, False, 11, 11),
        ("anchor", "HH:MM:SS", "HH:MM:SS", None, None, False, 12, 23),
        ("anchor", "01:00:03:00", "01:00:03:00", None, None, False, 13, 8),
        ("bare", None, "02:04:15", 7455, 7455, False, 14, 14),
        ("link", None, "00:01:12", 72, 72, False, 14, 29),
        ("link", None, "00:01:13", 73, 73, False, 14, 49),
        ("anchor", "00:03:00", "00:03:30", 180, 210, False, 16, 32),
        ("anchor", "00:04:00", "00:04:00", 240, 240, False, 21, 27),
        ("anchor", "00:05:00", "00:05:00", 300, 300, True, 32, 6),
        ("anchor", "12:34:", "99:99:99:99", None, None, False, 38, 29),
    ]
    assert note.anchors[6].raw == "([00:01:12](#))"
    assert note.anchors[9].raw == '<a class="yt-timestamp" data-t="00:04:00>[00:04:00]</a>'


def test_wild_note_links() -> None:
    note = parse_note(WILD)
    assert [(x.raw, x.target, x.alias) for x in note.links] == [
        ("[[\u2068Civic-Lab.TV\u2069 | Civic Lab]]", "Civic-Lab.TV", "Civic Lab"),
        ("[[a|b]]", "a", "b"),
        ("[[Page One]]", "Page One", None),
        ("[[target \\| alias]]", "target", "alias"),
        ("[[x | y | z]]", "x", "y | z"),
    ]


@pytest.mark.parametrize(
    ("text", "channel", "alias", "first_block"),
    [
        ("---\ntitle: T\nvideoId: v\n---\n\nFrom: [[chan]] <br/>\nBody.", "chan", None, "paragraph"),
        ("---\ntitle: T\n---\nFrom: [[dwarkesh | The Dwarkesh Podcast]]\n", "dwarkesh",
         "The Dwarkesh Podcast", None),
        ("---\ntitle: T\n---\n# Title\n\nFrom: [[not-a-source]] <br/> \n", None, None, "heading"),
        ("---\ntitle: T\n---\n\nFrom: [[chan]] <br/> \n---\nText", "chan", None, "rule"),
        ("From: [[\u2068Mixed_Case.name\u2069]] <br/> \n\nText", "Mixed_Case.name", None, "paragraph"),
        ("---\ntitle: T\n---\n\nFrom: \u2068[[wrapped]]\u2069 <br/> \n", "wrapped", None, None),
        ("---\ntitle: T\n---\n\nFrom: [[chan]] said this <br/>\n", None, None, "paragraph"),
    ],
)  # fmt: skip
def test_source_line_variants(
    text: str, channel: str | None, alias: str | None, first_block: str | None
) -> None:
    note = parse_note(text)
    assert note.to_markdown() == text
    assert note.channel == channel
    assert note.channel_alias == alias
    body = [b.kind for b in note.blocks if b.kind != "source"]
    assert (body[0] if body else None) == first_block
    assert [b.kind for b in note.blocks].count("source") == (1 if channel else 0)


def test_body_start_is_after_the_source_line() -> None:
    text = "---\ntitle: T\n---\n\nFrom: [[c]] <br/> \n\nBody"
    assert text[parse_note(text).body_start :] == "\nBody"
    no_source = "---\ntitle: T\n---\n# Heading\n"
    assert no_source[parse_note(no_source).body_start :] == "# Heading\n"
    assert parse_note("plain text").body_start == 0


@pytest.mark.parametrize(
    ("text", "has", "valid", "title", "video_id"),
    [
        ("---\ntitle: Plain\nvideoId: abc\n---\n", True, True, "Plain", "abc"),
        ("---\ntitle: \"Quoted: yes\"\nvideoId: '-q'\n---\n", True, True, "Quoted: yes", "-q"),
        ("---\ntitle: 1984\nvideoId: 01234567890\n---\n", True, True, "1984", "01234567890"),
        ("---\ntitle: Why: because\nvideoId: x\n---\n", True, False, "Why: because", "x"),
        ("---\ntitle: T\nvideoId: x\n", False, True, None, None),
        ("# No front matter\n", False, True, None, None),
        ("---\n---\n", True, True, None, None),
        ("---\n- a list\n---\n", True, False, None, None),
    ],
)
def test_front_matter_readings(
    text: str, has: bool, valid: bool, title: str | None, video_id: str | None
) -> None:
    note = parse_note(text)
    assert note.has_front_matter is has
    assert note.front_matter_valid is valid
    assert note.title == title
    assert note.video_id == video_id
    assert note.to_markdown() == text


def test_front_matter_keeps_other_keys_in_order() -> None:
    note = parse_note("---\ntitle: T\nvideoId: v\ntags:\n  - a\n  - b\ndate: 2024-05-01\n---\n")
    assert list(note.front_matter) == ["title", "videoId", "tags", "date"]
    assert note.front_matter["tags"] == ["a", "b"]


def test_markdown_wrapper_fence_is_read_as_markdown() -> None:
    text = f"---\ntitle: T\n---\n\nFrom: [[c]] <br/> \n```markdown\n\n## Inside\n\nSaid {a('00:00:05')}.\n```"
    note = parse_note(text)
    assert [b.kind for b in note.blocks] == ["source", "code", "heading", "paragraph", "code"]
    assert [x.seconds for x in note.anchors] == [5]


def test_unclosed_code_fence_runs_to_the_end() -> None:
    text = f"Before {a('00:00:01')}\n\n~~~\ncode {a('00:00:02')}\n\nmore"
    note = parse_note(text)
    assert [b.kind for b in note.blocks] == ["paragraph", "code"]
    assert [x.seconds for x in note.anchors] == [1]


def test_anchor_inside_a_wikilink_alias_is_found() -> None:
    text = 'Seen [[page | <a class="yt-timestamp" data-t="00:10:07">00:10:07</a>]] here.'
    note = parse_note(text)
    assert [x.target for x in note.links] == ["page"]
    assert [(x.seconds, x.shown, x.well_formed) for x in note.anchors] == [(607, "00:10:07", False)]


def test_anchor_broken_across_a_line() -> None:
    text = 'Told <a class="yt\n-timestamp" data-t="00:02:50">[00:02:50]</a>.'
    note = parse_note(text)
    assert [(x.kind, x.seconds, x.line, x.column) for x in note.anchors] == [("anchor", 170, 1, 6)]


def test_bare_time_is_not_read_inside_a_wikilink_or_a_longer_bracket() -> None:
    note = parse_note("See [[00:01:02]] and [[00:01:03]]] but [00:01:04].")
    assert [x.raw for x in note.anchors] == ["[00:01:04]"]


def test_a_bare_time_after_a_backslash_is_text_and_after_two_a_citation() -> None:
    note = parse_note(r"see \[00:01:12] legacy, \\[00:01:13] and \\\[00:01:14]")
    assert [(x.kind, x.raw, x.seconds) for x in note.anchors] == [("bare", "[00:01:13]", 73)]


def test_with_anchor_time_changes_only_that_anchor() -> None:
    note = parse_note(SEED_LIKE)
    target = note.anchors[2]
    edited = note.with_anchor_time(target, 71)
    new = a("00:01:11")
    assert edited.text == SEED_LIKE[: target.start] + new + SEED_LIKE[target.end :]
    assert [x.seconds for x in edited.anchors] == [12, 65, 71, 150, 161, 175, 4204]


def test_with_anchor_time_rewrites_broken_and_old_forms() -> None:
    note = parse_note(WILD)
    bare = note.anchors[5]
    edited = note.with_anchor_time(bare, 7455)
    assert edited.anchors[5].raw == a("02:04:15")
    assert edited.anchors[5].well_formed
    assert edited.text.replace(a("02:04:15"), "[02:04:15]", 1) == WILD


def test_with_anchor_time_rejects_an_anchor_of_another_note() -> None:
    stranger = parse_note("x " + a("00:00:09")).anchors[0]
    with pytest.raises(InvalidInputError) as caught:
        parse_note(SEED_LIKE).with_anchor_time(stranger, 3)
    assert str(caught.value) == (
        'the anchor \'<a class="yt-timestamp" data-t="00:00:09">[00:00:09]</a>\' (line 1) '
        "is not in this note; take the anchor from this note's own anchors"
    )


def test_replace_span_keeps_everything_else() -> None:
    note = parse_note(SEED_LIKE)
    link = note.links[1]
    edited = note.replace_span(link.start, link.end, "[[Library services]]")
    assert edited.text == SEED_LIKE.replace(
        "[[Library services | library]]", "[[Library services]]"
    )
    assert edited.links[1].alias is None
    with pytest.raises(InvalidInputError) as caught:
        note.replace_span(5, 2, "")
    assert str(caught.value) == (
        f"span 5-2 is outside the note (0-{len(SEED_LIKE)}); "
        "use offsets from this note's own anchors, links or blocks"
    )


def test_block_at() -> None:
    note = parse_note(SEED_LIKE)
    item = note.block_at(SEED_LIKE.index("They lend"))
    assert item is not None and item.marker == "2.  "
    assert note.block_at(0) is None


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("00:05:46", 346),
        ("5:46", 346),
        ("1:02:03", 3723),
        ("1:2:03", 3723),
        ("75:30", 4530),
        (" 00:00:07 ", 7),
        ("12:34:", None),
        ("99:99:99:99", None),
        ("01:00:03:00", None),
        ("HH:MM:SS", None),
        ("00:61:00", None),
        ("5:6", None),
        ("", None),
    ],
)
def test_parse_anchor_time(value: str, seconds: int | None) -> None:
    assert parse_anchor_time(value) == seconds


def test_render_anchor_and_canonical_spelling() -> None:
    assert render_anchor(346) == a("00:05:46")
    assert render_anchor(3723) == a("01:02:03")
    assert anchor_spelling_is_canonical("00:05:46")
    assert not anchor_spelling_is_canonical("0:05:46")
    assert not anchor_spelling_is_canonical("05:46")
    with pytest.raises(InvalidInputError) as caught:
        render_anchor(-1)
    assert str(caught.value) == "an anchor time cannot be negative (-1 s); use 0 or more"


def test_importing_notes_pulls_in_no_cli_library() -> None:
    import subprocess
    import sys

    code = (
        "import sys, aftershock_cli.notes.note as n; n.parse_note('x');"
        "print(sorted(m for m in ('typer','rich','requests','yaml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


DOCS = Path(__file__).resolve().parent.parent / "docs" / "notes.md"


@pytest.mark.skipif(not DOCS.is_file(), reason="docs/notes.md is not in this checkout")
def test_the_library_example_in_the_docs_holds() -> None:
    import doctest

    result = doctest.testfile(str(DOCS), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 10
    assert result.failed == 0


def test_code_fence_inside_a_list_item_hides_its_anchors() -> None:
    text = (
        f"*   Step one {a('00:00:03')}\n"
        "    ```bash\n"
        f"    echo '{a('00:00:04')}'\n"
        "    ```\n"
        f"    *   Step two {a('00:00:05')}"
    )
    note = parse_note(text)
    assert [(b.kind, b.indent) for b in note.blocks] == [
        ("list_item", 0),
        ("code", 0),
        ("list_item", 4),
    ]
    assert [x.seconds for x in note.anchors] == [3, 5]


def test_a_fence_in_a_list_item_closes_with_its_item() -> None:
    # "``` <a ...>" is no closing fence (text follows it): the code ends with the item.
    text = (
        f"- Step one {a('00:00:01')}\n"
        "  ```\n"
        "  code\n"
        f"  ``` {a('00:00:02')}\n"
        f"- Step two {a('00:00:03')}\n"
        "\n"
        f"## Later\n\nMore {a('00:00:04')}\n"
    )
    note = parse_note(text)
    assert [b.kind for b in note.blocks] == [
        "list_item",
        "code",
        "list_item",
        "heading",
        "paragraph",
    ]
    assert [x.seconds for x in note.anchors] == [1, 3, 4]


def test_backticks_do_not_pair_across_list_items_in_a_quote() -> None:
    text = f"> - a `x {a('00:00:04')}\n> - b ` {a('00:00:05')}\n>\n> c ` {a('00:00:06')}\n"
    assert [x.seconds for x in parse_note(text).anchors] == [4, 5, 6]


@pytest.mark.parametrize(
    ("text", "kinds", "has_front_matter"),
    [
        ("", [], False),
        ("\ufeff---\ntitle: T\n---\nText", ["paragraph"], True),
        ("---\ntitle: T\n---", [], True),
        ("line one\rstill line one\n\nTwo", ["paragraph", "paragraph"], False),
        ("Para\n---\nmore", ["paragraph", "rule", "paragraph"], False),
        ("<!-- a\n\nb -->\nafter", ["html", "paragraph"], False),
        ("<mark>lead</mark> text\n<sup>1</sup>", ["paragraph"], False),
        ("$$ x $$\n$5 and $6\n$$\nnot closed\n\nend", ["math", *["paragraph"] * 3], False),
        ("#hashtag is text\n####### seven", ["paragraph"], False),
    ],
)
def test_block_edge_cases(text: str, kinds: list[str], has_front_matter: bool) -> None:
    note = parse_note(text)
    assert [b.kind for b in note.blocks] == kinds
    assert note.has_front_matter is has_front_matter
    assert note.to_markdown() == text


def test_the_module_example_holds() -> None:
    import doctest

    import aftershock_cli.notes.note

    result = doctest.testmod(aftershock_cli.notes.note)
    assert result.attempted == 3
    assert result.failed == 0
