"""Shell quoting for the command lines that messages show (no Typer, for the lean paths)."""

from __future__ import annotations

import re

SHELL_SAFE = re.compile(r"[\w@%+=:,./-]+")


def shell_quote(value: object) -> str:
    """``value`` as one shell word, in double quotes only when it must be (a path with
    spaces), so that it reads well inside a message's single-quoted command line."""
    text = str(value)
    if SHELL_SAFE.fullmatch(text):
        return text
    return '"' + re.sub(r'(["\\$`])', r"\\\1", text) + '"'
