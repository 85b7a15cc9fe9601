"""Running ``check`` over many notes: find them, pick each one's transcript, fix, report."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import AftershockError, InvalidInputError, NotFoundError
from ..core.limits import MAX_NOTE_BYTES
from ..core.model import VIDEO_ID_RE, Transcript
from ..core.videoid import parse_video_id
from ..files import fsutil
from ..notes.findings import SEVERITIES, Finding, Severity, count
from ..notes.note import parse_note
from ..workspace.folder import Workspace
from .fixing import fix_note, unified_diff
from .note import CheckContext, check_note
from .vault_links import vault_pages


@dataclass(frozen=True)
class NoteRef:
    """A note to check: a file, or the note that ``export`` would write for a video."""

    label: str
    path: Path | None
    video_id: str = ""
    """The video whose exported note is checked (when ``path`` is None)."""


@dataclass(frozen=True)
class NoteSource:
    """The text of a note to check, read when its turn comes."""

    ref: NoteRef
    text: str
    problem: str = ""
    """Why the file could not be read (then ``text`` is empty)."""


@dataclass
class NoteResult:
    source: NoteRef
    video_id: str | None = None
    transcript: str | None = None
    """Where the transcript came from: ``workspace``, ``file:<name>``, ``youtube`` or None."""
    findings: list[Finding] = field(default_factory=list)
    fixed: int = 0
    """Anchors rewritten by a fix (or that would be, in a dry run)."""
    diff: str = ""


@dataclass
class CheckOptions:
    vault: Path | None = None
    fix: bool = False
    dry_run: bool = False


def collect_sources(args: Sequence[str]) -> list[NoteRef]:
    """Files as given, every ``.md`` below a folder, and a video id's exported note;
    nothing is read yet."""
    out: list[NoteRef] = []
    for arg in args:
        path = Path(arg)
        if path.is_dir():
            out.extend(NoteRef(str(p), p) for p in sorted(path.rglob("*.md")) if p.is_file())
        elif path.exists():
            out.append(NoteRef(str(path), path))
        else:
            video_id = _video_id(arg)
            out.append(NoteRef(f"{video_id} (export)", None, video_id))
    return out


def read_source(ref: NoteRef, note_of_video: Callable[[str], str]) -> NoteSource:
    """The note's text: the file's (a file that cannot be read is a finding, not a
    failure), or the exported note of the video (``note_of_video`` makes it)."""
    if ref.path is None:
        return NoteSource(ref, note_of_video(ref.video_id))
    try:
        text = fsutil.read_user_text(ref.path, "Markdown note", limit=MAX_NOTE_BYTES)
    except AftershockError as exc:
        return NoteSource(ref, "", problem=str(exc))
    return NoteSource(ref, text)


def _video_id(arg: str) -> str:
    try:
        return parse_video_id(arg)
    except InvalidInputError:
        if "://" not in arg and (arg.endswith(".md") or "/" in arg or "\\" in arg):
            raise NotFoundError(
                f"{arg} does not exist; give note files, folders of notes or video ids"
            ) from None
        raise InvalidInputError(
            f"'{arg}' is neither a note file, a folder nor a video id; "
            "give .md files, folders of notes or video ids"
        ) from None


TranscriptLookup = Callable[[str], tuple[Transcript | None, str | None]]
"""Finds the transcript of a video id: the transcript (or None) and where it came from
(``workspace``, ``file:<name>``, ``youtube``, ...), shown beside the note's findings."""


def workspace_transcripts(ws: Workspace) -> TranscriptLookup:
    """The lookup of transcripts stored in the workspace."""

    def lookup(video_id: str) -> tuple[Transcript | None, str | None]:
        if not video_id or not ws.has_transcript(video_id):
            return None, None
        stored = ws.load_transcript(video_id)
        return stored, "workspace" if stored.has_segments else "workspace, metadata only"

    return lookup


class _Transcripts:
    """The transcripts of the last few videos looked up (notes of one video tend to
    come together); older ones are dropped, so memory stays flat."""

    KEEP = 8

    def __init__(self, lookup: TranscriptLookup) -> None:
        self.lookup = lookup
        self._cache: dict[str | None, tuple[Transcript | None, str | None]] = {}

    def get(self, video_id: str | None) -> tuple[Transcript | None, str | None]:
        found = self._cache.pop(video_id, None)
        if found is None:
            usable = video_id if video_id and VIDEO_ID_RE.match(video_id) else None
            found = self.lookup(usable or "")
        self._cache[video_id] = found  # the newest last
        while len(self._cache) > self.KEEP:
            del self._cache[next(iter(self._cache))]
        return found


