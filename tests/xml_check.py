"""Well-formedness checks of the XML files the exports write (SVG, PDF metadata, slides)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path


def parse_svg(svg: bytes | str | Path) -> ET.Element:
    """Parse an SVG document (bytes, text or a file) and return its root element.

    Raises
    ------
    AssertionError
        When it is not well-formed XML or not an SVG document (the message says where).
    """
    name = str(svg) if isinstance(svg, Path) else "the SVG document"
    data = svg.read_bytes() if isinstance(svg, Path) else svg
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        raise AssertionError(f"{name} is not well-formed XML: {err}") from None
    assert root.tag == "{http://www.w3.org/2000/svg}svg", f"{name}: root is {root.tag}"
    return root


def svg_texts(root: ET.Element) -> list[str]:
    """The text of every ``<text>`` element of a parsed SVG, whitespace trimmed."""
    return [
        "".join(element.itertext()).strip()
        for element in root.iter("{http://www.w3.org/2000/svg}text")
    ]
