"""The README stays true: its CLI reference matches the commands' --help."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _reference_module():
    spec = importlib.util.spec_from_file_location(
        "cli_reference", ROOT / "scripts" / "cli_reference.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_in_sync():
    module = _reference_module()
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert module.updated_readme(text) == text, "run: python scripts/cli_reference.py"


def test_quick_start_has_the_two_command_lines():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Quick start", 1)[1].split("```", 2)[1]
    lines = [line for line in block.splitlines() if line.strip()]
    assert lines == [
        "pip install . && aftershock demo",
        'pip install -e ".[test]" && python -m pytest',
    ]
