"""Reading a video id from any of the forms people paste (light: no network imports)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from .errors import InvalidInputError
from .model import VIDEO_ID_RE

_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "music.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
    "youtu.be",
    "www.youtu.be",
}
_PATH_FORMS = re.compile(r"^/(?:shorts|embed|live|v|e)/([A-Za-z0-9_-]{11})(?:[/?#]|$)")


def parse_video_id(text: str) -> str:
    """The 11-character id in ``text``: a bare id or a YouTube URL of any common form.

    Accepts ``watch?v=``, ``youtu.be/``, ``/shorts/``, ``/embed/``, ``/live/``,
    the ``m.`` and ``music.`` hosts, and extra parameters such as ``&t=`` or ``&list=``.
    """
    value = text.strip()
    if VIDEO_ID_RE.match(value):
        return value
    url = value if "://" in value else "https://" + value
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower()
    if host in _HOSTS:
        if host.endswith("youtu.be"):
            candidate = parsed.path.strip("/").split("/")[0]
            if VIDEO_ID_RE.match(candidate):
                return candidate
        else:
            ids = parse_qs(parsed.query).get("v")
            if ids and VIDEO_ID_RE.match(ids[0]):
                return ids[0]
            match = _PATH_FORMS.match(parsed.path)
            if match:
                return match.group(1)
    raise InvalidInputError(
        f"'{text}' is not a YouTube video id or video URL; give the 11-character id "
        "(as in t8dJdL0Wyw8) or a link such as https://www.youtube.com/watch?v=t8dJdL0Wyw8"
    )
