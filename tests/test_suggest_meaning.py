"""``suggest --by meaning|both``, the cache of vectors, rejections and ``--review``.

A fake model stands in for WordLlama at the seam: it maps a few words to
directions ("walls" and "ministries" mean the same as "silo"), so the ranking is
known; one test loads the real bundled model with the network blocked.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Sequence

import numpy as np
import pytest

from aftershock_cli.core.model import Rejection, Segment, Transcript
from aftershock_cli.tagging import meaning
from aftershock_cli.tagging.rank import run_suggestions
from aftershock_cli.tagging.tags import add_tag
from aftershock_cli.workspace.folder import Workspace
from tagging_data import VIDEO, store

SENSES = {
    "silo": 0, "silos": 0, "walls": 0, "ministries": 0, "joined": 0, "cross": 0,
    "foresight": 1, "future": 1, "tomorrow": 1, "anticipation": 1,
    "trust": 2, "citizens": 2, "councils": 2,
}  # fmt: skip


class FakeModel:
    name = "fake"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.seen += texts
        out = np.full((len(texts), 4), 0.01, dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().replace(",", " ").replace(".", " ").split():
                if word in SENSES:
                    out[row, SENSES[word]] += 1
        return out / np.linalg.norm(out, axis=1, keepdims=True)


OTHER = "OtHeRvIdEo1"
PARAPHRASE = (
    (0, 5000, "We talked about lunch."),
    (5000, 5000, "Breaking down walls between ministries took years."),
    (10000, 5000, "The weather was fine."),
)


@pytest.fixture
def model(seams) -> FakeModel:
    fake = FakeModel()
    seams.load_embedder = lambda: fake
    return fake


def test_by_meaning_without_the_extra_says_how_to_install(cli):
    store()
    r = cli("suggest", VIDEO, "--by", "meaning")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == (
        "Error: ranking by meaning needs the optional extra 'meaning' (wordllama and numpy); "
        "install it with 'pip install \"aftershock[meaning]\"', or rank by words with --by words\n"
    )


def test_meaning_finds_a_paraphrase_like_a_tagged_example(cli, model):
    ws = store()
    ws.save_transcript(Transcript(OTHER, segments=tuple(Segment(*x) for x in PARAPHRASE)))
    add_tag(ws, VIDEO, 4000, 9000, ["cross-silo"])
    args = "--theme cross-silo --by meaning --window 1s --top 1 -f json"
    r = cli(f"suggest {OTHER} {args}")
    assert r.exit_code == 0, r.stderr
    [found] = json.loads(r.stdout)
    assert (found["video_id"], found["start_ms"], found["end_ms"]) == (OTHER, 5000, 10000)
    assert found["because"] == f"like {VIDEO} 0:04-0:09"
    assert found["text"] == "Breaking down walls between ministries took years."


def test_default_is_both_with_a_model_and_all_ranks_every_video(cli, model):
    ws = store()
    ws.save_transcript(Transcript(OTHER, segments=tuple(Segment(*x) for x in PARAPHRASE)))
    r = cli("suggest --all --theme cross-silo --window 1s --top 3 -f json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    # "Silos broke down" has the words and the meaning; the paraphrase mostly the meaning
    assert [(d["video_id"], d["start_ms"], d["because"]) for d in data] == [
        (VIDEO, 4000, "words: across government, silo, across, department, government"),
        (VIDEO, 9000, "words: joined up, joined, thinking"),
        (OTHER, 5000, "words: breaking"),
    ]
    assert data[0]["score"] > data[2]["score"]


def test_vectors_are_cached_until_the_transcript_changes(model):
    ws = store()
    run_suggestions(ws, [VIDEO], ["cross-silo"], by="meaning", window="1s", embedder=model)
    cached = sorted((ws.root / ".aftershock" / "embeddings").glob("*.npy"))
    assert [p.name.split(".")[0] for p in cached] == [VIDEO]
    model.seen.clear()
    run_suggestions(ws, [VIDEO], ["cross-silo"], by="meaning", window="1s", embedder=model)
    assert "Welcome to the closing session on public sector work." not in model.seen
    with ws.editing_transcript(VIDEO) as stored:
        old = stored.transcript
        assert old is not None
        stored.transcript = Transcript(VIDEO, segments=(Segment(0, 5000, "Cross silo walls."),))
    found = run_suggestions(ws, [VIDEO], ["cross-silo"], by="meaning", window="1s", embedder=model)
    assert [s.text for s in found] == ["Cross silo walls."]
    again = sorted((ws.root / ".aftershock" / "embeddings").glob("*.npy"))
    assert len(again) == 1 and again != cached


def test_a_touched_but_unchanged_transcript_keeps_its_vectors(model):
    ws = store()
    run_suggestions(ws, [VIDEO], ["cross-silo"], by="meaning", window="1s", embedder=model)
    [first] = (ws.root / ".aftershock" / "embeddings").glob(f"{VIDEO}.*.npy")
    path = ws.transcript_path(VIDEO)
    path.write_bytes(path.read_bytes())  # saved again as it was: a new time, the same words
    model.seen.clear()
    run_suggestions(ws, [VIDEO], ["cross-silo"], by="meaning", window="1s", embedder=model)
    assert "Welcome to the closing session on public sector work." not in model.seen
    [second] = (ws.root / ".aftershock" / "embeddings").glob(f"{VIDEO}.*.npy")
    assert second.name.split(".")[:2] == first.name.split(".")[:2] and second != first
    model.seen.clear()
    run_suggestions(ws, [VIDEO], ["cross-silo"], by="meaning", window="2s", embedder=model)
    assert "Welcome to the closing session on public sector work." in model.seen


def test_tagged_examples_are_embedded_once_until_their_tags_change(model):
    ws = store()
    ws.save_transcript(Transcript(OTHER, segments=tuple(Segment(*x) for x in PARAPHRASE)))
    add_tag(ws, VIDEO, 4000, 9000, ["cross-silo"])
    run_suggestions(ws, [OTHER], ["cross-silo"], by="meaning", window="1s", embedder=model)
    example = "Silos broke down across government departments."
    assert example in model.seen
    model.seen.clear()
    found = run_suggestions(ws, [OTHER], ["cross-silo"], by="meaning", window="1s", embedder=model)
    assert example not in model.seen
    assert [(s.start_ms, s.because) for s in found][:1] == [(5000, f"like {VIDEO} 0:04-0:09")]
    add_tag(ws, OTHER, 0, 5000, ["cross-silo"], note="lunch")
    model.seen.clear()
    found = run_suggestions(ws, [OTHER], ["cross-silo"], by="meaning", window="1s", embedder=model)
    # only the changed video's tags are read and embedded again
    assert model.seen[0] == "We talked about lunch." and example not in model.seen
    assert 0 not in [s.start_ms for s in found]


def test_review_accepts_rejects_and_remembers(cli, model, workspace_dir):
    store()
    args = "--theme cross-silo --by meaning --window 1s --top 2 --review --coder ana"
    r = cli(f"suggest {VIDEO} {args}", input="r\na\n")
    assert r.exit_code == 0, r.stderr
    ws = Workspace(workspace_dir)
    [tag] = ws.load_tags(VIDEO)
    assert (tag.start_ms, tag.end_ms, tag.themes, tag.coder) == (
        9000,
        15000,
        ("cross-silo",),
        "ana",
    )
    # (the test runner echoes the answers typed on stdin)
    assert r.stdout.splitlines()[-1] == f"{tag.id}\t{VIDEO}\t0:09-0:15 (6s)\tcross-silo"
    assert ws.load_rejections() == [Rejection("cross-silo", VIDEO, 4000, 9000)]
    assert r.stderr.endswith("Accepted 1, rejected 1, skipped 0\n")
    # neither the rejected nor the tagged stretch comes back
    r = cli(f"suggest {VIDEO} --theme cross-silo --by meaning --window 1s --top 5 -f json")
    starts = [d["start_ms"] for d in json.loads(r.stdout)]
    assert 4000 not in starts and 9000 not in starts


def test_review_edit_changes_range_and_note(cli, model, workspace_dir):
    store()
    args = "--theme cross-silo --by meaning --window 1s --top 1 --review"
    r = cli(f"suggest {VIDEO} {args}", input="e\n0:04-0:15\nSilos fell\n")
    assert r.exit_code == 0, r.stderr
    [tag] = Workspace(workspace_dir).load_tags(VIDEO)
    assert (tag.start_ms, tag.end_ms, tag.note) == (4000, 15000, "Silos fell")


def test_rejections_lower_similar_stretches():
    text = np.array([1.0, 0.0], dtype=np.float32)
    near = np.array([[0.0, 1.0]], dtype=np.float32)
    plain = meaning.Profile("t", text, np.zeros((0, 2), np.float32), np.zeros((0, 2), np.float32))
    gone = meaning.Profile("t", text, np.zeros((0, 2), np.float32), near)
    rows = np.array([[0.6, 0.8]], dtype=np.float32)
    assert meaning.score(rows, plain)[0] == pytest.approx(0.6)
    assert meaning.score(rows, gone)[0] == pytest.approx(0.6 - 0.25 * 0.8)


def test_the_bundled_model_loads_without_the_network(monkeypatch):
    pytest.importorskip("wordllama", reason="the 'meaning' extra is not installed")

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("a download was attempted")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr("requests.get", no_network)
    model = meaning.load_wordllama()
    vectors = model.embed(["joined-up government", "breaking down walls"])
    assert vectors.shape == (2, 256)
    assert np.linalg.norm(vectors, axis=1) == pytest.approx([1.0, 1.0], abs=1e-3)
