"""Reading scans (part of stage 1): page images → text in reading order, with RapidOCR.

Many notices are published only as a scanned or photographed red-header document. RapidOCR runs
the PP-OCR Chinese detection and recognition models (shipped inside its wheel, so nothing is
downloaded) on the CPU with onnxruntime. What it gives is boxes of text; this module puts them
back into lines the way the page reads: red ink (stamps, the red header's rules) is taken out
before recognition, a slightly rotated page is straightened by the slope of its lines, a page set
in two columns is read column by column, and boxes standing apart on one line (a table's cells)
are separated by a tab, the cell border the table reader knows. Page numbers and the like stay in
the text: the normaliser drops them as it does for every other reader.
"""

from __future__ import annotations

import functools
import io
import math
import statistics
from dataclasses import dataclass

from ..base import patterns
from ..base.errors import NoticeError

# Below this size (pixels, the shorter side) an image holds no readable notice text.
MIN_SIDE = 200
# Pages are rendered for the recogniser at this resolution: PP-OCR reads body text best when a
# character is some 30 pixels high.
RENDER_DPI = 200
# A recognised line below this confidence is noise (a stamp's rim, a speck), not text.
MIN_CONFIDENCE = 0.5

# The document's time budget grows by this much CPU time for each page read (a page takes a few
# seconds on a slow machine).
SECONDS_PER_PAGE = 60.0


@dataclass(frozen=True)
class OcrLine:
    text: str
    confidence: float
    left: float
    top: float
    right: float
    bottom: float
    characters: tuple = ()  # (character, left, top, right, bottom) of each, where the engine gave them

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class OcrPage:
    text: str
    confidences: tuple[float, ...]  # of the lines kept, in reading order


@functools.cache
def _engine():
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as error:  # pragma: no cover - a broken installation
        raise RuntimeError(f"the OCR engine cannot be loaded ({error})") from None
    import logging

    # One thread: the same numbers, and so the same text, on every machine and in every batch
    # worker (a batch runs one worker per core instead).
    engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return engine


def recognise(image, name: str, page: int = 1) -> OcrPage:
    """The text of one page image (a PIL image), in reading order."""
    import numpy

    patterns.extend_deadline(SECONDS_PER_PAGE)
    if min(image.size) < MIN_SIDE:
        raise NoticeError(name, f"image too small to read ({image.size[0]}×{image.size[1]} pixels)")
    cleaned = _without_red_ink(image.convert("RGB"))
    pixels = numpy.asarray(cleaned)
    try:
        engine = _engine()
    except RuntimeError as error:
        raise NoticeError(name, f"cannot run OCR: {error}") from None
    try:
        found, _ = engine(pixels, return_word_box=True)
        grids = ruled_tables(numpy.asarray(cleaned.convert("L")))
    except Exception as error:  # onnxruntime and OpenCV raise their own kinds
        raise NoticeError(name, f"OCR failed on page {page} ({type(error).__name__}: {str(error)[:80]})") from None
    found = [entry for entry in (found or []) if entry[1].strip() and entry[2] >= MIN_CONFIDENCE]
    lines = [_line(entry) for entry in found]
    in_tables = [[line for line in lines if grid.holds(line)] for grid in grids]
    blocks = [(grid.top, _cells_text(grid, held)) for grid, held in zip(grids, in_tables) if held]
    held_anywhere = {id(line) for held in in_tables for line in held}
    free = [line for line in lines if id(line) not in held_anywhere]
    angle = _skew(found)
    if angle:
        free = [_rotated(line, -angle) for line in free]
    for row in reading_order(free, image.size[0]):
        blocks.append((min(line.top for line in row), _row_text(row)))
    blocks.sort(key=lambda block: block[0])
    if blocks:
        blocks[-1] = (blocks[-1][0], _page_number(blocks[-1][1]))
    text = "\n".join(block for _, block in blocks)
    return OcrPage(text, tuple(line.confidence for line in lines))


_FOLIO = patterns.compiled(r"[一—－\-–]+ ?(\d{1,3}) ?[一—－\-–]+")


