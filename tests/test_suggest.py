"""``aftershock suggest``: deterministic ranking by keywords and descriptions, and --apply."""

from __future__ import annotations

import json

from aftershock_cli.core.model import Segment, Theme, Transcript
from aftershock_cli.tagging.suggest import score_words, suggest, theme_terms, windows, words
from aftershock_cli.tagging.tags import add_tag
from aftershock_cli.workspace.folder import Workspace
from tagging_data import VIDEO, store, transcript


def test_words_fold_case_hyphens_and_plurals():
    assert words("Cross-sectoral Silos, policies!") == ["cross", "sectoral", "silo", "policy"]


def test_theme_terms_weights():
    theme = Theme(
        "t",
        "T",
        description="Trust between councils and the people.",
        keywords=("trust", "feedback loop"),
    )
    assert theme_terms(theme) == {
        ("trust",): 2,
        ("feedback", "loop"): 3,
        ("council",): 1,
        ("people",): 1,
    }


def test_score_counts_each_term_at_most_three_times():
    terms = {("silo",): 2, ("joined", "up"): 3}
    score, matched = score_words(words("silos silos silos silos joined up"), terms)
    assert (score, matched) == (2 * 3 + 3, ["silo", "joined up"])


def test_windows_are_whole_segments_of_at_least_the_length():
    segs = [Segment(i * 4000, 4000, "x") for i in range(5)]
    assert windows(segs, 10000) == [(0, 2), (3, 4)]


def test_suggest_ranks_and_skips_tagged_stretches():
    book = [
        Theme("silo", "Silo", keywords=("silo", "joined up")),
        Theme("future", "F", keywords=("foresight", "future")),
    ]
    found = suggest(transcript(), book, window_ms=10000, min_score=2)
    assert [(s.theme, s.start_ms, s.end_ms, s.score, s.terms) for s in found] == [
        ("silo", 0, 15000, 5, ("joined up", "silo")),
        ("future", 30000, 40000, 4, ("foresight", "future")),
    ]
    from aftershock_cli.core.model import Tag

    done = Tag("x", VIDEO, 5000, 6000, ("silo",))
    again = suggest(transcript(), book, [done], window_ms=10000, min_score=2)
    assert [s.theme for s in again] == ["future"]


def test_cli_json_and_top(cli):
    store()
    r = cli("suggest", VIDEO, "--window", "10s", "--min-score", "2", "--top", "2", "-f", "json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert [(d["theme"], d["start_ms"], d["end_ms"], d["score"]) for d in data] == [
        ("cross-silo", 0, 15000, 14),
        ("anticipation", 30000, 40000, 6),
    ]
    assert data[1]["terms"] == ["foresight", "future", "prepare"]
    assert data[1]["text"] == "Foresight helps governments prepare for the future."


def test_cli_theme_filter_and_apply(cli):
    ws = store()
    r = cli(
        "suggest",
        VIDEO,
        "--theme",
        "antic",
        "--window",
        "10s",
        "--min-score",
        "2",
        "--apply",
        "--coder",
        "ana",
    )
    assert r.exit_code == 0
    assert r.stdout.splitlines()[1].split()[:7] == [
        "1",
        "0:30-0:40",
        "anticipation",
        "6",
        "words:",
        "foresight,",
        "future,",
    ]
    tags = Workspace(ws.root).load_tags(VIDEO)
    assert [(t.start_ms, t.end_ms, t.themes, t.coder) for t in tags] == [
        (30000, 40000, ("anticipation",), "ana")
    ]
    assert r.stderr == f"Added 1 tag(s): {tags[0].id}\n"
    # the stretch is tagged now, so it is not suggested again
    r = cli("suggest", VIDEO, "--theme", "antic", "--window", "10s", "--min-score", "2")
    assert (r.stdout, r.stderr) == (
        "",
        f"No stretch of {VIDEO} scores 2 or more; try --min-score\n",
    )


