"""Only cli/ speaks in flags and command lines: the library's strings name neither.

Every string constant of every module outside ``cli/`` is read, docstrings
and the literal parts of f-strings included: a library error carries a hint,
and ``cli/hints.py`` words it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import aftershock_cli
from aftershock_cli.cli.app import COMMANDS

PACKAGE = Path(aftershock_cli.__file__).parent
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")
COMMAND = re.compile(r"\baftershock (?:" + "|".join(re.escape(c) for c in COMMANDS) + r")(?![\w-])")
ALLOWED = {
    # the title of the JSON schema of an exported video: the export as a thing, not a command
    ("export/jsonfmt.py", "aftershock export of one video"),
}


def cli_words(source: str, allowed: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """(line, word) of every flag or aftershock command line in the strings of ``source``
    (but those exactly ``allowed``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value in allowed:
                continue
            for pattern in (FLAG, COMMAND):
                found += [(node.lineno, m.group()) for m in pattern.finditer(node.value)]
    return found


def library_modules() -> list[Path]:
    # cli/ and the view (which talks to users in its pages) may name commands
    return sorted(
        p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] not in ("cli", "view")
    )


def test_no_library_string_names_a_flag_or_a_command():
    offenders = []
    for path in library_modules():
        name = path.relative_to(PACKAGE).as_posix()
        allowed = frozenset(text for module, text in ALLOWED if module == name)
        for line, word in cli_words(path.read_text(encoding="utf-8"), allowed):
            offenders.append(f"{name}:{line}: {word}")
    assert offenders == []


def test_the_check_finds_flags_and_commands_in_messages_and_docstrings():
    source = (
        '"""Fetch with ``--lang``."""\n'
        "def f(v):\n"
        "    raise ValueError(f\"no {v}; fetch it with 'aftershock fetch {v}'\")\n"
        'NOTE = "an aftershock transcript, not a --"\n'
    )
    assert cli_words(source) == [(1, "--lang"), (3, "aftershock fetch")]
    assert cli_words(source, frozenset({"Fetch with ``--lang``."})) == [(3, "aftershock fetch")]


def test_the_library_modules_are_found():
    names = {p.relative_to(PACKAGE).as_posix() for p in library_modules()}
    assert {"core/errors.py", "sources/youtube_errors.py", "tagging/themes.py"} <= names
    assert not any(n.startswith("cli/") for n in names)
