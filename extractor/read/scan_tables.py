"""Where the text of a scanned page stands: ruled tables found by their rules and read cell by
cell, the page's skew, and the reading order of the boxes outside tables (rows, a page in two
columns, a wide gap in a row as a cell border). Pure geometry on boxes and pixels, apart from the
recogniser (ocr.py), so that each can be changed and tested alone.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class OcrLine:
    """A box of text the recogniser found, with its characters' boxes (a table cell takes each
    character by where it stands)."""
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


def cells_text(grid: Grid, lines: list[OcrLine]) -> str:
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


def skew(found) -> float:
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


def rotated(line: OcrLine, angle: float) -> OcrLine:
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


def row_text(row: list[OcrLine]) -> str:
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