def check_sources(
    refs: Sequence[NoteRef],
    note_of_video: Callable[[str], str],
    transcript_for: TranscriptLookup,
    options: CheckOptions,
    on_progress: Callable[[], None] | None = None,
) -> list[NoteResult]:
    """Check (and with ``options.fix`` fix) every note against the transcript that
    ``transcript_for`` finds for its video; files are written atomically.

    One note at a time is read, parsed, checked and let go: only the findings are
    kept, so memory does not grow with the number of notes. Before a fix rewrites
    any file, every note's transcript is looked up once, so that a failure (a
    broken file, a failed fetch) stops the run before anything is written."""
    transcripts = _Transcripts(transcript_for)
    pages = _pages(options.vault)
    if options.fix and not options.dry_run:
        for ref in refs:
            source = read_source(ref, note_of_video)
            if not source.problem:
                transcripts.get(parse_note(source.text).video_id)
    results = []
    for ref in refs:
        results.append(_check_one(read_source(ref, note_of_video), transcripts, pages, options))
        if on_progress is not None:
            on_progress()
    return results


def _check_one(
    source: NoteSource, transcripts: _Transcripts, pages: set[str] | None, options: CheckOptions
) -> NoteResult:
    result = NoteResult(source.ref)
    if source.problem:
        result.findings = [Finding("error", "unreadable-file", 1, 1, source.problem)]
        return result
    note = parse_note(source.text)
    path = source.ref.path
    result.video_id = note.video_id
    transcript, result.transcript = transcripts.get(note.video_id)
    context = CheckContext(transcript, pages)
    result.findings = check_note(note, context)
    if (options.fix or options.dry_run) and path is not None:
        fixed, result.fixed = fix_note(note, result.findings)
        if result.fixed:
            result.findings = check_note(fixed, context)
            if options.dry_run:
                result.diff = unified_diff(source.text, fixed.text, str(path))
            else:
                fsutil.atomic_write_text(path, fixed.text)
    return result


def _pages(vault: Path | None) -> set[str] | None:
    if vault is None:
        return None
    return vault_pages(vault)


def failed(results: Sequence[NoteResult], strict: bool) -> bool:
    """Whether the check fails: any error, or with ``strict`` any warning too."""
    bad: set[Severity] = {"error", "warning"} if strict else {"error"}
    return any(f.severity in bad for r in results for f in r.findings)


def summary(results: Sequence[NoteResult]) -> dict[str, int]:
    findings = [f for r in results for f in r.findings]
    out = {"notes": len(results)}
    out.update({f"{s}s" if s != "info" else s: count(findings, s) for s in SEVERITIES})
    out["fixable"] = sum(1 for f in findings if f.fixable)
    out["fixed"] = sum(r.fixed for r in results)
    return out


def report_json(results: Sequence[NoteResult]) -> dict[str, Any]:
    """The stable JSON report (documented in docs/check.md)."""
    return {
        "notes": [
            {
                "path": r.source.label,
                "video_id": r.video_id,
                "transcript": r.transcript,
                "fixed": r.fixed,
                "findings": [f.to_dict() for f in r.findings],
            }
            for r in results
        ],
        "summary": summary(results),
    }


_SUGGESTED_TIME = re.compile(r'data-t="([^"]*)"')


def report_text(results: Sequence[NoteResult], fixable: str = "fixable") -> str:
    """Findings grouped per note, one line each, then a summary line.

    ``fixable`` is how the summary calls the findings a fix would mend.
    """
    lines: list[str] = []
    for r in results:
        if not r.findings:
            lines.append(f"{r.source.label}: ok")
            continue
        about = [f"video {r.video_id}"] if r.video_id else []
        if r.transcript:
            about.append(f"transcript: {r.transcript}")
        lines.append(r.source.label + (f" ({', '.join(about)})" if about else ""))
        width = max(len(f"{f.line}:{f.column}") for f in r.findings)
        for f in r.findings:
            where = f"{f.line}:{f.column}".ljust(width)
            message = f.message
            time = _SUGGESTED_TIME.search(f.suggestion or "")
            if time and f.code != "legacy-citation":
                # the arrow (or "maybe") says the time once; drop the message's own "; likely T"
                message = message.removesuffix(f"; likely {time.group(1)}")
                message += f" -> {time.group(1)}" if f.fixable else f" (maybe {time.group(1)})"
            line = f"  {where}  {f.severity:<7}  {f.code}: {message}"
            lines.append(line)
        found = r.findings
        lines.append(
            f"  {_plural(count(found, 'error'), 'error')}, "
            f"{_plural(count(found, 'warning'), 'warning')}, {count(found, 'info')} info"
        )
    total = summary(results)
    end = (
        f"Checked {_plural(total['notes'], 'note')}: {_plural(total['errors'], 'error')}, "
        f"{_plural(total['warnings'], 'warning')}, {total['info']} info"
    )
    if total["fixable"]:
        end += f"; {total['fixable']} {fixable}"
    lines.append(end)
    return "\n".join(lines) + "\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
