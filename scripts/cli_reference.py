"""Regenerate the README's CLI reference from the commands' own ``--help``.

Usage: python scripts/cli_reference.py          (rewrites README.md in place)
       python scripts/cli_reference.py --check  (exit 1 when README.md is stale)

It also stores the text of ``aftershock --help`` in ``cli/_help_text.py``, which
the console script prints without starting Typer. ``tests/test_readme.py`` and
``tests/test_launch.py`` check both, so neither can drift.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

START = "<!-- cli-reference:start -->"
END = "<!-- cli-reference:end -->"
README = Path(__file__).resolve().parent.parent / "README.md"
HELP_TEXT = README.parent / "src" / "aftershock_cli" / "cli" / "_help_text.py"
WIDTH = 88


def _walk(cmd: Any, ctx: Any, path: list[str]) -> list[tuple[list[str], str]]:
    out = [(path, cmd.get_help(ctx))]
    for name in cmd.list_commands(ctx) if hasattr(cmd, "list_commands") else []:
        sub = cmd.get_command(ctx, name)
        sub_ctx = sub.make_context(
            name,
            [],
            parent=ctx,
            resilient_parsing=True,
            terminal_width=WIDTH,
            max_content_width=WIDTH,
        )
        out.extend(_walk(sub, sub_ctx, [*path, name]))
    return out


def render_reference() -> str:
    """The Markdown of the reference: every command's plain help, in order."""
    import typer.core
    from typer.main import get_command

    from aftershock_cli.cli.app import app

    saved = typer.core.HAS_RICH
    typer.core.HAS_RICH = False
    try:
        root = get_command(app)
        ctx = root.make_context(
            "aftershock", [], resilient_parsing=True, terminal_width=WIDTH, max_content_width=WIDTH
        )
        sections = []
        for path, text in _walk(root, ctx, []):
            title = " ".join(["aftershock", *path])
            body = "\n".join(line.rstrip() for line in text.strip("\n").splitlines())
            sections.append(f"### `{title}`\n\n```text\n{body}\n```\n")
        return "\n".join(sections)
    finally:
        typer.core.HAS_RICH = saved


def updated_readme(text: str) -> str:
    head, sep, rest = text.partition(START)
    if not sep or END not in rest:
        raise SystemExit(f"README.md lacks the markers {START} ... {END}")
    tail = rest.split(END, 1)[1]
    return f"{head}{START}\n\n{render_reference()}\n{END}{tail}"


def typer_root_help() -> str:
    """What the Typer application prints for ``aftershock --help`` into a pipe."""
    done = subprocess.run(
        [sys.executable, "-c", "from aftershock_cli.cli.app import main; main()", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "80"},
    )
    return done.stdout


def help_module(text: str) -> str:
    """The source of ``cli/_help_text.py`` holding ``text``."""
    body = f'"""\\\n{text}"""' if "\\" not in text and '"""' not in text else repr(text)
    return (
        '"""The text of ``aftershock --help`` as Typer prints it 80 columns wide, for the\n'
        'console script\'s lean path (written by scripts/cli_reference.py; do not edit)."""\n'
        f"\nROOT_HELP = {body}\n"
    )


def main(argv: list[str]) -> int:
    text = README.read_text(encoding="utf-8")
    new = updated_readme(text)
    helps = help_module(typer_root_help())
    if "--check" in argv:
        stale = [
            name
            for name, ok in (
                ("README.md's CLI reference", new == text),
                ("cli/_help_text.py", HELP_TEXT.read_text(encoding="utf-8") == helps),
            )
            if not ok
        ]
        for name in stale:
            print(f"{name} is stale: run python scripts/cli_reference.py")
        return 1 if stale else 0
    README.write_text(new, encoding="utf-8")
    HELP_TEXT.write_text(helps, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
