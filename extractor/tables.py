"""Task tables in text (part of the outline stage): a 序号 header, then one item per numbered row.

Copied tables arrive in three shapes: one cell per line, one row per line with tabs between
cells, or a row run together with no separator at all. Cells are mapped to fields by the
header; numbering inside a cell (steps 1. 2.) is never a sub-item.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import labels, patterns, responsibility, segmentation

_UNIT_KINDS = ("lead", "unit", "support")


@dataclass
class Row:
    number: int
    span: tuple[int, int]
    cells: list[tuple[int, int]] = field(default_factory=list)  # spans of the cells after 序号


@dataclass
class Table:
    columns: list[str]
    rows: list[Row]
    text: str = field(repr=False, default="")


def find_tables(text: str, paragraphs) -> tuple[list[list], set[int]]:
    """Tables as lists of items-to-be, and the indices of the paragraphs they consume."""
    tables, used = [], set()
    index = 0
    while index < len(paragraphs):
        columns, after = _header(paragraphs, index)
        if not columns:
            index += 1
            continue
        table, end = _rows(text, paragraphs, after, columns)
        if table.rows:
            tables.append(table)
            used.update(range(index, end))
        index = max(end, index + 1)
    return [[_Pending(table, row) for row in table.rows] for table in tables], used


@dataclass
class _Pending:
    table: Table
    row: Row

    @property
    def span(self):
        return self.row.span


def _header(paragraphs, index: int) -> tuple[list[str], int]:
    text = paragraphs[index].text
    if text == "序号":
        columns, position = ["序号"], index + 1
        while position < len(paragraphs) and labels.column_kind(paragraphs[position].text) not in (None, "number"):
            columns.append(paragraphs[position].text)
            position += 1
        return (columns, position) if len(columns) >= 3 else ([], index)
    columns = labels.table_header_columns(text)
    if len(columns) >= 3:
        return columns, index + 1
    return [], index


def _rows(text: str, paragraphs, start: int, columns: list[str]) -> tuple[Table, int]:
    table = Table(columns, [], text)
    position, expected = start, 1
    width = len(columns) - 1
    while position < len(paragraphs):
        paragraph_index = position
        paragraph = paragraphs[paragraph_index]
        match = patterns.match(rf"^({expected})(?!\d)(?![\.．]\d)[\t ]*", paragraph.text)
        if not match:
            break
        if match.end() == len(paragraph.text):  # one cell per line
            cells, position = [], paragraph_index + 1
            while position < len(paragraphs) and paragraphs[position].text != str(expected + 1):
                if len(cells) >= width and not _continues(paragraphs[position].text):
                    break
                cells.append((paragraphs[position].start, paragraphs[position].end))
                position += 1
        else:
            cells = _cells_of_line(paragraph.start + match.end(), paragraph.text[match.end():], columns)
            position = paragraph_index + 1
        end = cells[-1][1] if cells else paragraph.end
        table.rows.append(Row(expected, (paragraph.start, end), cells))
        expected += 1
    return table, position


def _continues(text: str) -> bool:
    """A line after a full row that still belongs to it: a unit list, not a new paragraph."""
    return responsibility.is_unit_name(text.split("，")[0].split("、")[0]) and len(text) <= 40


def _cells_of_line(offset: int, line: str, columns: list[str]) -> list[tuple[int, int]]:
    if "\t" in line:
        cells, position = [], 0
        for part in line.split("\t"):
            cells.append((offset + position, offset + position + len(part)))
            position += len(part) + 1
        return [cell for cell in cells if cell[1] > cell[0]]
    return [(offset + start, offset + end) for start, end in split_glued_row(line, columns)]


def split_glued_row(line: str, columns: list[str]) -> list[tuple[int, int]]:
    """A row run together: units found at the end by their names, the title cut before the
    first content verb, the rest content."""
    kinds = [(labels.column_kind(column) or "other") for column in columns]
    cells: list[tuple[int, int]] = []
    end = len(line)
    if any(kind in _UNIT_KINDS for kind in kinds):
        units = _glued_units(line)
        if units:
            end = units[0][0]
            cells = units
    body: list[tuple[int, int]] = [(0, end)]
    if "title" in kinds and "content" in kinds:
        split = _content_start(line[:end])
        if split:
            body = [(0, split), (split, end)]
    return body + cells


def _content_start(text: str) -> int | None:
    verbs = set(patterns.load("tables")["content_starts"])
    position = 0
    for word in segmentation.words(text):
        if word in verbs and 4 <= position <= 20:
            return position
        if not patterns.match(r"\p{Han}", word):
            return None
        position += len(word)
    return None


def _glued_units(line: str) -> list[tuple[int, int]]:
    """Spans of the unit names that end the line, glued one to the next."""
    unit = patterns.load("tables")["unit_name"]
    tail = patterns.compiled(rf"(?:{unit})+$").search(line)
    if tail is None or tail.start() == 0:
        return []
    return [match.span() for match in patterns.compiled(unit).finditer(line, tail.start())]


def table_items(pending: list[_Pending], section: int):
    from .outline import Item

    items = []
    for entry in pending:
        row = entry.row
        if not row.cells:  # a row cut off after its number
            continue
        fields = _map_cells(entry.table.columns, row.cells, entry.table.text)
        units_lead, units_other = [], []
        for kind in _UNIT_KINDS:
            for start, end in fields.get(kind, []):
                units = responsibility.split_units(entry.table.text[start:end])
                (units_lead if kind == "lead" else units_other).extend(units)
        content = fields.get("content") or fields.get("title") or row.cells[:1]
        title_cells = fields.get("title")
        source = entry.table.text
        if title_cells:
            title = source[title_cells[0][0]:title_cells[0][1]]
        else:
            title = patterns.split(r"[，。；,;：]", source[content[0][0]:content[0][1]], maxsplit=1)[0]
        span = (content[0][0], content[-1][1]) if content else row.span
        items.append(Item(section, [row.number], title.strip(), span,
                          responsibility.ordered(units_lead, units_other), list(content)))
    return items


def _map_cells(columns: list[str], cells: list[tuple[int, int]], text: str) -> dict[str, list]:
    """Cells → column kinds. Unit cells are recognised by their names; the rest fill the other
    columns in order, extra lines joining the content column."""
    kinds = [(labels.column_kind(column) or "other") for column in columns[1:]]
    unit_kinds = [kind for kind in kinds if kind in _UNIT_KINDS]
    other_kinds = [kind for kind in kinds if kind not in _UNIT_KINDS]
    fields: dict[str, list] = {}
    unit_cells = []
    rest = []
    for cell in cells:
        value = text[cell[0]:cell[1]]
        parts = responsibility.split_units(value)
        if unit_kinds and parts and all(responsibility.is_unit_name(p) for p in parts) and not patterns.search(r"\d", value):
            unit_cells.append(cell)
        else:
            rest.append(cell)
    for kind, cell in zip(unit_kinds, unit_cells):
        fields.setdefault(kind, []).append(cell)
    for cell in unit_cells[len(unit_kinds):]:
        fields.setdefault(unit_kinds[-1], []).append(cell)
    if not other_kinds:
        return fields
    content_index = other_kinds.index("content") if "content" in other_kinds else len(other_kinds) - 1
    before = other_kinds[:content_index]
    after = other_kinds[content_index + 1:]
    for kind, cell in zip(before, rest):
        fields.setdefault(kind, []).append(cell)
    remaining = rest[len(before):]
    tail = remaining[len(remaining) - len(after):] if after and len(remaining) > len(after) else []
    middle = remaining[: len(remaining) - len(tail)]
    if middle:
        fields[other_kinds[content_index]] = middle
    for kind, cell in zip(after, tail):
        fields.setdefault(kind, []).append(cell)
    return fields
