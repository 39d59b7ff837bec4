"""Where the text of a scanned page stands: ruled tables found by their rules and read cell by
cell, the page's skew, and the reading order of the boxes outside tables (rows, a page in two
columns, a wide gap in a row as a cell border). Pure geometry on boxes and pixels, apart from the
recogniser (ocr.py), so that each can be changed and tested alone.
"""

from __future__ import annotations

import bisect
import math
import re
import statistics
from dataclasses import dataclass, field

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


def laid_out(lines: list[OcrLine], gray, angle: float, read_again=None) -> list[str]:
    """The page's text, line by line in reading order: the page (grey levels) and its boxes are
    straightened first, by `angle` (radians, the skew of its lines), so that a table's rules run
    along the rows and columns they border; then each ruled table is read cell by cell and the
    boxes outside tables row by row; a table without rules is found by its columns.
    `read_again(image)`, the recogniser on a piece of the page (grey levels), gives the boxes of
    text in it: a ruled table's cell holding ink nothing was read of is read again alone."""
    import cv2

    height, width = gray.shape
    if angle:
        turn = cv2.getRotationMatrix2D((width / 2, height / 2), math.degrees(angle), 1.0)
        gray = cv2.warpAffine(gray, turn, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)
        lines = [_turned(line, turn) for line in lines]
    grids = ruled_tables(gray)
    in_tables = [[line for line in lines if grid.holds(line)] for grid in grids]
    blocks = []
    for grid, held in zip(grids, in_tables):
        again = {}
        if read_again is not None and held:
            text_height = statistics.median(line.height for line in held)
            again = {place: _read_cell(read_again, gray, box, text_height)
                     for place, box in unread_cells(grid, held, gray, text_height).items()}
        if held:
            blocks.append((grid.top, cells_text(grid, held, again)))
    held_anywhere = {id(line) for held in in_tables for line in held}
    free = [line for line in lines if id(line) not in held_anywhere]
    for table in column_tables(free):
        blocks.append((table.top, table.text()))
        held_anywhere |= {id(line) for row in table.rows for line in row}
    free = [line for line in free if id(line) not in held_anywhere]
    # the rows in reading order (a page in two columns column by column), each table where it stands
    texts = [(min(line.top for line in row), row_text(row)) for row in reading_order(free, width)]
    for top, text in sorted(blocks):
        texts.insert(next((index for index, (other, _) in enumerate(texts) if other > top), len(texts)), (top, text))
    return [text for _, text in texts]


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
    horizontal = [rule for rule in horizontal if rule.inked > width // 5 and _on_paper(gray, rule, 0, paper)]
    vertical = [rule for rule in vertical if (rule.inked > height // 15 or _between_rules(rule, horizontal, tolerance))
                and _on_paper(gray, rule, 1, paper)]
    slack = max(10, width // 30)  # how far the ends of one table's rules may differ
    grids = []
    for rows in _stacked(horizontal, slack):
        left, right = statistics.median(rule.left for rule in rows), statistics.median(rule.right for rule in rows)
        inside = [rule for rule in vertical if left - slack <= rule.middle <= right + slack]
        for part, columns in _crossed(rows, inside):
            column_positions = _merged(sorted(round(rule.middle) for rule in columns))
            if len(column_positions) >= 3:
                grids.append(Grid(tuple(column_positions), tuple(_merged([round(rule.middle) for rule in part]))))
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


def _between_rules(rule: "Rule", horizontal: list["Rule"], tolerance: int) -> bool:
    """A short vertical stroke is a rule where it runs from one horizontal rule to the next (the
    borders of a table of one row, a header set apart)."""
    def meets(y: float) -> bool:
        return any(abs(y - other.middle) <= 2 * tolerance and other.left <= rule.middle <= other.right
                   for other in horizontal)
    return rule.inked >= 0.8 * (rule.bottom - rule.top) and meets(rule.top) and meets(rule.bottom)


def _crossed(rows: list["Rule"], vertical: list["Rule"]) -> list[tuple[list["Rule"], list["Rule"]]]:
    """The rows cut into tables by the vertical rules inked across each space between two of them:
    a table's rows share its columns. Two tables of one width with text between them are two,
    even where the pieces of their sides were joined across the gap (no ink there), and so are
    two tables of other columns one under the other. Each part with the rules that border its
    columns."""
    parts: list[tuple[list[Rule], list[Rule]]] = []
    previous = None
    for upper, lower in zip(rows, rows[1:]):
        span = lower.middle - upper.middle
        across = [rule for rule in vertical if rule.inked_within(upper.middle, lower.middle) >= 0.5 * span]
        crossing = frozenset(id(rule) for rule in across)
        if crossing and crossing == previous:
            parts[-1][0].append(lower)
        else:
            parts.append(([upper, lower], across))
        previous = crossing
    return parts


@dataclass
class Rule:
    """A ruled line, put together from the pieces of it that were found."""
    left: int
    top: int
    right: int
    bottom: int
    inked: int  # its length where ink was found (less than its extent where gaps broke it)
    middle: float  # where it stands across: its y if horizontal, x if vertical
    pieces: list = field(default_factory=list)  # where along it ink was found: (start, end) of each piece

    def inked_within(self, start: float, end: float) -> float:
        """How much of it between `start` and `end` (along it) is inked."""
        return sum(max(0.0, min(to, end) - max(since, start)) for since, to in self.pieces)


def _strokes(cv2, ink, size) -> list[tuple[int, int, int, int]]:
    """The boxes of the strokes of at least `size`: each piece's outer outline (the outlines of
    holes left out), which OpenCV traces in a twentieth of the time of labelling every pixel."""
    opened = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, size))
    outlines, hierarchy = cv2.findContours(opened, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    boxes = [cv2.boundingRect(outline) for outline, (*_, parent) in zip(outlines, hierarchy[0])
             if parent < 0] if outlines else []
    return sorted((x, y, x + w, y + h) for x, y, w, h in boxes)


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
                rule.pieces.append((piece[axis], piece[2 + axis]))
                break
        else:
            along = (piece[axis], piece[2 + axis])
            rules.append((Rule(*piece, along[1] - along[0], across, [along]), [across]))
    return [rule for rule, _ in rules]


def _merged(positions: list[int], least: int = 12) -> list[int]:
    """A rule drawn twice or a thick one counts once."""
    merged: list[int] = []
    for position in positions:
        if merged and position - merged[-1] < least:
            continue
        merged.append(position)
    return merged


def cells_text(grid: Grid, lines: list[OcrLine], again: dict | None = None) -> str:
    """The table as tab-separated rows: each character in the cell its middle falls in, a cell's
    lines top to bottom (a box that runs over a rule is cut there). `again` holds cells read
    again alone (their boxes): what they read there replaces the page's reading where it holds
    more characters."""
    cells: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
    for line in lines:
        for character, left, top, right, bottom in _characters(line):
            place = grid.cell((left + right) / 2, (top + bottom) / 2)
            if place is not None:
                cells.setdefault(place, []).append((line.middle, left, character))
    for place, read in (again or {}).items():
        characters = [(line.middle, left, character) for line in read for character, left, *_ in _characters(line)]
        if len(characters) > len(cells.get(place, [])):
            cells[place] = characters
    rows = []
    for row in range(len(grid.rows) - 1):
        texts = []
        for column in range(len(grid.columns) - 1):
            held = cells.get((row, column), [])
            texts.append("".join(character for _, _, character in _in_lines(held)))
        if any(texts):
            rows.append("\t".join(texts))
    return "\n".join(rows)


def unread_cells(grid: Grid, lines: list[OcrLine], gray,
                 text_height: float) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """Cells of a ruled table holding a mark of a character's size (a speck is none, nor the edge
    of a rule) that no recognised box covers, each with the box of its inside (left, top, right,
    bottom; its rules left out). The recogniser passes over a lone narrow glyph beside a rule:
    the 1 of a table's first row, 一、 alone on a line in a narrow cell."""
    import cv2

    margin = max(4, round(0.15 * text_height))
    found = {}
    for row in range(len(grid.rows) - 1):
        for column in range(len(grid.columns) - 1):
            left, right = int(grid.columns[column]) + margin, int(grid.columns[column + 1]) - margin
            top, bottom = int(grid.rows[row]) + margin, int(grid.rows[row + 1]) - margin
            if right - left < text_height / 2 or bottom - top < text_height / 2:
                continue
            inside = gray[top:bottom, left:right]
            ink = (inside < 0.6 * float(numpy.median(inside))).astype(numpy.uint8)  # darker than the cell's paper
            count, _, stats, _ = cv2.connectedComponentsWithStats(ink)
            for x, y, width, height, _ in stats[1:count]:
                if max(width, height) < 0.4 * text_height or (max(width, height) > 2 * text_height and
                                                            min(width, height) < 0.2 * text_height):
                    continue
                x, y = left + x + width / 2, top + y + height / 2
                if not any(line.left - 2 <= x <= line.right + 2 and line.top - 2 <= y <= line.bottom + 2
                           for line in lines):
                    found[(row, column)] = (left, top, right, bottom)
                    break
    return found


def _read_cell(read_again, gray, box: tuple[int, int, int, int], text_height: float) -> list[OcrLine]:
    """The boxes of text read in a cell alone, set on white (the recogniser finds no text at an
    image's edge), in the page's place."""
    import cv2

    left, top, right, bottom = box
    pad = round(text_height)
    piece = cv2.copyMakeBorder(numpy.ascontiguousarray(gray[top:bottom, left:right]), pad, pad, pad, pad,
                               cv2.BORDER_CONSTANT, value=255)
    return [_shifted(line, left - pad, top - pad) for line in read_again(piece)]


def _shifted(line: OcrLine, x: float, y: float) -> OcrLine:
    characters = tuple((character, left + x, top + y, right + x, bottom + y)
                       for character, left, top, right, bottom in line.characters)
    return OcrLine(line.text, line.confidence, line.left + x, line.top + y, line.right + x, line.bottom + y, characters)


def _in_lines(held: list[tuple[float, float, str]]) -> list[tuple[float, float, str]]:
    """Characters of one cell in reading order: by line (their lines' middles), then left to right."""
    ordered: list[list[tuple[float, float, str]]] = []
    for entry in sorted(held):
        if ordered and abs(entry[0] - ordered[-1][0][0]) < 8:
            ordered[-1].append(entry)
        else:
            ordered.append([entry])
    return [entry for line in ordered for entry in sorted(line, key=lambda entry: entry[1])]


# ---- tables without rules -----------------------------------------------------------------------

@dataclass(frozen=True)
class ColumnTable:
    """A table set without rules: the x of the borders between its columns, and its rows, each
    the boxes of text it holds (a cell wrapped over several lines is one row)."""
    borders: tuple[float, ...]
    rows: tuple[tuple[OcrLine, ...], ...]

    @property
    def top(self) -> float:
        return min(line.top for line in self.rows[0])

    def text(self) -> str:
        """Tab-separated rows, as a ruled table is read: each character in the column it stands in."""
        texts = []
        for row in self.rows:
            cells: list[list[tuple[float, float, str]]] = [[] for _ in range(len(self.borders) + 1)]
            for line in row:
                for character, left, _, right, _ in _characters(line):
                    cells[bisect.bisect(self.borders, (left + right) / 2)].append((line.middle, left, character))
            texts.append("\t".join("".join(character for _, _, character in _in_lines(held)) for held in cells))
        return "\n".join(texts)


# A row's own number in a table's first column: 1, 12、, 三.
_ROW_NUMBER = re.compile(r"[0-9一二三四五六七八九十]{1,3}[.．、]?")


def column_tables(lines: list[OcrLine]) -> list[ColumnTable]:
    """Tables set without rules: runs of rows whose words leave the same bands of the page empty,
    two at least (three columns), with at least two rows holding text in three of them. Running
    text fills its lines, so no band stays empty down several of them; a short line that would
    close a band is no row of the table (a heading or a note after it)."""
    if not lines:
        return []
    height = statistics.median(line.height for line in lines)
    least = 0.6 * height  # the narrowest gap between columns: gaps inside a line of text are narrower
    rows = _rows(lines)
    tables, start = [], 0
    while start < len(rows):
        taken, gaps = _aligned_rows(rows, start, height, least)
        borders = [(left + right) / 2 for left, right in gaps]
        if sum(1 for row in taken if len(_filled(row, borders)) >= 3) >= 2:
            tables.append(ColumnTable(tuple(borders), tuple(_table_rows(taken, borders, height))))
            start += len(taken)
        else:
            start += 1
    return tables


def _aligned_rows(rows: list[list[OcrLine]], start: int, height: float, least: float):
    """The rows from `start` on that keep two or more bands empty between their words, and the
    bands (left, right). A row of three parts or more may narrow the bands or close one (a gap
    inside a header cell), a shorter row may not; a gap of two lines' height ends the table."""
    inked = _inked(rows[start], least)
    gaps = _gaps(inked, least)
    if len(gaps) < 2:
        return [rows[start]], []
    taken = [rows[start]]
    for row in rows[start + 1:]:
        if min(line.top for line in row) - max(line.bottom for line in taken[-1]) > 2 * height:
            break
        own = _inked(row, least)
        widened = _gaps(inked + own, least)
        if len(widened) < 2 or (len(own) < 3 and len(widened) < len(gaps)):
            break
        taken.append(row)
        inked, gaps = inked + own, widened
    return taken, gaps


def _characters(line: OcrLine) -> tuple:
    return line.characters or ((line.text, line.left, line.top, line.right, line.bottom),)


def _inked(row: list[OcrLine], least: float) -> list[tuple[float, float]]:
    """Where a row has ink across: its characters' extents, joined where less than `least` apart."""
    spans: list[list[float]] = []
    for left, right in sorted((left, right) for line in row for _, left, _, right, _ in _characters(line)):
        if spans and left - spans[-1][1] < least:
            spans[-1][1] = max(spans[-1][1], right)
        else:
            spans.append([left, right])
    return [(left, right) for left, right in spans]


def _gaps(inked: list[tuple[float, float]], least: float) -> list[tuple[float, float]]:
    """The bands at least `least` wide between the inked spans that none of them covers."""
    gaps, reach = [], None
    for left, right in sorted(inked):
        if reach is not None and left - reach >= least:
            gaps.append((reach, left))
        reach = right if reach is None else max(reach, right)
    return gaps


def _filled(row: list[OcrLine], borders: list[float]) -> dict[int, tuple[str, float]]:
    """The columns a row has text in: each column's text and where it ends on the right."""
    filled: dict[int, tuple[str, float]] = {}
    for line in row:
        for character, left, _, right, _ in _characters(line):
            column = bisect.bisect(borders, (left + right) / 2)
            text, end = filled.get(column, ("", right))
            filled[column] = (text + character, max(end, right))
    return filled


def _table_rows(rows: list[list[OcrLine]], borders: list[float], height: float) -> list[tuple[OcrLine, ...]]:
    """Lines grouped into the table's rows, cells set at the top of their rows: a line starts a row
    where its first column holds the row's number or begins a cell (the text above it there does not
    run to the column's edge), where it has text in a column the line above left empty, or where
    it stands further below the line above than the lines of one cell do (the cells' padding)."""
    fills = [_filled(row, borders) for row in rows]
    first_edge = max((filled[0][1] for filled in fills if 0 in filled), default=0.0)
    spaces = [min(line.top for line in row) - max(line.bottom for line in above) for above, row in zip(rows, rows[1:])]
    closest = min(spaces, default=0.0)
    grouped: list[list[OcrLine]] = []
    for row, filled, above, space in zip(rows, fills, [None, *fills], [None, *spaces]):
        starts = above is None or any(column not in above for column in filled) or space > closest + 0.25 * height
        if 0 in filled and not starts:
            wrapped = 0 in above and above[0][1] >= first_edge - height
            starts = bool(_ROW_NUMBER.fullmatch(filled[0][0])) or not wrapped
        if starts:
            grouped.append([])
        grouped[-1].extend(row)
    return [tuple(group) for group in grouped]


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
