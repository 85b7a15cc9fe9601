"""aftershock: thematic analysis of recorded talks, as a library.

The public API is listed in ``__all__``. Importing this package pulls in
neither typer, rich, requests nor youtube-transcript-api.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    # notes in the source format
    "parse_note": "notes",
    "Note": "notes",
    "Anchor": "notes",
    "Link": "notes",
    "Heading": "notes",
    # data model
    "Segment": "model",
    "Chapter": "model",
    "Transcript": "model",
    "Theme": "model",
    "Codebook": "model",
    "Tag": "model",
    "default_codebook": "codebook",
    # workspace
    "Workspace": "workspace",
    # times
    "parse_time": "timecode",
    "parse_range": "timecode",
    "format_hms": "timecode",
    # errors
    "AftershockError": "errors",
    "InvalidInputError": "errors",
    "NotFoundError": "errors",
    "BrokenFileError": "errors",
    "FetchError": "errors",
    "WorkspaceError": "errors",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'aftershock_cli' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
