"""The exceptions aftershock raises for problems a user can act on.

Every message is one line that says what was wrong and what to try. The CLI
prints it as ``Error: <message>`` on stderr and exits with status 1.
"""

from __future__ import annotations

from pathlib import Path


class AftershockError(Exception):
    """Base class: a failure the user can act on (not a bug)."""


class InvalidInputError(AftershockError):
    """A value given on the command line or in a file is not valid."""


class NotFoundError(AftershockError):
    """A video, transcript, tag, theme or file that was asked for does not exist."""


class WorkspaceError(AftershockError):
    """The workspace cannot be used as it is (missing, unwritable, locked)."""


class BrokenFileError(AftershockError):
    """A workspace file (YAML or JSON) cannot be read; it is left as it is."""

    def __init__(self, path: Path | str, problem: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.problem = problem
        self.line = line
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        super().__init__(
            f"{where}: {problem}; fix the file by hand (it was left unchanged) and try again"
        )


class FetchError(AftershockError):
    """A transcript could not be fetched; the message names the video and the cause."""

    def __init__(self, video_id: str, cause: str) -> None:
        self.video_id = video_id
        self.cause = cause
        super().__init__(f"{video_id}: {cause}")