def _page_number(last_line: str) -> str:
    """The folio at a page's foot, `— 1 —`, comes back as 一1一 (a dash read as the character
    for one): written as the dashes it is, so that the normaliser drops it like any page number."""
    folio = _FOLIO.fullmatch(last_line.strip())
    return f"— {folio.group(1)} —" if folio else last_line


def _line(entry) -> OcrLine:
    box, text, confidence = entry[0], entry[1], entry[2]
    xs, ys = [point[0] for point in box], [point[1] for point in box]
    characters = ()
    if len(entry) >= 5 and entry[3] and len(entry[3]) == len(entry[4]):
        characters = tuple((character, min(p[0] for p in corners), min(p[1] for p in corners),
                            max(p[0] for p in corners), max(p[1] for p in corners))
                           for corners, character in zip(entry[3], entry[4]))
    return OcrLine(text.strip(), float(confidence), min(xs), min(ys), max(xs), max(ys), characters)


# ---- ruled tables --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Grid:
    """A table drawn with rules: the x of its vertical rules and the y of its horizontal ones."""
    columns: tuple[float, ...]
    rows: tuple[float, ...]

    @property
    def top(self) -> float:
        return self.rows[0]

    def holds(self, line: OcrLine) -> bool:
        x, y = (line.left + line.right) / 2, line.middle
        return self.columns[0] <= x <= self.columns[-1] and self.rows[0] <= y <= self.rows[-1]

    def cell(self, x: float, y: float) -> tuple[int, int] | None:
        row = next((index for index in range(len(self.rows) - 1) if self.rows[index] <= y < self.rows[index + 1]), None)
        column = next((index for index in range(len(self.columns) - 1)
                       if self.columns[index] <= x < self.columns[index + 1]), None)
        return None if row is None or column is None else (row, column)


