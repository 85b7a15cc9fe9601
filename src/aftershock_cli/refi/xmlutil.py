"""Small helpers over ElementTree: namespace-blind lookups, reading and writing."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from ..core.errors import InvalidInputError
from ..core.limits import MAX_NESTING


def local(tag: str) -> str:
    """``{urn:...}Code`` -> ``Code`` (other tools are not always careful with namespaces)."""
    return tag.rsplit("}", 1)[-1]


def kids(element: ET.Element, *names: str) -> Iterator[ET.Element]:
    """The direct children of ``element`` whose local name is one of ``names``."""
    for item in element:
        if isinstance(item.tag, str) and local(item.tag) in names:
            yield item


def kid(element: ET.Element, name: str) -> ET.Element | None:
    return next(kids(element, name), None)


def kid_text(element: ET.Element, name: str) -> str:
    """The text of the first child called ``name``, or ``""``."""
    found = kid(element, name)
    return (found.text or "") if found is not None else ""


def parse(data: bytes, where: str) -> ET.Element:
    """Parse an XML document, or raise InvalidInputError naming ``where``.

    A document whose elements nest deeper than ``MAX_NESTING`` is refused too, so
    no later walk over it can run out of stack."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InvalidInputError(
            f"{where} is not well-formed XML ({exc}); export it again from the QDA tool"
        ) from exc
    if depth_over(root, MAX_NESTING):
        raise InvalidInputError(
            f"{where}: elements nested more than {MAX_NESTING} levels deep, deeper than any "
            "real file; nothing was imported"
        )
    return root


def depth_over(root: ET.Element, limit: int) -> bool:
    """Whether any element lies more than ``limit`` levels below ``root`` (iteratively)."""
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in element)
    return False


def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """Append ``<tag attrs>text</tag>`` to ``parent`` (attributes in the given order)."""
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters XML 1.0 does not allow anywhere, even escaped (tab, LF and CR are allowed)."""


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (a tag note with a stray ^A)."""
    return _FORBIDDEN.sub("", text)


def _clean(root: ET.Element) -> None:
    for element in root.iter():
        if element.text:
            element.text = xml_safe(element.text)
        if element.tail:
            element.tail = xml_safe(element.tail)
        for key, value in element.attrib.items():
            element.attrib[key] = xml_safe(value)


def to_bytes(root: ET.Element) -> bytes:
    """The document as indented UTF-8 with an XML declaration; characters XML 1.0
    forbids are dropped, so any tool (aftershock included) can read it back."""
    _clean(root)
    ET.indent(root, space="  ")
    # A CR in a note, title or description must stay one: XML reading turns a written
    # CR (and CR LF) into LF, a character reference it keeps. Only text holds a CR here
    # (ElementTree writes attribute CRs as references already).
    body = ET.tostring(root, encoding="unicode").replace("\r", "&#13;")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")
