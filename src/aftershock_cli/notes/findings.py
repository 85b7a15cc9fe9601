"""What ``check`` reports: one finding per problem, with where it is and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args

Severity = Literal["error", "warning", "info"]
"""How bad a finding is, worst first."""
SEVERITIES: tuple[Severity, ...] = get_args(Severity)

Code = Literal[
    # the note's frame
    "no-front-matter",
    "invalid-front-matter",
    "no-video-id",
    "invalid-video-id",
    "no-title",
    "no-source-line",
    "no-anchors",
    "empty-section",
    "unresolved-link",
    "other-video",
    "unreadable-file",
    # one anchor's form
    "unreadable-time",
    "time-mismatch",
    "malformed-anchor",
    "noncanonical-time",
    "legacy-citation",
    # the times of the note together
    "beyond-video",
    "shifted-time",
    "outlier-time",
    "apart-time",
    "not-imported",
    # against the transcript
    "displaced-anchor",
    "weak-support",
]
"""The stable short name of a kind of finding (each one is described in docs/check.md)."""
CODES: tuple[Code, ...] = get_args(Code)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem of a note, located by line and column (both 1-based)."""

    severity: Severity
    code: Code
    """A stable short name, e.g. ``unreadable-time``."""
    line: int
    column: int
    message: str
    anchor: str | None = None
    """The citation as written, when the finding is about one."""
    suggestion: str | None = None
    """Text that should replace ``anchor`` (a canonical anchor element), when known."""
    start: int = 0
    """Offset of the finding in the note's text."""
    fix_seconds: int | None = None
    """The time a fix writes into the anchor; None when the fix is not certain enough."""

    @property
    def fixable(self) -> bool:
        return self.fix_seconds is not None

    def to_dict(self) -> dict[str, Any]:
        """The finding in the stable JSON layout of a check's JSON report."""
        return {
            "severity": self.severity,
            "code": self.code,
            "line": self.line,
            "column": self.column,
            "anchor": self.anchor,
            "message": self.message,
            "suggestion": self.suggestion,
            "fixable": self.fixable,
        }


def sort_key(finding: Finding) -> tuple[int, int, int, str]:
    return (
        finding.line,
        finding.column,
        SEVERITIES.index(finding.severity),
        finding.code,
    )


def count(findings: list[Finding], severity: Severity) -> int:
    return sum(1 for f in findings if f.severity == severity)
