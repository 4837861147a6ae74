"""Reading the charts' SVG as a renderer without the web page's stylesheet would (the PDFs)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
# What each kind of drawn element needs to be seen without a stylesheet.
NEEDS = {"rect": ("fill",), "circle": ("fill",), "line": ("stroke",), "polyline": ("stroke",),
         "text": ("fill", "font-size")}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - the charts' own output, not untrusted input


def drawn(svg: str, tag: str | None = None) -> list[ET.Element]:
    """The elements of the chart that draw something, or those of one tag."""
    tags = [tag] if tag else list(NEEDS)
    return [element for t in tags for element in parse(svg).iter(SVG + t)]


def style_problems(svg: str) -> list[str]:
    """What would not show, or not show right, with no stylesheet; empty when the chart is self-contained."""
    root = parse(svg)
    problems = [] if root.get("font-family") else ["the chart names no font family"]
    for tag, needed in NEEDS.items():
        for element in root.iter(SVG + tag):
            problems += [f"<{tag} class={element.get('class')!r}> has no {name}"
                         for name in needed if not element.get(name)]
            if tag == "text" and element.get("opacity"):
                problems.append(f"<text class={element.get('class')!r}> has an opacity (clipped in the PDF)")
    return problems
