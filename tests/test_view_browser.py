"""The view in a real browser: Playwright driving the system's Chromium against
``aftershock view`` run as a user runs it (a process that prints its URL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from aftershock_cli.core.model import Segment, Theme, Transcript
from aftershock_cli.tagging.tags import add_tag
from aftershock_cli.workspace.folder import Workspace
from tagging_data import store
from view_data import VIDEO, media_workspace

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        "no /usr/bin/chromium: install it with 'apt-get install chromium'", allow_module_level=True
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT = os.environ.get("AFTERSHOCK_VIEW_SCREENSHOT")
"""Where to keep a screenshot of the video page (docs/view.png is made this way)."""


@pytest.fixture(scope="module")
def browser() -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as p:
        found = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield found
        found.close()


class Server:
    def __init__(self, root: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "aftershock_cli", "-w", str(root), "view", "--no-browser"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line.startswith("Serving http://127.0.0.1:"), line + self.proc.stderr.read()
        self.url = line.split()[1]

    def page(self, path: str) -> str:
        return self.url.replace("/?", f"{path}?", 1)

    def stop(self) -> tuple[int, str]:
        self.proc.send_signal(signal.SIGINT)
        _, err = self.proc.communicate(timeout=20)
        return self.proc.returncode, err


@pytest.fixture
def ws(workspace_dir: Path) -> Workspace:
    return media_workspace(workspace_dir)


@pytest.fixture
def server(ws: Workspace) -> Iterator[Server]:
    running = Server(ws.root)
    yield running
    if running.proc.poll() is None:
        running.stop()


@pytest.fixture
def page(browser: sync_api.Browser, server: Server) -> Iterator[sync_api.Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.goto(server.page(f"/video/{VIDEO}"))
    opened.wait_for_function("() => document.getElementById('player').readyState >= 1")
    yield opened
    context.close()
    assert errors == []


def _time(page: sync_api.Page) -> float:
    return float(page.evaluate("document.getElementById('player').currentTime"))


def _tags(ws: Workspace) -> list[dict[str, object]]:
    path = ws.tags_path(VIDEO)
    return yaml.safe_load(path.read_text())["tags"] if path.exists() else []


def test_a_click_on_a_row_seeks_the_player(page: sync_api.Page):
    page.click('.row[data-start-ms="15000"]')
    assert _time(page) == 15.0
    assert page.get_attribute(".row.now", "data-start-ms") == "15000"
    page.keyboard.press("j")
    assert _time(page) == 21.0
    page.keyboard.press("k")
    page.keyboard.press("k")
    assert _time(page) == 9.0


def test_select_rows_choose_a_theme_and_save(page: sync_api.Page, ws: Workspace):
    page.click('.row[data-start-ms="4000"]')
    page.click('.row[data-start-ms="15000"]', modifiers=["Shift"])
    assert page.inner_text("#editor-range") == "0:04–0:21"
    page.keyboard.press("t")
    page.keyboard.type("cross-silo")
    page.keyboard.press("Enter")
    page.fill("#note-input", "Silos broke down")
    page.click("#save")
    page.wait_for_selector("#tag-list li[data-tag-id]")
    [tag] = _tags(ws)
    assert (tag["start_ms"], tag["end_ms"], tag["themes"], tag["note"]) == (
        4000,
        21000,
        ["cross-silo"],
        "Silos broke down",
    )
    assert page.locator(f'#rows .bar[data-tag-id="{tag["id"]}"]').count() == 3
    if SCREENSHOT:
        _screenshot(page, ws, SCREENSHOT)


def _screenshot(page: sync_api.Page, ws: Workspace, path: str) -> None:
    """The video page with speakers, two coders, their disagreements and suggestions."""
    old = ws.load_transcript(VIDEO)
    who = [
        "Ana Ruiz",
        "Ana Ruiz",
        "Ana Ruiz",
        "Ben Okafor",
        "Ben Okafor",
        "Ana Ruiz",
        "Ana Ruiz",
        "Ben Okafor",
    ]
    segments = tuple(replace(s, speaker=w) for s, w in zip(old.segments, who, strict=True))
    ws.save_transcript(replace(old, segments=segments))
    add_tag(ws, VIDEO, 9000, 30000, ["cross-silo"], coder="ben", note="Joined-up work")
    add_tag(ws, VIDEO, 15000, 30000, ["relationships"], note="Trust grew locally", coder="ana")
    add_tag(ws, VIDEO, 21000, 40000, ["experimentation"], note="Small experiments", coder="ben")
    page.reload()
    page.wait_for_selector("#timeline .tl-tag >> nth=3", timeout=5000)
    page.check("#show-diffs")
    page.wait_for_selector(".tl-diff")
    page.wait_for_selector("#sugg-list li.sugg", timeout=30000)
    page.click('.row[data-start-ms="30000"]')
    page.wait_for_timeout(400)  # the playhead follows the player five times a second
    page.screenshot(path=path)


def test_a_drag_selects_rows(page: sync_api.Page):
    first = page.locator('.row[data-start-ms="9000"]').bounding_box()
    last = page.locator('.row[data-start-ms="30000"]').bounding_box()
    assert first and last
    page.mouse.move(first["x"] + 200, first["y"] + 5)
    page.mouse.down()
    page.mouse.move(last["x"] + 200, last["y"] + 5, steps=5)
    page.mouse.up()
    assert page.locator(".row.sel").count() == 4
    assert page.inner_text("#editor-range") == "0:09–0:40"


def test_an_error_shows_in_the_page(page: sync_api.Page, ws: Workspace):
    page.click("#save")
    assert page.inner_text("#editor-error") == (
        "Error: select the rows to tag first (click, shift-click or drag)"
    )
    page.click('.row[data-start-ms="4000"]')
    page.click("#save")
    page.wait_for_function("() => document.getElementById('editor-error').textContent !== ''")
    assert page.inner_text("#editor-error") == (
        "Error: a tag needs at least one theme; pick or type one"
    )
    assert _tags(ws) == []


def test_a_new_theme_typed_in_is_created(page: sync_api.Page, ws: Workspace):
    page.click('.row[data-start-ms="4000"]')
    page.fill("#theme-input", "Data sharing")
    page.keyboard.press("Enter")
    assert page.text_content("#chips") == "Data sharing (new)×"
    page.click("#save")
    page.wait_for_selector("#tag-list li[data-tag-id]")
    assert [t["themes"] for t in _tags(ws)] == [["data-sharing"]]
    assert Workspace(ws.root).codebook().find("data-sharing") is not None


def test_a_tag_added_from_the_cli_appears(page: sync_api.Page, cli, ws: Workspace):
    assert cli("tag", VIDEO, "0:05", "relationships", "--note", "from the CLI").exit_code == 0
    [tag] = _tags(ws)
    page.wait_for_selector(f'#tag-list li[data-tag-id="{tag["id"]}"]', timeout=10000)
    assert "from the CLI" in page.inner_text("#tag-list")


def test_edit_and_delete_a_tag(page: sync_api.Page, ws: Workspace):
    made = add_tag(ws, VIDEO, 9000, 15000, ["cross-silo"], note="first")
    page.click(f'#tag-list li[data-tag-id="{made.id}"]')
    assert _time(page) == 9.0
    assert page.inner_text("#editor-mode") == f"Tag {made.id}"
    page.fill("#note-input", "second")
    page.click('.row[data-start-ms="9000"]')
    page.click('.row[data-start-ms="21000"]', modifiers=["Shift"])
    page.click("#use-selection")
    page.click("#save")
    page.wait_for_function(
        "() => document.querySelector('#tag-list li.active .tag-note')?.textContent === 'second'"
    )
    [tag] = _tags(ws)
    assert (tag["note"], tag["start_ms"], tag["end_ms"]) == ("second", 9000, 30000)
    page.click("#delete")
    page.wait_for_selector("#tag-list li.empty")
    assert _tags(ws) == []


def test_user_text_stays_text(page: sync_api.Page, ws: Workspace):
    with ws.editing_config() as config:
        config.codebook = config.codebook.with_theme(
            Theme("img", '<img src=x onerror="window.hit=1">')
        )
    add_tag(ws, VIDEO, 4000, 9000, ["img"], note="<script>window.hit=2</script>")
    page.wait_for_selector("#tag-list li[data-tag-id]", timeout=10000)
    assert "<script>window.hit=2</script>" in page.inner_text("#tag-list")
    assert '<img src=x onerror="window.hit=1">' in page.inner_text("#tag-list")
    page.wait_for_function(  # the note follows the tags
        "() => document.getElementById('note').textContent.includes('window.hit=2')"
    )
    assert "<script>window.hit=2</script>" in page.inner_text("#note")
    assert page.evaluate("window.hit") is None
    assert page.locator("#tag-list img, #note img, #note script").count() == 0


def test_anchors_in_the_note_seek(page: sync_api.Page, ws: Workspace):
    add_tag(ws, VIDEO, 30000, 40000, ["anticipation"], note="Foresight helps")
    page.wait_for_selector("#note a.seek", timeout=10000)
    page.click("#note a.seek")
    assert _time(page) == 30.0


def test_requests_without_the_token_are_refused(browser: sync_api.Browser, server: Server):
    context = browser.new_context()
    answer = context.request.get(server.url.split("?")[0] + "api/videos")
    assert answer.status == 403
    opened = context.new_page()
    assert opened.goto(server.url.split("?")[0]).status == 403  # type: ignore[union-attr]
    context.close()


def test_offline_a_youtube_video_shows_the_notice(
    browser: sync_api.Browser, server: Server, workspace_dir: Path
):
    store(Workspace(workspace_dir), "yOuTuBe0001")
    context = browser.new_context()
    opened = context.new_page()
    opened.goto(server.page("/video/yOuTuBe0001"))
    opened.wait_for_selector("#offline:not([hidden])", timeout=10000)
    assert opened.inner_text("#offline").startswith("The player needs the network")
    assert opened.locator(".row").count() == 8
    context.close()


def test_ctrl_c_stops_the_server(server: Server):
    with urllib.request.urlopen(server.page("/api/changes"), timeout=10) as answer:
        assert answer.status == 200
    code, err = server.stop()
    assert (code, err) == (0, "Press Ctrl-C to stop\nStopped\n")


def test_two_tabs_stay_consistent(
    page: sync_api.Page, browser: sync_api.Browser, server: Server, ws: Workspace
):
    other = page.context.new_page()
    other.goto(server.page(f"/video/{VIDEO}"))
    other.wait_for_selector("#tag-list li.empty")
    page.click('.row[data-start-ms="40000"]')
    page.keyboard.press("t")
    page.keyboard.type("international")
    page.keyboard.press("Enter")
    page.click("#save")
    page.wait_for_selector("#tag-list li[data-tag-id]")
    [tag] = _tags(ws)
    other.wait_for_selector(f'#rows .bar[data-tag-id="{tag["id"]}"]', timeout=10000)
    other.click(f'#tag-list li[data-tag-id="{tag["id"]}"]')
    other.click("#delete")
    page.wait_for_selector("#tag-list li.empty", timeout=10000)
    assert _tags(ws) == []


BIG = "tHrEeHoUrs1"
STEP = 3 * 3600 * 1000 // 7800


def _big_talk(ws: Workspace) -> None:
    """A three-hour talk of 7,800 segments (a YouTube video: offline, no player)."""
    segments = tuple(
        Segment(i * STEP, STEP, f"Segment number {i} of the long talk") for i in range(7800)
    )
    ws.save_transcript(
        Transcript(BIG, title="Three hours", duration_ms=7800 * STEP, segments=segments)
    )


def _now(page: sync_api.Page) -> int:
    return int(page.get_attribute(".row.now", "data-start-ms") or -1)


def test_a_three_hour_talk_opens_and_seeks(
    browser: sync_api.Browser, server: Server, ws: Workspace
):
    _big_talk(ws)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    opened = context.new_page()
    opened.goto(server.page(f"/video/{BIG}") + "&t=9000000")
    opened.wait_for_selector(f'.row.now[data-start-ms="{6502 * STEP}"]')  # spoken at 2:30:00
    row = opened.locator(".row.now").bounding_box()
    box = opened.locator("#rows").bounding_box()
    assert (
        row
        and box
        and box["y"] <= row["y"]
        and row["y"] + row["height"] <= box["y"] + box["height"]
    )
    assert opened.locator(".row").count() < 500  # only the rows near the view are built
    opened.keyboard.press("j")
    assert _now(opened) == 6503 * STEP
    opened.click(f'.row[data-start-ms="{6510 * STEP}"]')
    assert _now(opened) == 6510 * STEP
    assert opened.inner_text("#editor-range") == "2:30:09–2:30:11"
    opened.eval_on_selector("#rows", "box => { box.scrollTop = box.scrollHeight; }")
    last = opened.locator(f'.row[data-start-ms="{7799 * STEP}"]')
    last.wait_for()
    assert last.inner_text() == "Segment number 7799 of the long talk"
    context.close()


def test_rows_show_the_speaker(page: sync_api.Page, ws: Workspace):
    old = ws.load_transcript(VIDEO)
    who = ["Ana", "Ana", "Ana", "Ben", "Ben", "", "Ana", "Ana"]
    segments = tuple(replace(s, speaker=w) for s, w in zip(old.segments, who, strict=True))
    ws.save_transcript(replace(old, segments=segments))
    page.reload()
    page.wait_for_selector(".row .speaker")
    assert page.locator(".row .speaker").all_inner_texts() == ["Ana:", "Ben:", "Ana:"]
    assert page.inner_text('.row[data-start-ms="15000"]') == (
        "Ben: Trust between local councils and citizens grew."
    )


def test_disagreements_show_on_the_timeline_and_seek(page: sync_api.Page, ws: Workspace):
    mine = add_tag(ws, VIDEO, 4000, 15000, ["cross-silo"], coder="ana")
    theirs = add_tag(ws, VIDEO, 9000, 30000, ["cross-silo"], coder="ben")
    page.wait_for_selector(f'#tag-list li[data-tag-id="{theirs.id}"]', timeout=10000)
    page.check("#show-diffs")
    page.wait_for_selector(".tl-diff >> nth=1")
    assert page.inner_text("#diffs-note") == (
        "2 stretch(es) where ana, ben differ; a click seeks there."
    )
    assert page.get_attribute('.tl-diff[data-start-ms="15000"]', "title") == (
        "Cross-sectoral and cross-silo work 0:15–0:30: marked by ben; not by ana"
    )
    page.click('.tl-diff[data-start-ms="15000"]')
    assert _time(page) == 15.0
    page.select_option("#coder-filter", "ana")
    assert page.locator("#tag-list li[data-tag-id]").count() == 1
    assert page.locator(f'#rows .bar[data-tag-id="{mine.id}"]').count() == 2
    assert page.locator(f'#rows .bar[data-tag-id="{theirs.id}"]').count() == 0


def test_suggestions_are_accepted_and_rejected(page: sync_api.Page, ws: Workspace):
    page.wait_for_selector("#sugg-list li.sugg >> nth=2", timeout=30000)
    assert page.is_hidden("#sugg-note")  # the meaning extra is installed for the tests
    first, second = page.locator("#sugg-list li.sugg").all()[:2]
    taken, dropped = first.get_attribute("data-theme"), second.get_attribute("data-theme")
    first.locator("button.accept").click()
    page.wait_for_selector("#tag-list li[data-tag-id]")
    [tag] = _tags(ws)
    assert (tag["start_ms"], tag["end_ms"], tag["themes"]) == (0, 60000, [taken])
    page.wait_for_selector(f'#sugg-list li[data-theme="{taken}"]', state="detached")
    page.locator(f'#sugg-list li[data-theme="{dropped}"] button.reject').click()
    page.wait_for_selector(f'#sugg-list li[data-theme="{dropped}"]', state="detached")
    assert yaml.safe_load(ws.rejected_path.read_text())["rejected"] == {
        dropped: [{"video_id": VIDEO, "start_ms": 0, "end_ms": 60000}]
    }
    page.wait_for_selector("#sugg-list li.sugg")
    assert dropped not in page.locator("#sugg-list li.sugg").evaluate_all(
        "items => items.map((i) => i.dataset.theme)"
    )
