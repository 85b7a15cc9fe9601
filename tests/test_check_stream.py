"""check over many notes: one note is read, checked and let go before the next."""

from __future__ import annotations

from aftershock_cli.check.run import CheckOptions, NoteRef, check_sources
from aftershock_cli.core.model import Transcript


def test_each_note_is_read_only_when_its_turn_comes() -> None:
    events: list[str] = []
    ids = [f"vid{n:08d}" for n in range(20)]

    def note_of_video(video_id: str) -> str:
        events.append(f"read {video_id}")
        return f"---\ntitle: T\nvideoId: {video_id}\n---\n\nFrom: [[c]] <br/> \n\nWords."

    def lookup(video_id: str) -> tuple[Transcript | None, str | None]:
        events.append(f"transcript {video_id}")
        return None, None

    refs = [NoteRef(f"{v} (export)", None, v) for v in ids]
    results = check_sources(
        refs, note_of_video, lookup, CheckOptions(), lambda: events.append("done")
    )
    assert events == [e for v in ids for e in (f"read {v}", f"transcript {v}", "done")]
    assert [r.video_id for r in results] == ids
    assert [r.source.label for r in results[:1]] == ["vid00000000 (export)"]


def test_a_video_checked_again_soon_is_looked_up_once() -> None:
    calls: list[str] = []

    def lookup(video_id: str) -> tuple[Transcript | None, str | None]:
        calls.append(video_id)
        return None, None

    text = "---\ntitle: T\nvideoId: {}\n---\n\nWords."
    refs = [NoteRef(v, None, v) for v in ["aaaaaaaaaaa", "bbbbbbbbbbb", "aaaaaaaaaaa"]]
    check_sources(refs, text.format, lookup, CheckOptions())
    assert calls == ["aaaaaaaaaaa", "bbbbbbbbbbb"]
