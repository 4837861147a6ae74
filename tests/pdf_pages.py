"""Looking at a rendered PDF as a reader would: its pages rasterised (pypdfium2), where things are
drawn on them, and the colours of what is there.

Coordinates are pixels of the rasterised page, origin at the top left, `SCALE` pixels a point.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

import pypdfium2 as pdfium
from PIL import Image

SCALE = 2  # pixels a point: 144 dpi
MM = 72 / 25.4 * SCALE  # pixels a millimetre
_PATH = 2  # FPDF_PAGEOBJ_PATH


Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(repr=False)
class Page:
    image: Image.Image
    text: str  # every character on the page, in reading order
    boxes: list[Box | None]  # the box of each character of `text` (None for those not drawn)
    squares: list[Box]  # every square path drawn on the page (the heat map's cells)

    def text_box(self, words: str) -> Box:
        """Where `words` are written on the page (the first time)."""
        start = self.text.find(words)
        assert start >= 0, f"{words!r} is not on the page"
        boxes = [b for b in self.boxes[start:start + len(words)] if b]
        return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)

    def glyphs(self, region: Box) -> list[tuple[str, Box]]:
        """Every visible character drawn inside `region`, with its box."""
        return [(char, box) for char, box in zip(self.text, self.boxes, strict=True)
                if box and char.strip() and inside(box, region)]


def pages(pdf: bytes) -> list[Page]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [_read(page) for page in document]
    finally:
        document.close()


def _read(page: pdfium.PdfPage) -> Page:
    height = page.get_height()

    def box(left: float, bottom: float, right: float, top: float) -> Box:
        return left * SCALE, (height - top) * SCALE, right * SCALE, (height - bottom) * SCALE

    squares = []
    for obj in page.get_objects(max_depth=8):
        if obj.type == _PATH:
            left, bottom, right, top = obj.get_bounds()
            if 20 < right - left < 80 and abs((right - left) - (top - bottom)) < 1:
                squares.append(box(left, bottom, right, top))
    textpage = page.get_textpage()
    chars = [textpage.get_text_range(i, 1) for i in range(textpage.count_chars())]
    boxes = [box(*textpage.get_charbox(i)) if chars[i].strip() else None for i in range(len(chars))]
    return Page(image=page.render(scale=SCALE).to_pil().convert("RGB"), text="".join(chars), boxes=boxes,
                squares=squares)


def inside(box: Box, region: Box) -> bool:
    return box[0] >= region[0] and box[1] >= region[1] and box[2] <= region[2] and box[3] <= region[3]


def rgb(hex_colour: str, opacity: float = 1.0) -> tuple[int, int, int]:
    """An sRGB colour as drawn on white paper with `opacity`."""
    value = hex_colour.lstrip("#")
    channels = [int(value[i:i + 2], 16) for i in (0, 2, 4)]
    return tuple(round(255 - opacity * (255 - c)) for c in channels)


def close(pixel, colour, tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


def pixels(image: Image.Image, region: Box) -> list[tuple[int, int, int]]:
    left, top, right, bottom = (round(v) for v in region)
    return list(image.crop((left, top, right, bottom)).get_flattened_data())


def typical_colour(image: Image.Image, region: Box) -> tuple[int, int, int]:
    """The median colour of a region, channel by channel."""
    found = pixels(image, region)
    return tuple(round(median(p[i] for p in found)) for i in range(3))


def share(image: Image.Image, region: Box, test) -> float:
    found = pixels(image, region)
    return sum(1 for p in found if test(p)) / len(found)


def near_black(pixel) -> bool:
    return max(pixel) < 60


def near_white(pixel) -> bool:
    return min(pixel) > 245


def grid_of(squares: list[Box], size: int = 5) -> list[list[Box]]:
    """The squares of a size×size grid as rows, top row first, each left to right."""
    assert len(squares) == size * size, f"expected {size * size} cells, found {len(squares)}"
    by_top = sorted(squares, key=lambda b: (round(b[1]), b[0]))
    return [sorted(by_top[row * size:(row + 1) * size]) for row in range(size)]


def overlapping_glyphs(glyphs: list[tuple[str, Box]]) -> list[tuple[str, str]]:
    """Pairs of characters drawn over each other (more than a fifth of the smaller one covered)."""
    found = []
    for i, (a, box_a) in enumerate(glyphs):
        for b, box_b in glyphs[i + 1:]:
            width = min(box_a[2], box_b[2]) - max(box_a[0], box_b[0])
            height = min(box_a[3], box_b[3]) - max(box_a[1], box_b[1])
            if width <= 0 or height <= 0:
                continue
            smaller = min((box_a[2] - box_a[0]) * (box_a[3] - box_a[1]), (box_b[2] - box_b[0]) * (box_b[3] - box_b[1]))
            if smaller and width * height > smaller / 5:
                found.append((a, b))
    return found


def right_margin_blank(page: Page, mm: float = 15) -> bool:
    """Nothing is drawn in the rightmost `mm` of the page (the reports' right margin is 16 mm)."""
    width, height = page.image.size
    return share(page.image, (width - mm * MM, 0, width, height), near_white) == 1.0
