"""Where the text of a scanned page stands: ruled tables found by their rules and read cell by
cell, the page's skew, and the reading order of the boxes outside tables (rows, a page in two
columns, a wide gap in a row as a cell border). Pure geometry on boxes and pixels, apart from the
recogniser (ocr.py), so that each can be changed and tested alone.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

import numpy


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


def laid_out(lines: list[OcrLine], gray, angle: float) -> list[str]:
    """The page's text, line by line in reading order: the page (grey levels) and its boxes are
    straightened first, by `angle` (radians, the skew of its lines), so that a table's rules run
    along the rows and columns they border; then each ruled table is read cell by cell and the
    boxes outside tables row by row."""
    import cv2

    height, width = gray.shape
    if angle:
        turn = cv2.getRotationMatrix2D((width / 2, height / 2), math.degrees(angle), 1.0)
        gray = cv2.warpAffine(gray, turn, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)
        lines = [_turned(line, turn) for line in lines]
    grids = ruled_tables(gray)
    in_tables = [[line for line in lines if grid.holds(line)] for grid in grids]
    blocks = [(grid.top, cells_text(grid, held)) for grid, held in zip(grids, in_tables) if held]
    held_anywhere = {id(line) for held in in_tables for line in held}
    free = [line for line in lines if id(line) not in held_anywhere]
    for row in reading_order(free, width):
        blocks.append((min(line.top for line in row), row_text(row)))
    blocks.sort(key=lambda block: block[0])
    return [text for _, text in blocks]


def _turned(line: OcrLine, turn) -> OcrLine:
    """The line's box and its characters' boxes moved by the affine map `turn` (their sizes kept)."""
    def moved(left, top, right, bottom):
        x, y = (left + right) / 2, (top + bottom) / 2
        new_x = turn[0][0] * x + turn[0][1] * y + turn[0][2]
        new_y = turn[1][0] * x + turn[1][1] * y + turn[1][2]
        half_width, half_height = (right - left) / 2, (bottom - top) / 2
        return new_x - half_width, new_y - half_height, new_x + half_width, new_y + half_height

    characters = tuple((character, *moved(*box)) for character, *box in line.characters)
    return OcrLine(line.text, line.confidence, *moved(line.left, line.top, line.right, line.bottom), characters)


def ruled_tables(gray) -> list[Grid]:
    """Tables drawn with rules on a straight page (grey levels, 0 black): long horizontal and
    vertical strokes found by a morphological opening (OpenCV), pieces of one rule joined across
    the gaps a seal, a speck of white or a faint stretch leaves in it, grouped where they cross."""
    import cv2

    height, width = gray.shape
    ink = cv2.adaptiveThreshold(255 - gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -10)
    tolerance = max(3, width // 300)  # how far the pieces of one rule may stand off its line
    horizontal = _joined(_strokes(cv2, ink, (max(20, width // 40), 1)), 0, width // 15, tolerance)
    vertical = _joined(_strokes(cv2, ink, (1, max(20, height // 60))), 1, height // 25, tolerance)
    paper = float(numpy.median(gray))
    vertical = [rule for rule in vertical if rule.inked > height // 15 and _on_paper(gray, rule, 1, paper)]
    horizontal = [rule for rule in horizontal if rule.inked > width // 5 and _on_paper(gray, rule, 0, paper)]
    slack = max(10, width // 30)  # how far the ends of one table's rules may differ
    grids = []
    for rows in _stacked(horizontal, slack):
        left, right = statistics.median(rule.left for rule in rows), statistics.median(rule.right for rule in rows)
        inside = [rule for rule in vertical if left - slack <= rule.middle <= right + slack]
        for part in _crossed(rows, inside, slack):
            top, bottom = part[0].middle, part[-1].middle
            columns = [rule for rule in inside if min(rule.bottom, bottom) - max(rule.top, top) >= 0.5 * (bottom - top)]
            row_positions = _merged([round(rule.middle) for rule in part])
            column_positions = _merged(sorted(round(rule.middle) for rule in columns))
            if len(column_positions) >= 3 and len(row_positions) >= 2:
                grids.append(Grid(tuple(column_positions), tuple(row_positions)))
    return grids


def _on_paper(gray, rule: "Rule", axis: int, paper: float) -> bool:
    """Paper on both sides of the rule: the edge of the sheet in a photo, the desk beyond it, is none."""
    offset = max(4, gray.shape[1] // 150)
    if axis == 0:
        sides = [gray[max(0, rule.top - offset), rule.left:rule.right],
                 gray[min(gray.shape[0] - 1, rule.bottom + offset), rule.left:rule.right]]
    else:
        sides = [gray[rule.top:rule.bottom, max(0, rule.left - offset)],
                 gray[rule.top:rule.bottom, min(gray.shape[1] - 1, rule.right + offset)]]
    return all(side.size and float(numpy.median(side)) >= 0.75 * paper for side in sides)


def _stacked(horizontal: list["Rule"], slack: int) -> list[list["Rule"]]:
    """Horizontal rules one above another that start and end together (within `slack`): the rows
    of one table, top to bottom. A rule across part of a table (under a merged cell) is none, nor
    is one with more gaps than ink."""
    groups: list[list[Rule]] = []
    for rule in sorted(horizontal, key=lambda rule: rule.middle):
        for group in groups:
            if abs(rule.left - group[0].left) <= slack and abs(rule.right - group[0].right) <= slack:
                if rule.inked >= 0.7 * (rule.right - rule.left):
                    group.append(rule)
                break
        else:
            groups.append([rule])
    return [group for group in groups if len(group) >= 2]


def _crossed(rows: list["Rule"], vertical: list["Rule"], slack: int) -> list[list["Rule"]]:
    """The rows cut where no vertical rule joins one to the next: two tables of one width, with
    text between them, are two."""
    parts = [[rows[0]]]
    for upper, lower in zip(rows, rows[1:]):
        if any(rule.top <= upper.middle + slack and rule.bottom >= lower.middle - slack for rule in vertical):
            parts[-1].append(lower)
        else:
            parts.append([lower])
    return [part for part in parts if len(part) >= 2]


@dataclass
class Rule:
    """A ruled line, put together from the pieces of it that were found."""
    left: int
    top: int
    right: int
    bottom: int
    inked: int  # its length where ink was found (less than its extent where gaps broke it)
    middle: float  # where it stands across: its y if horizontal, x if vertical


def _strokes(cv2, ink, size) -> list[tuple[int, int, int, int]]:
    opened = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, size))
    count, _, stats, _ = cv2.connectedComponentsWithStats(opened)
    return [(int(x), int(y), int(x + w), int(y + h)) for x, y, w, h, _ in stats[1:count]]


def _joined(pieces: list[tuple[int, int, int, int]], axis: int, gap: int, tolerance: int) -> list[Rule]:
    """Pieces of one rule made one: along `axis` (0 horizontal, 1 vertical) less than `gap` apart
    and standing on its line within `tolerance` (a rule left a little slanted steps aside)."""
    rules: list[tuple[Rule, list[float]]] = []  # each with where its pieces stand across
    for piece in sorted(pieces, key=lambda piece: piece[axis]):
        across = (piece[1 - axis] + piece[3 - axis]) / 2
        for rule, stands in rules:
            end = rule.right if axis == 0 else rule.bottom
            if piece[axis] - end <= gap and abs(across - stands[-1]) <= tolerance:
                rule.inked += max(0, piece[2 + axis] - max(piece[axis], end))  # overlaps count once
                rule.left, rule.top = min(rule.left, piece[0]), min(rule.top, piece[1])
                rule.right, rule.bottom = max(rule.right, piece[2]), max(rule.bottom, piece[3])
                stands.append(across)
                rule.middle = statistics.mean(stands)
                break
        else:
            rules.append((Rule(*piece, piece[2 + axis] - piece[axis], across), [across]))
    return [rule for rule, _ in rules]


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