def test_cli_errors(cli, workspace_dir):
    r = cli("suggest", VIDEO)
    assert r.stderr == (
        f"Error: no transcript of {VIDEO} in {workspace_dir}; fetch it with 'aftershock fetch {VIDEO}'\n"
    )
    Workspace(workspace_dir).save_transcript(Transcript(VIDEO, title="note only"))
    r = cli("suggest", VIDEO)
    assert r.stderr == (
        f"Error: {VIDEO} has no transcript text to rank (only note metadata); "
        f"fetch it with 'aftershock fetch {VIDEO}'\n"
    )
    store()
    assert (
        cli("suggest", VIDEO, "--window", "0").stderr
        == "Error: --window must be longer than 0 (got '0')\n"
    )


def test_tagged_default_workspace_suggests_leaf_themes_only():
    ws = store()
    add_tag(ws, VIDEO, 0, 4000, ["cross-silo"])
    from aftershock_cli.tagging.rank import run_suggestions

    found = run_suggestions(ws, [VIDEO], window="10s", min_score=1, top=50)
    assert "public-sector-innovation" not in {s.theme for s in found}
    assert ("cross-silo", 0) not in {(s.theme, s.start_ms) for s in found}


def test_cli_table_keeps_ranges_and_scores_whole(cli):
    from importlib.resources import files

    from typer.testing import CliRunner

    from aftershock_cli.cli import _common
    from aftershock_cli.cli.app import app

    demo = files("aftershock_cli") / "data" / "demo"
    vtt = demo / "Government Aftershock closing session [t8dJdL0Wyw8].en.vtt"
    assert cli("fetch", "--file", str(vtt)).exit_code == 0
    _common.reset_consoles()
    r = CliRunner().invoke(app, ["suggest", "t8dJdL0Wyw8", "--top", "2"], env={"COLUMNS": "72"})
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["#", "Range", "Theme", "Score", "Because", "Text"]
    assert lines[1].split()[:4] == ["1", "9:36-10:40", "relationships", "19"]
    assert max(len(line) for line in lines) <= 72


def test_two_names_of_one_theme_suggest_and_apply_once(cli):
    ws = store()
    r = cli(
        "suggest",
        VIDEO,
        "-t",
        "cross-silo",
        "-t",
        "Cross-sectoral and cross-silo work",
        "--window",
        "10s",
        "--min-score",
        "2",
        "--apply",
        "-f",
        "json",
    )
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert [(d["theme"], d["start_ms"], d["end_ms"], d["score"]) for d in data] == [
        ("cross-silo", 0, 15000, 14)
    ]
    tags = Workspace(ws.root).load_tags(VIDEO)
    assert [(t.start_ms, t.end_ms, t.themes) for t in tags] == [(0, 15000, ("cross-silo",))]
    assert r.stderr == f"Added 1 tag(s): {tags[0].id}\n"


def test_words_keep_accented_and_unspaced_letters():
    assert words("Die Behörde, Straßen; cafe\u0301") == ["die", "behörde", "straßen", "café"]
    assert words("政府への信頼") == ["政", "府", "へ", "の", "信", "頼"]


def test_cli_finds_accented_and_japanese_keywords(cli):
    lines = (
        (0, 5000, "Die Behörde hat geholfen."),
        (5000, 5000, "Nichts weiter."),
        (10000, 5000, "政府への信頼が高まった。"),
    )
    Workspace.discover().save_transcript(
        Transcript("uNiCoDeVid0", segments=tuple(Segment(*x) for x in lines))
    )
    assert cli("themes", "add", "amt", "--label", "Amt", "-k", "Behörde").exit_code == 0
    assert cli("themes", "add", "vertrauen", "--label", "Vertrauen", "-k", "信頼").exit_code == 0
    args = ("--window", "5s", "--min-score", "2", "-f", "json")
    r = cli("suggest", "uNiCoDeVid0", "-t", "amt", "-t", "vertrauen", *args)
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout) == [
        {
            "video_id": "uNiCoDeVid0",
            "start_ms": 10000,
            "end_ms": 15000,
            "theme": "vertrauen",
            "score": 3,
            "because": "words: 信頼",
            "terms": ["信頼"],
            "text": "政府への信頼が高まった。",
        },
        {
            "video_id": "uNiCoDeVid0",
            "start_ms": 0,
            "end_ms": 5000,
            "theme": "amt",
            "score": 2,
            "because": "words: behörde",
            "terms": ["behörde"],
            "text": "Die Behörde hat geholfen.",
        },
    ]
