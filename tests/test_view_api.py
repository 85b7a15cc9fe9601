"""The view's HTTP side without a browser: the JSON API, the guard, the pages' escaping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the view extra (starlette) is not installed")
pytest.importorskip("httpx2", reason="starlette's test client needs httpx2")

import yaml
from starlette.testclient import TestClient

from aftershock_cli.tagging.rank import Suggestion, reject
from aftershock_cli.view.app import create_app
from aftershock_cli.view.guard import Access
from aftershock_cli.workspace.folder import Workspace
from view_data import BASE, TOKEN, VIDEO, media_workspace

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def ws(workspace_dir: Path) -> Workspace:
    return media_workspace(workspace_dir)


@pytest.fixture
def client(ws: Workspace) -> TestClient:
    return TestClient(create_app(ws.root, Access(TOKEN, "aftershock-8000")), base_url=BASE)


def _stored(ws: Workspace) -> list[dict[str, object]]:
    path = ws.tags_path(VIDEO)
    return yaml.safe_load(path.read_text())["tags"] if path.exists() else []


def test_every_request_needs_the_token(client: TestClient):
    r = client.get("/")
    assert (r.status_code, r.text) == (
        403,
        "Error: a valid token is needed: open the URL that 'aftershock view' printed\n",
    )
    r = client.get("/api/videos")
    assert (r.status_code, r.json()) == (
        403,
        {"error": "a valid token is needed: open the URL that 'aftershock view' printed"},
    )
    assert client.get("/api/videos", headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert client.get(f"/media/{VIDEO}").status_code == 403
    assert client.get("/static/view.js").status_code == 403


def test_the_url_token_becomes_a_cookie(client: TestClient):
    r = client.get(f"/?token={TOKEN}")
    assert r.status_code == 200
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"aftershock-8000={TOKEN};")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert client.get("/api/videos").status_code == 200  # the cookie alone now


def test_foreign_host_and_origin_are_refused(client: TestClient):
    r = client.get("/api/videos", headers={**AUTH, "Host": "rebind.example:8000"})
    assert (r.status_code, r.json()) == (
        403,
        {
            "error": "this view answers only to 127.0.0.1, [::1], localhost, not 'rebind.example:8000'"
        },
    )
    body = {"start_ms": 4000, "end_ms": 9000, "themes": ["cross-silo"]}
    r = client.post(
        f"/api/videos/{VIDEO}/tags", json=body, headers={**AUTH, "Origin": "https://evil.example"}
    )
    assert (r.status_code, r.json()) == (403, {"error": "requests from other sites are refused"})
    r = client.post(
        f"/api/videos/{VIDEO}/tags", json=body, headers={**AUTH, "Sec-Fetch-Site": "cross-site"}
    )
    assert r.status_code == 403
    assert _stored(Workspace(client.app.state.root)) == []  # type: ignore[attr-defined]


def test_every_answer_has_a_strict_content_security_policy(client: TestClient):
    for r in (
        client.get("/", headers=AUTH),
        client.get("/api/videos"),
        client.get(f"/video/{VIDEO}", headers=AUTH),
    ):
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp
        assert "script-src 'self' https://www.youtube.com https://s.ytimg.com;" in csp
        assert "'unsafe-inline'" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_create_update_delete_a_tag(client: TestClient, ws: Workspace):
    body = {
        "start_ms": 4000,
        "end_ms": 15000,
        "themes": ["cross-silo"],
        "note": "Silos",
        "coder": "ana",
    }
    r = client.post(f"/api/videos/{VIDEO}/tags", json=body, headers=AUTH)
    assert r.status_code == 201
    made = r.json()
    assert {k: made[k] for k in ("start_ms", "end_ms", "themes", "note", "coder")} == {
        "start_ms": 4000,
        "end_ms": 15000,
        "themes": ["cross-silo"],
        "note": "Silos",
        "coder": "ana",
    }
    assert [t["id"] for t in _stored(ws)] == [made["id"]]
    r = client.patch(
        f"/api/tags/{made['id']}", json={"note": "Changed", "end_ms": 21000}, headers=AUTH
    )
    assert (r.status_code, r.json()["note"], r.json()["end_ms"]) == (200, "Changed", 21000)
    assert (_stored(ws)[0]["note"], _stored(ws)[0]["end_ms"]) == ("Changed", 21000)
    listed = client.get(f"/api/videos/{VIDEO}/tags", headers=AUTH).json()
    assert [t["note"] for t in listed] == ["Changed"]
    r = client.delete(f"/api/tags/{made['id']}", headers=AUTH)
    assert (r.status_code, r.json()["id"]) == (200, made["id"])
    assert _stored(ws) == []


def test_a_new_theme_is_created_only_when_asked(client: TestClient, ws: Workspace):
    body = {"start_ms": 0, "end_ms": 4000, "themes": ["Data sharing"]}
    r = client.post(f"/api/videos/{VIDEO}/tags", json=body, headers=AUTH)
    assert r.status_code == 400
    assert r.json()["error"].startswith("no theme 'Data sharing'")
    r = client.post(f"/api/videos/{VIDEO}/tags", json=body | {"create": True}, headers=AUTH)
    assert (r.status_code, r.json()["themes"]) == (201, ["data-sharing"])
    assert Workspace(ws.root).codebook().find("data-sharing") is not None


def test_bad_requests_get_the_cli_error_and_change_nothing(client: TestClient, ws: Workspace):
    post = f"/api/videos/{VIDEO}/tags"
    cases = [
        (
            {"start_ms": 9000, "end_ms": 4000, "themes": ["cross-silo"]},
            400,
            "the range 0:09-0:04 ends before it starts; give START-END with END after START",
        ),
        (
            {"start_ms": 0, "end_ms": 70000, "themes": ["cross-silo"]},
            400,
            "the range 0:00-1:10 lies past the end of the video; the video is 1:00 long",
        ),
        (
            {"start_ms": 0, "end_ms": 4000, "themes": []},
            400,
            "a tag needs at least one theme; pick or type one",
        ),
        (
            {"start_ms": "0", "end_ms": 4000, "themes": ["x"]},
            400,
            "'start_ms' must be a whole number of milliseconds",
        ),
    ]
    for body, status, error in cases:
        r = client.post(post, json=body, headers=AUTH)
        assert (r.status_code, r.json()) == (status, {"error": error})
    r = client.post(post, content=b"{not json", headers=AUTH)
    assert r.status_code == 400 and r.json()["error"].startswith("the request's body is not JSON")
    r = client.post(post, content=b"[" * 100_000 + b"]" * 100_000, headers=AUTH)
    assert (r.status_code, r.json()) == (
        400,
        {"error": "the request's body is not JSON: nested too deeply"},
    )
    r = client.patch("/api/tags/nosuchid", json={"note": "x"}, headers=AUTH)
    assert r.status_code == 404
    assert r.json()["error"].startswith("no tag 'nosuchid' in ")
    assert client.delete("/api/tags/nosuchid", headers=AUTH).status_code == 404
    assert _stored(ws) == []


def test_a_broken_tag_file_shows_the_cli_error(client: TestClient, ws: Workspace, cli):
    ws.tags_path(VIDEO).parent.mkdir(exist_ok=True)
    ws.tags_path(VIDEO).write_text("version: 1\ntags: [unclosed\n")
    expected = cli("tags", VIDEO).stderr.removeprefix("Error: ").strip()
    r = client.get(f"/api/videos/{VIDEO}/tags", headers=AUTH)
    assert (r.status_code, r.json()) == (409, {"error": expected})
    r = client.post(
        f"/api/videos/{VIDEO}/tags",
        json={"start_ms": 0, "end_ms": 4000, "themes": ["cross-silo"]},
        headers=AUTH,
    )
    assert (r.status_code, r.json()) == (409, {"error": expected})
    assert ws.tags_path(VIDEO).read_text() == "version: 1\ntags: [unclosed\n"
    page = client.get(f"/video/{VIDEO}", headers=AUTH)
    assert page.status_code == 409
    assert f"Error: {expected}" in page.text.replace("&#39;", "'")


def test_user_text_is_escaped_in_the_pages(client: TestClient, ws: Workspace):
    from aftershock_cli.core.model import Theme
    from aftershock_cli.tagging.tags import add_tag

    with ws.editing_config() as config:
        config.codebook = config.codebook.with_theme(Theme("img", '<img src=x onerror="alert(1)">'))
    add_tag(ws, VIDEO, 4000, 9000, ["img"], note="<script>alert(2)</script>")
    home = client.get("/", headers=AUTH).text
    assert "<img src=x" not in home
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in home
    note = client.get(f"/api/videos/{VIDEO}/note", headers=AUTH).json()["html"]
    assert "<script>" not in note and "&lt;script&gt;alert(2)&lt;/script&gt;" in note
    assert "<img" not in note


def test_the_video_page_has_the_hooks(client: TestClient):
    page = client.get(f"/video/{VIDEO}", headers=AUTH).text
    assert '<audio id="player" data-kind="media" src="/media/AbCdEfGhIj0"' in page
    block = page.split('<script type="application/json" id="rows-data">')[1].split("</script>")[0]
    rows = json.loads(block)
    assert (rows["start"][1], rows["end"][1], len(rows["text"]), rows["speaker"]) == (
        4000,
        9000,
        8,
        [],
    )


def test_media_is_served_with_ranges(client: TestClient, ws: Workspace):
    r = client.get(f"/media/{VIDEO}", headers={**AUTH, "Range": "bytes=100-199"})
    assert r.status_code == 206
    assert r.content == (ws.root / "talk.wav").read_bytes()[100:200]


def test_the_stamp_changes_when_the_cli_tags(client: TestClient, cli):
    before = client.get("/api/changes", headers=AUTH).json()["stamp"]
    assert client.get("/api/changes", headers=AUTH).json()["stamp"] == before
    assert cli("tag", VIDEO, "0:05", "cross-silo").exit_code == 0
    assert client.get("/api/changes", headers=AUTH).json()["stamp"] != before


def test_the_stamp_changes_when_a_suggestion_is_rejected_elsewhere(
    client: TestClient, ws: Workspace
):
    """A rejection made in the terminal (suggest --review) refreshes an open page's
    suggestions: the page reloads them when the stamp changes."""
    before = client.get("/api/changes", headers=AUTH).json()["stamp"]
    reject(ws, Suggestion(0, 60000, "cross-silo", 0, (), "", video_id=VIDEO))
    assert client.get("/api/changes", headers=AUTH).json()["stamp"] != before


def test_the_api_lists_videos_themes_and_a_transcript(client: TestClient):
    videos = client.get("/api/videos", headers=AUTH).json()
    assert [(v["video_id"], v["title"], v["tags"]) for v in videos] == [
        (VIDEO, "Closing session", 0)
    ]
    themes = client.get("/api/themes", headers=AUTH).json()
    assert themes[1] == {
        "slug": "cross-silo",
        "label": "Cross-sectoral and cross-silo work",
        "color": themes[1]["color"],
        "parent": "public-sector-innovation",
        "description": themes[1]["description"],
    }
    video = client.get(f"/api/videos/{VIDEO}", headers=AUTH).json()
    assert video["media"] is True
    assert video["segments"][0] == {
        "start_ms": 0,
        "end_ms": 4000,
        "clock": "0:00",
        "text": "Welcome to the closing session on public sector work.",
        "speaker": "",
    }
    r = client.get("/api/videos/nOtStOrEd00", headers=AUTH)
    assert r.status_code == 404 and r.json()["error"].startswith("no transcript of nOtStOrEd00")


def test_view_without_the_extra_says_what_to_install(cli, monkeypatch: pytest.MonkeyPatch):
    from aftershock_cli.cli import view_cmd

    monkeypatch.setattr(view_cmd, "has_web_extra", lambda: False)
    r = cli("view", "--no-browser")
    assert (r.exit_code, r.stdout, r.stderr) == (
        1,
        "",
        "Error: aftershock view needs the web extra (Starlette, uvicorn, Jinja2); install it "
        'with: pip install "aftershock[view]"\n',
    )


def test_transcript_words_and_titles_are_escaped(client: TestClient, ws: Workspace):
    from dataclasses import replace

    from aftershock_cli.core.model import Segment

    old = ws.load_transcript(VIDEO)
    ws.save_transcript(
        replace(old, title="<i>Title</i>", segments=(Segment(0, 4000, "<b>bold</b> & co"),))
    )
    page = client.get(f"/video/{VIDEO}", headers=AUTH).text
    assert '"text":["\\u003cb\\u003ebold\\u003c/b\\u003e \\u0026 co"]' in page
    assert "<title>&lt;i&gt;Title&lt;/i&gt; · aftershock</title>" in page
    assert "<b>" not in page and "<i>" not in page


def test_the_workspace_page_filters_and_searches(client: TestClient, ws: Workspace):
    from aftershock_cli.tagging.tags import add_tag

    add_tag(ws, VIDEO, 4000, 9000, ["cross-silo"], note="Silos <broke>", coder="ana")
    home = client.get("/", headers=AUTH).text
    assert '<tr data-video-id="AbCdEfGhIj0">' in home
    assert 'data-percent="8.3" title="Cross-sectoral and cross-silo work: 8.3%"' in home
    assert '<option value="ana">ana</option>' in home
    assert '<tr data-video-id="AbCdEfGhIj0">' in client.get("/?coder=ana", headers=AUTH).text
    nobody = client.get("/?coder=bo", headers=AUTH).text
    assert "data-video-id" not in nobody and "No videos with such tags." in nobody
    assert "data-video-id" not in client.get("/?theme=international", headers=AUTH).text
    found = client.get("/?q=silos", headers=AUTH).text
    assert "2 hit(s) for “silos”" in found
    assert '<a href="/video/AbCdEfGhIj0?t=4000">Closing session · 0:04</a>' in found
    assert "<mark>Silos</mark> &lt;broke&gt;" in found


def test_an_unknown_address_says_so(client: TestClient):
    page = client.get("/videos/nothing", headers=AUTH)
    assert page.status_code == 404
    assert (
        '<p class="error" id="page-error">Error: the view has nothing at /videos/nothing</p>'
        in (page.text)
    )
    assert '<a href="/">Back to the workspace</a>' in page.text
    api = client.get("/api/nothing", headers=AUTH)
    assert (api.status_code, api.json()) == (404, {"error": "the view has nothing at /api/nothing"})
    wrong = client.put("/api/themes", headers=AUTH)
    assert (wrong.status_code, wrong.json()) == (405, {"error": "PUT is not taken at /api/themes"})
