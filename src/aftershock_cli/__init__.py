"""aftershock: thematic analysis of recorded talks, as a library.

The public API is listed in ``__all__``. Importing this package pulls in
neither typer, rich, requests nor youtube-transcript-api, nor even ``typing``:
every command line starts by importing it.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    # notes in the source format
    "parse_note": "notes.note",
    "Note": "notes.note",
    "Anchor": "notes.note",
    "Link": "notes.note",
    "Heading": "notes.note",
    # data model
    "Segment": "core.model",
    "Chapter": "core.model",
    "Transcript": "core.model",
    "Theme": "core.model",
    "Codebook": "core.model",
    "Tag": "core.model",
    "default_codebook": "core.codebook",
    # workspace
    "Workspace": "workspace.folder",
    # times
    "parse_time": "core.timecode",
    "parse_range": "tagging.plan",
    "format_hms": "core.timecode",
    # errors
    "AftershockError": "core.errors",
    "InvalidInputError": "core.errors",
    "NotFoundError": "core.errors",
    "BrokenFileError": "core.errors",
    "FetchError": "core.errors",
    "WorkspaceError": "core.errors",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'aftershock_cli' has no attribute {name!r}")
    value = getattr(__import__(f"{__name__}.{module}", fromlist=[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