def ruled_tables(gray) -> list[Grid]:
    """Tables drawn with rules on a page (grey levels, 0 black): long horizontal and vertical
    strokes found by a morphological opening (OpenCV), grouped where they cross."""
    import cv2

    height, width = gray.shape
    ink = cv2.adaptiveThreshold(255 - gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -10)
    horizontal = _strokes(cv2, ink, (max(20, width // 25), 1))
    vertical = _strokes(cv2, ink, (1, max(20, height // 40)))
    vertical = [(left, top, right, bottom) for left, top, right, bottom in vertical if bottom - top > height // 15]
    horizontal = [(left, top, right, bottom) for left, top, right, bottom in horizontal if right - left > width // 5]
    grids = []
    for group in _overlapping(vertical):
        top, bottom = min(rule[1] for rule in group), max(rule[3] for rule in group)
        left, right = min(rule[0] for rule in group), max(rule[2] for rule in group)
        rows = sorted({round((rule[1] + rule[3]) / 2) for rule in horizontal
                       if top - 8 <= (rule[1] + rule[3]) / 2 <= bottom + 8 and rule[0] <= left + 10 and rule[2] >= right - 10})
        columns = sorted(round((rule[0] + rule[2]) / 2) for rule in group)
        rows, columns = _merged(rows), _merged(columns)
        if len(columns) >= 3 and len(rows) >= 2:
            grids.append(Grid(tuple(columns), tuple(rows)))
    return grids


def _strokes(cv2, ink, size) -> list[tuple[int, int, int, int]]:
    opened = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, size))
    count, _, stats, _ = cv2.connectedComponentsWithStats(opened)
    return [(int(x), int(y), int(x + w), int(y + h)) for x, y, w, h, _ in stats[1:count]]


def _overlapping(rules: list[tuple[int, int, int, int]]) -> list[list[tuple[int, int, int, int]]]:
    """Vertical rules grouped where their heights overlap: the rules of one table."""
    groups: list[list[tuple[int, int, int, int]]] = []
    for rule in sorted(rules, key=lambda rule: rule[1]):
        for group in groups:
            if any(rule[1] < other[3] and other[1] < rule[3] for other in group):
                group.append(rule)
                break
        else:
            groups.append([rule])
    return groups


def _merged(positions: list[int], least: int = 12) -> list[int]:
    """A rule drawn twice or a thick one counts once."""
    merged: list[int] = []
    for position in positions:
        if merged and position - merged[-1] < least:
            continue
        merged.append(position)
    return merged


def _cells_text(grid: Grid, lines: list[OcrLine]) -> str:
    """The table as tab-separated rows: each character in the cell its middle falls in, a cell's
    lines top to bottom (a box that runs over a rule is cut there)."""
    cells: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
    for line in lines:
        characters = line.characters or ((line.text, line.left, line.top, line.right, line.bottom),)
        for character, left, top, right, bottom in characters:
            place = grid.cell((left + right) / 2, (top + bottom) / 2)
            if place is not None:
                cells.setdefault(place, []).append((line.middle, left, character))
    rows = []
    for row in range(len(grid.rows) - 1):
        texts = []
        for column in range(len(grid.columns) - 1):
            held = cells.get((row, column), [])
            texts.append("".join(character for _, _, character in _in_lines(held)))
        if any(texts):
            rows.append("\t".join(texts))
    return "\n".join(rows)


def _in_lines(held: list[tuple[float, float, str]]) -> list[tuple[float, float, str]]:
    """Characters of one cell in reading order: by line (their lines' middles), then left to right."""
    ordered: list[list[tuple[float, float, str]]] = []
    for entry in sorted(held):
        if ordered and abs(entry[0] - ordered[-1][0][0]) < 8:
            ordered[-1].append(entry)
        else:
            ordered.append([entry])
    return [entry for line in ordered for entry in sorted(line, key=lambda entry: entry[1])]


def _without_red_ink(image):
    """Seals and the red header's rules are red: turned white, so that the recogniser reads the
    black text under a seal and no seal's rim as words. (A red header's title goes with them;
    the issuer signs again at the end.)"""
    import numpy
    from PIL import Image

    pixels = numpy.asarray(image).astype(numpy.int16)
    red, green, blue = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    # the seal's own strokes and their pink, anti-aliased rims; black and grey ink is neutral
    reddish = (red > 90) & (red - numpy.maximum(green, blue) > 30)
    cleaned = pixels.copy()
    cleaned[reddish] = 255
    return Image.fromarray(cleaned.astype(numpy.uint8))


def _skew(found) -> float:
    """The page's rotation (radians), from the top edges of its long lines."""
    slopes = []
    for entry in found:
        (x0, y0), (x1, y1) = entry[0][0], entry[0][1]
        if x1 - x0 > 150:
            slopes.append(math.atan2(y1 - y0, x1 - x0))
    if len(slopes) < 3:
        return 0.0
    angle = statistics.median(slopes)
    return angle if abs(angle) > 0.002 else 0.0


def _rotated(line: OcrLine, angle: float) -> OcrLine:
    """The line's box turned by `angle` about the origin (its height kept)."""
    cosine, sine = math.cos(angle), math.sin(angle)
    x, y = (line.left + line.right) / 2, line.middle
    middle_x, middle_y = x * cosine - y * sine, x * sine + y * cosine
    half_width, half_height = (line.right - line.left) / 2, line.height / 2
    return OcrLine(line.text, line.confidence, middle_x - half_width, middle_y - half_height,
                   middle_x + half_width, middle_y + half_height)


def reading_order(lines: list[OcrLine], page_width: float) -> list[list[OcrLine]]:
    """Rows of boxes, top to bottom, each left to right; a page in two columns column by column."""
    if not lines:
        return []
    gutter = _column_gutter(lines, page_width)
    if gutter is not None:
        left = [line for line in lines if line.right <= gutter]
        right = [line for line in lines if line.right > gutter]
        return _rows(left) + _rows(right)
    return _rows(lines)


def _rows(lines: list[OcrLine]) -> list[list[OcrLine]]:
    """Boxes whose middles lie within half a line's height of each other share a row."""
    rows: list[list[OcrLine]] = []
    for line in sorted(lines, key=lambda line: line.middle):
        if rows:
            row = rows[-1]
            height = statistics.median(member.height for member in row)
            if abs(line.middle - statistics.mean(member.middle for member in row)) <= 0.5 * max(height, line.height):
                row.append(line)
                continue
        rows.append([line])
    return [sorted(row, key=lambda line: line.left) for row in rows]


def _row_text(row: list[OcrLine]) -> str:
    """Boxes close together are one run of text; a wide gap between them is a cell border."""
    parts = [row[0].text]
    for previous, line in zip(row, row[1:]):
        gap = line.left - previous.right
        height = max(previous.height, line.height)
        if gap > 1.2 * height:
            parts.append("\t")
        elif previous.text[-1:].isascii() and line.text[:1].isascii() and gap > 0.3 * height:
            parts.append(" ")
        parts.append(line.text)
    return "".join(parts)


def _column_gutter(lines: list[OcrLine], page_width: float) -> float | None:
    """The x of the gutter of a page set in two columns of running text, if it is one: an empty
    band near the middle that no box crosses, with lines that fill their column on both sides (a
    table's columns hold a narrow 序号 and short cells; a ruled table is read by its rules first)."""
    left_edge = min(line.left for line in lines)
    right_edge = max(line.right for line in lines)
    width = right_edge - left_edge
    if width < 0.5 * page_width or len(lines) < 8:
        return None
    height = statistics.median(line.height for line in lines)
    for gutter in sorted(_empty_bands(lines, left_edge, right_edge, 1.5 * height),
                         key=lambda x: abs(x - (left_edge + width / 2))):
        if not 0.35 * width <= gutter - left_edge <= 0.65 * width:
            continue
        left = [line for line in lines if line.right <= gutter]
        right = [line for line in lines if line.left >= gutter]
        if len(left) < 4 or len(right) < 4:
            continue
        full_left = sum(1 for line in left if line.right - line.left >= 0.6 * (gutter - left_edge))
        full_right = sum(1 for line in right if line.right - line.left >= 0.6 * (right_edge - gutter))
        if full_left >= 0.5 * len(left) and full_right >= 0.5 * len(right):
            return gutter
    return None


def _empty_bands(lines: list[OcrLine], start: float, end: float, least: float) -> list[float]:
    """Middles of the x-bands at least `least` wide that no box covers."""
    covered = sorted((line.left, line.right) for line in lines)
    bands, reach = [], start
    for left, right in covered:
        if left - reach >= least:
            bands.append((reach + left) / 2)
        reach = max(reach, right)
    return bands


# ---- images ------------------------------------------------------------------------------------

def image_pages(data: bytes, name: str) -> list:
    """The frames of an image file (a multi-page TIFF has several), as PIL images."""
    from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
        frames = [ImageOps.exif_transpose(frame.copy()) for frame in ImageSequence.Iterator(image)]
    except UnidentifiedImageError:
        raise NoticeError(name, "broken image (no image format can read it)") from None
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise NoticeError(name, f"broken image ({type(error).__name__}: {str(error)[:80]})") from None
    if not frames or any(min(frame.size) == 0 for frame in frames):
        raise NoticeError(name, "empty image (zero pixels)")
    return frames


def image_text(data: bytes, name: str) -> tuple[str, tuple[float, ...]]:
    """Text and line confidences of every page of an image file; pages apart by a blank line."""
    pages = [recognise(frame, name, number) for number, frame in enumerate(image_pages(data, name), 1)]
    return _joined(pages, name)


def _joined(pages: list[OcrPage], name: str) -> tuple[str, tuple[float, ...]]:
    text = "\n\n".join(page.text for page in pages)
    if not any("\u4e00" <= character <= "\u9fff" for character in text):
        raise NoticeError(name, "no text found by OCR (a blank page or not a document?)")
    return text, tuple(confidence for page in pages for confidence in page.confidences)


def render_pdf_page(document, number: int):
    """A PDF page as an image for the recogniser (pypdfium2), at RENDER_DPI."""
    return document[number].render(scale=RENDER_DPI / 72).to_pil()


