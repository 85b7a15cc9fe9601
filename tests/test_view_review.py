"""The view's review endpoints without a browser: suggestions (accept, reject, the
missing meaning extra) and the stretches where coders differ."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the view extra (starlette) is not installed")
pytest.importorskip("httpx2", reason="starlette's test client needs httpx2")

import yaml
from starlette.testclient import TestClient

from aftershock_cli.tagging.meaning import Embedder, MeaningMissingError
from aftershock_cli.tagging.tags import add_tag
from aftershock_cli.view.app import create_app
from aftershock_cli.view.guard import Access
from aftershock_cli.workspace.folder import Workspace
from view_data import BASE, TOKEN, VIDEO, media_workspace

AUTH = {"Authorization": f"Bearer {TOKEN}"}
MISSING = "ranking by meaning needs the optional extra 'meaning' (wordllama and numpy)"


def _no_model() -> Embedder:
    raise MeaningMissingError(MISSING)


@pytest.fixture
def ws(workspace_dir: Path) -> Workspace:
    return media_workspace(workspace_dir)


@pytest.fixture
def client(ws: Workspace) -> TestClient:
    app = create_app(ws.root, Access(TOKEN, "aftershock-8000"), _no_model)
    return TestClient(app, base_url=BASE)


def _url(what: str) -> str:
    return f"/api/videos/{VIDEO}/{what}"


def test_without_the_extra_suggestions_are_by_words_and_say_so(client: TestClient):
    found = client.get(_url("suggestions"), headers=AUTH).json()
    assert (found["by"], found["meaning"]) == ("words", MISSING)
    first = found["suggestions"][0]
    assert {k: first[k] for k in ("start_ms", "end_ms", "theme", "score")} == {
        "start_ms": 0,
        "end_ms": 60000,
        "theme": "cross-silo",
        "score": 16,
    }
    assert first["because"].startswith("words: across government, joined up,")
    r = client.get(_url("suggestions?by=meaning"), headers=AUTH)
    assert (r.status_code, r.json()) == (400, {"error": MISSING})
    r = client.get(_url("suggestions?by=colour"), headers=AUTH)
    assert (r.status_code, r.json()) == (
        400,
        {"error": "'by' must be one of words, meaning, both (got 'colour')"},
    )


def test_accept_makes_a_tag_and_reject_is_remembered(client: TestClient, ws: Workspace):
    body = {"theme": "cross-silo", "start_ms": 0, "end_ms": 60000, "coder": "ana"}
    r = client.post(_url("suggestions/accept"), json=body, headers=AUTH)
    assert r.status_code == 201
    [tag] = ws.load_tags(VIDEO)
    assert (tag.start_ms, tag.end_ms, tag.themes, tag.coder) == (0, 60000, ("cross-silo",), "ana")
    assert r.json()["id"] == tag.id
    body = {"theme": "relationships", "start_ms": 0, "end_ms": 60000}
    r = client.post(_url("suggestions/reject"), json=body, headers=AUTH)
    assert (r.status_code, r.json()) == (200, body | {"video_id": VIDEO})
    assert yaml.safe_load(ws.rejected_path.read_text()) == {
        "version": 1,
        "rejected": {"relationships": [{"video_id": VIDEO, "start_ms": 0, "end_ms": 60000}]},
    }
    left = client.get(_url("suggestions"), headers=AUTH).json()["suggestions"]
    assert [s["theme"] for s in left] == ["international", "anticipation", "local-engagement"]


def test_a_suggestion_for_an_unknown_theme_is_refused(client: TestClient, ws: Workspace):
    body = {"theme": "nope", "start_ms": 0, "end_ms": 4000}
    r = client.post(_url("suggestions/reject"), json=body, headers=AUTH)
    assert r.status_code == 400
    assert r.json() == {
        "error": "no theme 'nope' in the codebook; the codebook lists the themes (add one to it)"
    }
    assert not ws.rejected_path.exists()


def test_disagreements_between_the_coders(client: TestClient, ws: Workspace):
    found = client.get(_url("disagreements"), headers=AUTH).json()
    assert found == {
        "coders": [],
        "stretches": [],
        "message": "Needs tags by two or more coders; this video's tags name: none",
    }
    add_tag(ws, VIDEO, 4000, 15000, ["cross-silo"], coder="ana")
    add_tag(ws, VIDEO, 9000, 30000, ["cross-silo"], coder="ben")
    found = client.get(_url("disagreements"), headers=AUTH).json()
    assert (found["coders"], found["message"]) == (["ana", "ben"], "")
    assert [
        (d["theme"], d["start_ms"], d["end_ms"], d["marked_by"], d["not_marked_by"])
        for d in found["stretches"]
    ] == [
        ("cross-silo", 4000, 9000, ["ana"], ["ben"]),
        ("cross-silo", 15000, 30000, ["ben"], ["ana"]),
    ]
    assert found["stretches"][0]["text"] == "Silos broke down across government departments."
