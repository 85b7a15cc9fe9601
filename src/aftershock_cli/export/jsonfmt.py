"""The ``json`` export: one video's metadata, tags and the themes they use.

The document follows ``JSON_SCHEMA`` (schema ``aftershock.export``, version 1).
A later version that changes a field's meaning gets a new version number;
new optional fields may be added within a version.
"""

from __future__ import annotations

import json
from typing import Any

from ..core.model import Codebook, Tag, video_url
from ..core.spoken import covered_speakers, covered_text
from ..core.timecode import format_hms
from . import ExportOptions, OutputFile, VideoData

SCHEMA_NAME = "aftershock.export"
SCHEMA_VERSION = 1

_STR = {"type": "string"}
_INT = {"type": "integer", "minimum": 0}
_HMS = {"type": "string", "pattern": "^[0-9]{2,}:[0-5][0-9]:[0-5][0-9]$"}
_STRS = {"type": "array", "items": _STR}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


JSON_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "aftershock export of one video",
    **_object(
        {
            "schema": {"const": SCHEMA_NAME},
            "version": {"const": SCHEMA_VERSION},
            "video": _object(
                {
                    "video_id": _STR,
                    "title": _STR,
                    "channel": _STR,
                    "channel_handle": _STR,
                    "url": _STR,
                    "language_code": _STR,
                    "language": _STR,
                    "is_generated": {"type": "boolean"},
                    "duration_ms": {"type": ["integer", "null"], "minimum": 0},
                    "source": _STR,
                    "fetched_at": _STR,
                }
            ),
            "filters": _object(
                {
                    "themes": _STRS,
                    "coder": _STR,
                    "from_ms": {"type": ["integer", "null"], "minimum": 0},
                    "to_ms": {"type": ["integer", "null"], "minimum": 0},
                }
            ),
            "themes": {
                "type": "array",
                "items": _object(
                    {
                        "slug": _STR,
                        "label": _STR,
                        "page": _STR,
                        "parent": {"type": ["string", "null"]},
                        "description": _STR,
                    }
                ),
            },
            "tags": {
                "type": "array",
                "items": _object(
                    {
                        "id": _STR,
                        "start_ms": _INT,
                        "end_ms": _INT,
                        "start": _HMS,
                        "end": _HMS,
                        "url": _STR,
                        "themes": _STRS,
                        "note": _STR,
                        "section": _STR,
                        "coder": _STR,
                        "created": _STR,
                        "text": _STR,
                        "speakers": _STRS,
                    }
                ),
            },
        }
    ),
}
"""JSON Schema (draft 2020-12) of the document ``render`` writes."""


def used_themes(codebook: Codebook, tags: tuple[Tag, ...]) -> list[dict[str, Any]]:
    """The themes the tags use and their ancestors, in codebook order.

    A slug no longer in the codebook is listed after them with its slug as label.
    """
    wanted: set[str] = set()
    for tag in tags:
        for slug in tag.themes:
            wanted.add(slug)
            if slug in codebook:
                wanted.update(a.slug for a in codebook.ancestors(slug))
    out = [
        {
            "slug": t.slug,
            "label": t.label,
            "page": t.page_name,
            "parent": t.parent,
            "description": t.description,
        }
        for t in codebook
        if t.slug in wanted
    ]
    for slug in sorted(s for s in wanted if s not in codebook):
        out.append({"slug": slug, "label": slug, "page": slug, "parent": None, "description": ""})
    return out


def document(video: VideoData, options: ExportOptions) -> dict[str, Any]:
    """The export of one video as plain data (see ``JSON_SCHEMA``)."""
    tr = video.transcript
    return {
        "schema": SCHEMA_NAME,
        "version": SCHEMA_VERSION,
        "video": {
            "video_id": tr.video_id,
            "title": tr.title,
            "channel": tr.channel,
            "channel_handle": tr.channel_handle,
            "url": tr.url,
            "language_code": tr.language_code,
            "language": tr.language,
            "is_generated": tr.is_generated,
            "duration_ms": tr.duration_ms,
            "source": tr.source,
            "fetched_at": tr.fetched_at,
        },
        "filters": {
            "themes": list(options.themes),
            "coder": options.coder,
            "from_ms": options.from_ms,
            "to_ms": options.to_ms,
        },
        "themes": used_themes(video.codebook, video.tags),
        "tags": [
            {
                "id": tag.id,
                "start_ms": tag.start_ms,
                "end_ms": tag.end_ms,
                "start": format_hms(tag.start_ms),
                "end": format_hms(tag.end_ms),
                "url": video_url(tr.video_id, tag.start_ms),
                "themes": list(tag.themes),
                "note": tag.note,
                "section": tag.section,
                "coder": tag.coder,
                "created": tag.created,
                "text": covered_text(tr, tag.start_ms, tag.end_ms),
                "speakers": covered_speakers(tr, tag.start_ms, tag.end_ms),
            }
            for tag in video.tags
        ],
    }


def render(video: VideoData, options: ExportOptions) -> list[OutputFile]:
    """One ``<videoId>.json`` file, indented, UTF-8, ending with a newline."""
    text = json.dumps(document(video, options), ensure_ascii=False, indent=2) + "\n"
    return [OutputFile(f"{video.transcript.video_id}.json", text)]
