"""Property tests of the note reader: lossless on any text, exact on generated notes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aftershock_cli.notes.note import Note, parse_note, render_anchor
from shared_files import CORPUS, shared


def check_spans(note: Note) -> None:
    """Every recorded span spells exactly what the part says it is."""
    text = note.text
    assert note.to_markdown() == text
    for anchor in note.anchors:
        assert text[anchor.start : anchor.end] == anchor.raw
    for link in note.links:
        assert text[link.start : link.end] == link.raw
    previous_end = -1
    for block in note.blocks:
        assert text[block.start : block.end] == block.text
        assert block.start > previous_end
        previous_end = block.end
        for part in (*block.anchors, *block.links):
            assert block.start <= part.start < part.end <= block.end
    assert [x.start for x in note.anchors] == sorted(x.start for x in note.anchors)
    assert sum(len(b.anchors) for b in note.blocks) == len(note.anchors)
    assert sum(len(b.links) for b in note.blocks) == len(note.links)


# -- arbitrary text ---------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "---\n", "---\r\n", "title: a: b\n", "videoId: -x\n", "From: [[c | d]] <br/> \n",
        "\n", "\r\n", "\t", " ", "# ", "## ", "*   ", "    ", "1.  ", "- ", "> ", "| ", "|---|\n",
        "```", "~~~", "`", "$$", "$", "<div>", "</div>", "<!--", "-->", "[[", "]]", "|", "\\|",
        "[", "]", "(", ")", "(#)", "<a ", 'class="yt-timestamp" ', 'data-t="', '"', ">", "</a>",
        "00:01:02", "1:02", "99:99:99:99", "12:34:", "\u2068", "\u2069", "word", "x",
    ]
)  # fmt: skip


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_round_trips(text: str) -> None:
    check_spans(parse_note(text))


@settings(max_examples=700, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=60).map("".join))
def test_any_arrangement_of_note_pieces_round_trips(text: str) -> None:
    note = parse_note(text)
    check_spans(note)
    assert isinstance(note.front_matter, dict)
    assert note.title is None or isinstance(note.title, str)


# -- generated notes ---------------------------------------------------------------

WORD = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ0123456789,.;'\"!?", min_size=1, max_size=8
)
NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ", min_size=1, max_size=8)
WORDS = st.tuples(NAME, st.lists(WORD, max_size=5)).map(lambda p: " ".join([p[0], *p[1]]))
TITLE = st.lists(NAME, min_size=1, max_size=5).map(" ".join)
SECONDS = st.integers(min_value=0, max_value=5 * 3600)


def clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


@st.composite
def citation(draw: st.DrawFn) -> tuple[str, int]:
    """A citation in one of the spellings notes use, with the seconds it means."""
    seconds = draw(SECONDS)
    hms = clock(seconds)
    short = f"{seconds // 60}:{seconds % 60:02d}"
    form = draw(st.sampled_from(["canonical", "short", "bare", "link", "paren", "class", "data"]))
    spelled = {
        "canonical": render_anchor(seconds),
        "short": f'<a class="yt-timestamp" data-t="{short}">[{short}]</a>',
        "bare": f"[{hms}]",
        "link": f"[{hms}](#)",
        "paren": f"([{hms}](#))",
        "class": f'<a class="yt_timestamp" data-t="{hms}">[{hms}]</a>',
        "data": f'<a class="yt-timestamp" data="{hms}">[{hms}]</a>',
    }[form]
    return spelled, seconds


@st.composite
def sentence(draw: st.DrawFn) -> tuple[str, list[int]]:
    """Words, a few wikilinks and citations, joined as the wild joins them."""
    parts: list[str] = [draw(WORDS)]
    times: list[int] = []
    for _ in range(draw(st.integers(0, 3))):
        if draw(st.booleans()):
            target = draw(WORDS)
            alias = draw(st.one_of(st.none(), WORDS))
            bar = draw(st.sampled_from([" | ", "|", " |", "| "]))
            parts.append(f"[[{target}]]" if alias is None else f"[[{target}{bar}{alias}]]")
        if draw(st.integers(0, 5)) == 0:
            code, _ = draw(citation())  # inline code is not a citation
            parts.append(f"`{code}`")
        spelled, seconds = draw(citation())
        parts.append(draw(st.sampled_from([" ", ", ", " - ", " and ", "", "\t"])) + spelled)
        times.append(seconds)
    parts.append(draw(st.sampled_from([".", ":", "", "  "])))
    return " ".join(parts), times


@st.composite
def block(draw: st.DrawFn) -> tuple[list[str], list[int], str]:
    """Lines of one block, its citations in order, and the kind the reader should see."""
    kind = draw(st.sampled_from(["paragraph", "heading", "item", "quote", "code", "table", "rule"]))
    if kind == "rule":
        return [draw(st.sampled_from(["---", "***", "- - -"]))], [], "rule"
    if kind == "code":
        body, _ = draw(sentence())
        return ["```text", body, "```"], [], "code"
    text, times = draw(sentence())
    if kind == "heading":
        return ["#" * draw(st.integers(1, 6)) + " " + text], times, "heading"
    if kind == "item":
        marker = draw(st.sampled_from(["*   ", "- ", "1.  ", "2. "]))
        indent = " " * draw(st.sampled_from([0, 4, 8]))
        return [indent + marker + text], times, "list_item"
    if kind == "quote":
        more, more_times = draw(sentence())
        return ["> " + text, "> " + more], times + more_times, "quote"
    if kind == "table":
        return ["| A | B |", "|:--|--:|", f"| x | {text} |"], times, "table"
    more = draw(st.lists(sentence(), max_size=2))
    lines = [text] + [line for line, _ in more]
    return lines, times + [t for _, ts in more for t in ts], "paragraph"


@st.composite
def generated_note(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    expect: dict[str, object] = {"title": None, "video_id": None, "channel": None}
    lines: list[str] = []
    if draw(st.booleans()):
        title = draw(TITLE) + draw(st.sampled_from(["", ": a subtitle", " - part 2"]))
        video_id = draw(st.from_regex(r"[A-Za-z0-9_-]{11}", fullmatch=True))
        extra = draw(
            st.sampled_from([[], ["tags: [a, b]"], ["aliases:", "  - x"], ["date: 2024-01-02"]])
        )
        quoted = draw(st.booleans()) and ": " not in title
        shown_title = f'"{title}"' if quoted else title
        lines += ["---", f"title: {shown_title}", f"videoId: {video_id}", *extra, "---", ""]
        expect.update(title=title, video_id=video_id)
    source = draw(st.sampled_from(["", "plain", "no-space", "alias", "isolated"]))
    if source:
        channel = draw(st.from_regex(r"[a-z0-9][a-zA-Z0-9._-]{0,15}", fullmatch=True))
        lines.append(
            {
                "plain": f"From: [[{channel}]] <br/> ",
                "no-space": f"From: [[{channel}]] <br/>",
                "alias": f"From: [[{channel} | The Show]]",
                "isolated": f"From: [[\u2068{channel}\u2069]] <br/> ",
            }[source]
        )
        lines.append("")
        expect["channel"] = channel
    kinds: list[str] = ["source"] if source else []
    times: list[int] = []
    for part_lines, part_times, kind in draw(st.lists(block(), max_size=8)):
        if not lines and part_lines == ["---"]:
            part_lines = ["***"]  # a note cannot start with a --- rule: that opens front matter
        lines += part_lines
        lines.append("")
        kinds.append(kind)
        times += part_times
    expect["kinds"] = kinds
    expect["times"] = times
    text = newline.join(lines).rstrip("\r\n")
    if draw(st.booleans()):
        text += newline
    return text, expect


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated_note())
def test_generated_notes_are_read_exactly(case: tuple[str, dict[str, object]]) -> None:
    text, expect = case
    note = parse_note(text)
    check_spans(note)
    assert note.title == expect["title"]
    assert note.video_id == expect["video_id"]
    assert note.channel == expect["channel"]
    assert [b.kind for b in note.blocks] == expect["kinds"]
    assert [a.seconds for a in note.anchors] == expect["times"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated_note(), st.data())
def test_editing_an_anchor_changes_only_its_bytes(
    case: tuple[str, dict[str, object]], data: st.DataObject
) -> None:
    text, _ = case
    note = parse_note(text)
    if not note.anchors:
        return
    index = data.draw(st.integers(0, len(note.anchors) - 1))
    seconds = data.draw(SECONDS)
    target = note.anchors[index]
    edited = note.with_anchor_time(target, seconds)
    new = render_anchor(seconds)
    assert edited.text[: target.start] == text[: target.start]
    assert edited.text[target.start + len(new) :] == text[target.end :]
    assert len(edited.anchors) == len(note.anchors)
    assert edited.anchors[index].seconds == seconds
    assert edited.anchors[index].well_formed
    others = [a.raw for i, a in enumerate(note.anchors) if i != index]
    assert [a.raw for i, a in enumerate(edited.anchors) if i != index] == others
    assert [(b.kind, b.line) for b in edited.blocks] == [(b.kind, b.line) for b in note.blocks]


# -- the corpus of real notes, when this machine has it ---------------------------


def test_corpus_notes_round_trip_and_name_their_video() -> None:
    paths = sorted(shared(CORPUS).glob("*.md"))
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        note = parse_note(text)
        check_spans(note)
        assert note.title, path.name
        assert note.video_id, path.name
        assert note.channel, path.name
        readable = sum(a.seconds is not None for a in note.anchors)
        assert readable == len(note.anchors), path.name
