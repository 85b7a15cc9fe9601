"""Stable REFI-QDA guids and theme colours, derived from names so exports repeat exactly."""

from __future__ import annotations

import colorsys
import hashlib
import re
import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.model import Theme

_GUID_RE = re.compile(
    r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$"
)
_HEX6 = re.compile(r"^#?([0-9a-fA-F]{6})$")
_HEX3 = re.compile(r"^#?([0-9a-fA-F]{3})$")
_HEX8 = re.compile(r"^#?([0-9a-fA-F]{8})$")
_RGB_FUNC = re.compile(r"^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,[^)]*)?\)$")


def make_guid(namespace: str, kind: str, key: str) -> str:
    """A UUID (version 5) for the ``kind`` object named ``key`` in ``namespace``."""
    base = uuid.uuid5(uuid.NAMESPACE_URL, f"aftershock:{namespace}")
    return str(uuid.uuid5(base, f"{kind}:{key}"))


def normalize_guid(value: str | None) -> str | None:
    """``value`` as a bare lower-case guid, or None when it is not a guid."""
    match = _GUID_RE.match((value or "").strip())
    return match.group(1).lower() if match else None


def theme_guid(theme: Theme, namespace: str) -> str:
    """The theme's own guid (kept from another tool) or one derived from its slug."""
    return normalize_guid(theme.guid) or make_guid(namespace, "theme", theme.slug)


def normalize_color(value: str | None) -> str | None:
    """A colour as ``#RRGGBB`` (upper case), or None when it cannot be read.

    Accepts ``#RRGGBB``, ``RRGGBB``, ``#RGB``, ``#AARRGGBB`` (the alpha is
    dropped) and ``rgb(r, g, b)``, the forms QDA tools are seen to write.
    """
    text = (value or "").strip()
    if match := _HEX6.match(text):
        return "#" + match.group(1).upper()
    if match := _HEX3.match(text):
        return "#" + "".join(c * 2 for c in match.group(1)).upper()
    if match := _HEX8.match(text):
        return "#" + match.group(1)[2:].upper()
    if match := _RGB_FUNC.match(text.lower()):
        parts = [int(p) for p in match.groups()]
        if all(p <= 255 for p in parts):
            return "#" + "".join(f"{p:02X}" for p in parts)
    return None


def theme_color(theme: Theme) -> str:
    """The theme's colour: its own when valid, else one derived from its slug."""
    own = normalize_color(theme.color)
    if own:
        return own
    digest = hashlib.sha256(theme.slug.encode("utf-8")).digest()
    hue = int.from_bytes(digest[:2], "big") / 65536
    lightness = 0.42 + digest[2] / 255 * 0.16
    saturation = 0.55 + digest[3] / 255 * 0.3
    red, green, blue = colorsys.hls_to_rgb(hue, lightness, saturation)
    return "#" + "".join(f"{round(c * 255):02X}" for c in (red, green, blue))
