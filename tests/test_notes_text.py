"""The one plain-text rendering of note Markdown, for each of its purposes."""

from __future__ import annotations

from aftershock_cli.notes.note import parse_note
from aftershock_cli.notes.text import heading_text, plain_text

ANCHOR = '<a class="yt-timestamp" data-t="00:01:02">[00:01:02]</a>'


def test_shown_text_drops_citations_and_bold_and_keeps_the_users_marks() -> None:
    text = f"The **silo** <b> cross_silo [[page | words]] {ANCHOR} and ([00:02:03](#))."
    assert plain_text(text) == "The silo <b> cross_silo words and."


def test_a_link_shows_its_last_alias_in_captions_and_nothing_when_that_was_a_time() -> None:
    assert plain_text("their [[page | topic | causal history]].") == "their causal history."
    assert plain_text(f"circumstances [[page | {ANCHOR}]].") == "circumstances ."


def test_words_to_match_read_links_as_the_note_reader_does() -> None:
    text = f"The **silo** <b>cross_silo</b> [[page | topic | words]] [[empty|]] {ANCHOR}"
    assert plain_text(text, "match") == "The silo cross silo topic | words empty [00:01:02]"


def test_a_heading_shows_its_words() -> None:
    note = parse_note(f"# Title [[page|Alias]] `[[code]]` {ANCHOR} ##\n\ntext\n")
    assert heading_text(note, note.headings[0]) == "Title Alias `[[code]]`"
